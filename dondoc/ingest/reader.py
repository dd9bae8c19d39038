"""A file on disk → the text dondoc extracts from: the one door every caller uses.

The reading itself (dispatch.py) runs in a child process whose memory and time are capped
(isolation.py), so a hostile file costs that child, not the caller.
"""

from __future__ import annotations

from pathlib import Path

from dondoc.config import Settings
from dondoc.errors import printable
from dondoc.ingest.dispatch import SourceDocument, read_here
from dondoc.ingest.isolation import OnProgress, run_isolated

__all__ = ["SourceDocument", "read_document"]


def read_document(path: Path, settings: Settings, on_pages: OnProgress | None = None) -> SourceDocument:
    """The file's text; `on_pages` hears how OCR of scanned pages goes, if any is needed."""
    return run_isolated(
        read_here, Path(path), settings, settings=settings, name=printable(str(path)), on_progress=on_pages
    )
