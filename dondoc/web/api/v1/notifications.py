"""The caller's own notifications (the in-app bell) and the follow-up of reminders
through the API."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Response
from starlette.concurrency import run_in_threadpool

from dondoc.services import notifications
from dondoc.services.followup import followup
from dondoc.web.api.schemas import FollowUpList, NotificationList, NotificationRead, UnitFollowUpRead
from dondoc.web.api.v1.auth import ApiActor
from dondoc.web.deps import Id, StoreDep

router = APIRouter(tags=["reminders"])


@router.get("/notifications", response_model=NotificationList)
async def list_notifications(actor: ApiActor, store: StoreDep) -> NotificationList:
    """The caller's latest notifications, newest first, and how many are unread."""
    items = await run_in_threadpool(notifications.list_notifications, store, actor)
    unread = await run_in_threadpool(notifications.unread_count, store, actor)
    return NotificationList(items=[NotificationRead(**n.__dict__) for n in items], unread=unread)


@router.post("/notifications/{notification_id}/read", status_code=204, response_class=Response)
async def read_notification(notification_id: Id, actor: ApiActor, store: StoreDep) -> Response:
    """Mark one of the caller's notifications read."""
    await run_in_threadpool(notifications.mark_read, store, actor, notification_id)
    return Response(status_code=204)


@router.get("/followup", response_model=FollowUpList)
async def list_followup(
    actor: ApiActor,
    store: StoreDep,
    since: Annotated[dt.date | None, Query()] = None,
    until: Annotated[dt.date | None, Query()] = None,
) -> FollowUpList:
    """Per unit in the caller's sight: reminders sent, tasks reminded of, reported on after
    a reminder, silent, escalated; the least responsive first."""
    rows = await run_in_threadpool(lambda: followup(store, actor, since=since, until=until))
    return FollowUpList(
        items=[
            UnitFollowUpRead(
                code=r.code,
                name=r.name,
                reminders=r.reminders,
                tasks=r.tasks,
                answered=r.answered,
                silent=r.silent,
                escalated=r.escalated,
                never_answers=r.never_answers,
                last_reminded=r.last_reminded,
            )
            for r in rows
        ]
    )
