"""Request dependencies: the store, the logged-in actor, today, form checks."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends, Path, Request

from dondoc.errors import DondocError, ErrorCode
from dondoc.services.context import Store
from dondoc.services.users import actor_by_id
from dondoc.tracking.permissions import Actor
from dondoc.web.security import csrf_ok


class LoginRequired(Exception):
    """No valid session: pages redirect to the login page, the API answers 401."""


class CsrfFailed(Exception):
    pass


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


def current_actor(request: Request, store: StoreDep) -> Actor:
    uid = request.session.get("uid")
    if not isinstance(uid, int):
        raise LoginRequired
    try:
        return actor_by_id(store, uid)
    except DondocError as exc:
        if exc.code is ErrorCode.NOT_FOUND:  # deleted or disabled meanwhile
            request.session.clear()
            raise LoginRequired from exc
        raise


ActorDep = Annotated[Actor, Depends(current_actor)]


def today() -> dt.date:
    return dt.date.today()


TodayDep = Annotated[dt.date, Depends(today)]


async def checked_form(request: Request) -> dict[str, str]:
    """The posted form, after its CSRF token was checked; files are read by the route."""
    form = await request.form()
    sent = form.get("csrf") or request.headers.get("x-csrf-token")
    if not csrf_ok(request, sent if isinstance(sent, str) else None):
        raise CsrfFailed
    return {k: v for k, v in form.items() if isinstance(v, str)}


FormDep = Annotated[dict[str, str], Depends(checked_form)]


# record ids in URLs: positive and within the databases' integer range (a larger number is
# a 422, not a driver overflow)
MAX_ID = 2_147_483_647
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
