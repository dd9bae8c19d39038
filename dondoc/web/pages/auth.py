"""Login, logout, password change, and `/` sending each role to its first screen."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import users
from dondoc.tracking.permissions import Role
from dondoc.web.deps import ActorDep, FormDep, LoginRequired, StoreDep, current_actor
from dondoc.web.render import page
from dondoc.web.text import error_message, status_message

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


@router.post("/login")
def login(request: Request, store: StoreDep, form: FormDep) -> Response:
    name = form.get("username", "").strip()
    address = request.client.host if request.client else "?"
    limiter = request.app.state.limiter
    keys = (f"user:{name.lower()}", f"addr:{address}")
    if limiter.blocked(*keys):
        return page(
            request, "auth/login.html", None, status_code=429, error=status_message(429), username=name
        )
    try:
        actor = users.authenticate(store, name, form.get("password", ""))
    except DondocError as exc:
        if exc.code is not ErrorCode.BAD_CREDENTIALS:
            raise
        limiter.failed(*keys)
        return page(
            request, "auth/login.html", None, status_code=401, error=error_message(exc), username=name
        )
    limiter.succeeded(*keys)
    request.session.clear()  # a new session at login: no fixation of an old one
    request.session["uid"] = actor.user_id
    return RedirectResponse(HOME[actor.role], status_code=303)


@router.post("/logout")
def logout(request: Request, form: FormDep) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/password")
def password_form(request: Request, actor: ActorDep) -> Response:
    return page(request, "auth/password.html", actor)


@router.post("/password")
def change_password(request: Request, actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    if form.get("new", "") != form.get("repeat", ""):
        return page(
            request, "auth/password.html", actor, status_code=422, error="Mật khẩu nhập lại không khớp."
        )
    try:
        users.change_password(store, actor, old=form.get("old", ""), new=form.get("new", ""))
    except DondocError as exc:
        return page(request, "auth/password.html", actor, status_code=422, error=error_message(exc))
    return page(request, "auth/password.html", actor, done=True)
