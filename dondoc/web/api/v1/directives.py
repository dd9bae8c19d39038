"""Directives through the API: the list, one directive, upload and its reading job,
confirmation and assignment from the text."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, Request, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from dondoc.services import assignment, reading_jobs, review, task_import, views
from dondoc.services import search as searching
from dondoc.services.context import require
from dondoc.tracking.permissions import Action
from dondoc.web.api.schemas import (
    AutoAssignedRead,
    DirectiveDetail,
    DirectiveList,
    JobRead,
    RowErrorRead,
    TaskImportResult,
)
from dondoc.web.api.v1.auth import ApiActor
from dondoc.web.api.v1.shapes import directive_detail, directive_read, job_read
from dondoc.web.deps import Id, StoreDep, TodayDep
from dondoc.web.reading import start_reading
from dondoc.web.uploads import save_upload, temp_folder

router = APIRouter(tags=["directives"])


@router.get("/directives", response_model=DirectiveList)
def list_directives(
    actor: ApiActor,
    store: StoreDep,
    state: Literal["draft", "confirmed"] | None = None,
    q: Annotated[str | None, Query(min_length=1, max_length=searching.MAX_QUERY)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> DirectiveList:
    """The directives this user may see, newest first; `state` keeps drafts (still in
    review) or confirmed ones; `q` those whose number, type, issuer, title or signer
    match it, best first."""
    rows = [r for r in views.list_directives(store, actor) if state is None or r.state == state]
    if q is not None:
        found = searching.search(
            store, actor, q, searching.Filters(kinds=("directive",)), limit=searching.MAX_LIMIT
        )
        rank = {h.id: i for i, h in enumerate(found.hits)}
        rows = sorted((r for r in rows if r.id in rank), key=lambda r: rank[r.id])
    return DirectiveList(items=[directive_read(r) for r in rows[offset : offset + limit]], count=len(rows))


@router.get("/directives/{directive_id}", response_model=DirectiveDetail)
def get_directive(directive_id: Id, actor: ApiActor, store: StoreDep, today: TodayDep) -> DirectiveDetail:
    return directive_detail(views.directive_view(store, actor, directive_id, today=today))


@router.post("/directives", response_model=JobRead, status_code=202)
async def upload_directive(
    request: Request,
    response: Response,
    file: Annotated[UploadFile, File(description="PDF, scan, photo, DOCX or text")],
    actor: ApiActor,
    store: StoreDep,
) -> JobRead:
    """Read a directive: answers once it is read, or after a few seconds with the job to
    poll (`Location`); a file refused at once (corrupt, empty, too large) is the error."""
    require(actor, Action.INGEST, what="directives")
    job = await start_reading(store, actor, file)
    if job.error is not None:
        raise job.error
    response.headers["Location"] = f"/api/v1/jobs/{job.id}"
    return job_read(job)


@router.get("/jobs/{job_id}", response_model=JobRead)
def get_job(job_id: Id, actor: ApiActor, store: StoreDep) -> JobRead:
    return job_read(reading_jobs.job_view(store, actor, job_id))


@router.post("/directives/{directive_id}/confirm", response_model=DirectiveDetail)
def confirm(directive_id: Id, actor: ApiActor, store: StoreDep, today: TodayDep) -> DirectiveDetail:
    review.confirm(store, actor, directive_id, today=today)
    return directive_detail(views.directive_view(store, actor, directive_id, today=today))


@router.post("/directives/{directive_id}/assign-from-text", response_model=AutoAssignedRead)
def assign_from_text(directive_id: Id, actor: ApiActor, store: StoreDep, today: TodayDep) -> AutoAssignedRead:
    """Give each unassigned task the lead and support units its text names; tasks whose
    bodies are not all mapped are left for the review."""
    done = assignment.assign_from_mentions(store, actor, directive_id, today=today)
    return AutoAssignedRead(assigned=done.assigned, left_for_review=list(done.left_for_review))


@router.post("/directives/{directive_id}/tasks/import", response_model=TaskImportResult)
async def import_tasks(
    directive_id: Id,
    file: Annotated[UploadFile, File(description="XLSX or UTF-8 CSV: one task a row, with headings")],
    actor: ApiActor,
    store: StoreDep,
    today: TodayDep,
    dry_run: bool = False,
) -> TaskImportResult:
    """Import an office's task list into the directive (as `dondoc import tasks`): every
    row checked first; a refused row (listed with its column and reason) writes nothing."""
    require(actor, Action.REVIEW, what="tasks")
    with temp_folder() as tmp:
        path = await save_upload(file, Path(tmp), task_import.MAX_FILE_BYTES)
        result = await run_in_threadpool(
            lambda: task_import.import_tasks(store, actor, path, directive_id, today=today, dry_run=dry_run)
        )
    return TaskImportResult(
        columns=result.columns,
        rows=len(result.rows),
        new=result.new,
        changed=result.changed,
        unchanged=result.unchanged,
        written=result.written,
        errors=[
            RowErrorRead(row=e.row, column=e.column, kind=e.kind, reason=e.reason) for e in result.errors
        ],
    )
