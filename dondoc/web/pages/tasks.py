"""A task's page (the 6 rõ, source, timeline), the unit inbox, reports and extensions."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import carryover, cycles, progress, views
from dondoc.services.progress import MAX_EVIDENCE_BYTES, Report
from dondoc.web.deps import ActorDep, FormDep, Id, StoreDep, TodayDep, cached_compute
from dondoc.web.headers import user_file
from dondoc.web.render import fragment, page
from dondoc.web.uploads import CHUNK, safe_name

router = APIRouter(include_in_schema=False)


@router.get("/tasks/{task_id}")
def task_page(request: Request, task_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep) -> Response:
    detail = views.task_detail(store, actor, task_id, today=today)
    return page(
        request,
        "tasks/task.html",
        actor,
        t=detail,
        statuses=views.status_options(store),
        today=today,
        occurrences=cycles.occurrences_of(store, actor, task_id),
        extended=cycles.extended_dues(store, task_id, today),
        history=carryover.history_of(store, task_id),
    )


@router.post("/tasks/{task_id}/cycle")
async def set_cycle(
    task_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep, form: FormDep
) -> Response:
    every = str(form.get("every") or "") or None
    raw_day = str(form.get("day") or "").strip()
    if raw_day and not raw_day.isdigit():
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="day: not a number")
    await run_in_threadpool(
        cycles.set_cycle,
        store,
        actor,
        task_id,
        every=every,
        day=int(raw_day) if raw_day else None,
        today=today,
    )
    return RedirectResponse(f"/tasks/{task_id}", status_code=303)


@router.get("/inbox")
async def inbox(request: Request, actor: ActorDep, store: StoreDep, today: TodayDep) -> Response:
    def render() -> Markup:
        return fragment("tasks/_inbox.html", tasks=views.inbox(store, actor, today=today), today=today)

    # focal points reload their inbox often: rendered once per unit, day and data version
    key = ("inbox.html", views.visibility(actor), actor.unit_path, today)
    inbox_html = await cached_compute(store, key, render)
    return page(request, "tasks/inbox.html", actor, inbox_html=inbox_html)


def _number(value: str | None, what: str) -> float | None:
    if not value:
        return None
    try:
        return float(value.replace(",", "."))
    except ValueError:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"{what}: not a number") from None


@router.post("/tasks/{task_id}/progress")
async def report(
    request: Request, task_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep, form: FormDep
) -> Response:
    files: list[tuple[str, bytes]] = []
    for item in (await request.form()).getlist("evidence"):
        if isinstance(item, UploadFile) and item.filename:
            data = bytearray()
            while chunk := await item.read(CHUNK):
                data += chunk
                if len(data) > MAX_EVIDENCE_BYTES:
                    raise DondocError(
                        ErrorCode.TOO_LARGE,
                        name=safe_name(item.filename),
                        size=len(data),
                        limit=MAX_EVIDENCE_BYTES,
                    )
            files.append((safe_name(item.filename), bytes(data)))
    try:
        done_on = dt.date.fromisoformat(form["done_on"]) if form.get("done_on") else None
    except ValueError:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="done_on is not a date") from None
    progress.report_progress(
        store,
        actor,
        task_id,
        Report(
            status=form.get("status", "in_progress"),
            percent=_number(form.get("percent"), "percent"),
            indicator_value=_number(form.get("value"), "value"),
            narrative=form.get("narrative", ""),
            difficulties=form.get("difficulties", ""),
            proposals=form.get("proposals", ""),
            result_document=form.get("result_document") or None,
            done_on=done_on,
            evidence=tuple(files),
        ),
        today=today,
        expected_version=int(form["version"]) if form.get("version", "").isdigit() else None,
    )
    return RedirectResponse(f"/tasks/{task_id}", status_code=303)


@router.post("/tasks/{task_id}/extension")
def extension(task_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep, form: FormDep) -> Response:
    try:
        proposed = dt.date.fromisoformat(form.get("until", ""))
    except ValueError:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="choose the proposed deadline") from None
    progress.request_extension(
        store, actor, task_id, proposed=proposed, reason=form.get("reason", ""), today=today
    )
    return RedirectResponse(f"/tasks/{task_id}", status_code=303)


@router.get("/evidence/{sha256}")
def evidence(sha256: str, actor: ActorDep, store: StoreDep) -> Response:
    name, _ = views.evidence_file(store, actor, sha256)
    return user_file(views.file_bytes(store, sha256), name)
