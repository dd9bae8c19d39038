"""Report documents through the API: the periodic report and the reminder letter as files."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Response
from starlette.concurrency import run_in_threadpool

from dondoc.services import reports
from dondoc.web.api.v1.auth import ApiActor
from dondoc.web.deps import NO_CONTROL, StoreDep, TodayDep
from dondoc.web.pages.reports import document_response

router = APIRouter(tags=["reports"])
_FILE = {
    200: {
        "description": "The document",
        "content": {t: {"schema": {"type": "string", "format": "binary"}} for t in reports.FORMATS.values()},
    }
}


@router.get("/reports/periodic", response_class=Response, responses=_FILE)  # type: ignore[arg-type]
async def periodic_report(
    actor: ApiActor,
    store: StoreDep,
    today: TodayDep,
    as_of: Annotated[dt.date | None, Query(ge=dt.date(1900, 1, 1), le=dt.date(2199, 12, 31))] = None,
    directive: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    since: Annotated[dt.date | None, Query(ge=dt.date(1900, 1, 1), le=dt.date(2199, 12, 31))] = None,
    unit: Annotated[str | None, Query(max_length=64, pattern=NO_CONTROL)] = None,
    format: Annotated[str, Query(pattern="^(docx|xlsx|pdf)$")] = "docx",
) -> Response:
    """The periodic report as of a day (default: today), for a directive, a unit's tree or
    everything the caller may see (the directives issued `since` a day: a period's
    report): DOCX, XLSX or PDF."""
    day = as_of or today

    def build() -> bytes:
        doc = reports.periodic(
            store, actor, as_of=day, directive_id=directive, unit_code=unit or None, since=since
        )
        return reports.render(doc, format)

    return document_response(await run_in_threadpool(build), format, f"bao-cao-{day:%Y-%m-%d}.{format}")


@router.get("/reports/letter", response_class=Response, responses=_FILE)  # type: ignore[arg-type]
async def reminder_letter(
    actor: ApiActor,
    store: StoreDep,
    today: TodayDep,
    unit: Annotated[str, Query(min_length=1, max_length=64, pattern=NO_CONTROL)],
    as_of: Annotated[dt.date | None, Query(ge=dt.date(1900, 1, 1), le=dt.date(2199, 12, 31))] = None,
    format: Annotated[str, Query(pattern="^(docx|pdf)$")] = "docx",
) -> Response:
    """The reminder letter (công văn đôn đốc) to a unit as of a day: DOCX or PDF."""
    day = as_of or today

    def build() -> bytes:
        return reports.render(reports.letter(store, actor, unit_code=unit, as_of=day), format)

    name = f"cong-van-don-doc-{day:%Y-%m-%d}.{format}"
    return document_response(await run_in_threadpool(build), format, name)
