"""Recurring tasks: their cycle, set from the extraction at confirmation or by the office,
and their occurrences, kept in the database ahead of time (so that the dashboards' one
query counts them on both engines) and completed one by one as the office verifies the
units' reports."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import fetch
from dondoc.services.context import Store, audit_event, require
from dondoc.store.queries.histories import occurrence_changes
from dondoc.store.records import DirectiveRecord, OccurrenceRecord, ProgressUpdateRecord, TaskRecord
from dondoc.tracking.cycles import Cycle, Every, cycle_from, occurrences
from dondoc.tracking.permissions import Action, Actor
from dondoc.tracking.timeliness import DeadlineChange, TaskHistory, deadline_in_force

# occurrences are kept this far ahead of the day they are made (the daily reminder run
# moves the horizon on)
HORIZON_DAYS = 400


def cycle_of(task: TaskRecord) -> Cycle | None:
    if task.cycle is None:
        return None
    return Cycle(Every(task.cycle), task.cycle_cutoff_day, task.cycle_cutoff_month)


def _cycle(every: str, day: int | None, month: int | None) -> Cycle:
    try:
        return Cycle(Every(every), day, month)
    except ValueError as exc:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"not a cycle: {exc}") from exc


def set_cycle(
    store: Store,
    actor: Actor,
    task_id: int,
    *,
    every: str | None,
    day: int | None = None,
    month: int | None = None,
    until: dt.date | None = None,
    today: dt.date,
) -> int:
    """Make a task recur (every: monthly, quarterly, semiannual, yearly; day and month: its
    cut-off in the period) or stop recurring (None); returns its occurrences. Occurrences
    already verified stay; the open ones are made again for the new cycle."""
    require(actor, Action.REVIEW, what="tasks")
    cycle = _cycle(every, day, month) if every is not None else None
    with store.transaction() as s:
        task = fetch.task(s, task_id)
        before = {"cycle": task.cycle, "day": task.cycle_cutoff_day, "month": task.cycle_cutoff_month}
        task.cycle = cycle.every.value if cycle else None
        task.cycle_cutoff_day = cycle.cutoff_day if cycle else None
        task.cycle_cutoff_month = cycle.cutoff_month if cycle else None
        task.cycle_until = until if cycle else None
        s.execute(
            delete(OccurrenceRecord).where(
                OccurrenceRecord.task_id == task_id, OccurrenceRecord.verified_on.is_(None)
            )
        )
        made = _ensure_task(s, task, today + dt.timedelta(days=HORIZON_DAYS)) if cycle else 0
        audit_event(
            s,
            actor,
            "task.set_cycle",
            "task",
            task_id,
            before=before,
            after={"cycle": task.cycle, "day": task.cycle_cutoff_day, "month": task.cycle_cutoff_month},
        )
        return made


def apply_extracted_cycles(s: Session, directive: DirectiveRecord, today: dt.date) -> None:
    """At confirmation: a task the extractor found recurring by calendar periods ("trước
    ngày 20 hằng tháng") gets that cycle, unless the office set one, and its occurrences."""
    for task in directive.tasks:
        if task.cycle is None:
            found = cycle_from(task.recurrence, task.deadline_text)
            if found is not None:
                task.cycle = found.every.value
                task.cycle_cutoff_day, task.cycle_cutoff_month = found.cutoff_day, found.cutoff_month
        if task.cycle is not None:
            _ensure_task(s, task, today + dt.timedelta(days=HORIZON_DAYS))


def _ensure_task(s: Session, task: TaskRecord, through: dt.date) -> int:
    """The task's occurrences from its directive's confirmation to `through` (or its end),
    the missing ones added; how many it has."""
    cycle = cycle_of(task)
    directive = s.get(DirectiveRecord, task.directive_id)
    if cycle is None or directive is None or directive.confirmed_on is None:
        return 0
    last = min(through, task.cycle_until) if task.cycle_until else through
    have = set(s.scalars(select(OccurrenceRecord.period_start).where(OccurrenceRecord.task_id == task.id)))
    owed = occurrences(cycle, directive.confirmed_on, last)
    for o in owed:
        if o.period_start not in have:
            s.add(
                OccurrenceRecord(
                    task_id=task.id, period_start=o.period_start, period_end=o.period_end, due=o.due
                )
            )
    s.flush()
    return len(have | {o.period_start for o in owed})


def ensure_task_occurrences(s: Session, task: TaskRecord, through: dt.date) -> int:
    """A recurring task's occurrences up to `through` (a task made recurring just now)."""
    return _ensure_task(s, task, through)


def ensure_occurrences(store: Store, through: dt.date) -> None:
    """Every recurring task's occurrences up to `through` (the reminder run calls it)."""
    with store.transaction() as s:
        for task in s.scalars(
            select(TaskRecord)
            .join(DirectiveRecord, DirectiveRecord.id == TaskRecord.directive_id)
            .where(TaskRecord.cycle.is_not(None), DirectiveRecord.state == "confirmed")
        ):
            _ensure_task(s, task, through)


def complete_occurrence(s: Session, task: TaskRecord, update: ProgressUpdateRecord, today: dt.date) -> bool:
    """A verified report of completion on a recurring task completes its oldest open
    occurrence (the period the unit owed first) begun by the day the work was done;
    False when there is none to complete."""
    done_on = update.done_on or today
    open_ = s.scalars(
        select(OccurrenceRecord)
        .where(OccurrenceRecord.task_id == task.id, OccurrenceRecord.verified_on.is_(None))
        .order_by(OccurrenceRecord.period_start)
    ).all()
    begun = [o for o in open_ if o.period_start <= done_on] or open_[:1]
    if not begun:
        return False
    occ = begun[0]
    occ.done_on, occ.verified_on, occ.update_id = done_on, today, update.id
    return True


def history_of(
    occ: OccurrenceRecord, opened: dt.date | None, changes: dict[tuple[int, dt.date], list[DeadlineChange]]
) -> TaskHistory:
    """An occurrence as the timeliness rule reads a task: due on its day (or as its period's
    extensions moved it), in force from its period's start or the confirmation if later."""
    start = max(opened, occ.period_start) if opened is not None else None
    own = tuple(changes.get((occ.task_id, occ.period_start), ()))
    return TaskHistory(occ.due, own, start, occ.done_on, occ.verified_on)


def current_occurrences(s: Session, task_ids: list[int], day: dt.date) -> dict[int, OccurrenceRecord]:
    """Each recurring task's period as of `day`: its oldest one begun and still open that
    day, else its latest one begun."""
    out: dict[int, OccurrenceRecord] = {}
    for k in range(0, len(task_ids), 5000):
        rows = s.scalars(
            select(OccurrenceRecord)
            .where(OccurrenceRecord.task_id.in_(task_ids[k : k + 5000]), OccurrenceRecord.period_start <= day)
            .order_by(OccurrenceRecord.task_id, OccurrenceRecord.period_start)
        )
        for o in rows:
            held = out.get(o.task_id)
            if held is None or (held.verified_on is not None and held.verified_on <= day):
                out[o.task_id] = o  # the first open one stays; a done one gives way to the next
    return out


def open_occurrence(s: Session, task_id: int, today: dt.date) -> OccurrenceRecord | None:
    """The period a unit is working on: its oldest occurrence still open and begun by
    `today`, else its next one."""
    rows = s.scalars(
        select(OccurrenceRecord)
        .where(OccurrenceRecord.task_id == task_id, OccurrenceRecord.verified_on.is_(None))
        .order_by(OccurrenceRecord.period_start)
    ).all()
    begun = [o for o in rows if o.period_start <= today]
    return begun[0] if begun else (rows[0] if rows else None)


def extended_dues(store: Store, task_id: int, today: dt.date) -> dict[dt.date, dt.date]:
    """The due dates in force on `today` of a recurring task's periods whose due date an
    extension moved, by period start."""
    with store.reading() as s:
        changes = occurrence_changes(s, [task_id])
        dues = dict(
            s.execute(
                select(OccurrenceRecord.period_start, OccurrenceRecord.due).where(
                    OccurrenceRecord.task_id == task_id
                )
            ).all()
        )
    out = {}
    for (_, start), moves in changes.items():
        if start in dues:
            due = deadline_in_force(TaskHistory(dues[start], tuple(moves)), today)
            if due is not None and due != dues[start]:
                out[start] = due
    return out


def occurrences_of(store: Store, actor: Actor, task_id: int) -> list[OccurrenceRecord]:
    """A task's occurrences, for whoever may see the task."""
    with store.reading() as s:
        fetch.task(s, task_id)
        require(actor, Action.VIEW, fetch.subject_of(s, task_id), what=f"task {task_id}")
    return occurrence_rows(store, task_id)


def occurrence_rows(store: Store, task_id: int) -> list[OccurrenceRecord]:
    with store.reading() as s:
        return list(
            s.scalars(
                select(OccurrenceRecord)
                .where(OccurrenceRecord.task_id == task_id)
                .order_by(OccurrenceRecord.period_start)
            )
        )
