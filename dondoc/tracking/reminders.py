"""When a task's units are reminded, and who hears of it: the đôn đốc rule, without a
database or a clock.

A policy names the days around a due date that call for a reminder: some days before
(default 7 and 1), the day itself, then every few days once it is overdue. Escalation
widens the audience of an overdue task: from `head_after` days late the unit's head hears
of it too, from `office_after` days the office and the leaders who follow the directives.

Reminders go out on working days only. A run on working day X covers the days since the
previous run (or since the previous working day): a reminder of lateness that falls on a
Saturday, a holiday or a day the server was down goes out with the next run; one that
comes before a deadline and falls on a day off goes out on the working day before it
("due on Sunday" is said on Friday). Each reminder day is covered by one run only, and a
task gets one notice per run however many of its days the window holds (at the widest
audience reached).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from dondoc.core.workdays import WorkCalendar


class Audience(IntEnum):
    """Who a notice reaches, each level including the ones below it."""

    FOCAL = 1  # the lead unit's focal points (its reporters)
    HEAD = 2  # … and the unit's head (its leaders)
    OFFICE = 3  # … and the office and the leaders who follow the directives


class Kind(StrEnum):
    BEFORE = "before"  # due in a few days
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Policy:
    """One kind of task's reminder schedule (the office may set one per kind)."""

    days_before: tuple[int, ...] = (7, 1)
    on_the_day: bool = True
    overdue_every: int = 3  # days between reminders of an overdue task; 0: none after the first
    head_after: int = 7  # days overdue before the unit's head is told; 0: never
    office_after: int = 14  # days overdue before the office and the leaders are told; 0: never
    # the longest window a run looks back over (a server down for a month sends one
    # notice per task, not a month of them, and nothing older than this)
    catch_up_days: int = 31

    def __post_init__(self) -> None:
        if any(d <= 0 for d in self.days_before) or self.overdue_every < 0:
            raise ValueError("days before a due date are positive; the overdue interval is not negative")
        if self.head_after < 0 or self.office_after < 0 or self.catch_up_days < 1:
            raise ValueError("escalation delays are not negative and a run looks back at least one day")


@dataclass(frozen=True)
class Reminder:
    """What a task's reminder day calls for."""

    kind: Kind
    audience: Audience
    days: int  # days until the due date (positive), 0 on the day, days late (negative)


def reminder_on(due: dt.date, day: dt.date, policy: Policy) -> Reminder | None:
    """The reminder a task due on `due` calls for on `day`, if that is one of its days."""
    ahead = (due - day).days
    if ahead > 0:
        return Reminder(Kind.BEFORE, Audience.FOCAL, ahead) if ahead in policy.days_before else None
    if ahead == 0:
        return Reminder(Kind.DUE_TODAY, Audience.FOCAL, 0) if policy.on_the_day else None
    late = -ahead
    audience = _audience(late, policy)
    escalates = late in (policy.head_after, policy.office_after)
    every = policy.overdue_every
    if escalates or (every and late % every == 0) or (not every and late == 1):
        return Reminder(Kind.OVERDUE, audience, ahead)
    return None


def _audience(late: int, policy: Policy) -> Audience:
    if policy.office_after and late >= policy.office_after:
        return Audience.OFFICE
    if policy.head_after and late >= policy.head_after:
        return Audience.HEAD
    return Audience.FOCAL


@dataclass(frozen=True)
class Window:
    """The days a run covers, both ends included: reminder days up to a due date from
    `ahead_from` to `ahead_to`, reminder days after it from `behind_from` to the run's day."""

    ahead_from: dt.date
    ahead_to: dt.date
    behind_from: dt.date
    run_day: dt.date


def _ahead_to(run_day: dt.date, calendar: WorkCalendar) -> dt.date:
    # a reminder due before the deadline on a day off goes out on the working day before
    # it ("due on Sunday" is said on Friday, not on Monday when it is late)
    return calendar.next_working_day(run_day + dt.timedelta(days=1)) - dt.timedelta(days=1)


def window(run_day: dt.date, last_run: dt.date | None, calendar: WorkCalendar, policy: Policy) -> Window:
    """The days a run on `run_day` covers: those the last run did not (without one, those
    since the previous working day), at most `catch_up_days` back."""
    if last_run is None or last_run >= run_day:
        last_run = calendar.previous_working_day(run_day)
    oldest = run_day - dt.timedelta(days=policy.catch_up_days - 1)
    ahead_from = max(_ahead_to(last_run, calendar) + dt.timedelta(days=1), oldest)
    behind_from = max(last_run + dt.timedelta(days=1), oldest)
    return Window(ahead_from, _ahead_to(run_day, calendar), behind_from, run_day)


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    for k in range((last - first).days + 1):
        yield first + dt.timedelta(days=k)


def reminder_in(due: dt.date, w: Window, policy: Policy) -> Reminder | None:
    """The one notice a run sends for a task: of the reminder days in its window, the
    widest audience reached, described as of the run's own day."""
    best: Reminder | None = None
    for day in _days(w.ahead_from, min(w.ahead_to, due)):
        best = _wider(best, reminder_on(due, day, policy))
    for day in _days(max(w.behind_from, due + dt.timedelta(days=1)), w.run_day):
        best = _wider(best, reminder_on(due, day, policy))
    if best is None:
        return None
    ahead = (due - w.run_day).days
    if ahead > 0:
        return Reminder(Kind.BEFORE, best.audience, ahead)
    if ahead == 0:
        return Reminder(Kind.DUE_TODAY, best.audience, 0)
    return Reminder(Kind.OVERDUE, max(best.audience, _audience(-ahead, policy)), ahead)


def _wider(best: Reminder | None, r: Reminder | None) -> Reminder | None:
    if r is None:
        return best
    return r if best is None or r.audience >= best.audience else best


@dataclass(frozen=True)
class Due:
    """An open task as the reminder rule sees it: its lead unit and its deadline in force."""

    task_id: int
    unit_id: int
    due: dt.date
    kind: str = "default"  # the policy it follows: "default", "key" (nhiệm vụ trọng tâm), …


@dataclass(frozen=True)
class Notice:
    task_id: int
    unit_id: int
    due: dt.date
    reminder: Reminder


def plan(
    tasks: Iterable[Due],
    run_day: dt.date,
    last_run: dt.date | None,
    calendar: WorkCalendar,
    policies: dict[str, Policy],
) -> Iterator[Notice]:
    """The notices of a run on `run_day` (a working day), one per task at most."""
    default = policies.get("default", Policy())
    windows: dict[Policy, Window] = {}
    for t in tasks:
        policy = policies.get(t.kind, default)
        w = windows.get(policy)
        if w is None:
            w = windows[policy] = window(run_day, last_run, calendar, policy)
        # a deadline further ahead than the first reminder day in the window: nothing yet
        if (t.due - w.ahead_to).days > max(policy.days_before, default=0):
            continue
        r = reminder_in(t.due, w, policy)
        if r is not None:
            yield Notice(t.task_id, t.unit_id, t.due, r)
