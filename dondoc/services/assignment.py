"""Giving tasks to units: one lead (the database refuses a second), any supporting units.

`assign_from_mentions` proposes the assignment the directive itself states: the first
lead body that resolved to a unit leads (the first-named body chủ trì), later lead
bodies and the supporting bodies support. A task whose lead is unresolved or flagged is
left for the office: dondoc never picks a lead it is unsure of.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import fetch
from dondoc.services.context import Store, audit_event, require
from dondoc.services.units import unit_by_code
from dondoc.store.records import AssignmentRecord, TaskRecord, UnitRecord
from dondoc.tracking.permissions import Action, Actor, Role
from dondoc.tracking.resolution import FLAGGED, Method


@dataclass(frozen=True)
class AutoAssigned:
    assigned: int
    left_for_review: tuple[int, ...]  # task ids


def _replace(
    task: TaskRecord, lead_id: int, support: list[tuple[int, dt.date | None]], today: dt.date
) -> dict[str, object]:
    task.assignments.clear()
    task.assignments.append(AssignmentRecord(unit_id=lead_id, role="lead", assigned_on=today))
    seen = {lead_id}
    for unit_id, deadline in support:
        if unit_id not in seen:
            seen.add(unit_id)
            task.assignments.append(
                AssignmentRecord(unit_id=unit_id, role="support", deadline=deadline, assigned_on=today)
            )
    return {"lead": lead_id, "support": [u for u, _ in support if u != lead_id]}


def assign(
    store: Store,
    actor: Actor,
    task_id: int,
    *,
    lead: str,
    support: tuple[str, ...] = (),
    support_deadlines: dict[str, dt.date] | None = None,
    today: dt.date,
) -> None:
    """Assign a task by unit codes; replaces its previous assignment."""
    require(actor, Action.ASSIGN, what="tasks")
    deadlines = support_deadlines or {}
    with store.transaction() as s:
        task = fetch.task(s, task_id)
        fetch.require_confirmed(task.directive, doing="assigning")
        before = {"assignments": [(a.role, a.unit_id) for a in task.assignments]}
        lead_id = unit_by_code(s, lead).id
        sup = [(unit_by_code(s, c).id, deadlines.get(c)) for c in support]
        # the old rows go first, so a changed lead does not meet the one-lead index
        s.execute(delete(AssignmentRecord).where(AssignmentRecord.task_id == task_id))
        s.expire(task, ["assignments"])
        after = _replace(task, lead_id, sup, today)
        try:
            s.flush()
        except IntegrityError as exc:
            raise DondocError(ErrorCode.RULE_VIOLATED, detail="a task has exactly one lead unit") from exc
        audit_event(s, actor, "task.assign", "task", task_id, before=before, after=after)


def assign_from_mentions(store: Store, actor: Actor, directive_id: int, *, today: dt.date) -> AutoAssigned:
    require(actor, Action.ASSIGN, what="tasks")
    with store.transaction() as s:
        directive = fetch.directive(s, directive_id)
        fetch.require_confirmed(directive, doing="assigning")
        assigned, left = 0, []
        for task in directive.tasks:
            if task.assignments:
                continue  # assigned by hand already
            certain = [
                m
                for m in task.mentions
                if m.unit_id is not None and (m.method == "manual" or Method(m.method) not in FLAGGED)
            ]
            leads = [m.unit_id for m in certain if m.role == "lead" and m.unit_id is not None]
            if not leads:
                left.append(task.id)
                continue
            support: list[tuple[int, dt.date | None]] = [(u, None) for u in leads[1:]]
            support += [(m.unit_id, None) for m in certain if m.role == "support" and m.unit_id is not None]
            after = _replace(task, leads[0], support, today)
            audit_event(s, actor, "task.assign", "task", task.id, after={**after, "from": "mentions"})
            assigned += 1
        return AutoAssigned(assigned, tuple(left))


def split_task(
    store: Store,
    actor: Actor,
    task_id: int,
    *,
    parts: list[tuple[str, str, float, dt.date | None]],
    today: dt.date,
) -> list[int]:
    """A lead unit splits its task into sub-tasks (text, unit code, weight, deadline) for its
    own sub-units; the parent's progress then rolls up from them."""
    with store.transaction() as s:
        parent = fetch.task(s, task_id)
        fetch.require_confirmed(parent.directive, doing="splitting a task")
        subject = fetch.subject_of(s, task_id)
        if actor.role is Role.REPORTER:
            if (
                actor.unit_path is None
                or subject.lead_path is None
                or not subject.lead_path.startswith(actor.unit_path)
            ):
                raise DondocError(
                    ErrorCode.FORBIDDEN, user=actor.name, action="split", subject=f"task {task_id}"
                )
        else:
            require(actor, Action.ASSIGN, what="tasks")
        ids = []
        for n, (text, code, weight, deadline) in enumerate(parts, start=1):
            unit: UnitRecord = unit_by_code(s, code)
            if actor.role is Role.REPORTER and not unit.path.startswith(actor.unit_path or "\0"):
                raise DondocError(ErrorCode.FORBIDDEN, user=actor.name, action="assign to", subject=code)
            child = TaskRecord(
                directive_id=parent.directive_id,
                parent_id=parent.id,
                position=parent.position * 1000 + n,
                text=text,
                section=parent.section,
                original_deadline=deadline or parent.current_deadline,
                current_deadline=deadline or parent.current_deadline,
                weight=weight,
                authority=parent.authority,
                status_key="not_started",
            )
            child.assignments.append(AssignmentRecord(unit_id=unit.id, role="lead", assigned_on=today))
            s.add(child)
            s.flush()
            ids.append(child.id)
        audit_event(s, actor, "task.split", "task", task_id, after={"children": ids})
        return ids
