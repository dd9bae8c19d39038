"""Administration: the units directory (tree, import, export), users, progress statuses
and the settings in force."""

from __future__ import annotations

import datetime as dt
from pathlib import Path as FilePath
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import admin_views, areas, groups, sessions, statuses, units, users, views
from dondoc.services.context import Store, require
from dondoc.tracking.permissions import Action, Actor, Role
from dondoc.web.deps import ActorDep, FormDep, Id, StoreDep, Username
from dondoc.web.keys import KEY_FILE
from dondoc.web.render import page
from dondoc.web.uploads import save_upload, temp_folder

router = APIRouter(include_in_schema=False)


# what the page says after a change: fixed sentences, filled with numbers and a unit code
# only (a message taken from the address would let any link put words on dondoc's page)
_DONE = {
    "imported": "Đã thêm {added}, cập nhật {updated} đơn vị.",
    "added": "Đã thêm đơn vị {code}.",
    "saved": "Đã lưu đơn vị {code}.",
}


@router.get("/admin/units")
def unit_tree(
    request: Request,
    actor: ActorDep,
    store: StoreDep,
    done: Annotated[str | None, Query(max_length=20)] = None,
    code: Annotated[str | None, Query(max_length=64, pattern=r"^[A-Za-z0-9._-]+$")] = None,
    added: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    updated: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    message = _DONE[done].format(code=code or "", added=added, updated=updated) if done in _DONE else None
    return page(
        request, "admin/units.html", actor, units=admin_views.units_tree(store, actor), message=message
    )


@router.post("/admin/units/import")
async def import_units(request: Request, actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    require(actor, Action.MANAGE_UNITS, what="units")
    upload = (await request.form()).get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise DondocError(ErrorCode.UNITS_FILE, name="upload", detail="no file chosen")
    with temp_folder() as tmp:
        path = await save_upload(upload, FilePath(tmp), units.MAX_FILE_BYTES)
        added, updated = await run_in_threadpool(units.import_units, store, actor, path)
    return RedirectResponse(f"/admin/units?done=imported&added={added}&updated={updated}", status_code=303)


def _unit_row(code: str, form: dict[str, str]) -> units.UnitRow:
    def day(name: str) -> dt.date | None:
        value = form.get(name, "").strip()
        try:
            return dt.date.fromisoformat(value) if value else None
        except ValueError:
            raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"{name}: not a date") from None

    return units.UnitRow(
        code=code.strip(),
        name=form.get("name", "").strip(),
        kind=form.get("kind", "").strip(),
        parent_code=form.get("parent_code", "").strip() or None,
        aliases=tuple(line.strip() for line in form.get("aliases", "").splitlines() if line.strip()),
        valid_from=day("valid_from"),
        valid_to=day("valid_to"),
        successor_code=form.get("successor_code", "").strip() or None,
    )


@router.post("/admin/units")
def add_unit(actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    require(actor, Action.MANAGE_UNITS, what="units")  # before any validation: nothing to learn
    row = _unit_row(form.get("code", ""), form)
    units.save_unit(store, actor, row, new=True)
    return RedirectResponse(f"/admin/units?done=added&code={quote(row.code)}", status_code=303)


@router.get("/admin/units/{code}/edit")
def unit_form(request: Request, code: str, actor: ActorDep, store: StoreDep) -> Response:
    require(actor, Action.MANAGE_UNITS, what="units")
    return page(
        request, "admin/unit.html", actor, u=units.unit_row(store, code), units=views.unit_options(store)
    )


@router.post("/admin/units/{code}/edit")
def edit_unit(code: str, actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    require(actor, Action.MANAGE_UNITS, what="units")
    units.save_unit(store, actor, _unit_row(code, form), new=False)
    return RedirectResponse(f"/admin/units?done=saved&code={quote(code)}", status_code=303)


@router.get("/admin/units/export.{suffix}")
def export_units(suffix: str, actor: ActorDep, store: StoreDep) -> Response:
    require(actor, Action.MANAGE_UNITS, what="units")
    if suffix not in ("csv", "xlsx"):
        raise DondocError(ErrorCode.NOT_FOUND, kind="file", key=f"export.{suffix}")
    tmp = temp_folder()
    path = FilePath(tmp.name) / f"don-vi.{suffix}"
    units.export_units(store, path)
    return FileResponse(path, filename=path.name, background=BackgroundTask(tmp.cleanup))


@router.get("/admin/users")
def user_list(request: Request, actor: ActorDep, store: StoreDep) -> Response:
    return page(
        request,
        "admin/users.html",
        actor,
        users=admin_views.users_list(store, actor),
        roles=list(Role),
        units=views.unit_options(store),
    )


@router.post("/admin/users")
def create_user(request: Request, actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    require(actor, Action.MANAGE_USERS, what="users")  # before any validation: nothing to learn
    role = form.get("role", "")
    if role not in {r.value for r in Role}:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="choose a role")
    users.create_user(
        store,
        actor,
        username=form.get("username", "").strip(),
        full_name=form.get("full_name", "").strip(),
        password=form.get("password", ""),
        role=Role(role),
        unit_code=form.get("unit") or None,
    )
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{username}/active")
def set_user_active(actor: ActorDep, store: StoreDep, form: FormDep, username: Username) -> Response:
    users.set_active(store, actor, username=username, active=form.get("active") == "1")
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{username}/sessions/end")
def end_user_sessions(actor: ActorDep, store: StoreDep, form: FormDep, username: Username) -> Response:
    sessions.end_sessions(store, actor, username=username)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/sessions/end")
def end_all_sessions(request: Request, actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    """Every login but this admin's own ends: everyone else must log in again."""
    own = request.session.get("sid")
    sessions.end_sessions(store, actor, username=None, keep=own if isinstance(own, str) else None)
    return RedirectResponse("/admin/users", status_code=303)


@router.get("/admin/tokens")
def token_list(request: Request, actor: ActorDep, store: StoreDep) -> Response:
    require(actor, Action.MANAGE_USERS, what="API tokens")
    return _tokens_page(request, actor, store)


def _tokens_page(request: Request, actor: Actor, store: Store, new_token: str | None = None) -> Response:
    now = dt.datetime.now(dt.UTC)
    lines = [(t, t.state(now)) for t in users.list_tokens(store, actor)]
    names = [u.username for u in admin_views.users_list(store, actor) if u.active]
    return page(
        request,
        "admin/tokens.html",
        actor,
        tokens=lines,
        usernames=names,
        token_days=store.settings.token_days,
        new_token=new_token,
    )


@router.post("/admin/tokens")
def create_token(request: Request, actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    require(actor, Action.MANAGE_USERS, what="API tokens")  # before any validation
    days = form.get("days", "").strip()
    if days and not days.isdigit():
        raise DondocError(
            ErrorCode.RULE_VIOLATED, detail=f"a token lasts from 1 to {users.MAX_TOKEN_DAYS} days"
        )
    token = users.create_token(
        store,
        actor,
        username=form.get("username", "").strip(),
        name=form.get("name", "").strip() or "api",
        days=int(days) if days else None,
    )
    # shown this once: the database keeps only its hash
    return _tokens_page(request, actor, store, new_token=token)


@router.post("/admin/tokens/{token_id}/revoke")
def revoke_token(actor: ActorDep, store: StoreDep, form: FormDep, token_id: Id) -> Response:
    users.revoke_token(store, actor, token_id)
    return RedirectResponse("/admin/tokens", status_code=303)


@router.get("/admin/statuses")
def status_list(request: Request, actor: ActorDep, store: StoreDep) -> Response:
    rows = statuses.list_statuses(store, actor)
    return page(request, "admin/statuses.html", actor, statuses=rows, groups=statuses.GROUPS)


@router.post("/admin/statuses")
def save_status(actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    require(actor, Action.MANAGE_SETTINGS, what="statuses")  # before any validation: nothing to learn
    default = form.get("default_progress", "").strip()
    position = form.get("position", "").strip()
    try:
        percent = float(default.replace(",", ".")) if default else None
        order = int(position) if position else 0
    except ValueError:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="default progress and order are numbers") from None
    statuses.save_status(
        store,
        actor,
        key=form.get("key", "").strip(),
        label=form.get("label", ""),
        group=form.get("group", ""),
        default_progress=percent,
        position=order,
    )
    return RedirectResponse("/admin/statuses", status_code=303)


@router.get("/admin/settings")
def settings_page(request: Request, actor: ActorDep, store: StoreDep) -> Response:
    """The settings in force (from the environment: docs/settings.md), read-only; the
    signing key is never shown."""
    require(actor, Action.MANAGE_SETTINGS, what="settings")
    current = store.settings.model_dump()
    where = "(đặt riêng)" if store.settings.secret_key else f"(tệp {store.settings.data_dir / KEY_FILE})"
    rows = [
        (f"DONDOC_{name.upper()}", f"•••••• {where}" if name == "secret_key" else str(value))
        for name, value in sorted(current.items())
    ]
    return page(request, "admin/settings.html", actor, rows=rows)


@router.get("/admin/groups")
def group_list(
    request: Request,
    actor: ActorDep,
    store: StoreDep,
    saved: Annotated[int | None, Query(ge=0, le=1_000_000_000)] = None,
) -> Response:
    require(actor, Action.ASSIGN, what="groups of units")
    return page(
        request,
        "admin/groups.html",
        actor,
        groups=groups.list_groups(store),
        units=views.unit_options(store),
        message="Đã lưu nhóm đơn vị." if saved else None,
    )


@router.post("/admin/groups")
def save_group(actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    codes = form.get("units", "").replace(";", ",").replace("\n", ",").split(",")
    group_id = groups.save_group(store, actor, form.get("name", ""), codes)
    return RedirectResponse(f"/admin/groups?saved={group_id}", status_code=303)


@router.get("/admin/areas")
def area_list(
    request: Request,
    actor: ActorDep,
    store: StoreDep,
    done: Annotated[str | None, Query(max_length=20, pattern="^(added|renamed|deleted)$")] = None,
) -> Response:
    require(actor, Action.REVIEW, what="areas")
    said = {"added": "Đã thêm lĩnh vực.", "renamed": "Đã đổi tên lĩnh vực.", "deleted": "Đã xóa lĩnh vực."}
    return page(
        request,
        "admin/areas.html",
        actor,
        areas=areas.list_areas(store),
        message=said.get(done or ""),
    )


@router.post("/admin/areas")
def area_change(actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    action = form.get("action", "add")
    if action == "rename":
        areas.rename_area(store, actor, form.get("old", ""), form.get("name", ""))
        return RedirectResponse("/admin/areas?done=renamed", status_code=303)
    if action == "delete":
        areas.delete_area(store, actor, form.get("old", ""))
        return RedirectResponse("/admin/areas?done=deleted", status_code=303)
    areas.add_area(store, actor, form.get("name", ""))
    return RedirectResponse("/admin/areas?done=added", status_code=303)
