"""Who calls the API: a bearer token (machine clients) or the browser's session, which
must then carry its CSRF token on every write."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from dondoc.errors import DondocError, ErrorCode
from dondoc.services.users import live_token, touch_token
from dondoc.tracking.permissions import Actor
from dondoc.web.deps import LoginRequired, StoreDep, actor_of_user, current_actor, touch_quietly
from dondoc.web.security import csrf_ok


async def api_actor(request: Request, store: StoreDep) -> Actor:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        # looked up on every request, never cached: a revoked token stops at once
        found = live_token(store, auth[7:].strip())
        if found is None:
            raise LoginRequired
        if found.touch:
            await run_in_threadpool(touch_quietly, touch_token, store, found.id)
        return await actor_of_user(store, found.user_id, found.version)
    actor = await current_actor(request, store)
    if request.method != "GET" and not csrf_ok(request, request.headers.get("x-csrf-token")):
        raise DondocError(
            ErrorCode.FORBIDDEN, user=actor.name, action="write", subject="without a CSRF token"
        )
    return actor


ApiActor = Annotated[Actor, Depends(api_actor)]
