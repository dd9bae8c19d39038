"""What the PDF reader builds a page from: runs of text with their boxes, grouped into
visual lines. Coordinates are PDF points, y measured from the top of the page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Run:
    x0: float
    top: float  # distance from the top of the page
    x1: float
    bottom: float
    text: str
    first_char: int = -1  # index of its first character in the page's text, when known
    words: list[tuple[int, float]] | None = None  # (offset in text, x) of each word, once asked
    bold: bool = False  # set in a bold face from its first letter to its last
    word_confidences: tuple[float, ...] = ()  # OCR: Tesseract's confidence in each word
    column: int = -1  # a ruled table's cell: the column it stands in (else found from x0)


@dataclass
class Rules:
    """A page's drawn rules (thin path objects), y measured from the top of the page."""

    horizontal: list[tuple[float, float, float]] = field(default_factory=list)  # y, x0, x1
    vertical: list[tuple[float, float, float]] = field(default_factory=list)  # x, top, bottom


@dataclass
class TableGrid:
    """A table's columns, as its header row sets them: a run belongs to the column whose
    left boundary is the last one at or before its left edge."""

    bounds: list[float]  # left boundaries of the 2nd, 3rd, … columns
    header: list[str] = field(default_factory=list)
    ruled: bool = False  # drawn with rules (a scan's table): each of its lines is one row
    # a text-layer table's drawn rules, by page: where a row's rule stops short of a
    # column, that column's cell is merged with the one above
    rules: dict[int, Rules] = field(default_factory=dict)
    left: float = 0.0  # the header's left and right ends (the table's, give or take a cell's padding)
    right: float = 0.0

    def column(self, x: float) -> int:
        return sum(1 for b in self.bounds if b <= x + 1.0)


@dataclass
class Line:
    page: int
    runs: list[Run]
    grid: TableGrid | None = None  # set on the lines of a table
    is_header: bool = False  # a table's header row (repeated on each page it spans)

    @property
    def top(self) -> float:
        return min(r.top for r in self.runs)

    @property
    def bottom(self) -> float:
        return max(r.bottom for r in self.runs)


# a page's number alone on its line ("2", "- 2 -"): a running line, no text of the page
PAGE_NUMBER = re.compile(r"^\s*[-–]?\s*\d{1,3}\s*[-–]?\s*$")
