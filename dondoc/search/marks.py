"""Where a query's words stand in a text, and the part of the text to show around them."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from dondoc.search.query import Query
from dondoc.search.text import fold

_TERM = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Snippet:
    text: str
    marks: tuple[tuple[int, int], ...]  # offsets in `text` of the matched words

    def html(self) -> str:
        out, pos = [], 0
        for s, e in self.marks:
            out.append(html.escape(self.text[pos:s]))
            out.append(f"<mark>{html.escape(self.text[s:e])}</mark>")
            pos = e
        out.append(html.escape(self.text[pos:]))
        return "".join(out)

    def marked(self, left: str = "«", right: str = "»") -> str:
        out, pos = [], 0
        for s, e in self.marks:
            out += [self.text[pos:s], left, self.text[s:e], right]
            pos = e
        out.append(self.text[pos:])
        return "".join(out)


def hits(text: str, query: Query) -> list[tuple[int, int]]:
    """Offsets in `text` (NFC) of every occurrence of the query's phrases, merged."""
    words = [(m.group(), m.start(), m.end()) for m in _TERM.finditer(fold(text))]
    found: list[tuple[int, int]] = []
    for clause in query.clauses:
        for p in clause.options:
            n = len(p.words)
            for i in range(len(words) - n + 1):
                ok = all(words[i + k][0] == p.words[k] for k in range(n - 1))
                last = words[i + n - 1][0]
                if ok and (last.startswith(p.words[-1]) if p.prefix else last == p.words[-1]):
                    found.append((words[i][1], words[i + n - 1][2]))
    found.sort()
    merged: list[tuple[int, int]] = []
    for s, e in found:
        # overlapping hits, or hits a space apart ("giải ngân" is one mark, not two)
        if merged and (s <= merged[-1][1] or not text[merged[-1][1] : s].strip()):
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def snippet(text: str, query: Query, width: int = 220) -> Snippet:
    """The text around its first hit (whole words, "…" where cut), hits marked."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    marks = hits(text, query)
    if len(text) <= width:
        return Snippet(text, tuple(marks))
    first = marks[0][0] if marks else 0
    start = max(0, first - width // 4)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    pre = "…" if start else ""
    post = "…" if end < len(text) else ""
    shift = len(pre) - start
    inside = tuple((s + shift, e + shift) for s, e in marks if s >= start and e <= end)
    return Snippet(pre + text[start:end] + post, inside)
