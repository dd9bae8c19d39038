"""Progress statuses: rows an administrator names and adds to (the defaults come with the
first migration). A status's group says what it means to the timeliness rules (open work,
done, cancelled), so a status already used keeps its group."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from dondoc.errors import DondocError, ErrorCode
from dondoc.services.context import Store, audit_event, require
from dondoc.store.records import ProgressUpdateRecord, StatusRecord, TaskRecord
from dondoc.tracking.permissions import Action, Actor

GROUPS = ("open", "done", "cancelled")
_KEY = re.compile(r"[a-z][a-z0-9_]{1,39}")


@dataclass(frozen=True)
class StatusView:
    key: str
    label: str
    group: str
    default_progress: float | None
    position: int
    in_use: bool


def list_statuses(store: Store, actor: Actor) -> list[StatusView]:
    require(actor, Action.MANAGE_SETTINGS, what="statuses")
    with store.reading() as s:
        used = set(s.scalars(select(TaskRecord.status_key).distinct())) | set(
            s.scalars(select(ProgressUpdateRecord.status_key).distinct())
        )
        rows = s.scalars(select(StatusRecord).order_by(StatusRecord.position, StatusRecord.key))
        return [
            StatusView(r.key, r.label, r.status_group, r.default_progress, r.position, r.key in used)
            for r in rows
        ]


def save_status(
    store: Store,
    actor: Actor,
    *,
    key: str,
    label: str,
    group: str,
    default_progress: float | None = None,
    position: int = 0,
) -> None:
    """Add a status or change one; a status in use keeps its group."""
    require(actor, Action.MANAGE_SETTINGS, what="statuses")
    label = label.strip()
    if not _KEY.fullmatch(key):
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="a status key is 2-40 of a-z, 0-9, _")
    if not label or len(label) > 100:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="a status needs a label of at most 100 characters")
    if group not in GROUPS:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"a status group is one of {', '.join(GROUPS)}")
    if default_progress is not None and not 0 <= default_progress <= 100:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="default progress is a percentage (0-100)")
    with store.transaction() as s:
        status = s.get(StatusRecord, key)
        before = None
        if status is None:
            status = StatusRecord(key=key)
            s.add(status)
        else:
            before = {"label": status.label, "group": status.status_group, "default": status.default_progress}
            used = s.scalar(select(TaskRecord.id).where(TaskRecord.status_key == key).limit(1)) or s.scalar(
                select(ProgressUpdateRecord.id).where(ProgressUpdateRecord.status_key == key).limit(1)
            )
            if used and group != status.status_group:
                raise DondocError(
                    ErrorCode.RULE_VIOLATED,
                    detail="a status in use keeps its group (past reports depend on it)",
                )
        status.label, status.status_group = label, group
        status.default_progress, status.position = default_progress, position
        after = {"label": label, "group": group, "default": default_progress}
        audit_event(s, actor, "status.save", "status", None, before=before, after={"key": key, **after})
