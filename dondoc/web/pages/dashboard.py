"""Dashboards: the timeliness buckets by unit as of a chosen date (leaders read only)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from markupsafe import Markup

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import views
from dondoc.services.dashboards import BUCKET_NEUTRAL, buckets_by_branch
from dondoc.tracking.timeliness import BUCKETS, check_plausible
from dondoc.web.deps import NO_CONTROL, ActorDep, StoreDep, TodayDep, UnitCode, cached_compute
from dondoc.web.render import fragment, page

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
