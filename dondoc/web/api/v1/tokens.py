"""API tokens through the API: a user lists and revokes their own, an admin anyone's.
(New tokens are made by an admin: `dondoc user token` or the admin page.)"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Response
from starlette.concurrency import run_in_threadpool

from dondoc.services import users
from dondoc.web.api.schemas import TokenList, TokenRead
from dondoc.web.api.v1.auth import ApiActor
from dondoc.web.deps import NO_CONTROL, Id, StoreDep

router = APIRouter(tags=["tokens"])


@router.get("/tokens", response_model=TokenList)
async def list_tokens(
    actor: ApiActor,
    store: StoreDep,
    user: Annotated[str | None, Query(max_length=80, pattern=NO_CONTROL)] = None,
) -> TokenList:
    """Tokens, newest first: the caller's own; an admin's, everyone's (or `user`'s)."""
    lines = await run_in_threadpool(users.list_tokens, store, actor, username=user)
    now = dt.datetime.now(dt.UTC)
    items = [
        TokenRead(
            id=t.id,
            user=t.username,
            name=t.name,
            state=t.state(now),  # type: ignore[arg-type]  # one of the three
            created_at=t.created_at,
            expires_at=t.expires_at,
            last_used_at=t.last_used_at,
            revoked_at=t.revoked_at,
        )
        for t in lines
    ]
    return TokenList(items=items, count=len(items))


@router.delete("/tokens/{token_id}", status_code=204, response_class=Response)
async def revoke_token(token_id: Id, actor: ApiActor, store: StoreDep) -> Response:
    """Revoke a token (the caller's own; an admin any): it stops working at once, in
    every server process."""
    await run_in_threadpool(users.revoke_token, store, actor, token_id)
    return Response(status_code=204)
