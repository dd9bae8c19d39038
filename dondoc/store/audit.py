"""The audit log: who did what, when, to what, with the values before and after.

Use cases call `record` inside their own transaction, so an action and its audit event
are committed together or not at all. The table refuses UPDATE and DELETE (triggers).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy.orm import Session

from dondoc.store.records import AuditEventRecord


def _default(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _dump(values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(values, ensure_ascii=False, sort_keys=True, default=_default)


def record(
    session: Session,
    *,
    actor_id: int | None,
    actor_name: str,
    action: str,
    subject_type: str,
    subject_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEventRecord:
    event = AuditEventRecord(
        actor_id=actor_id,
        actor_name=actor_name,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        before=_dump(before),
        after=_dump(after),
    )
    session.add(event)
    return event
