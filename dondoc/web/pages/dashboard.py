"""Dashboards: the timeliness buckets by unit as of a chosen date (leaders read only)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import Response

from dondoc.services.dashboards import buckets_by_branch
from dondoc.tracking.timeliness import BUCKETS
from dondoc.web.deps import ActorDep, StoreDep, TodayDep
from dondoc.web.render import page

router = APIRouter(include_in_schema=False)


@router.get("/dashboard")
def dashboard(
    request: Request,
    actor: ActorDep,
    store: StoreDep,
    today: TodayDep,
    as_of: str | None = None,
    unit: str | None = None,
) -> Response:
    try:
        day = dt.date.fromisoformat(as_of) if as_of else today
    except ValueError:
        day = today
    report = buckets_by_branch(store, actor, day, unit_code=unit or None)
    total = sum(report.totals.values())
    return page(
        request, "dashboard/dashboard.html", actor, report=report, buckets=BUCKETS, total=total, as_of=day
    )
