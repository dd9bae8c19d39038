"""The closing-paragraph test of the segmenter (extract/structure.py) and its first-word
shortcut, checked against the plain version on every text of the corpus."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from dondoc.core.text import SourceText
from dondoc.extract import SOURCE_ENV
from dondoc.extract.lines import mark_noise, split_lines
from dondoc.extract.pipeline import extract
from dondoc.extract.structure import _ahead, _may_close, is_closing_text
from tests.support.texts import header

MADEUP = Path(__file__).resolve().parents[2] / "golden" / "madeup"


def test_the_first_word_shortcut_spares_no_closing(shared_dir: Path) -> None:
    # a line whose first word no closing opens with is spared the patterns that read the
    # lines ahead: on every text we hold, each line the plain test calls a closing passes it
    paths = [*sorted((shared_dir / "corpus").glob("*/*.txt")), *sorted(MADEUP.glob("*.txt"))]
    assert len(paths) > 80
    closings = 0
    for path in paths:
        lines = split_lines(path.read_text(encoding="utf-8"))
        mark_noise(lines)
        for i, ln in enumerate(lines):
            if ln.kind == "text" and is_closing_text(_ahead(lines, i)):
                closings += 1
                assert _may_close(ln.text), (path.name, ln.text)
    assert closings > 20


def test_a_closing_that_names_the_document_wraps_over_lines() -> None:
    lines = split_lines(
        "Yêu cầu Thủ trưởng các sở, ban, ngành, Chủ tịch Ủy ban nhân dân các huyện nghiêm túc\n"
        "triển khai thực hiện Chỉ thị này./.\n"
    )
    assert not is_closing_text(lines[0].text)
    assert is_closing_text(_ahead(lines, 0))


def test_the_closing_sentence_words_spare_no_cut(shared_dir: Path) -> None:
    # a task text without any of the closing sentence's words is spared its pattern: on every
    # paragraph we hold (and each with a closing sentence glued on), the pattern alone finds
    # nothing the word test would have spared
    from dondoc.extract.tasks import _closing_sentence, _may_hold_closing

    paths = [*sorted((shared_dir / "corpus").glob("*/*.txt")), *sorted(MADEUP.glob("*.txt"))]
    glued = (
        " Văn phòng Ủy ban nhân dân tỉnh thông báo để các cơ quan biết./.",
        "; Bộ Y tế trân trọng cảm ơn sự phối hợp của Quý Ủy ban./.",
        ". TRÊN ĐÂY LÀ KẾ HOẠCH CỦA ỦY BAN NHÂN DÂN TỈNH./.",
        ". Ban Thường vụ Huyện ủy thông báo để các tổ chức đảng biết, thực hiện.",
    )
    found = 0
    for path in paths:
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            for text in (paragraph, *(paragraph.rstrip(" .") + g for g in glued)):
                if _closing_sentence().search(text) is not None:
                    found += 1
                    assert _may_hold_closing(text), (path.name, text[-120:])
    assert found > 1000


def test_the_word_test_before_reading_a_non_task_section_spares_no_task(shared_dir: Path) -> None:
    """`_may_hand_work` skips reading a purpose or criteria section's items when no word of
    theirs can hand work on: on every text we hold, reading them all gives the same tasks.
    Run from source (a compiled module calls its functions directly, past any patch)."""
    script = f"""
import sys
from pathlib import Path
from dondoc.core.contract import to_json
from dondoc.core.text import SourceText
from dondoc.extract import COMPILED, tasks
from dondoc.extract.pipeline import extract
assert not COMPILED
paths = [*sorted(Path({str(shared_dir / "corpus")!r}).glob("*/*.txt"))]
paths += sorted(Path({str(MADEUP)!r}).glob("*.txt"))
texts = [p.read_text(encoding="utf-8") for p in paths]
quick = [to_json(extract(SourceText(t))) for t in texts]
calls = []
tasks._may_hand_work = lambda block: calls.append(1) or True
assert [to_json(extract(SourceText(t))) for t in texts] == quick
assert len(calls) > 20, len(calls)
"""
    env = {**os.environ, SOURCE_ENV: "1"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_the_issuers_follow_up_paragraph_after_the_last_item_is_its_closing() -> None:
    # a Word file's letter: a paragraph a line, no blank line between the last item and the
    # issuer handing on the follow-up of the whole letter (CONVENTIONS rule 3: no task)
    head = header("512/BYT-DP", kind="", title="").replace("ỦY BAN NHÂN DÂN\nTỈNH AN HÒA", "BỘ Y TẾ")
    body = (
        "Bộ Y tế đề nghị Ủy ban nhân dân các tỉnh chỉ đạo thực hiện:\n"
        "a) Giám sát chặt chẽ các ổ dịch.\n"
        "b) Báo cáo tình hình dịch bệnh về Bộ Y tế (qua Cục Phòng bệnh) trước 16 giờ thứ Sáu hằng tuần.\n"
        "Bộ Y tế giao Cục Phòng bệnh theo dõi, hướng dẫn các địa phương triển khai; tổng hợp, báo cáo\n"
        "Lãnh đạo Bộ định kỳ hằng tháng.\n"
        "Trân trọng./.\n"
    )
    e = extract(SourceText(head + body))
    assert e.meta.issuer == "BỘ Y TẾ"
    assert [t.lead for t in e.tasks] == [("Ủy ban nhân dân các tỉnh",), ("Ủy ban nhân dân các tỉnh",)]
    assert e.tasks[-1].text.endswith("hằng tuần.")
    # another body's words in the last item's paragraph stay the item's ("Ủy ban nhân dân
    # tỉnh giao …" in the Ministry's letter is no closing of the Ministry's)
    e = extract(
        SourceText(head + body.replace("Bộ Y tế giao Cục Phòng bệnh", "Ủy ban nhân dân tỉnh giao Sở Y tế"))
    )
    assert "Sở Y tế" in e.tasks[-1].lead


def test_the_issuer_notifying_for_others_to_know_closes_the_body() -> None:
    """ "Ban Thường vụ Huyện ủy thông báo để các tổ chức đảng … biết, thực hiện." after the
    last item (its own line or glued to it) is the closing, not that item's second lead; a
    plural of such bodies notifying people is work ("Ủy ban nhân dân các xã thông báo đến
    người dân biết …")."""
    body = (
        "Ban Thường vụ Huyện ủy kết luận như sau:\n"
        "1. Ủy ban nhân dân huyện: Chỉ đạo thu hoạch lúa vụ Xuân, hoàn thành trước ngày 30/5/2027.\n"
        "2. Đảng ủy các xã, thị trấn: Lãnh đạo tổ chức Đại hội Chi bộ, hoàn thành trong tháng 6/2027.\n"
    )
    closing = "Ban Thường vụ Huyện ủy thông báo để các tổ chức đảng, cơ quan, đơn vị biết, thực hiện.\n"
    for text in (body + closing, body.rstrip("\n") + " " + closing):
        e = extract(SourceText(header("215-TB/HU", kind="THÔNG BÁO", title="Kết luận") + text))
        assert e.tasks[-1].lead == ("Đảng ủy các xã, thị trấn",)
        assert e.tasks[-1].text.endswith("tháng 6/2027.")
    assert is_closing_text("Thường trực Tỉnh ủy xin thông báo để các cấp ủy biết và thực hiện.")
    assert not is_closing_text("Ủy ban nhân dân các xã thông báo đến người dân biết lịch tiêm chủng.")
    assert not is_closing_text(
        "Ủy ban nhân dân huyện thông báo đến nhân dân về kế hoạch giải phóng mặt bằng."
    )
