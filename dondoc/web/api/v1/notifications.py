"""The caller's own notifications (the in-app bell) through the API."""

from __future__ import annotations

from fastapi import APIRouter, Response
from starlette.concurrency import run_in_threadpool

from dondoc.services import notifications
from dondoc.web.api.schemas import NotificationList, NotificationRead
from dondoc.web.api.v1.auth import ApiActor
from dondoc.web.deps import Id, StoreDep

router = APIRouter(tags=["notifications"])


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
