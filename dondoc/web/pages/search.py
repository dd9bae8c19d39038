"""The search box: one page of results over directives, tasks, progress reports and units,
with filters, and the task results as a workbook."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import exports, views
from dondoc.services import search as searching
from dondoc.tracking.timeliness import check_plausible
from dondoc.web.deps import MAX_ID, NO_CONTROL, ActorDep, StoreDep, TodayDep, UnitCode
from dondoc.web.render import page

router = APIRouter(include_in_schema=False)

PAGE = 20
KIND_LABELS = {"directive": "Văn bản", "task": "Nhiệm vụ", "progress": "Báo cáo tiến độ", "unit": "Đơn vị"}
Day = Annotated[str | None, Query(max_length=10, pattern=NO_CONTROL)]


def _day(value: str | None, label: str) -> dt.date | None:
    if not value:
        return None
    try:
        return check_plausible(dt.date.fromisoformat(value))
    except ValueError:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"{label}: not a date: {value}") from None


@router.get("/search")
async def search_page(
    request: Request,
    actor: ActorDep,
    store: StoreDep,
    today: TodayDep,
    q: Annotated[str, Query(max_length=searching.MAX_QUERY, pattern=NO_CONTROL)] = "",
    kind: Annotated[str, Query(pattern="^(|directive|task|progress|unit)$")] = "",
    directive: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    unit: UnitCode = None,
    status: Annotated[str, Query(max_length=40, pattern=NO_CONTROL)] = "",
    due_from: Day = None,
    due_to: Day = None,
    page_no: Annotated[int, Query(alias="page", ge=1, le=500)] = 1,
    format: Annotated[str, Query(pattern="^(html|xlsx)$")] = "html",
) -> Response:
    filters = searching.Filters(
        kinds=(kind,) if kind else (),
        directive_id=directive,
        unit_code=unit or None,
        status=status or None,
        due_from=_day(due_from, "từ ngày"),
        due_to=_day(due_to, "đến ngày"),
    )
    if format == "xlsx":
        # every task found (up to a thousand), in the order of the results
        only_tasks = replace(filters, kinds=("task",))
        found = await run_in_threadpool(
            searching.search, store, actor, q, only_tasks, limit=searching.MAX_LIMIT
        )
        tasks = await run_in_threadpool(
            views.tasks_in_order, store, actor, [h.id for h in found.hits], today=today
        )
        return Response(
            exports.workbook(exports.task_table(tasks)),
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": 'attachment; filename="tim-kiem-nhiem-vu.xlsx"'},
        )
    results = None
    if q.strip():
        results = await run_in_threadpool(
            searching.search, store, actor, q, filters, limit=PAGE, offset=(page_no - 1) * PAGE
        )
    statuses = await run_in_threadpool(views.status_options, store)
    query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k not in ("page", "format")])
    return page(
        request,
        "search/results.html",
        actor,
        q=q,
        kind=kind,
        directive=directive,
        unit=unit or "",
        status=status,
        due_from=due_from or "",
        due_to=due_to or "",
        statuses=statuses,
        results=results,
        page_no=page_no,
        KIND_LABELS=KIND_LABELS,
        prev_url=f"/search?{query}&page={page_no - 1}" if page_no > 1 else None,
        next_url=f"/search?{query}&page={page_no + 1}" if results is not None and results.more else None,
        xlsx=f"/search?{query}&format=xlsx",
    )
