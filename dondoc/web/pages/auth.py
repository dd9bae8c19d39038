"""Login, logout, password change, and `/` sending each role to its first screen."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import login_throttle, sessions, users
from dondoc.services.context import Store
from dondoc.tracking.permissions import Actor, Role
from dondoc.web.deps import ActorDep, FormDep, LoginRequired, StoreDep, actor_of_user, current_actor
from dondoc.web.render import page
from dondoc.web.text import error_message

router = APIRouter(include_in_schema=False)

HOME = {Role.ADMIN: "/directives", Role.OFFICE: "/desk", Role.REPORTER: "/inbox", Role.LEADER: "/dashboard"}


@router.get("/")
async def home(request: Request, store: StoreDep) -> Response:
    try:
        actor = await current_actor(request, store)
    except LoginRequired:
        return RedirectResponse("/login", status_code=303)
    return RedirectResponse(HOME[actor.role], status_code=303)


@router.get("/login")
def login_form(request: Request) -> Response:
    return page(request, "auth/login.html", None)


def _address(request: Request) -> str:
    # the client's address as the server sees it (behind a reverse proxy on this host,
    # uvicorn takes it from X-Forwarded-For)
    return request.client.host if request.client else "?"


async def _start(request: Request, store: StoreDep, actor: Actor) -> None:
    """A new server-side login for this browser; whatever the cookie held before is
    dropped (no fixation of an old session, a fresh CSRF token)."""
    token = await run_in_threadpool(
        sessions.start_session,
        store,
        actor,
        address=_address(request),
        user_agent=request.headers.get("user-agent"),
    )
    request.session.clear()
    request.session["sid"] = token


async def _take_turn(store: Store, name: str, address: str) -> DondocError | None:
    """Waits for this password check's turn (failed ones make the next wait; waiting on
    the event loop holds no thread); the refusal when the turn is too far away."""
    try:
        wait = await run_in_threadpool(login_throttle.take_turn, store, username=name, address=address)
    except DondocError as exc:
        if exc.code is not ErrorCode.LOGIN_THROTTLED:
            raise
        return exc
    if wait > 0:
        await asyncio.sleep(wait)
    return None


async def _checked(store: Store, name: str, address: str, *, right: bool) -> None:
    """Records how the password check ended."""
    outcome = login_throttle.succeeded if right else login_throttle.failed
    await run_in_threadpool(outcome, store, username=name, address=address)


@router.post("/login")
async def login(request: Request, store: StoreDep, form: FormDep) -> Response:
    name = form.get("username", "").strip()
    address = _address(request)
    refused = await _take_turn(store, name, address)
    if refused is not None:
        return page(
            request, "auth/login.html", None, status_code=429, error=error_message(refused), username=name
        )
    try:
        actor = await run_in_threadpool(users.authenticate, store, name, form.get("password", ""))
    except DondocError as exc:
        if exc.code is not ErrorCode.BAD_CREDENTIALS:
            raise
        await _checked(store, name, address, right=False)
        return page(
            request, "auth/login.html", None, status_code=401, error=error_message(exc), username=name
        )
    await _checked(store, name, address, right=True)
    await _start(request, store, actor)
    return RedirectResponse(HOME[actor.role], status_code=303)


@router.post("/logout")
async def logout(request: Request, store: StoreDep, form: FormDep) -> Response:
    sid = request.session.get("sid")
    if isinstance(sid, str):
        live = sessions.live_session(store, sid)
        if live is not None:
            actor = await actor_of_user(store, live.user_id)
            await run_in_threadpool(sessions.end_session, store, actor, sid)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/password")
def password_form(request: Request, actor: ActorDep) -> Response:
    return page(request, "auth/password.html", actor)


@router.post("/password")
async def change_password(request: Request, actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    if form.get("new", "") != form.get("repeat", ""):
        return page(
            request, "auth/password.html", actor, status_code=422, error="Mật khẩu nhập lại không khớp."
        )
    # the old password is a password check like a login's: wrong ones are counted and
    # slow the next (a stolen session cannot be used to guess its owner's password)
    address = _address(request)
    refused = await _take_turn(store, actor.name, address)
    if refused is not None:
        return page(request, "auth/password.html", actor, status_code=429, error=error_message(refused))
    try:
        await run_in_threadpool(
            lambda: users.change_password(store, actor, old=form.get("old", ""), new=form.get("new", ""))
        )
    except DondocError as exc:
        # any other refusal (a new password too short) came after the old one was right
        await _checked(store, actor.name, address, right=exc.code is not ErrorCode.BAD_CREDENTIALS)
        return page(request, "auth/password.html", actor, status_code=422, error=error_message(exc))
    await _checked(store, actor.name, address, right=True)
    # every login of the user ended with the old password, this one too: a new one here
    await _start(request, store, actor)
    return page(request, "auth/password.html", actor, done=True)
