"""Working days in Vietnam: weekends, the public holidays of the Labour Code (Bộ luật Lao
động 2019, art. 112) with Tết and the Hùng Kings' day by the lunar calendar, the day off in
lieu of a holiday that falls on a weekend (art. 111.3), and the days an office adds or
takes away (the Prime Minister's yearly decisions that bridge a holiday and move a
Saturday).

Reminders are sent on working days only, and an office may count due dates in working
days ("trong 05 ngày làm việc"); both ask this calendar, and so does the extractor, which
reads "10 ngày làm việc kể từ ngày ký" by the statutory calendar (no office's corrections).
Pure: the value types' layer, so that the extraction core may use it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from lunar_vn import convert_lunar_to_solar

# Tết: the last day of the lunar year and the first four of the new one (five days, art.
# 112.1.b); the Government picks the exact five each year: an office corrects them with
# `extra_holidays` / `extra_workdays`
_TET_DAYS_BEFORE = 1
_TET_DAYS_AFTER = 4
# National Day: 2 September and one day next to it (art. 112.1.đ); the day before by default
_NATIONAL_DAY_NEIGHBOUR = -1


@lru_cache(maxsize=64)
def public_holidays(year: int) -> dict[dt.date, str]:
    """The public holidays of a Gregorian year, each with its Vietnamese name, before
    any day off in lieu."""
    days: dict[dt.date, str] = {
        dt.date(year, 1, 1): "Tết Dương lịch",
        dt.date(year, 4, 30): "Ngày Chiến thắng",
        dt.date(year, 5, 1): "Ngày Quốc tế lao động",
        dt.date(year, 9, 2): "Quốc khánh",
        dt.date(year, 9, 2) + dt.timedelta(days=_NATIONAL_DAY_NEIGHBOUR): "Quốc khánh",
    }
    hung_kings: dt.date = convert_lunar_to_solar(10, 3, year, 0)
    days[hung_kings] = "Giỗ Tổ Hùng Vương"
    new_year: dt.date = convert_lunar_to_solar(1, 1, year, 0)
    for k in range(-_TET_DAYS_BEFORE, _TET_DAYS_AFTER):
        days[new_year + dt.timedelta(days=k)] = "Tết Nguyên đán"
    return days


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are worked. `extra_holidays` and `extra_workdays` are the office's
    corrections for a year (a bridge day off; a Saturday worked to make it up)."""

    extra_holidays: frozenset[dt.date] = frozenset()
    extra_workdays: frozenset[dt.date] = frozenset()
    weekend: frozenset[int] = field(default_factory=lambda: frozenset({5, 6}))  # Saturday, Sunday

    def holiday(self, day: dt.date) -> str | None:
        """The name of the holiday on `day` (a day off in lieu too), else None."""
        if day in self.extra_workdays:
            return None
        if day in self.extra_holidays:
            return "Ngày nghỉ theo quyết định"
        return _days_off(day.year, self.weekend).get(day)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.extra_workdays:
            return True
        return day.weekday() not in self.weekend and self.holiday(day) is None

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself when it is worked, else the first worked day after it."""
        for _ in range(400):
            if self.is_working_day(day):
                return day
            day += dt.timedelta(days=1)
        raise ValueError("no working day within 400 days: the calendar has no working days")

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The last worked day strictly before `day`."""
        for _ in range(400):
            day -= dt.timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise ValueError("no working day within 400 days: the calendar has no working days")

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` ("trong 05 ngày làm việc" from `day`)."""
        for _ in range(n):
            day = self.next_working_day(day + dt.timedelta(days=1))
        return day


@lru_cache(maxsize=64)
def _days_off(year: int, weekend: frozenset[int]) -> dict[dt.date, str]:
    """The year's holidays with the days off in lieu of those on a weekend: each goes to
    the first following day that is neither a weekend nor a holiday."""
    # (no holiday falls in late December, so none pushes its day in lieu into the next year)
    holidays = public_holidays(year)
    days = dict(holidays)
    for day in sorted(holidays):
        if day.weekday() not in weekend:
            continue
        lieu = day + dt.timedelta(days=1)
        while lieu.weekday() in weekend or lieu in days:
            lieu += dt.timedelta(days=1)
        days[lieu] = f"Nghỉ bù {holidays[day]}"
    return days
