"""Dashboards: the timeliness buckets by unit as of a chosen date (leaders read only)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from dondoc.errors import DondocError, ErrorCode
from dondoc.reports.model import Table
from dondoc.reports.xlsx import table_workbook
from dondoc.services import views
from dondoc.services.dashboards import BUCKET_NEUTRAL, buckets_by_branch, tasks_behind
from dondoc.tracking.timeliness import BUCKETS, Bucket, check_plausible
from dondoc.web.deps import NO_CONTROL, ActorDep, StoreDep, TodayDep, UnitCode, cached_compute
from dondoc.web.render import fragment, page
from dondoc.web.text import BUCKET_LABELS

router = APIRouter(include_in_schema=False)

# a province's directives have hundreds of sections: the largest areas are shown
AREAS_SHOWN = 30


@router.get("/dashboard")
async def dashboard(
    request: Request,
    actor: ActorDep,
    store: StoreDep,
    today: TodayDep,
    as_of: Annotated[str | None, Query(max_length=10, pattern=NO_CONTROL)] = None,
    unit: UnitCode = None,
) -> Response:
    try:
        day = check_plausible(dt.date.fromisoformat(as_of)) if as_of else today
    except ValueError:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"not a date: {as_of}") from None
    scope = unit or None

    def render() -> Markup:
        report = buckets_by_branch(store, actor, day, unit_code=scope)
        total = sum(report.totals.values())
        return fragment(
            "dashboard/_report.html",
            report=report,
            buckets=BUCKETS,
            total=total,
            as_of=day,
            AREAS_SHOWN=AREAS_SHOWN,
        )

    # leaders and the office reload it all day: the rendered report is cached for whoever
    # sees the same tasks (the permission check runs with the computation, on a miss)
    key = ("dashboard.html", views.visibility(actor), scope, day)
    report_html = await cached_compute(
        store, key, render, stale_while_computing=True, ignoring=BUCKET_NEUTRAL
    )
    return page(request, "dashboard/dashboard.html", actor, report_html=report_html)


@router.get("/dashboard/tasks")
async def figure_tasks(
    request: Request,
    actor: ActorDep,
    store: StoreDep,
    today: TodayDep,
    as_of: Annotated[str | None, Query(max_length=10, pattern=NO_CONTROL)] = None,
    unit: UnitCode = None,
    bucket: Annotated[Bucket | None, Query()] = None,
    own: Annotated[int, Query(ge=0, le=1)] = 0,
    area: Annotated[str | None, Query(max_length=2000, pattern=NO_CONTROL)] = None,
    format: Annotated[str, Query(pattern="^(html|xlsx)$")] = "html",
) -> Response:
    """The tasks behind a figure of the dashboard (a bucket, a unit's row, an area), and
    the same list as a workbook."""
    try:
        day = check_plausible(dt.date.fromisoformat(as_of)) if as_of else today
    except ValueError:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"not a date: {as_of}") from None
    lines = await run_in_threadpool(
        tasks_behind, store, actor, day, bucket=bucket, unit_code=unit or None, own=bool(own), area=area
    )
    title = (
        "Nhiệm vụ"
        + (f" {BUCKET_LABELS[bucket.value].lower()}" if bucket else "")
        + f" tính đến ngày {day:%d/%m/%Y}"
    )
    if format == "xlsx":
        table = Table(
            title="Danh sách nhiệm vụ",
            columns=(
                "STT",
                "Nhiệm vụ",
                "Đơn vị chủ trì",
                "Lĩnh vực",
                "Thời hạn",
                "Tình trạng",
                "Lý do đơn vị nêu",
            ),
            rows=tuple(
                (
                    i,
                    t.text,
                    t.unit,
                    t.area,
                    f"{t.due:%d/%m/%Y}" if t.due else "",
                    BUCKET_LABELS[t.bucket.value] if t.bucket else "",
                    t.reason,
                )
                for i, t in enumerate(lines, start=1)
            ),
        )
        return Response(
            table_workbook(table),
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f'attachment; filename="nhiem-vu-{day.isoformat()}.xlsx"'},
        )
    query = str(request.url.query)
    return page(
        request,
        "dashboard/tasks.html",
        actor,
        lines=lines,
        title=title,
        as_of=day,
        xlsx=f"?{query}&format=xlsx",
    )
