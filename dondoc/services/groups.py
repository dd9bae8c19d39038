"""Groups of units and the fan-out of a task addressed to one.

A directive often gives a task to a group ("các sở, ban, ngành", "UBND các quận, huyện",
"các cấp ủy đảng, chính quyền"): no one unit leads it, each member does its part. The
office saves the groups it uses (members chosen from the directory), and fans such a task
out: one tracked copy per member unit, each with exactly one lead, under the group task,
whose progress rolls up from them (as for a task split among sub-units). The group task
itself has no lead, so the dashboards count the copies, never the group task as well.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import fetch
from dondoc.services.context import Store, audit_event, require
from dondoc.services.cycles import HORIZON_DAYS, ensure_task_occurrences
from dondoc.services.units import unit_by_code
from dondoc.services.views import task_label
from dondoc.store.records import (
    AssignmentRecord,
    TaskRecord,
    UnitGroupMemberRecord,
    UnitGroupRecord,
    UnitRecord,
)
from dondoc.tracking.permissions import Action, Actor


@dataclass(frozen=True)
class Group:
    id: int
    name: str
    members: tuple[tuple[str, str], ...]  # (code, name) of each unit


def save_group(store: Store, actor: Actor, name: str, unit_codes: list[str]) -> int:
    """Make a group, or replace the members of the one of that name; its id."""
    require(actor, Action.ASSIGN, what="groups of units")
    name = " ".join(name.split())
    if not name:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="a group needs a name")
    codes = list(dict.fromkeys(c.strip() for c in unit_codes if c.strip()))
    if not codes:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="a group needs at least one unit")
    with store.transaction() as s:
        units = [unit_by_code(s, code) for code in codes]  # an unknown code: NOT_FOUND, nothing saved
        group = s.scalar(select(UnitGroupRecord).where(UnitGroupRecord.name == name))
        before = None
        if group is None:
            group = UnitGroupRecord(name=name)
            s.add(group)
        else:
            before = {"members": [m.unit_id for m in group.members]}
            s.execute(delete(UnitGroupMemberRecord).where(UnitGroupMemberRecord.group_id == group.id))
            s.expire(group, ["members"])
        s.flush()
        for unit in units:
            s.add(UnitGroupMemberRecord(group_id=group.id, unit_id=unit.id))
        s.flush()
        audit_event(
            s,
            actor,
            "group.save",
            "unit_group",
            group.id,
            before=before,
            after={"name": name, "members": codes},
        )
        return group.id


def list_groups(store: Store) -> list[Group]:
    with store.reading() as s:
        groups = s.scalars(select(UnitGroupRecord).order_by(UnitGroupRecord.name)).all()
        names = dict(s.execute(select(UnitRecord.id, UnitRecord.code)).all())
        labels = dict(s.execute(select(UnitRecord.id, UnitRecord.name)).all())
        return [
            Group(g.id, g.name, tuple((names[m.unit_id], labels[m.unit_id]) for m in g.members))
            for g in groups
        ]


# the largest id the databases hold: a longer number is a name, never a query's overflow
_MAX_ID = 2_147_483_647


def _group(s: Session, group: str) -> UnitGroupRecord:
    by_id = group.isdigit() and int(group) <= _MAX_ID
    found = s.scalar(
        select(UnitGroupRecord).where(
            UnitGroupRecord.id == int(group) if by_id else UnitGroupRecord.name == group
        )
    )
    if found is None:
        raise DondocError(ErrorCode.NOT_FOUND, kind="group of units", key=group)
    return found


def fan_out(store: Store, actor: Actor, task_id: int, *, group: str, today: dt.date) -> list[int]:
    """One copy of the task for each member of the group (by id or name), led by that
    member, with the task's text, deadline and cycle; the group task keeps no lead of its
    own. Members that already have their copy are skipped (fanning out again after the
    group grew adds the newcomers). The ids of the copies made."""
    return fan_out_many(store, actor, [task_id], group=group, today=today)[task_id]


def fan_out_many(
    store: Store, actor: Actor, task_ids: list[int], *, group: str, today: dt.date
) -> dict[int, list[int]]:
    """Several tasks fanned out to one group at once, all or none (one transaction): the
    copies made, by task."""
    require(actor, Action.ASSIGN, what="tasks")
    with store.transaction() as s:
        members = [m.unit_id for m in _group(s, group).members]
        return {
            task_id: _fan_out(s, actor, task_id, members, group, today) for task_id in dict.fromkeys(task_ids)
        }


def _fan_out(
    s: Session, actor: Actor, task_id: int, members: list[int], group: str, today: dt.date
) -> list[int]:
    parent = fetch.task(s, task_id)
    fetch.require_confirmed(parent.directive, doing="fanning out a task")
    if parent.parent_id is not None:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="a copy of a group task is not fanned out again")
    have = set(
        s.scalars(
            select(AssignmentRecord.unit_id)
            .join(TaskRecord, TaskRecord.id == AssignmentRecord.task_id)
            .where(TaskRecord.parent_id == task_id, AssignmentRecord.role == "lead")
        )
    )
    before = {"assignments": [(a.role, a.unit_id) for a in parent.assignments]}
    # the members carry the task now: the group task leads nothing (else it would be
    # counted beside its copies)
    s.execute(delete(AssignmentRecord).where(AssignmentRecord.task_id == task_id))
    s.expire(parent, ["assignments"])
    made: list[int] = []
    last = s.scalar(
        select(TaskRecord.position)
        .where(TaskRecord.parent_id == task_id)
        .order_by(TaskRecord.position.desc())
    )
    position = last or parent.position * 1000
    for unit_id in members:
        if unit_id in have:
            continue
        position += 1
        copy = TaskRecord(
            directive_id=parent.directive_id,
            parent_id=parent.id,
            position=position,
            label=task_label(parent),  # the same item of the document, for another unit
            kind=parent.kind,
            text=parent.text,
            section=parent.section,
            span_start=parent.span_start,
            span_end=parent.span_end,
            product=parent.product,
            deadline_text=parent.deadline_text,
            original_deadline=parent.original_deadline,
            current_deadline=parent.current_deadline,
            recurrence=parent.recurrence,
            cycle=parent.cycle,
            cycle_cutoff_day=parent.cycle_cutoff_day,
            cycle_cutoff_month=parent.cycle_cutoff_month,
            cycle_until=parent.cycle_until,
            is_key=parent.is_key,
            authority=parent.authority,
            status_key="not_started",
        )
        copy.assignments.append(AssignmentRecord(unit_id=unit_id, role="lead", assigned_on=today))
        s.add(copy)
        s.flush()
        if copy.cycle is not None:
            ensure_task_occurrences(s, copy, today + dt.timedelta(days=HORIZON_DAYS))
        made.append(copy.id)
    audit_event(
        s, actor, "task.fan_out", "task", task_id, before=before, after={"group": group, "copies": made}
    )
    return made


def fan_out_directive(
    store: Store, actor: Actor, directive_id: int, *, group: str, task_ids: list[int] | None, today: dt.date
) -> dict[int, list[int]]:
    """The directive's tasks given (or, with None, every one still without a lead and not
    given out yet) to each unit of the group, in one go: the copies made, by task."""
    require(actor, Action.ASSIGN, what="tasks")
    with store.reading() as s:
        tops = s.execute(
            select(TaskRecord.id, TaskRecord.parent_id).where(TaskRecord.directive_id == directive_id)
        ).all()
        led = set(
            s.scalars(
                select(AssignmentRecord.task_id)
                .join(TaskRecord, TaskRecord.id == AssignmentRecord.task_id)
                .where(TaskRecord.directive_id == directive_id, AssignmentRecord.role == "lead")
            )
        )
    given = {parent for _, parent in tops if parent is not None}
    ours = [task for task, parent in tops if parent is None]
    if task_ids is None:
        chosen = [t for t in ours if t not in led and t not in given]
    else:
        chosen = [t for t in task_ids if t in set(ours)]  # only this directive's own tasks
    if not chosen:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="choose the tasks to give to the group")
    return fan_out_many(store, actor, chosen, group=group, today=today)
