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
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache


@dataclass(frozen=True)
class TextView:
    """A normalised copy of a source text plus the way back to source offsets.

    `anchors` holds, in order, each place where the correspondence changes: (view offset,
    source offset, whether the view goes on one to one with the source from there, or all
    its characters up to the next anchor come from that one source offset: a cluster that
    normalisation recomposed). It is None when the view is the source itself. A table of
    anchors, not one entry per character: building it costs next to nothing.
    """

    text: str
    anchors: tuple[tuple[int, int, bool], ...] | None = None

    def source_offset(self, offset: int) -> int:
        if self.anchors is None:
            return offset
        k = bisect_right(self.anchors, offset, key=lambda a: a[0]) - 1
        view_at, source_at, one_to_one = self.anchors[k]
        return source_at + (offset - view_at) if one_to_one else source_at


def nfc_view(source: str) -> TextView:
    """NFC view of `source`: its clusters recomposed; the source itself when it has none
    (asking is_normalized() instead would compare a whole normalised copy of a
    decomposed text before the clusters are recomposed anyway)."""
    if _combining_mark().search(source) is None:
        return TextView(source)  # no cluster to recompose: the view is the source
    out: list[str] = []
    anchors: list[tuple[int, int, bool]] = []
    pos = 0  # in the source
    at = 0  # in the view
    changed = False
    # only clusters (a starter and its combining marks) change under NFC; the text between
    # them maps one to one
    for m in _combining_clusters().finditer(source):
        i, j = m.span()
        if i > pos:
            out.append(source[pos:i])
            anchors.append((at, pos, True))
            at += i - pos
        cluster = source[i:j]
        piece = unicodedata.normalize("NFC", cluster)
        changed = changed or piece != cluster
        out.append(piece)
        anchors.append((at, i, False))
        at += len(piece)
        pos = j
    if not changed and unicodedata.is_normalized("NFC", source):
        return TextView(source)  # NFC already (its marks compose with nothing)
    out.append(source[pos:])
    anchors.append((at, pos, True))  # the rest, and the end of the text
    return TextView("".join(out), tuple(anchors))


@cache
def _marks() -> str:
    return "".join(re.escape(chr(c)) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c)))


@cache
def _combining_mark() -> re.Pattern[str]:
    return re.compile(f"[{_marks()}]")


@cache
def _combining_clusters() -> re.Pattern[str]:
    return re.compile(f"(?s).[{_marks()}]+")


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
            view = nfc_view(self.text)
            plain = plain_spaces(view.text)
            if plain is not view.text:
                view = TextView(plain, view.anchors)
            self._view.append(view)
        return self._view[0]


_ODD_SPACES = "\xa0\u2007\u202f\u2009\u2002\u2003\u200a"


def plain_spaces(text: str) -> str:
    """Spaces of other widths (no-break, thin: DOCX and web copies) as plain spaces, one
    character for one, so that every offset stays; the text itself when it holds none.
    One replace() per kind present, not translate(): translating maps a text character by
    character through a dict, hundreds of times slower on a long text (the test compares
    the two)."""
    for odd in _ODD_SPACES:
        if odd in text:
            text = text.replace(odd, " ")
    return text
