"""Reporting cycles: periods, due dates, what the extractor's phrase states."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dondoc.tracking.cycles import Cycle, Every, Occurrence, cycle_from, occurrences

D = dt.date


def test_a_monthly_report_due_on_the_20th_over_six_months() -> None:
    got = occurrences(Cycle(Every.MONTH, 20), D(2026, 1, 10), D(2026, 6, 30))
    assert [o.due for o in got] == [D(2026, m, 20) for m in range(1, 7)]
    assert got[1] == Occurrence(D(2026, 2, 1), D(2026, 2, 28), D(2026, 2, 20))


def test_a_period_whose_cutoff_passed_before_the_start_is_not_owed() -> None:
    got = occurrences(Cycle(Every.MONTH, 20), D(2026, 1, 25), D(2026, 3, 1))
    assert [o.due for o in got] == [D(2026, 2, 20), D(2026, 3, 20)]


def test_quarters_halves_and_years() -> None:
    assert [o.due for o in occurrences(Cycle(Every.QUARTER), D(2026, 2, 1), D(2026, 12, 31))] == [
        D(2026, 3, 31),
        D(2026, 6, 30),
        D(2026, 9, 30),
        D(2026, 12, 31),
    ]
    quarter_15 = occurrences(Cycle(Every.QUARTER, 15), D(2026, 1, 1), D(2026, 6, 30))
    assert [o.due for o in quarter_15] == [D(2026, 3, 15), D(2026, 6, 15)]  # the quarter's last month
    halves = occurrences(Cycle(Every.HALF_YEAR, 25, 6), D(2026, 1, 1), D(2026, 12, 31))
    assert [o.due for o in halves] == [D(2026, 6, 25), D(2026, 12, 25)]
    years = occurrences(Cycle(Every.YEAR, 15, 12), D(2026, 3, 1), D(2027, 12, 31))
    assert [o.due for o in years] == [D(2026, 12, 15), D(2027, 12, 15)]


def test_the_31st_in_a_short_month_is_its_last_day() -> None:
    got = occurrences(Cycle(Every.MONTH, 31), D(2026, 2, 1), D(2026, 4, 30))
    assert [o.due for o in got] == [D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30)]


def test_nonsense_cycles_are_refused() -> None:
    with pytest.raises(ValueError):
        Cycle(Every.MONTH, 0)
    with pytest.raises(ValueError):
        Cycle(Every.QUARTER, 15, 4)


@pytest.mark.parametrize(
    ("recurrence", "text", "cycle"),
    [
        ("monthly", "trước ngày 20 hằng tháng", Cycle(Every.MONTH, 20)),
        ("monthly", "định kỳ hằng tháng", Cycle(Every.MONTH)),
        ("quarterly", "hằng quý, trước ngày 15 của tháng cuối quý", Cycle(Every.QUARTER, 15)),
        ("yearly", "trước ngày 15/12 hằng năm", Cycle(Every.YEAR, 15, 12)),
        # the day and month in words (a reporting rule: "hằng năm (trước ngày 15 tháng 11)")
        ("yearly", "hằng năm (trước ngày 15 tháng 11)", Cycle(Every.YEAR, 15, 11)),
        ("yearly", "trước ngày 01/6 và 15/11 hằng năm", Cycle(Every.YEAR, 1, 6)),
        ("periodic", "định kỳ 6 tháng", Cycle(Every.HALF_YEAR)),
        ("periodic", "định kỳ 6 tháng, trước ngày 25/6 và 25/12", Cycle(Every.HALF_YEAR, 25, 6)),
        ("continuous", "thường xuyên", None),
        ("as_planned", "theo kế hoạch", None),
        (None, "Quý III/2026", None),
    ],
)
def test_the_cycle_a_phrase_states(recurrence: str | None, text: str, cycle: Cycle | None) -> None:
    assert cycle_from(recurrence, text) == cycle


@given(
    every=st.sampled_from(list(Every)),
    day=st.one_of(st.none(), st.integers(min_value=1, max_value=31)),
    start=st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)),
    span=st.integers(min_value=0, max_value=1500),
)
def test_occurrences_tile_the_calendar(every: Every, day: int | None, start: dt.date, span: int) -> None:
    until = start + dt.timedelta(days=span)
    got = occurrences(Cycle(every, day), start, until)
    for a, b in itertools.pairwise(got):
        assert b.period_start == a.period_end + dt.timedelta(days=1)  # consecutive periods
    for o in got:
        assert o.period_start <= o.due <= o.period_end and o.due >= start and o.period_start <= until
    if got:  # the last is the period holding `until`: nothing owed is left out
        assert got[-1].period_start <= until <= got[-1].period_end
