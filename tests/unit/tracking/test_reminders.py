"""The đôn đốc rule: which day reminds whom of a task, and what a run covers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dondoc.core.workdays import WorkCalendar
from dondoc.tracking.reminders import (
    Audience,
    Due,
    Kind,
    Policy,
    Reminder,
    plan,
    reminder_in,
    reminder_on,
    window,
)

D = dt.date
CAL = WorkCalendar()
P = Policy()


def test_the_default_schedule_around_a_due_date() -> None:
    due = D(2026, 3, 20)
    days = {k: reminder_on(due, due + dt.timedelta(days=k), P) for k in range(-10, 20)}
    sent = {k: r for k, r in days.items() if r is not None}
    assert sorted(sent) == [-7, -1, 0, 3, 6, 7, 9, 12, 14, 15, 18]
    assert sent[-7] == Reminder(Kind.BEFORE, Audience.FOCAL, 7)
    assert sent[0] == Reminder(Kind.DUE_TODAY, Audience.FOCAL, 0)
    assert sent[3] == Reminder(Kind.OVERDUE, Audience.FOCAL, -3)
    assert sent[7].audience is Audience.HEAD  # escalation on its own day, off the 3-day cycle
    assert sent[9].audience is Audience.HEAD
    assert sent[14].audience is Audience.OFFICE
    assert sent[18].audience is Audience.OFFICE


def test_a_policy_without_escalation_or_repeats() -> None:
    quiet = Policy(days_before=(3,), on_the_day=False, overdue_every=0, head_after=0, office_after=0)
    due = D(2026, 3, 20)
    sent = [k for k in range(-10, 30) if reminder_on(due, due + dt.timedelta(days=k), quiet)]
    assert sent == [-3, 1]  # three days before, and once when it is late


def test_a_policy_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        Policy(days_before=(0,))
    with pytest.raises(ValueError):
        Policy(overdue_every=-1)


def test_a_reminder_before_a_deadline_that_falls_on_a_day_off_goes_out_the_working_day_before() -> None:
    # due Monday 23/3/2026; "1 day before" is Sunday 22/3: said on Friday 20/3
    due = D(2026, 3, 23)
    friday = D(2026, 3, 20)
    w = window(friday, D(2026, 3, 19), CAL, P)
    assert (w.ahead_from, w.ahead_to) == (friday, D(2026, 3, 22))
    assert reminder_in(due, w, P) == Reminder(Kind.BEFORE, Audience.FOCAL, 3)
    # … and not again on Monday, which says "due today"
    monday = window(D(2026, 3, 23), friday, CAL, P)
    assert reminder_in(due, monday, P) == Reminder(Kind.DUE_TODAY, Audience.FOCAL, 0)


def test_lateness_on_a_holiday_is_said_on_the_next_working_day() -> None:
    # due Friday 13/2/2026, the last working day before Tết: 3 days late is Monday 16/2 (Tết)
    due = D(2026, 2, 13)
    after = window(D(2026, 2, 23), D(2026, 2, 13), CAL, P)
    assert after.behind_from == D(2026, 2, 14)
    r = reminder_in(due, after, P)
    # 3, 6 and 7 days late fell in Tết; on 23/2 it is 10 days late and the head hears of it
    assert r == Reminder(Kind.OVERDUE, Audience.HEAD, -10)


def test_a_server_down_for_months_sends_one_notice_per_task_within_its_catch_up() -> None:
    due = D(2026, 1, 5)
    w = window(D(2026, 6, 1), D(2026, 1, 2), CAL, P)
    assert w.behind_from == D(2026, 6, 1) - dt.timedelta(days=P.catch_up_days - 1)
    r = reminder_in(due, w, P)
    assert r is not None and r.audience is Audience.OFFICE and r.kind is Kind.OVERDUE
    notices = list(plan([Due(1, 10, due), Due(2, 10, D(2026, 9, 1))], D(2026, 6, 1), D(2026, 1, 2), CAL, {}))
    assert [n.task_id for n in notices] == [1]


def test_each_kind_of_task_follows_its_own_policy() -> None:
    run = D(2026, 3, 16)  # a Monday
    tasks = [Due(1, 10, D(2026, 3, 26), "key"), Due(2, 10, D(2026, 3, 26))]
    notices = list(plan(tasks, run, D(2026, 3, 13), CAL, {"key": Policy(days_before=(10,))}))
    assert [(n.task_id, n.reminder.days) for n in notices] == [(1, 10)]


def _runs(first: dt.date, last: dt.date, skip: set[int]) -> list[dt.date]:
    days = [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]
    return [d for k, d in enumerate(days) if CAL.is_working_day(d) and k not in skip]


@settings(max_examples=300, deadline=None)
@given(
    due=st.dates(min_value=D(2025, 12, 1), max_value=D(2026, 10, 1)),
    skip=st.sets(st.integers(min_value=0, max_value=80), max_size=12),
)
def test_every_reminder_day_is_covered_by_exactly_one_run_on_a_working_day(
    due: dt.date, skip: set[int]
) -> None:
    # runs on working days, some missed (the server down): each day that calls for a
    # reminder is in exactly one run's window (before the deadline by the days ahead of a
    # run, after it by the days behind), and a run sends at most one notice per task
    runs = _runs(due - dt.timedelta(days=30), due + dt.timedelta(days=40), skip)
    ahead: dict[dt.date, list[dt.date]] = {}
    behind: dict[dt.date, list[dt.date]] = {}
    previous: dt.date | None = None
    windows = []
    for run in runs:
        w = window(run, previous, CAL, P)
        windows.append(w)
        for k in range((w.ahead_to - w.ahead_from).days + 1):
            ahead.setdefault(w.ahead_from + dt.timedelta(days=k), []).append(run)
        for k in range((run - w.behind_from).days + 1):
            behind.setdefault(w.behind_from + dt.timedelta(days=k), []).append(run)
        assert len(list(plan([Due(1, 1, due)], run, previous, CAL, {}))) <= 1
        previous = run
    if not runs:
        return
    for k in range(-10, 41):
        day = due + dt.timedelta(days=k)
        if reminder_on(due, day, P) is None:
            continue
        if day <= due and windows[0].ahead_from <= day <= windows[-1].ahead_to:
            assert len(ahead[day]) == 1, day
            # said on the day, or on a working day before it (later only when runs were missed)
            assert ahead[day][0] <= day or skip
        if day > due and windows[0].behind_from <= day <= runs[-1]:
            assert len(behind[day]) == 1, day
            assert behind[day][0] >= day
    assert all(CAL.is_working_day(r) for r in runs)


@settings(max_examples=200, deadline=None)
@given(due=st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 12, 1)))
def test_with_a_run_every_working_day_the_head_hears_of_it_on_the_first_run_from_the_seventh_day_late(
    due: dt.date,
) -> None:
    runs = _runs(due - dt.timedelta(days=10), due + dt.timedelta(days=30), set())
    previous: dt.date | None = None
    heard: list[dt.date] = []
    for run in runs:
        for n in plan([Due(1, 1, due)], run, previous, CAL, {}):
            if n.reminder.audience >= Audience.HEAD:
                heard.append(run)
        previous = run
    assert heard and heard[0] == CAL.next_working_day(due + dt.timedelta(days=P.head_after))
