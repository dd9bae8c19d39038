"""The leader's view of đôn đốc: per unit, how often it was reminded, how many of the
tasks it was reminded of it then reported on, and the units that never answer."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from dondoc.services.context import Store, require
from dondoc.store.records import ProgressUpdateRecord, ReminderNoticeRecord, UnitRecord
from dondoc.tracking.permissions import Action, Actor, Role, Subject


@dataclass(frozen=True)
class UnitFollowUp:
    code: str
    name: str
    reminders: int  # notices about its tasks (one per task per run)
    tasks: int  # tasks it was reminded of
    answered: int  # … of which it reported on after the first reminder
    escalated: int  # tasks whose reminders reached the head or the office
    last_reminded: dt.date

    @property
    def silent(self) -> int:
        return self.tasks - self.answered

    @property
    def never_answers(self) -> bool:
        return self.answered == 0


def followup(
    store: Store, actor: Actor, *, since: dt.date | None = None, until: dt.date | None = None
) -> list[UnitFollowUp]:
    """Units in the actor's sight, the least responsive first (most tasks left silent)."""
    require(actor, Action.VIEW, Subject(lead_path=actor.unit_path) if actor.unit_path else Subject())
    with store.reading() as s:
        query = (
            select(
                ReminderNoticeRecord.unit_id,
                ReminderNoticeRecord.task_id,
                func.min(ReminderNoticeRecord.run_day),
                func.max(ReminderNoticeRecord.run_day),
                func.count(),
                func.max(ReminderNoticeRecord.audience),
            )
            .join(UnitRecord, UnitRecord.id == ReminderNoticeRecord.unit_id)
            .group_by(ReminderNoticeRecord.unit_id, ReminderNoticeRecord.task_id)
        )
        if actor.role in (Role.REPORTER, Role.LEADER) and actor.unit_path is not None:
            query = query.where(UnitRecord.path.startswith(actor.unit_path))
        if since is not None:
            query = query.where(ReminderNoticeRecord.run_day >= since)
        if until is not None:
            query = query.where(ReminderNoticeRecord.run_day <= until)
        rows = s.execute(query).all()
        tasks = {task_id for _, task_id, *_ in rows}
        last_report: dict[tuple[int, int], dt.date] = {}
        if tasks:
            reports = select(
                ProgressUpdateRecord.task_id,
                ProgressUpdateRecord.unit_id,
                func.max(ProgressUpdateRecord.reported_on),
            ).group_by(ProgressUpdateRecord.task_id, ProgressUpdateRecord.unit_id)
            if until is not None:
                reports = reports.where(ProgressUpdateRecord.reported_on <= until)
            for task_id, unit_id, day in s.execute(reports):
                if task_id in tasks:
                    last_report[(task_id, unit_id)] = day
        units = {
            u.id: u for u in s.scalars(select(UnitRecord).where(UnitRecord.id.in_({r[0] for r in rows})))
        }
    per_unit: dict[int, list[tuple[bool, int, bool, dt.date]]] = defaultdict(list)
    for unit_id, task_id, first, last, count, audience in rows:
        answered = (task_id, unit_id) in last_report and last_report[(task_id, unit_id)] >= first
        per_unit[unit_id].append((answered, count, audience > 1, last))
    out = [
        UnitFollowUp(
            units[u].code,
            units[u].name,
            sum(c for _, c, _, _ in lines),
            len(lines),
            sum(a for a, _, _, _ in lines),
            sum(e for _, _, e, _ in lines),
            max(d for *_, d in lines),
        )
        for u, lines in per_unit.items()
    ]
    return sorted(out, key=lambda f: (-f.silent, f.answered, f.code))
