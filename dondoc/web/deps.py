"""Request dependencies: the store, the logged-in actor, today, form checks."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Hashable
from typing import Annotated, TypeVar, cast

from fastapi import Depends, Path, Query, Request
from starlette.concurrency import run_in_threadpool

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import sessions
from dondoc.services.context import Store
from dondoc.services.users import actor_by_id, actor_key
from dondoc.tracking.permissions import Actor
from dondoc.web.security import csrf_ok

T = TypeVar("T")
log = logging.getLogger("dondoc.web")


class LoginRequired(Exception):
    """No valid session: pages redirect to the login page, the API answers 401."""


class CsrfFailed(Exception):
    pass


# trivial dependencies are `async def`: FastAPI runs a plain `def` dependency in its thread
# pool, and the hop (with its GIL hand-over) costs more than the work


async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


async def cached_read(
    store: Store,
    key: Hashable,
    read: Callable[[], T],
    *,
    stale_while_computing: bool = False,
    ignoring: frozenset[str] = frozenset(),
) -> T:
    """`read()`, a service call that caches its answer under `key`, for a request: a hit
    is served on the event loop (one small query), a miss runs `read` in the thread pool.
    Most requests are hits, and a trip to the pool and back costs them more than their
    own work.

    `stale_while_computing`: after a change, the request that finds no answer computes
    the new one (and waits for it); the requests arriving meanwhile get the previous
    answer at once instead of queueing behind it, each with its own trip to the pool.
    For answers that may be one computation old: a dashboard (not a unit's own inbox
    after its report), a user's record (a few milliseconds). `ignoring`: as for
    `Store.cached`."""
    hit, value = store.cached_now(key, ignoring=ignoring)
    if hit:
        return cast(T, value)
    if stale_while_computing:
        stale, value = store.cached_stale(key)
        if stale:
            return cast(T, value)
    return await run_in_threadpool(read)


async def cached_compute(
    store: Store,
    key: Hashable,
    compute: Callable[[], T],
    *,
    stale_while_computing: bool = False,
    ignoring: frozenset[str] = frozenset(),
) -> T:
    """`store.cached(key, compute)` for a request, as `cached_read` serves it: the key
    is written once, for the lookup and the computation alike."""
    return await cached_read(
        store,
        key,
        lambda: store.cached(key, compute, ignoring=ignoring),
        stale_while_computing=stale_while_computing,
        ignoring=ignoring,
    )


async def current_actor(request: Request, store: StoreDep) -> Actor:
    """The user of the request's login. The login is looked up on every request (one
    indexed query on the event loop), so one ended elsewhere is refused at once."""
    sid = request.session.get("sid")
    if not isinstance(sid, str):
        raise LoginRequired
    live = sessions.live_session(store, sid)
    if live is None:
        request.session.clear()
        raise LoginRequired
    if live.touch:
        await run_in_threadpool(touch_quietly, sessions.touch, store, live.id)
    return await actor_of_user(store, live.user_id, live.version)


def touch_quietly(touch: Callable[[Store, int], None], store: Store, row_id: int) -> None:
    """Record a login's or token's last use, unless the storage refuses writes (a full
    disk, a read-only folder): reading goes on without it."""
    try:
        touch(store, row_id)
    except DondocError as exc:
        if exc.code not in (ErrorCode.STORAGE_UNAVAILABLE, ErrorCode.DATABASE):
            raise
        log.warning("last use not recorded: %s", exc.message)


async def actor_of_user(store: Store, user_id: int, version: int | None = None) -> Actor:
    """The actor of a user whose login or token was just checked; cached until the data
    changes (a role or unit changed meanwhile). `version`: the data version the check
    read along, which spares a query on a cache hit."""
    if version is not None:
        hit, value = store.cache.peek((actor_key(user_id), version))
        if hit:
            return cast(Actor, value)
    try:
        return await cached_read(
            store, actor_key(user_id), lambda: actor_by_id(store, user_id), stale_while_computing=True
        )
    except DondocError as exc:
        if exc.code is ErrorCode.NOT_FOUND:  # disabled between the two queries
            raise LoginRequired from exc
        raise


ActorDep = Annotated[Actor, Depends(current_actor)]


async def today() -> dt.date:
    return dt.date.today()


TodayDep = Annotated[dt.date, Depends(today)]


# what no typed text holds: NUL and the C0 controls but tab and line ends (PostgreSQL
# refuses NUL in any text, so it must stop at the door rather than fail in the database)
_CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f"
_CONTROL = re.compile(f"[{_CONTROLS}]")
NO_CONTROL = f"^[^{_CONTROLS}]*$"  # as a pattern of the OpenAPI schema


def has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


async def checked_form(request: Request) -> dict[str, str]:
    """The posted form, after its CSRF token was checked; files are read by the route."""
    form = await request.form()
    sent = form.get("csrf") or request.headers.get("x-csrf-token")
    if not csrf_ok(request, sent if isinstance(sent, str) else None):
        raise CsrfFailed
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    if any(has_control(v) for v in fields.values()):
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="a field holds control characters")
    return fields


FormDep = Annotated[dict[str, str], Depends(checked_form)]


# record ids in URLs: positive and within the databases' integer range (a larger number is
# a 422, not a driver overflow)
MAX_ID = 2_147_483_647
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
# a unit's code in a query (a branch of the directory to filter by)
UnitCode = Annotated[str | None, Query(max_length=64, pattern=NO_CONTROL)]
# a user name in a URL (an admin's action on an account)
Username = Annotated[str, Path(min_length=1, max_length=80, pattern=NO_CONTROL)]
