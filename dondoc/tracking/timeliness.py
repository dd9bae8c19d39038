"""Timeliness of a task as of a date: the buckets the Government Office reports.

The answer depends only on the task's history and the date asked about, never on the
day the question is asked, so a report for 30/9 made in December shows what 30/9 knew:
- a completion counts from the day the office verified it (`verified_on`), and it is done
  on time when the day the work was finished (`done_on`) is within the deadline in force
  on that day (an extension approved later does not excuse earlier lateness);
- an extension counts from the day it was approved (`effective_on`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from dondoc.errors import DondocError, ErrorCode


class Bucket(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OPEN_IN_TERM = "open_in_term"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NO_DEADLINE = "no_deadline"


# the order reports list them in
BUCKETS: tuple[Bucket, ...] = tuple(Bucket)


@dataclass(frozen=True)
class DeadlineChange:
    """An approved extension: from `effective_on` the deadline is `deadline`."""

    effective_on: dt.date
    deadline: dt.date | None


@dataclass(frozen=True)
class TaskHistory:
    original_deadline: dt.date | None
    changes: tuple[DeadlineChange, ...] = ()
    opened_on: dt.date | None = None  # the day the task came into force (its directive's confirmation)
    done_on: dt.date | None = None  # the day the unit finished the work (as verified)
    verified_on: dt.date | None = None  # the day the office accepted the completion


def deadline_in_force(history: TaskHistory, on: dt.date) -> dt.date | None:
    """The deadline that applied on a day: the last extension approved by then, else the original."""
    current = history.original_deadline
    latest: dt.date | None = None
    for change in history.changes:
        if change.effective_on <= on and (latest is None or change.effective_on >= latest):
            latest = change.effective_on
            current = change.deadline
    return current


def classify(history: TaskHistory, as_of: dt.date, *, due_soon_days: int) -> Bucket | None:
    """The bucket of a task on `as_of`; None when the task did not exist yet on that day."""
    if history.opened_on is not None and as_of < history.opened_on:
        return None
    if history.verified_on is not None and history.done_on is not None and history.verified_on <= as_of:
        due = deadline_in_force(history, history.done_on)
        return Bucket.DONE_LATE if due is not None and history.done_on > due else Bucket.DONE_ON_TIME
    due = deadline_in_force(history, as_of)
    if due is None:
        return Bucket.NO_DEADLINE
    if as_of > due:
        return Bucket.OVERDUE
    if (due - as_of).days <= due_soon_days:
        return Bucket.DUE_SOON
    return Bucket.OPEN_IN_TERM


# the days a tracker deals in: a date outside them is a typing slip (or a probe), refused
# with a message rather than carried into date arithmetic that overflows
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2199, 12, 31)


def check_plausible(day: dt.date) -> dt.date:
    if not EARLIEST <= day <= LATEST:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"a date between 1900 and 2199: {day.isoformat()}")
    return day
