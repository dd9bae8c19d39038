"""Hand-made documents for shapes the corpus lacks (tests/golden/cases)."""

from __future__ import annotations

from pathlib import Path

from dondoc.core.contract import to_dict
from dondoc.extract.pipeline import extract
from dondoc.ingest.text_reader import read_text_file

CASES = Path(__file__).parent / "cases"


def test_letter_with_kinh_gui_and_paragraph_per_line() -> None:
    """A công văn: no type word but a 'V/v' subject, 'Kính gửi' addressees, one line per paragraph."""
    data = to_dict(extract(read_text_file(CASES / "letter-kinh-gui.txt")))
    doc = data["doc"]
    assert (doc["type"], doc["number"], doc["date"]) == ("Công văn", "2882/UBND-KTTH", "2021-08-16")
    assert doc["title"] == "triển khai thực hiện kết luận của Thường trực Tỉnh ủy"
    assert doc["addressees"] == [
        "Các sở, ban ngành, đơn vị thuộc tỉnh",
        "Ủy ban nhân dân các huyện, thành phố",
    ]
    assert doc["signer"] == "Nguyễn Hữu Tháp"
    tasks = data["tasks"]
    assert [t["text"][:30] for t in tasks] == [
        "Các Sở, ban ngành, đơn vị thuộ",
        "Ủy ban nhân dân các huyện, thà",
        "Sở Kế hoạch và Đầu tư chủ trì,",
        "Các chủ đầu tư đẩy nhanh tiến ",
        "Giao Sở Nội vụ theo dõi, đôn đ",
    ]
    assert tasks[1]["lead"] == ["Ủy ban nhân dân các huyện, thành phố"]
    assert tasks[1]["deadline"] == "2021-08-30"
    assert (tasks[2]["lead"], tasks[2]["support"], tasks[2]["deadline"]) == (
        ["Sở Kế hoạch và Đầu tư"],
        ["Sở Tài chính"],
        "2021-09-30",
    )
    assert tasks[3]["lead"] == ["Các chủ đầu tư"]
    assert (tasks[4]["lead"], tasks[4]["deadline"], tasks[4]["recurrence"]) == (
        ["Sở Nội vụ"],
        None,
        "monthly",
    )
