"""The in-app bell: a user's own notifications, read or not. Nobody sees another's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, update

from dondoc.errors import DondocError, ErrorCode
from dondoc.services.context import Store
from dondoc.store.records import NotificationRecord
from dondoc.tracking.permissions import Actor

PAGE = 50


@dataclass(frozen=True)
class NotificationView:
    id: int
    created_at: dt.datetime
    title: str
    body: str
    link: str
    read: bool


def unread_count(store: Store, actor: Actor) -> int:
    with store.reading() as s:
        return (
            s.scalar(
                select(func.count())
                .select_from(NotificationRecord)
                .where(NotificationRecord.user_id == actor.user_id, NotificationRecord.read_at.is_(None))
            )
            or 0
        )


def list_notifications(store: Store, actor: Actor, *, limit: int = PAGE) -> list[NotificationView]:
    """The newest first."""
    with store.reading() as s:
        rows = s.scalars(
            select(NotificationRecord)
            .where(NotificationRecord.user_id == actor.user_id)
            .order_by(NotificationRecord.id.desc())
            .limit(limit)
        ).all()
    return [
        NotificationView(r.id, r.created_at, r.title, r.body, r.link, r.read_at is not None) for r in rows
    ]


def mark_read(store: Store, actor: Actor, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications read (None: all of them); how many changed.
    Another user's is not found (its existence is not revealed)."""
    now = dt.datetime.now(dt.UTC)
    with store.transaction() as s:
        query = update(NotificationRecord).where(
            NotificationRecord.user_id == actor.user_id, NotificationRecord.read_at.is_(None)
        )
        if notification_id is not None:
            owned = s.scalar(
                select(NotificationRecord.id).where(
                    NotificationRecord.id == notification_id, NotificationRecord.user_id == actor.user_id
                )
            )
            if owned is None:
                raise DondocError(ErrorCode.NOT_FOUND, kind="notification", key=str(notification_id))
            query = query.where(NotificationRecord.id == notification_id)
        return s.execute(query.values(read_at=now)).rowcount or 0  # type: ignore[attr-defined]
