"""Each task in scope as of a day: its bucket by the timeliness rule (a recurring task by
its period as of that day), the deadline in force and the last reason its lead unit gave.
The report's lists and the dashboards' drill-down read the same lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dondoc.services.cycles import current_occurrences, history_of
from dondoc.store.queries.histories import approved_changes, occurrence_changes
from dondoc.store.records import (
    AssignmentRecord,
    DirectiveRecord,
    ProgressUpdateRecord,
    TaskRecord,
    UnitRecord,
)
from dondoc.tracking.timeliness import Bucket, TaskHistory, classify, deadline_in_force


@dataclass(frozen=True)
class TaskLine:
    task_id: int
    text: str
    unit_id: int
    unit: str
    area: str
    bucket: Bucket | None
    due: dt.date | None
    reason: str


def task_lines(
    s: Session,
    as_of: dt.date,
    due_soon_days: int,
    *,
    path: str | None,
    directive_id: int | None,
    issued_since: dt.date | None = None,
    issuer: str | None = None,
) -> list[TaskLine]:
    """Each task in scope with its bucket on `as_of` (the rule, task by task) and the last
    reason its lead unit gave (difficulties, else the narrative of its last report)."""
    query = (
        select(
            TaskRecord.id,
            TaskRecord.text,
            func.coalesce(TaskRecord.area, TaskRecord.section),  # the area, else the section
            TaskRecord.original_deadline,
            TaskRecord.done_on,
            TaskRecord.verified_on,
            DirectiveRecord.confirmed_on,
            UnitRecord.id,
            UnitRecord.name,
            TaskRecord.cycle,
        )
        .join(DirectiveRecord, DirectiveRecord.id == TaskRecord.directive_id)
        .join(
            AssignmentRecord, (AssignmentRecord.task_id == TaskRecord.id) & (AssignmentRecord.role == "lead")
        )
        .join(UnitRecord, UnitRecord.id == AssignmentRecord.unit_id)
        .where(DirectiveRecord.state == "confirmed")
        .order_by(TaskRecord.directive_id, TaskRecord.position)
    )
    if path is not None:
        query = query.where(UnitRecord.path.startswith(path))
    if directive_id is not None:
        query = query.where(TaskRecord.directive_id == directive_id)
    if issued_since is not None:
        query = query.where(
            func.coalesce(DirectiveRecord.issued_on, DirectiveRecord.confirmed_on) >= issued_since
        )
    if issuer is not None:
        query = query.where(DirectiveRecord.issuer == issuer)
    rows = s.execute(query).all()
    ids = [r[0] for r in rows]
    changes = approved_changes(s, ids)
    # a recurring task stands where its period as of the day stands (as on its page)
    recurring = [r[0] for r in rows if r[-1] is not None]
    periods = current_occurrences(s, recurring, as_of) if recurring else {}
    moved = occurrence_changes(s, recurring) if recurring else {}
    reasons: dict[tuple[int, int], tuple[dt.date, int, str]] = {}
    for chunk in range(0, len(ids), 5000):
        part = ids[chunk : chunk + 5000]
        for task_id, unit_id, day, upd_id, difficulties, narrative in s.execute(
            select(
                ProgressUpdateRecord.task_id,
                ProgressUpdateRecord.unit_id,
                ProgressUpdateRecord.reported_on,
                ProgressUpdateRecord.id,
                ProgressUpdateRecord.difficulties,
                ProgressUpdateRecord.narrative,
            ).where(ProgressUpdateRecord.task_id.in_(part), ProgressUpdateRecord.reported_on <= as_of)
        ):
            said = (difficulties or "").strip() or (narrative or "").strip()
            key = (task_id, unit_id)
            if said and (key not in reasons or (day, upd_id) > reasons[key][:2]):
                reasons[key] = (day, upd_id, said)
    out = []
    for task_id, text, section, original, done_on, verified_on, opened, unit_id, unit_name, cycle in rows:
        if cycle is not None:
            occ = periods.get(task_id)
            if occ is None:
                continue  # no period begun yet: not in force (the tables do not count it either)
            history = history_of(occ, opened, moved)
        else:
            history = TaskHistory(original, tuple(changes.get(task_id, ())), opened, done_on, verified_on)
        bucket = classify(history, as_of, due_soon_days=due_soon_days)
        reason = reasons.get((task_id, unit_id), (None, 0, ""))[2]
        out.append(
            TaskLine(
                task_id,
                " ".join(text.split()),
                unit_id,
                unit_name,
                " ".join((section or "").split()),
                bucket,
                deadline_in_force(history, as_of),
                reason,
            )
        )
    return out
