"""Dashboards: the timeliness buckets by unit as of a chosen date (leaders read only)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from dondoc.errors import DondocError, ErrorCode
from dondoc.reports.model import Table
from dondoc.reports.xlsx import table_workbook
from dondoc.services import views
from dondoc.services.context import Store
from dondoc.services.dashboards import BUCKET_NEUTRAL, Which, buckets_by_branch, tasks_behind
from dondoc.tracking.permissions import Actor
from dondoc.tracking.timeliness import BUCKETS, Bucket, check_plausible
from dondoc.web.deps import MAX_ID, NO_CONTROL, ActorDep, StoreDep, TodayDep, UnitCode, cached_compute
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
    directive: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    issuer: Annotated[str | None, Query(max_length=300, pattern=NO_CONTROL)] = None,
    since: Annotated[str | None, Query(max_length=10, pattern=NO_CONTROL)] = None,
) -> Response:
    try:
        day = check_plausible(dt.date.fromisoformat(as_of)) if as_of else today
    except ValueError:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"not a date: {as_of}") from None
    scope = unit or None
    which = _which(directive, issuer, since)
    choices = await run_in_threadpool(_choices, store, actor)

    def render() -> Markup:
        report = buckets_by_branch(store, actor, day, unit_code=scope, which=which)
        total = sum(report.totals.values())
        return fragment(
            "dashboard/_report.html",
            report=report,
            buckets=BUCKETS,
            total=total,
            as_of=day,
            AREAS_SHOWN=AREAS_SHOWN,
            which=which,
            flt=_filter_query(which),
            choices=choices,
        )

    # leaders and the office reload it all day: the rendered report is cached for whoever
    # sees the same tasks (the permission check runs with the computation, on a miss)
    key = ("dashboard.html", views.visibility(actor), scope, day, which)
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
    directive: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    issuer: Annotated[str | None, Query(max_length=300, pattern=NO_CONTROL)] = None,
    since: Annotated[str | None, Query(max_length=10, pattern=NO_CONTROL)] = None,
    format: Annotated[str, Query(pattern="^(html|xlsx)$")] = "html",
) -> Response:
    """The tasks behind a figure of the dashboard (a bucket, a unit's row, an area), and
    the same list as a workbook."""
    try:
        day = check_plausible(dt.date.fromisoformat(as_of)) if as_of else today
    except ValueError:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"not a date: {as_of}") from None
    which = _which(directive, issuer, since)
    lines = await run_in_threadpool(
        lambda: tasks_behind(
            store, actor, day, bucket=bucket, unit_code=unit or None, own=bool(own), area=area, which=which
        )
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


def _which(directive: int | None, issuer: str | None, since: str | None) -> Which:
    try:
        issued_since = check_plausible(dt.date.fromisoformat(since)) if since else None
    except ValueError:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"not a date: {since}") from None
    name = " ".join(issuer.split()) if issuer else ""
    return Which(directive_id=directive, issuer=name or None, issued_since=issued_since)


def _filter_query(which: Which) -> str:
    """The filters as the links of the page carry them ("&directive=3&since=…")."""
    parts = [
        (k, v)
        for k, v in (
            ("directive", which.directive_id),
            ("issuer", which.issuer),
            ("since", which.issued_since.isoformat() if which.issued_since else None),
        )
        if v
    ]
    return "".join(f"&{k}={quote(str(v))}" for k, v in parts)


def _choices(store: Store, actor: Actor) -> dict[str, list[tuple[str, str]]]:
    """The confirmed directives and their issuers the actor may see, for the filter."""
    rows = [r for r in views.list_directives(store, actor) if r.state == "confirmed"]
    directives = [
        (str(r.id), " ".join(p for p in (r.doc_type, r.number, r.issuer) if p) or r.file_name) for r in rows
    ]
    issuers = sorted({r.issuer for r in rows if r.issuer})
    return {"directives": directives, "issuers": [(i, i) for i in issuers]}
