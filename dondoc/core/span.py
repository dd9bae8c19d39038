"""Character spans into a source text (spaCy-style `(start, end)`, end exclusive)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span ({self.start}, {self.end})")

    def slice(self, text: str) -> str:
        if self.end > len(text):
            raise ValueError(f"span ({self.start}, {self.end}) beyond text of length {len(text)}")
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def union(self, other: Span) -> Span:
        return Span(min(self.start, other.start), max(self.end, other.end))

    def as_list(self) -> list[int]:
        return [self.start, self.end]
