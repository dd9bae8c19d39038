"""The bell: unread count in the header (loaded after the page), the list, marking read."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dondoc.services import notifications
from dondoc.web.deps import ActorDep, FormDep, Id, StoreDep
from dondoc.web.render import fragment, page

router = APIRouter(include_in_schema=False)


@router.get("/notifications")
async def notifications_page(request: Request, actor: ActorDep, store: StoreDep) -> Response:
    items = await run_in_threadpool(notifications.list_notifications, store, actor)
    return page(request, "notifications/list.html", actor, items=items)


@router.get("/notifications/badge")
async def badge(actor: ActorDep, store: StoreDep) -> Response:
    count = await run_in_threadpool(notifications.unread_count, store, actor)
    return HTMLResponse(fragment("notifications/_badge.html", count=count))


@router.post("/notifications/{notification_id}/read")
async def read_one(notification_id: Id, actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    await run_in_threadpool(notifications.mark_read, store, actor, notification_id)
    return RedirectResponse("/notifications", status_code=303)


@router.post("/notifications/read-all")
async def read_all(actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    await run_in_threadpool(notifications.mark_read, store, actor, None)
    return RedirectResponse("/notifications", status_code=303)
