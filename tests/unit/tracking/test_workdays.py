"""The working-day calendar: weekends, the Labour Code's holidays, days off in lieu, Tết."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from dondoc.core.workdays import WorkCalendar, public_holidays

D = dt.date
CAL = WorkCalendar()


def test_tet_takes_the_last_day_of_the_lunar_year_and_the_first_four_of_the_next() -> None:
    # Tết Bính Ngọ: 1/1 âm lịch = 17/02/2026
    tet = [d for d, name in public_holidays(2026).items() if name == "Tết Nguyên đán"]
    assert sorted(tet) == [D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20)]
    assert not CAL.is_working_day(D(2026, 2, 17))
    assert CAL.is_working_day(D(2026, 2, 23))


def test_the_fixed_holidays_and_the_hung_kings_day_by_the_lunar_calendar() -> None:
    days = public_holidays(2025)
    assert days[D(2025, 1, 1)] == "Tết Dương lịch"
    assert days[D(2025, 4, 30)] == "Ngày Chiến thắng"
    assert days[D(2025, 5, 1)] == "Ngày Quốc tế lao động"
    assert days[D(2025, 9, 2)] == days[D(2025, 9, 1)] == "Quốc khánh"
    assert days[D(2025, 4, 7)] == "Giỗ Tổ Hùng Vương"  # 10/3 âm lịch Ất Tỵ


def test_a_holiday_on_a_weekend_gives_the_next_working_day_off() -> None:
    # Giỗ Tổ 2026 falls on Sunday 26/4: Monday 27/4 is off in lieu
    assert D(2026, 4, 26).weekday() == 6
    assert CAL.holiday(D(2026, 4, 27)) == "Nghỉ bù Giỗ Tổ Hùng Vương"
    # Tết 2025 ran Tue 28/1 – Sat 1/2: Monday 3/2 is off in lieu
    assert not CAL.is_working_day(D(2025, 2, 3))
    assert CAL.is_working_day(D(2025, 2, 4))


def test_the_office_corrects_a_year_with_bridge_days_and_worked_saturdays() -> None:
    cal = WorkCalendar(extra_holidays=frozenset({D(2026, 5, 4)}), extra_workdays=frozenset({D(2026, 5, 9)}))
    assert not cal.is_working_day(D(2026, 5, 4))
    assert cal.holiday(D(2026, 5, 4)) == "Ngày nghỉ theo quyết định"
    assert cal.is_working_day(D(2026, 5, 9))  # a Saturday


def test_next_previous_and_added_working_days() -> None:
    assert CAL.next_working_day(D(2026, 2, 14)) == D(2026, 2, 23)  # Saturday before Tết → after it
    assert CAL.previous_working_day(D(2026, 2, 23)) == D(2026, 2, 13)
    assert CAL.add_working_days(D(2026, 4, 29), 2) == D(2026, 5, 5)  # over 30/4, 1/5 and a weekend


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)))
def test_working_days_are_the_weekdays_that_are_no_holiday(day: dt.date) -> None:
    assert CAL.is_working_day(day) == (day.weekday() < 5 and CAL.holiday(day) is None)
    nxt = CAL.next_working_day(day)
    assert nxt >= day and CAL.is_working_day(nxt)
    assert all(not CAL.is_working_day(day + dt.timedelta(days=k)) for k in range((nxt - day).days))
    prev = CAL.previous_working_day(day)
    assert prev < day and CAL.is_working_day(prev)


@given(st.integers(min_value=2000, max_value=2100))
def test_each_holiday_costs_one_weekday_whatever_day_it_falls_on(year: int) -> None:
    days = [D(year, 1, 1) + dt.timedelta(days=k) for k in range(366)]
    off = [d for d in days if d.year == year and d.weekday() < 5 and not CAL.is_working_day(d)]
    # eleven days by law (fewer in a year where the Hùng Kings' day meets 30/4 or 1/5): one
    # on a weekend moves to the next weekday, so the weekdays lost are exactly as many
    assert len(off) == len(public_holidays(year))
