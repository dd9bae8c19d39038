"""Who calls the API: a bearer token (machine clients) or the browser's session, which
must then carry its CSRF token on every write."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from dondoc.errors import DondocError, ErrorCode
from dondoc.services.users import actor_by_token, token_key
from dondoc.tracking.permissions import Actor
from dondoc.web.deps import LoginRequired, StoreDep, cached_read, current_actor
from dondoc.web.security import csrf_ok


async def api_actor(request: Request, store: StoreDep) -> Actor:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        token = auth[7:].strip()
        try:
            return await cached_read(
                store, token_key(token), lambda: actor_by_token(store, token), stale_while_computing=True
            )
        except DondocError as exc:
            raise LoginRequired from exc
    actor = await current_actor(request, store)
    if request.method != "GET" and not csrf_ok(request, request.headers.get("x-csrf-token")):
        raise DondocError(
            ErrorCode.FORBIDDEN, user=actor.name, action="write", subject="without a CSRF token"
        )
    return actor


ApiActor = Annotated[Actor, Depends(api_actor)]
