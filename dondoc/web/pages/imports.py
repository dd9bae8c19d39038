"""Importing an office's task list into a directive: check first (every refused row with
its column and reason, in Vietnamese), then import; the file input keeps its file
between the two (the form is answered in place by htmx)."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from dondoc.services import fetch, task_import
from dondoc.services.context import Store, require
from dondoc.tracking.permissions import Action
from dondoc.web.deps import ActorDep, FormDep, Id, StoreDep, TodayDep
from dondoc.web.render import page
from dondoc.web.text import catalogue
from dondoc.web.uploads import save_upload, temp_folder

router = APIRouter(include_in_schema=False)


def _directive_title(store: Store, directive_id: int) -> str:
    with store.reading() as s:
        d = fetch.directive(s, directive_id)
        return " ".join(p for p in (d.doc_type, d.number, d.title or d.file_name) if p)


@router.get("/directives/{directive_id}/import")
async def import_form(request: Request, directive_id: Id, actor: ActorDep, store: StoreDep) -> Response:
    require(actor, Action.REVIEW, what="tasks")
    title = await run_in_threadpool(_directive_title, store, directive_id)
    return page(request, "directives/import.html", actor, **_context(directive_id, title))


def _context(directive_id: int, title: str, **more: Any) -> dict[str, Any]:
    words = catalogue()
    return {
        "directive_id": directive_id,
        "directive_title": title,
        "FIELDS": task_import.FIELDS,
        "FIELD_LABELS": words["import_fields"],
        "REASONS": words["import_reasons"],
        "HEADINGS": task_import.HEADINGS,
        **more,
    }


@router.post("/directives/{directive_id}/import")
async def import_tasks(
    request: Request,
    directive_id: Id,
    actor: ActorDep,
    store: StoreDep,
    today: TodayDep,
    form: FormDep,
) -> Response:
    require(actor, Action.REVIEW, what="tasks")
    title = await run_in_threadpool(_directive_title, store, directive_id)
    upload = (await request.form()).get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return page(
            request,
            "directives/import.html",
            actor,
            status_code=422,
            **_context(directive_id, title, error="Hãy chọn tệp danh sách nhiệm vụ (Excel hoặc CSV)."),
        )
    mapping = {f: form.get(f"col_{f}", "").strip() for f in task_import.FIELDS}
    dry_run = form.get("action") != "import"
    with temp_folder() as tmp:
        path = await save_upload(upload, FilePath(tmp), task_import.MAX_FILE_BYTES)
        result = await run_in_threadpool(
            lambda: task_import.import_tasks(
                store, actor, path, directive_id, today=today, mapping=mapping, dry_run=dry_run
            )
        )
    return page(
        request,
        "directives/import.html",
        actor,
        status_code=422 if result.errors else 200,
        **_context(directive_id, title, result=result, file_name=upload.filename, mapping=mapping),
    )
