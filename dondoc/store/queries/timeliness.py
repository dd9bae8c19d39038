"""Timeliness buckets counted in the database: `tracking.timeliness.classify` as SQL.

The rule is written once in Python (`classify`, the specification) and compiled here
into one CASE expression, so a province's 200 000 tasks are counted by the database in
one grouped query instead of being loaded row by row. A test compares the two on random
histories on both engines: any difference between them is a bug here.

The deadline in force on a day is the latest extension approved by that day (ties: the
later request), else the original deadline, exactly as `deadline_in_force`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, literal_column, select, union_all
from sqlalchemy.orm import Session

from dondoc.store.records import (
    AssignmentRecord,
    DirectiveRecord,
    ExtensionRequestRecord,
    OccurrenceRecord,
    TaskRecord,
    UnitRecord,
)
from dondoc.tracking.timeliness import Bucket

_EXT = ExtensionRequestRecord


# a task's area: the office's (areas, chosen in the review), else its section's heading
_AREA = func.coalesce(TaskRecord.area, TaskRecord.section)


def _deadline_on(day: Any) -> ColumnElement[dt.date | None]:
    latest = (
        select(_EXT.proposed_deadline)
        .where(
            _EXT.task_id == TaskRecord.id,
            _EXT.period_start.is_(None),
            _EXT.state == "approved",
            _EXT.decided_on <= day,
        )
        .order_by(_EXT.decided_on.desc(), _EXT.id.desc())
        .limit(1)
        .correlate(TaskRecord)
        .scalar_subquery()
    )
    # no extension ever approved (current = original: the services keep it so) needs no lookup
    return case(
        (TaskRecord.current_deadline == TaskRecord.original_deadline, TaskRecord.original_deadline),
        else_=func.coalesce(latest, TaskRecord.original_deadline),
    )


def _occurrence_due_on(day: Any) -> ColumnElement[dt.date | None]:
    """An occurrence's due date in force on `day`: the latest extension of its period
    approved by then (ties: the later request), else its own."""
    occ = OccurrenceRecord
    latest = (
        select(_EXT.proposed_deadline)
        .where(
            _EXT.task_id == occ.task_id,
            _EXT.period_start == occ.period_start,
            _EXT.state == "approved",
            _EXT.decided_on <= day,
        )
        .order_by(_EXT.decided_on.desc(), _EXT.id.desc())
        .limit(1)
        .correlate(occ)
        .scalar_subquery()
    )
    return func.coalesce(latest, occ.due)


def _bucket(
    as_of: dt.date,
    due_soon_days: int,
    *,
    opened: ColumnElement[Any],
    done_on: ColumnElement[Any],
    verified_on: ColumnElement[Any],
    due_at_done: ColumnElement[Any],
    due_now: ColumnElement[Any],
) -> ColumnElement[str | None]:
    day = literal(as_of)
    ahead = dt.timedelta(days=due_soon_days)
    soon = literal(as_of + ahead if as_of <= dt.date.max - ahead else dt.date.max)
    done = and_(verified_on.is_not(None), done_on.is_not(None), verified_on <= day)
    return case(
        (opened > day, None),
        (
            done,
            case(
                (and_(due_at_done.is_not(None), done_on > due_at_done), Bucket.DONE_LATE.value),
                else_=Bucket.DONE_ON_TIME.value,
            ),
        ),
        (due_now.is_(None), Bucket.NO_DEADLINE.value),
        (due_now < day, Bucket.OVERDUE.value),
        (due_now <= soon, Bucket.DUE_SOON.value),
        else_=Bucket.OPEN_IN_TERM.value,
    )


def bucket_counts(
    session: Session,
    *,
    as_of: dt.date,
    due_soon_days: int,
    scope: str | None,
    directive_id: int | None = None,
    issued_since: dt.date | None = None,
    issuer: str | None = None,
) -> dict[tuple[int, str | None], dict[Bucket, int]]:
    """Per lead unit (id) and area (the task's area, else its section), the number of tasks in each
    bucket, for confirmed directives' tasks led by a unit whose path starts with `scope`
    (all units when None). One query answers the dashboard's two views, by unit and by
    area, each a sum over the other."""
    # three levels, each fenced with OFFSET 0 so that neither engine inlines it: the
    # deadlines are looked up once per task, the bucket computed once per task, then counted
    lead = and_(AssignmentRecord.task_id == TaskRecord.id, AssignmentRecord.role == literal_column("'lead'"))
    tasks = (
        select(
            AssignmentRecord.unit_id.label("unit_id"),
            _AREA.label("area"),
            DirectiveRecord.confirmed_on.label("opened"),
            TaskRecord.done_on.label("done_on"),
            TaskRecord.verified_on.label("verified_on"),
            _deadline_on(TaskRecord.done_on).label("due_at_done"),
            _deadline_on(literal(as_of)).label("due_now"),
        )
        .select_from(DirectiveRecord)
        .join(TaskRecord, TaskRecord.directive_id == DirectiveRecord.id)
        # the literal lets SQLite use the partial one-lead index (task_id WHERE role = 'lead')
        .join(AssignmentRecord, lead)
        .where(DirectiveRecord.state == literal_column("'confirmed'"), TaskRecord.cycle.is_(None))
    )
    # a recurring task counts by its occurrences: each in force from its period's start
    # (or the directive's confirmation, if later), due on its own day
    occ = OccurrenceRecord
    occurrences = (
        select(
            AssignmentRecord.unit_id.label("unit_id"),
            _AREA.label("area"),
            case(
                (occ.period_start > DirectiveRecord.confirmed_on, occ.period_start),
                else_=DirectiveRecord.confirmed_on,
            ).label("opened"),
            occ.done_on.label("done_on"),
            occ.verified_on.label("verified_on"),
            _occurrence_due_on(occ.done_on).label("due_at_done"),
            _occurrence_due_on(literal(as_of)).label("due_now"),
        )
        .select_from(DirectiveRecord)
        .join(TaskRecord, TaskRecord.directive_id == DirectiveRecord.id)
        .join(AssignmentRecord, lead)
        .join(occ, occ.task_id == TaskRecord.id)
        .where(DirectiveRecord.state == literal_column("'confirmed'"), TaskRecord.cycle.is_not(None))
    )
    if scope is not None:
        in_scope = select(UnitRecord.id).where(UnitRecord.path.startswith(scope))
        tasks = tasks.where(AssignmentRecord.unit_id.in_(in_scope))
        occurrences = occurrences.where(AssignmentRecord.unit_id.in_(in_scope))
    if directive_id is not None:  # one directive's tasks (its report)
        tasks = tasks.where(DirectiveRecord.id == directive_id)
        occurrences = occurrences.where(DirectiveRecord.id == directive_id)
    if issued_since is not None:  # the directives of a period (issued since the day)
        since = func.coalesce(DirectiveRecord.issued_on, DirectiveRecord.confirmed_on) >= issued_since
        tasks = tasks.where(since)
        occurrences = occurrences.where(since)
    if issuer is not None:  # one issuer's directives
        tasks = tasks.where(DirectiveRecord.issuer == issuer)
        occurrences = occurrences.where(DirectiveRecord.issuer == issuer)
    f = union_all(tasks, occurrences).subquery()
    bucket = _bucket(
        as_of,
        due_soon_days,
        opened=f.c.opened,
        done_on=f.c.done_on,
        verified_on=f.c.verified_on,
        due_at_done=f.c.due_at_done,
        due_now=f.c.due_now,
    )
    per_task = select(f.c.unit_id, f.c.area, bucket.label("bucket")).offset(0).subquery()
    query = select(per_task.c.unit_id, per_task.c.area, per_task.c.bucket, func.count()).group_by(
        per_task.c.unit_id, per_task.c.area, per_task.c.bucket
    )
    out: dict[tuple[int, str | None], dict[Bucket, int]] = {}
    for unit_id, area, name, count in session.execute(query):
        if name is not None:
            out.setdefault((unit_id, area), {})[Bucket(name)] = count
    return out
