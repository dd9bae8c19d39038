"""The source text and its normalised views.

`SourceText` holds *exactly* the decoded input: it is never normalised in place, because
Vietnamese often arrives decomposed (NFD, as left by some PDF tools) and normalising would
move every offset after the first combining mark. Matching runs on an NFC *view* that
carries a map from each view offset back to the source offset, so spans found in the
view can be reported in source coordinates.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache


@dataclass(frozen=True)
class TextView:
    """A normalised copy of a source text plus the way back to source offsets.

    `to_source[i]` is the source offset of view character `i`; one extra entry maps
    `len(text)` to `len(source)`. `to_source` is None when the view is the source itself.
    """

    text: str
    to_source: Sequence[int] | None = None

    def source_offset(self, offset: int) -> int:
        if self.to_source is None:
            return offset
        return self.to_source[offset]


def nfc_view(source: str) -> TextView:
    """NFC view of `source`; cheap (no map) when the source is already NFC."""
    if unicodedata.is_normalized("NFC", source):
        return TextView(source)
    out: list[str] = []
    mapping = array("l")
    pos = 0
    # only clusters (a starter and its combining marks) change under NFC; the text between
    # them maps one to one
    for m in _combining_clusters().finditer(source):
        i, j = m.span()
        if i > pos:
            out.append(source[pos:i])
            mapping.extend(range(pos, i))
        piece = unicodedata.normalize("NFC", source[i:j])
        out.append(piece)
        mapping.extend([i] * len(piece))
        pos = j
    out.append(source[pos:])
    mapping.extend(range(pos, len(source) + 1))
    return TextView("".join(out), mapping)


@cache
def _combining_clusters() -> re.Pattern[str]:
    marks = "".join(re.escape(chr(c)) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c)))
    return re.compile(f"(?s).[{marks}]+")


@dataclass(frozen=True)
class SourceText:
    """The decoded document text and how it was decoded."""

    text: str
    encoding: str = "utf-8"
    ocr_confidence: float | None = None  # mean word confidence (0–100) when OCR made the text
    notes: tuple[str, ...] = ()  # what reading the file met ("page 3: read by OCR")
    _view: list[TextView] = field(default_factory=list, compare=False, repr=False)

    @property
    def view(self) -> TextView:
        if not self._view:
            self._view.append(nfc_view(self.text))
        return self._view[0]
