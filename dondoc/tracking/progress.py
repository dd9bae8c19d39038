"""Progress of a task: from a unit's report, and rolled up from sub-tasks.

Roll-up is an explicit function (not an ORM callback) so that the rule is visible and
testable: a parent's progress is the weighted mean of its children's, each child's weight
its own (1 by default); a child with no progress yet counts as 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    """A quantitative target ("xây dựng 10 trường học"): progress can be measured against it."""

    target: float
    unit: str | None = None


def percent_from_indicator(value: float, indicator: Indicator) -> float:
    if indicator.target <= 0:
        return 100.0 if value >= indicator.target else 0.0
    return max(0.0, min(100.0, 100.0 * value / indicator.target))


def roll_up(children: list[tuple[float, float | None]]) -> float | None:
    """Weighted mean of (weight, percent) pairs; None when there are no children or no weight."""
    total = sum(w for w, _ in children if w > 0)
    if not children or total <= 0:
        return None
    return sum(w * (p or 0.0) for w, p in children if w > 0) / total


_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?"


def parse_indicator(text: str) -> Indicator | None:
    """The first number of a target phrase and what it counts: "đạt 95% dân số" → 95 %,
    "xây dựng 1.200 căn nhà" → 1200 căn. Vietnamese writes "." for thousands, "," for decimals."""
    m = re.search(_NUMBER + r"\s*(%|[^\W\d_]+)?", text)
    if m is None:
        return None
    whole = m.group(1).replace(".", "")
    value = float(whole + ("." + m.group(2) if m.group(2) else ""))
    return Indicator(target=value, unit=m.group(3))
