"""PDF layout cases the corpus PDFs do not have, drawn with tests.support.pdfmake."""

from __future__ import annotations

from pathlib import Path

import pytest

from dondoc.config import Settings
from dondoc.extract.pipeline import extract
from dondoc.ingest.reader import read_document
from tests.support.pdfmake import FONT, Put, lines_from, make_pdf

pytestmark = pytest.mark.skipif(not FONT.exists(), reason="fonts-dejavu-core is installed by scripts/setup")

HEAD = [
    "THÀNH ỦY CẦN THƠ",
    "Trong Quý IV năm 2024, các cấp ủy đảng, chính quyền tập trung thực hiện các nhiệm vụ sau:",
    "- Tập trung lãnh đạo hoàn thành các mục tiêu của Nghị quyết nhiệm vụ năm 2024.",
    "- Tiếp tục chỉ đạo rà soát, kiểm tra các dự án ngoài ngân sách đã có chủ trương đầu tư",
]


def _footnote_page() -> list[Put]:
    puts = lines_from(780, HEAD)
    y = 780 - 18 * len(HEAD)
    # the superscript marker right after "đầu tư", raised and small, as Word sets it
    puts.append(Put("1", 60 + 11 * 0.5 * 78, y + 18 + 5, 7))
    puts.append(Put("; đẩy nhanh tiến độ thực hiện các dự án trọng điểm.", 60, y))
    puts.append(
        Put("- Tăng cường công tác kiểm tra, giám sát việc thực hiện nhiệm vụ được giao.", 60, y - 18)
    )
    # the note at the page foot: its number and its text, both smaller than the body
    puts.append(Put("1", 60, 80, 7))
    puts.append(Put("Qua rà soát, nếu đảm bảo đúng quy định của pháp luật thì đôn đốc thực hiện.", 66, 78, 9))
    return puts


def test_footnote_marker_and_note_read_by_font_size(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "foot.pdf", [_footnote_page()])
    text = read_document(pdf, Settings()).source.text
    assert "đầu tư[1]" in text
    assert "\n[1] Qua rà soát" in text


def test_footnote_is_attached_to_its_task_not_to_the_last_one(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "foot.pdf", [_footnote_page()])
    doc = read_document(pdf, Settings())
    tasks = extract(doc.source).tasks
    assert len(tasks) == 3
    cites, last = tasks[1], tasks[2]
    assert "[1]" not in cites.text and "đầu tư; đẩy nhanh" in cites.text
    assert cites.notes == ("Qua rà soát, nếu đảm bảo đúng quy định của pháp luật thì đôn đốc thực hiện.",)
    assert "Qua rà soát" not in last.text and not last.notes


def test_small_numbers_that_are_not_notes_stay(tmp_path: Path) -> None:
    # a line in the body set in the body size keeps its numbers ("năm 2024", "1.")
    pdf = make_pdf(
        tmp_path / "plain.pdf", [lines_from(780, [*HEAD[:2], "1. Hoàn thành 100% kế hoạch năm 2024."])]
    )
    text = read_document(pdf, Settings()).source.text
    assert "1. Hoàn thành 100% kế hoạch năm 2024." in text
    assert "[1]" not in text
