"""A text file → SourceText, within the size limit."""

from __future__ import annotations

from pathlib import Path

from dondoc.core.text import SourceText
from dondoc.errors import DondocError, ErrorCode
from dondoc.ingest.encodings import decode

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def read_text_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    if not path.is_file():
        raise DondocError(ErrorCode.INPUT_NOT_FOUND, name=str(path))
    size = path.stat().st_size
    if size > max_bytes:
        # refuse before reading: a 1 GB upload must not be loaded to learn it is too big
        raise DondocError(ErrorCode.TOO_LARGE, name=str(path), size=size, limit=max_bytes)
    text, encoding = decode(path.read_bytes(), name=str(path))
    return SourceText(text, encoding)
