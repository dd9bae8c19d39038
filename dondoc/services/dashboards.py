"""Timeliness buckets as of a date, by lead unit: the read model of reports and dashboards.

The database gives the facts of each task in scope (deadline, approved extensions with
their dates, verified completion); `tracking.timeliness.classify` decides the bucket.
The rule lives in one pure function, and a report for a past date is reproduced by
asking again with that date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from dondoc.services.context import Store, require
from dondoc.services.units import unit_by_code
from dondoc.store.records import (
    AssignmentRecord,
    DirectiveRecord,
    ExtensionRequestRecord,
    TaskRecord,
    UnitRecord,
)
from dondoc.tracking.permissions import ANYTHING, Action, Actor, Role, Subject
from dondoc.tracking.timeliness import BUCKETS, Bucket, DeadlineChange, TaskHistory, classify


@dataclass
class UnitBuckets:
    unit_id: int
    code: str
    name: str
    counts: dict[Bucket, int] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class BucketReport:
    as_of: dt.date
    units: tuple[UnitBuckets, ...]  # lead units with at least one task, by code
    totals: dict[Bucket, int]


def _scope_path(s: Session, actor: Actor, unit_code: str | None) -> str | None:
    if unit_code is not None:
        return unit_by_code(s, unit_code).path
    if actor.role in (Role.REPORTER, Role.LEADER):
        return actor.unit_path
    return None


def _facts(
    scope: str | None,
) -> Select[int, int, dt.date | None, dt.date | None, dt.date | None, dt.date | None]:
    query = (
        select(
            TaskRecord.id,
            AssignmentRecord.unit_id,
            TaskRecord.original_deadline,
            DirectiveRecord.confirmed_on,
            TaskRecord.done_on,
            TaskRecord.verified_on,
        )
        .join(DirectiveRecord, DirectiveRecord.id == TaskRecord.directive_id)
        .join(
            AssignmentRecord, (AssignmentRecord.task_id == TaskRecord.id) & (AssignmentRecord.role == "lead")
        )
        .where(DirectiveRecord.state == "confirmed")
    )
    if scope is not None:
        query = query.join(UnitRecord, UnitRecord.id == AssignmentRecord.unit_id).where(
            UnitRecord.path.startswith(scope)
        )
    return query


def _changes(s: Session, scope: str | None, as_of: dt.date) -> dict[int, list[DeadlineChange]]:
    query = select(
        ExtensionRequestRecord.task_id,
        ExtensionRequestRecord.decided_on,
        ExtensionRequestRecord.proposed_deadline,
    ).where(ExtensionRequestRecord.state == "approved", ExtensionRequestRecord.decided_on <= as_of)
    if scope is not None:
        query = (
            query.join(
                AssignmentRecord,
                (AssignmentRecord.task_id == ExtensionRequestRecord.task_id)
                & (AssignmentRecord.role == "lead"),
            )
            .join(UnitRecord, UnitRecord.id == AssignmentRecord.unit_id)
            .where(UnitRecord.path.startswith(scope))
        )
    out: dict[int, list[DeadlineChange]] = defaultdict(list)
    for task_id, decided_on, deadline in s.execute(query):
        if decided_on is not None:  # approved requests always carry their day
            out[task_id].append(DeadlineChange(decided_on, deadline))
    return out


def buckets_as_of(
    store: Store, actor: Actor, as_of: dt.date, *, unit_code: str | None = None
) -> BucketReport:
    """The buckets of every task led by a unit in scope (a unit and its sub-units; for a
    reporter or a leader at most their own unit's tree), as known on `as_of`."""
    due_soon = store.settings.due_soon_days
    with store.reading() as s:
        scope = _scope_path(s, actor, unit_code)
        # the dashboard of a unit's tree is seen by whoever may see that unit's tasks
        require(
            actor,
            Action.VIEW,
            Subject(lead_path=scope) if scope else ANYTHING,
            what=f"unit {unit_code or 'all'}",
        )
        changes = _changes(s, scope, as_of)
        per_unit: dict[int, dict[Bucket, int]] = {}
        for task_id, unit_id, deadline, opened, done_on, verified_on in s.execute(_facts(scope)):
            history = TaskHistory(
                original_deadline=deadline,
                changes=tuple(changes.get(task_id, ())),
                opened_on=opened,
                done_on=done_on,
                verified_on=verified_on,
            )
            bucket = classify(history, as_of, due_soon_days=due_soon)
            if bucket is None:
                continue
            counts = per_unit.get(unit_id)
            if counts is None:
                counts = per_unit[unit_id] = dict.fromkeys(BUCKETS, 0)
            counts[bucket] += 1
        named = select(UnitRecord.id, UnitRecord.code, UnitRecord.name).where(
            UnitRecord.id.in_(list(per_unit))
        )
        names = {uid: (code, name) for uid, code, name in s.execute(named)}
        units = sorted(
            (UnitBuckets(uid, *names.get(uid, (str(uid), "")), counts=c) for uid, c in per_unit.items()),
            key=lambda u: u.code,
        )
        totals = dict.fromkeys(BUCKETS, 0)
        for counts in per_unit.values():
            for b, n in counts.items():
                totals[b] += n
        return BucketReport(as_of, tuple(units), totals)
