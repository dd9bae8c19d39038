"""A file on disk → the text dondoc extracts from, whatever the format, in this process.

The format comes from the bytes (detect.py); the size limit is checked before reading, an
image's pixels from its header before decoding. Called in a child process with limits
(reader.py, isolation.py), never in a server's own process.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dondoc.config import Settings
from dondoc.core.layout import PageLayout
from dondoc.core.text import SourceText
from dondoc.errors import DondocError, ErrorCode
from dondoc.ingest import ocr
from dondoc.ingest.detect import detect_format
from dondoc.ingest.docx_reader import read_docx
from dondoc.ingest.encodings import decode
from dondoc.ingest.guards import check_image
from dondoc.ingest.pdf_reader import read_pdf, read_scanned_image


@dataclass
class SourceDocument:
    source: SourceText
    format: str  # "text", "pdf", "docx"
    layout: PageLayout | None = None  # pages and boxes, for PDF


def read_here(path: Path, settings: Settings, on_progress: ocr.OnPages | None = None) -> SourceDocument:
    """The file's text; `on_progress` hears how OCR of scanned pages goes, if any is needed."""
    document = _read(path, settings, on_progress)
    _check_size(document.source.text, str(path), settings)
    return document


def _check_size(text: str, name: str, settings: Settings) -> None:
    """What the extractor is given is bounded, whatever the file held: its time grows with
    the characters and the lines of the text."""
    if len(text) > settings.max_text_chars:
        raise DondocError(
            ErrorCode.INPUT_TOO_COMPLEX,
            name=name,
            detail=f"its text has {len(text)} characters, over the limit of {settings.max_text_chars} "
            "(DONDOC_MAX_TEXT_CHARS)",
        )
    lines = text.count("\n")
    if lines > settings.max_text_lines:
        raise DondocError(
            ErrorCode.INPUT_TOO_COMPLEX,
            name=name,
            detail=f"its text has {lines} lines, over the limit of {settings.max_text_lines} "
            "(DONDOC_MAX_TEXT_LINES)",
        )


def _read(path: Path, settings: Settings, on_progress: ocr.OnPages | None) -> SourceDocument:
    name = str(path)
    if not path.is_file():
        raise DondocError(ErrorCode.INPUT_NOT_FOUND, name=name)
    size = path.stat().st_size
    if size > settings.max_input_bytes:
        # refuse before reading: a 1 GB upload must not be loaded to learn it is too big
        raise DondocError(ErrorCode.TOO_LARGE, name=name, size=size, limit=settings.max_input_bytes)
    data = path.read_bytes()
    if not data.strip():
        raise DondocError(ErrorCode.INPUT_EMPTY, name=name)
    kind = detect_format(data, name=name)
    if kind == "pdf":
        source, layout = read_pdf(data, name=name, settings=settings, on_pages=on_progress)
        return SourceDocument(source, "pdf", layout)
    if kind == "docx":
        return SourceDocument(read_docx(data, name=name, settings=settings), "docx")
    if kind in ("png", "jpeg", "tiff"):
        check_image(data, kind, name=name, settings=settings)
        if not ocr.available():
            raise DondocError(ErrorCode.NO_TEXT_LAYER, name=name, pages="1 of 1")
        source, layout = read_scanned_image(str(path), name=name, settings=settings, kind=kind)
        return SourceDocument(source, "image", layout)
    text, encoding = decode(data, name=name)
    return SourceDocument(SourceText(text, encoding), "text")
