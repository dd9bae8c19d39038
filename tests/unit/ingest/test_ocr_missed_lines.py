"""Ink Tesseract's page layout left unread, read band by band (ingest.ocr._missed_lines),
with the real Tesseract on a made-up header drawn as a scan."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from dondoc.errors import DondocError, ErrorCode
from dondoc.ingest import ocr
from tests.support.scanmake import TwoColumns, _Pen, _two_columns

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract not installed (scripts/setup installs it)"
)

_HEADER = TwoColumns(
    ["THỦ TƯỚNG CHÍNH PHỦ", "-------", "Số: 12/CT-TTg", "---------------"],
    [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",
        "Hà Nội, ngày 15 tháng 4 năm 2027",
    ],
    bold_left=(0,),
    bold_right=(0, 1),
)


def _page(tmp_path: Path) -> tuple[Path, Image.Image]:
    pen = _Pen(300)
    _two_columns(pen, _HEADER)
    image = pen.page.crop((0, 0, pen.width, pen.y + pen.mm(10)))
    path = tmp_path / "header.png"
    image.save(path)
    return path, image


def test_a_line_the_layout_left_out_is_read_on_its_own(tmp_path: Path) -> None:
    path, _ = _page(tmp_path)
    words = ocr._tsv_words(ocr._tesseract_tsv(path, "vie", "3"))
    # as Tesseract leaves the number's line out (it does so on this header, between the
    # short rules): its words are not among those read
    skipped = [w for w in words if w[0] not in {"Số:", "12/CT-TTg"}]
    found = ocr._with_missed_lines(path, skipped, [], "vie")
    assert [w[0] for w in found if w[6][0] == "missed"] == ["Số:", "12/CT-TTg"]


def test_the_page_read_with_its_missed_lines_holds_each_word_once(tmp_path: Path) -> None:
    """Whatever the first pass reads, the header's words come out once each; the short rules
    under the issuer and the motto add nothing, and a guess read on the number's line with no
    confidence ("~-.,Ô") gives way to its reading."""
    path, image = _page(tmp_path)
    words = ocr._tsv_words(ocr._tesseract_tsv(path, "vie", "3"))
    read = [w[0] for w in ocr._with_missed_lines(image, words, [], "vie")]
    assert read.count("Số:") == 1 and read.count("12/CT-TTg") == 1
    drawn = {w for line in (*_HEADER.left, *_HEADER.right) for w in line.split()}
    assert set(read) <= drawn


def test_a_second_look_that_fails_keeps_the_first_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = _page(tmp_path)
    words = [
        w for w in ocr._tsv_words(ocr._tesseract_tsv(path, "vie", "3")) if w[0] not in {"Số:", "12/CT-TTg"}
    ]

    def fails(*args: object) -> str:
        raise DondocError(ErrorCode.INPUT_CORRUPT, name="band", kind="image", detail="tesseract failed")

    monkeypatch.setattr(ocr, "_tesseract_tsv", fails)
    kept = ocr._with_missed_lines(path, words, [], "vie")
    confident = [w for w in words if w[5] >= ocr._GUESS_CONFIDENCE]
    assert [w for w in kept if w[5] >= ocr._GUESS_CONFIDENCE] == confident
    assert not any(w[6][0] == "missed" for w in kept)
