"""Formats come from the bytes, never from the file name."""

from __future__ import annotations

import io
import zipfile

import pytest

from dondoc.errors import DondocError, ErrorCode
from dondoc.ingest.detect import detect_format


def _zip(*names: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in names:
            z.writestr(n, "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\x89PNG\r\n\x1a\n....", "png"),
        (b"\xff\xd8\xff\xe0....", "jpeg"),
        (b"II*\x00....", "tiff"),
        ("Số: 12/KH-UBND\nKẾ HOẠCH".encode(), "text"),
        (_zip("[Content_Types].xml", "word/document.xml"), "docx"),
    ],
)
def test_detect_format(data: bytes, kind: str) -> None:
    assert detect_format(data) == kind


@pytest.mark.parametrize(
    "data",
    [
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,  # legacy .doc
        _zip("xl/workbook.xml"),
        _zip("content.xml"),
        _zip("notes.txt"),
        b"{\\rtf1\\ansi ...}",
    ],
)
def test_unsupported_formats_are_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(DondocError) as err:
        detect_format(data, name="f")
    assert err.value.code is ErrorCode.FORMAT_UNSUPPORTED


def test_broken_zip_is_corrupt() -> None:
    with pytest.raises(DondocError) as err:
        detect_format(b"PK\x03\x04" + b"\x00" * 50, name="f")
    assert err.value.code is ErrorCode.INPUT_CORRUPT
