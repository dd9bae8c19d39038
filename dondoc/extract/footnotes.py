"""Footnotes: markers removed from the text, bodies attached to the item that cites them.

Two shapes occur: pdftotext puts the marker on a line of its own inside the sentence and
the body after a blank separator line at the page foot; web pages write `[1]` inline and
`[1] body` after a `___` rule at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dondoc.extract.lines import Line
from dondoc.extract.markers import is_item_start

_NUM_ONLY = re.compile(r"^\s*(\d{1,2})\s*$")
_BRACKET_BODY = re.compile(r"^\[(\d{1,2})\]\s*(.+)$")
BRACKET_MARK = re.compile(r"\[(\d{1,2})\]")


@dataclass
class Footnote:
    marker: str
    text: str
    line_indexes: tuple[int, ...]


def find_footnotes(lines: list[Line]) -> dict[str, Footnote]:
    """Find footnote bodies, mark their lines as noise, and return them by marker."""
    notes: dict[str, Footnote] = {}
    n = len(lines)
    cited: set[str] = set()  # markers met inside a line of text so far
    for i, ln in enumerate(lines):
        if not ln.is_text:
            continue
        m = _number_only(ln)
        body_start: int | None = None
        marker = ""
        first_text = ""
        ends_at_blank = False
        if m and i > 0 and _is_separator(lines[i - 1]) and i + 1 < n and lines[i + 1].is_text:
            marker, body_start = m.group(1), i + 1
        else:
            bm = _BRACKET_BODY.match(ln.text) if ln.text.startswith("[") else None
            after_rule = i > 0 and (_is_separator(lines[i - 1]) or lines[i - 1].kind in ("rule", "pipe"))
            # a PDF page foot: "[1] body" alone after a blank line, its marker already cited
            # above ("đầu tư[1];"); the note ends at the next blank line
            at_foot = bm is not None and i > 0 and lines[i - 1].kind == "blank" and bm.group(1) in cited
            if bm is not None and (after_rule or at_foot):
                marker, body_start, first_text = bm.group(1), i + 1, bm.group(2)
                ends_at_blank = not after_rule
                ln.kind = "noise"
        if body_start is None:
            if "[" in ln.text:
                cited.update(x.group(1) for x in BRACKET_MARK.finditer(ln.text) if x.start() > 0)
            continue
        used = [i]
        texts = [first_text] if first_text else []
        j = body_start
        while j < n:
            cur = lines[j]
            if cur.is_text:
                if (
                    is_item_start(cur.text)
                    or _number_only(cur)
                    or (cur.raw.startswith(" ") and j > body_start + 1)
                ):
                    break
                texts.append(cur.text)
                used.append(j)
            elif (cur.kind in ("pipe", "rule") and j > body_start) or (ends_at_blank and cur.kind == "blank"):
                break
            j += 1
        for k in used:
            lines[k].kind = "noise"
        notes[marker] = Footnote(marker, " ".join(t for t in texts if t).strip(), tuple(used))
    if notes:
        _mark_inline_markers(lines, notes)
    return notes


def _number_only(line: Line) -> re.Match[str] | None:
    """A line holding a number alone ("1"), as a footnote's marker stands; its text then
    has at most two characters, which spares the pattern nearly every line."""
    return _NUM_ONLY.match(line.raw) if len(line.text) <= 2 else None


def _is_separator(line: Line) -> bool:
    return (line.kind == "blank" and len(line.raw) >= 10) or line.kind == "rule"


def _mark_inline_markers(lines: list[Line], notes: dict[str, Footnote]) -> None:
    for i, ln in enumerate(lines):
        if not ln.is_text:
            continue
        m = _number_only(ln)
        if m and m.group(1) in notes and 0 < i < len(lines) - 1:
            prev, nxt = lines[i - 1], lines[i + 1]
            if prev.is_text and nxt.is_text:
                ln.kind = "marker"
                ln.text = m.group(1)
