"""Issue #14, shape 9: a PDF text layer drawn with a legacy font that has no Unicode map
reads as Latin letters without their marks ("Can cü Nghj quyt s 12-NQ/TU cüa Ban
Thu'ò'ng vu"); the page is judged not to hold its text and goes to OCR."""

from __future__ import annotations

from pathlib import Path

import pytest

from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode
from dondoc.ingest.encodings import page_reads_as_vietnamese
from dondoc.ingest.reader import read_document
from tests.support.pdfmake import Put, make_pdf

MARKED = [
    "Căn cứ Nghị quyết số 12-NQ/TU của Ban Thường vụ Tỉnh ủy về tăng cường sự lãnh đạo",
    "của Đảng đối với công tác phòng, chống tham nhũng, Ban Thường vụ Tỉnh ủy yêu cầu các",
    "cấp ủy, tổ chức đảng, cơ quan, đơn vị thực hiện tốt các nhiệm vụ sau đây trong năm 2026",
    "và các năm tiếp theo để đạt kết quả cao nhất trong toàn tỉnh.",
]
LOST = [
    "Can cü Nghj quyt s 12-NQ/TU cüa Ban Thu'ò'ng vu Tinh uy ve tang cuong su lanh dao",
    "cüa Dang doi voi cong tac phong, chong tham nhung, Ban Thu'ò'ng vu Tinh uy yeu cau cac",
    "cap uy, to chüc dang, co quan, don vi thuc hien tot cac nhiem vu sau day trong nam 2026",
    "va cac nam tiep theo de dat ket qua cao nhat trong toan tinh.",
]


def test_a_layer_that_lost_its_marks_is_not_the_pages_text() -> None:
    assert page_reads_as_vietnamese(" ".join(MARKED))
    assert not page_reads_as_vietnamese(" ".join(LOST))


def _pdf(tmp_path: Path, lines: list[str]) -> Path:
    puts = [Put(text, 60.0, 780.0 - 16.0 * i) for i, text in enumerate(lines)]
    return make_pdf(tmp_path / "layer.pdf", [puts])


def test_a_pdf_page_whose_layer_lost_its_marks_goes_to_ocr(tmp_path: Path) -> None:
    # without OCR the page has nothing to read: the error says so (with OCR it is read as a scan)
    with pytest.raises(DondocError) as err:
        read_document(_pdf(tmp_path, LOST), Settings(ocr=False))
    assert err.value.code is ErrorCode.NO_TEXT_LAYER
    read = read_document(_pdf(tmp_path, MARKED), Settings(ocr=False))
    assert "Nghị quyết số 12-NQ/TU" in read.source.text


def test_a_page_of_a_few_words_is_judged_by_its_letters() -> None:
    """A last page with the signer's name alone has too few words to count common ones:
    its letters judge it (a legacy font's copy keeps neither its letters nor its marks)."""
    assert page_reads_as_vietnamese("2\nĐinh Văn Lâm")
    assert not page_reads_as_vietnamese("§inh V¨n L©m")
    assert not page_reads_as_vietnamese("Nguyen Van A")  # no mark to tell it: OCR reads it
