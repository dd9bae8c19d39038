"""The timeliness buckets as of a date, by unit, through the API."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter

from dondoc.services.dashboards import buckets_as_of
from dondoc.tracking.timeliness import check_plausible
from dondoc.web.api.schemas import AreaBucketsRead, DashboardRead, UnitBucketsRead
from dondoc.web.api.v1.auth import ApiActor
from dondoc.web.deps import StoreDep, TodayDep, UnitCode

router = APIRouter(tags=["dashboard"])


@router.get("/dashboard", response_model=DashboardRead)
def dashboard(
    actor: ApiActor,
    store: StoreDep,
    today: TodayDep,
    as_of: dt.date | None = None,
    unit: UnitCode = None,
) -> DashboardRead:
    report = buckets_as_of(store, actor, check_plausible(as_of) if as_of else today, unit_code=unit)
    return DashboardRead(
        as_of=report.as_of,
        units=[
            UnitBucketsRead(code=u.code, name=u.name, counts={b.value: n for b, n in u.counts.items()})
            for u in report.units
        ],
        totals={b.value: n for b, n in report.totals.items()},
        areas=[
            AreaBucketsRead(area=a.area, counts={b.value: n for b, n in a.counts.items()})
            for a in report.areas
        ],
    )
