"""The approved extensions of tasks, as the timeliness rule reads them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from dondoc.store.records import ExtensionRequestRecord
from dondoc.tracking.timeliness import DeadlineChange

# ids per IN list: a province's report asks for 200 000 tasks
_CHUNK = 5000


def approved_changes(session: Session, task_ids: Sequence[int]) -> dict[int, list[DeadlineChange]]:
    """Each task's approved extensions in the order they were requested (on a tie of
    approval days the later request wins, as `deadline_in_force` reads them)."""
    out: dict[int, list[DeadlineChange]] = {}
    for k in range(0, len(task_ids), _CHUNK):
        query = (
            select(
                ExtensionRequestRecord.task_id,
                ExtensionRequestRecord.decided_on,
                ExtensionRequestRecord.proposed_deadline,
            )
            .where(
                ExtensionRequestRecord.task_id.in_(task_ids[k : k + _CHUNK]),
                ExtensionRequestRecord.state == "approved",
                ExtensionRequestRecord.period_start.is_(None),  # a period's: its occurrence's
            )
            .order_by(ExtensionRequestRecord.id)
        )
        for task_id, decided_on, deadline in session.execute(query):
            if decided_on is not None:
                out.setdefault(task_id, []).append(DeadlineChange(decided_on, deadline))
    return out


def occurrence_changes(
    session: Session, task_ids: Sequence[int]
) -> dict[tuple[int, dt.date], list[DeadlineChange]]:
    """The approved extensions of recurring tasks' periods, by (task, period start), in
    the order they were requested (as `approved_changes`)."""
    out: dict[tuple[int, dt.date], list[DeadlineChange]] = {}
    for k in range(0, len(task_ids), _CHUNK):
        query = (
            select(
                ExtensionRequestRecord.task_id,
                ExtensionRequestRecord.period_start,
                ExtensionRequestRecord.decided_on,
                ExtensionRequestRecord.proposed_deadline,
            )
            .where(
                ExtensionRequestRecord.task_id.in_(task_ids[k : k + _CHUNK]),
                ExtensionRequestRecord.state == "approved",
                ExtensionRequestRecord.period_start.is_not(None),
            )
            .order_by(ExtensionRequestRecord.id)
        )
        for task_id, period_start, decided_on, deadline in session.execute(query):
            if decided_on is not None and period_start is not None:
                out.setdefault((task_id, period_start), []).append(DeadlineChange(decided_on, deadline))
    return out
