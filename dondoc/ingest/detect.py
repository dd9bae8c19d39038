"""What a file is, from its first bytes (never from its name)."""

from __future__ import annotations

import zipfile
from io import BytesIO

from dondoc.errors import DondocError, ErrorCode

_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
_REFUSED = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.doc/.xls); save it as .docx or PDF"),
    (b"Rar!", "a RAR archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"GIF8", "a GIF image; send PNG, JPEG, TIFF or PDF"),
)


def detect_format(data: bytes, *, name: str = "input") -> str:
    """'pdf', 'docx', 'png', 'jpeg', 'tiff' or 'text'; anything else is refused."""
    head = data[:1024]
    stripped = head.lstrip(b"\x00\t\r\n \xef\xbb\xbf")
    for magic, kind in _MAGIC:
        if head.startswith(magic) or (kind == "pdf" and magic in head[:1024]):
            return kind
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data, name)
    for magic, what in _REFUSED:
        if head.startswith(magic):
            raise DondocError(ErrorCode.FORMAT_UNSUPPORTED, name=name, detail=what)
    if stripped.startswith((b"{\\rtf",)):
        raise DondocError(
            ErrorCode.FORMAT_UNSUPPORTED, name=name, detail="an RTF file; save it as .docx or PDF"
        )
    return "text"


def _zip_kind(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            names = set(z.namelist())
    except zipfile.BadZipFile as exc:
        raise DondocError(ErrorCode.INPUT_CORRUPT, name=name, kind="zip", detail=str(exc)) from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        raise DondocError(
            ErrorCode.FORMAT_UNSUPPORTED, name=name, detail="a spreadsheet or slides, not a document"
        )
    if "content.xml" in names:
        raise DondocError(
            ErrorCode.FORMAT_UNSUPPORTED, name=name, detail="an OpenDocument file; save it as .docx"
        )
    raise DondocError(ErrorCode.FORMAT_UNSUPPORTED, name=name, detail="a zip archive, not a DOCX document")


def may_need_ocr(head: bytes) -> bool:
    """Whether a file starting with `head` is one that can take minutes to read (a PDF, an
    image: OCR), unlike a text or a DOCX; from its first bytes only."""
    return any(head.startswith(magic) or (kind == "pdf" and magic in head) for magic, kind in _MAGIC)
