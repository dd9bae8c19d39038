"""/api/v1: the same operations as the pages, as JSON, for the systems around dondoc.

Machine clients authenticate with a bearer token (`dondoc user token NAME`); a browser
session works too. Errors are RFC 9457 problem documents.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import progress, views
from dondoc.services.dashboards import buckets_as_of
from dondoc.services.progress import Report
from dondoc.services.users import actor_by_token, token_key
from dondoc.tracking.permissions import Actor
from dondoc.web.api.schemas import (
    Created,
    DashboardRead,
    DirectiveList,
    DirectiveRead,
    Problem,
    ProgressCreate,
    TaskList,
    TaskRead,
    UnitBucketsRead,
    UnitRead,
)
from dondoc.web.deps import (
    MAX_ID,
    Id,
    LoginRequired,
    StoreDep,
    TodayDep,
    cached_compute,
    cached_read,
    current_actor,
)
from dondoc.web.security import csrf_ok

_PROBLEM = {"model": Problem, "content": {"application/problem+json": {}}}
router = APIRouter(
    prefix="/api/v1",
    tags=["v1"],
    responses={
        401: {**_PROBLEM, "description": "Not logged in or bad token"},
        403: {**_PROBLEM, "description": "Not allowed for this user"},
        404: {**_PROBLEM, "description": "No such record (or not visible to this user)"},
        409: {**_PROBLEM, "description": "Changed by someone else meanwhile"},
        413: {**_PROBLEM, "description": "Too large"},
        422: {**_PROBLEM, "description": "Invalid input or a rule refused it"},
        503: {**_PROBLEM, "description": "Database unavailable"},
    },
)


async def api_actor(request: Request, store: StoreDep) -> Actor:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        token = auth[7:].strip()
        try:
            return await cached_read(store, token_key(token), lambda: actor_by_token(store, token))
        except DondocError as exc:
            raise LoginRequired from exc
    actor = await current_actor(request, store)
    # a browser session writing through the API must carry its CSRF token
    if request.method != "GET" and not csrf_ok(request, request.headers.get("x-csrf-token")):
        raise DondocError(
            ErrorCode.FORBIDDEN, user=actor.name, action="write", subject="without a CSRF token"
        )
    return actor


ApiActor = Annotated[Actor, Depends(api_actor)]


def _task(t: views.TaskView) -> TaskRead:
    return TaskRead(
        id=t.id,
        directive_id=t.directive_id,
        section=t.section,
        text=t.text,
        span=t.span,
        product=t.product,
        deadline_text=t.deadline_text,
        original_deadline=t.original_deadline,
        current_deadline=t.current_deadline,
        recurrence=t.recurrence,
        is_key=t.is_key,
        status=t.status,
        progress=t.progress,
        done_on=t.done_on,
        verified_on=t.verified_on,
        version=t.version,
        lead=UnitRead(code=t.lead.code, name=t.lead.name) if t.lead else None,
        support=[UnitRead(code=u.code, name=u.name) for u in t.support],
        targets=list(t.targets),
        bucket=t.bucket.value if t.bucket else None,
    )


@router.get("/directives", response_model=DirectiveList)
def list_directives(actor: ApiActor, store: StoreDep) -> DirectiveList:
    rows = views.list_directives(store, actor)
    return DirectiveList(
        items=[
            DirectiveRead(
                id=r.id,
                number=r.number,
                type=r.doc_type,
                issuer=r.issuer,
                issued_on=r.issued_on,
                title=r.title,
                state=r.state,
                file_name=r.file_name,
                tasks=r.tasks,
            )
            for r in rows
        ],
        count=len(rows),
    )


@router.get("/tasks", response_model=TaskList)
async def list_tasks(
    actor: ApiActor,
    store: StoreDep,
    today: TodayDep,
    directive: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    unit: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    def render() -> bytes:
        items, count = views.task_list(
            store, actor, today=today, directive_id=directive, unit_code=unit, limit=limit, offset=offset
        )
        return TaskList(items=[_task(t) for t in items], count=count).model_dump_json().encode()

    # the same page for the same viewer is served from the cache until the data changes
    key = ("tasks.json", views.visibility(actor), directive, unit, limit, offset, today)
    body = await cached_compute(store, key, render)
    return Response(body, media_type="application/json")


@router.get("/tasks/{task_id}", response_model=TaskRead)
def get_task(task_id: Id, actor: ApiActor, store: StoreDep, today: TodayDep) -> TaskRead:
    return _task(views.task_detail(store, actor, task_id, today=today).task)


@router.post("/tasks/{task_id}/progress", response_model=Created, status_code=201)
def post_progress(
    task_id: Id, body: ProgressCreate, actor: ApiActor, store: StoreDep, today: TodayDep
) -> Created:
    update = progress.report_progress(
        store,
        actor,
        task_id,
        Report(
            status=body.status,
            percent=body.percent,
            indicator_value=body.indicator_value,
            narrative=body.narrative,
            difficulties=body.difficulties,
            proposals=body.proposals,
            result_document=body.result_document,
            done_on=body.done_on,
        ),
        today=today,
        expected_version=body.version,
    )
    return Created(id=update)


@router.get("/dashboard", response_model=DashboardRead)
def dashboard(
    actor: ApiActor,
    store: StoreDep,
    today: TodayDep,
    as_of: dt.date | None = None,
    unit: Annotated[str | None, Query(max_length=64)] = None,
) -> DashboardRead:
    report = buckets_as_of(store, actor, as_of or today, unit_code=unit)
    return DashboardRead(
        as_of=report.as_of,
        units=[
            UnitBucketsRead(code=u.code, name=u.name, counts={b.value: n for b, n in u.counts.items()})
            for u in report.units
        ],
        totals={b.value: n for b, n in report.totals.items()},
    )
