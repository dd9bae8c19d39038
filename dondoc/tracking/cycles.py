"""Reporting cycles: a task that recurs ("báo cáo định kỳ hằng tháng", "trước ngày 20 hằng
tháng", "hằng quý", "6 tháng", "hằng năm") is a series of occurrences, one per period,
each with its own due date, report and timeliness.

A period is a calendar month, quarter, half-year or year. Its due date is the cut-off
day in the period's cut-off month (by default its last month: "trước ngày 15 tháng cuối
quý"), or the period's last day without a cut-off. A period whose due date comes before
the cycle starts is not owed (a directive confirmed on 25/1 does not owe January's report
due on 20/1).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum


class Every(StrEnum):
    MONTH = "monthly"
    QUARTER = "quarterly"
    HALF_YEAR = "semiannual"
    YEAR = "yearly"


MONTHS_IN = {Every.MONTH: 1, Every.QUARTER: 3, Every.HALF_YEAR: 6, Every.YEAR: 12}


@dataclass(frozen=True)
class Cycle:
    every: Every
    cutoff_day: int | None = None  # "trước ngày 20 hằng tháng": 20; None: the period's last day
    cutoff_month: int | None = None  # the month of the period it falls in (1 = its first); None: its last

    def __post_init__(self) -> None:
        months = MONTHS_IN[self.every]
        if self.cutoff_day is not None and not 1 <= self.cutoff_day <= 31:
            raise ValueError("a cut-off day is from 1 to 31")
        if self.cutoff_month is not None and not 1 <= self.cutoff_month <= months:
            raise ValueError(f"a cut-off month of a {self.every.value} period is from 1 to {months}")


@dataclass(frozen=True)
class Occurrence:
    period_start: dt.date
    period_end: dt.date
    due: dt.date


def _period_of(cycle: Cycle, day: dt.date) -> tuple[dt.date, dt.date]:
    months = MONTHS_IN[cycle.every]
    first_month = (day.month - 1) // months * months + 1
    start = dt.date(day.year, first_month, 1)
    last_month = first_month + months - 1
    end = dt.date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])
    return start, end


def due_of(cycle: Cycle, period_start: dt.date, period_end: dt.date) -> dt.date:
    if cycle.cutoff_day is None and cycle.cutoff_month is None:
        return period_end
    months = MONTHS_IN[cycle.every]
    month = period_start.month + (cycle.cutoff_month or months) - 1
    last = calendar.monthrange(period_start.year, month)[1]
    # "ngày 31" in a 30-day month is its last day
    return dt.date(period_start.year, month, min(cycle.cutoff_day or last, last))


def occurrences(cycle: Cycle, start: dt.date, until: dt.date) -> list[Occurrence]:
    """Every occurrence owed from `start` whose period begins by `until`, in order."""
    out: list[Occurrence] = []
    period_start, period_end = _period_of(cycle, start)
    while period_start <= until:
        due = due_of(cycle, period_start, period_end)
        if due >= start:
            out.append(Occurrence(period_start, period_end, due))
        period_start, period_end = _period_of(cycle, period_end + dt.timedelta(days=1))
    return out


# "trước ngày 20 hằng tháng", "ngày 15 của tháng cuối quý", "trước 25/6 và 25/12"
_DAY = re.compile(r"ngày\s+(\d{1,2})(?!\s*/)(?!\s+tháng\s+\d)\b")
_DAY_MONTH = re.compile(
    r"\b(\d{1,2})\s*[/-]\s*(\d{1,2})\b(?!\s*[/-]\s*\d)|ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\b(?!\s*(?:năm|/))"
)
_HALF = re.compile(r"\b(?:6|sáu)\s+tháng\b")


def cycle_from(recurrence: str | None, deadline_text: str | None) -> Cycle | None:
    """The cycle the extractor's recurrence and its time phrase state, or None when the
    task does not recur by calendar periods ("thường xuyên", "theo kế hoạch")."""
    text = " ".join((deadline_text or "").lower().split())
    every = {
        "monthly": Every.MONTH,
        "quarterly": Every.QUARTER,
        "yearly": Every.YEAR,
    }.get(recurrence or "")
    if _HALF.search(text) and ("định kỳ" in text or "hằng" in text or "hàng" in text or recurrence):
        every = Every.HALF_YEAR
    if every is None:
        return None
    found = _DAY_MONTH.search(text)
    if found and every in (Every.YEAR, Every.HALF_YEAR):
        # "15/11" or "ngày 15 tháng 11"
        day, month = int(found.group(1) or found.group(3)), int(found.group(2) or found.group(4))
        if 1 <= day <= 31 and 1 <= month <= 12:
            return Cycle(every, day, month if every is Every.YEAR else (month - 1) % 6 + 1)
    m = _DAY.search(text)
    if m and 1 <= int(m.group(1)) <= 31:
        return Cycle(every, int(m.group(1)))
    return Cycle(every)
