"""Where text sits on the page: source offsets → (page, box), for PDF and OCR input.

One entry per text line, in parallel arrays sorted by offset (pdfplumber's text map,
kept small): a task's span maps to the page of its first line and the box that covers
its lines on that page, which is what the review screen highlights.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


def turned_frame(width: float, height: float, angle: float) -> tuple[float, float]:
    """The size of the frame that holds a width × height page turned by ``angle`` degrees."""
    cos, sin = abs(math.cos(math.radians(angle))), abs(math.sin(math.radians(angle)))
    return width * cos + height * sin, width * sin + height * cos


@dataclass
class PageLayout:
    page_sizes: list[tuple[float, float]] = field(default_factory=list)  # (width, height) per page
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)  # 0-based page index
    boxes: list[Box] = field(default_factory=list)
    pages_without_text: list[int] = field(default_factory=list)  # left for OCR
    ocr_pages: list[int] = field(default_factory=list)  # read by OCR
    garbled_pages: list[int] = field(default_factory=list)  # had a text layer that maps to garbage
    # degrees (counter-clockwise) a scanned page was turned to read it upright and straight:
    # its boxes are in the turned frame (see turned_frame), turned back when located
    page_turns: dict[int, float] = field(default_factory=dict)
    # OCR words: where each sits in the text and Tesseract's confidence in it (0–100)
    word_starts: list[int] = field(default_factory=list)
    word_ends: list[int] = field(default_factory=list)
    word_confidences: list[float] = field(default_factory=list)

    def add_line(self, start: int, end: int, page: int, box: Box) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.pages.append(page)
        self.boxes.append(box)

    def add_word(self, start: int, end: int, confidence: float) -> None:
        self.word_starts.append(start)
        self.word_ends.append(end)
        self.word_confidences.append(confidence)

    def confidence(self, start: int, end: int) -> float | None:
        """The mean OCR confidence of the words in [start, end); None when none was OCR'd."""
        lo = bisect_left(self.word_starts, start)
        hi = bisect_left(self.word_starts, end)
        words = [
            c
            for k, c in zip(range(lo, hi), self.word_confidences[lo:hi], strict=True)
            if self.word_ends[k] <= end
        ]
        return sum(words) / len(words) if words else None

    def locate(self, start: int, end: int | None = None) -> tuple[int, Box] | None:
        """The page of the text at `start` and the box covering [start, end) on that page."""
        if not self.starts:
            return None
        i = max(0, bisect_right(self.starts, start) - 1)
        page = self.pages[i]
        stop = end if end is not None else self.ends[i]
        x0, top, x1, bottom = self.boxes[i]
        k = i + 1
        while k < len(self.starts) and self.starts[k] < stop and self.pages[k] == page:
            bx0, btop, bx1, bbottom = self.boxes[k]
            x0, top, x1, bottom = min(x0, bx0), min(top, btop), max(x1, bx1), max(bottom, bbottom)
            k += 1
        return page, self._turned_back(page, (x0, top, x1, bottom))

    def _turned_back(self, page: int, box: Box) -> Box:
        angle = self.page_turns.get(page, 0.0)
        if not angle:
            return box
        width, height = self.page_sizes[page]
        frame_width, frame_height = turned_frame(width, height, angle)
        px, py, fx, fy = width / 2, height / 2, frame_width / 2, frame_height / 2
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        corners = [(x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]
        # the frame's centre is the page's: undo the turn about it
        back = [
            (px + cos * (x - fx) - sin * (y - fy), py + sin * (x - fx) + cos * (y - fy)) for x, y in corners
        ]
        return (
            min(p[0] for p in back),
            min(p[1] for p in back),
            max(p[0] for p in back),
            max(p[1] for p in back),
        )
