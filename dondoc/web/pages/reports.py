"""Báo cáo: the periodic report and the reminder letter, chosen on a form, downloaded."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import reports, views
from dondoc.web.deps import ActorDep, StoreDep, TodayDep
from dondoc.web.headers import FILE_POLICY
from dondoc.web.render import page

router = APIRouter(include_in_schema=False)


def document_response(data: bytes, fmt: str, name: str) -> Response:
    """A generated document as a download (never shown inline)."""
    disposition = f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"
    return Response(
        data,
        media_type=reports.FORMATS[fmt],
        headers={
            "Content-Disposition": disposition,
            "Content-Security-Policy": FILE_POLICY,
            "Cache-Control": "private, no-store",
        },
    )


def _day(value: str | None, today: dt.date) -> dt.date:
    if not value:
        return today
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"not a date: {value[:20]}") from None


@router.get("/reports")
async def reports_page(request: Request, actor: ActorDep, store: StoreDep, today: TodayDep) -> Response:
    directives = await run_in_threadpool(views.list_directives, store, actor)
    units = await run_in_threadpool(views.unit_options, store)
    return page(
        request,
        "reports/reports.html",
        actor,
        today=today,
        directives=[d for d in directives if d.state == "confirmed"],
        units=units,
    )


@router.get("/reports/periodic")
async def periodic(
    actor: ActorDep,
    store: StoreDep,
    today: TodayDep,
    as_of: str | None = None,
    directive: str | None = None,  # the form sends "" for "every directive"
    since: str | None = None,
    unit: str | None = None,
    format: str = "docx",
) -> Response:
    day = _day(as_of, today)
    if directive and not directive.isdigit():
        raise DondocError(ErrorCode.NOT_FOUND, kind="directive", key=directive[:20])
    directive_id = int(directive) if directive else None

    def build() -> bytes:
        doc = reports.periodic(
            store,
            actor,
            as_of=day,
            directive_id=directive_id,
            unit_code=unit or None,
            since=_day(since, today) if since else None,
        )
        return reports.render(doc, format)

    data = await run_in_threadpool(build)
    return document_response(data, format, f"bao-cao-{day:%Y-%m-%d}.{format}")


@router.get("/reports/letter")
async def letter(
    actor: ActorDep,
    store: StoreDep,
    today: TodayDep,
    unit: str,
    as_of: str | None = None,
    format: str = "docx",
) -> Response:
    day = _day(as_of, today)
    if format not in ("docx", "pdf"):
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="a letter is docx or pdf")

    def build() -> bytes:
        return reports.render(reports.letter(store, actor, unit_code=unit, as_of=day), format)

    data = await run_in_threadpool(build)
    return document_response(data, format, f"cong-van-don-doc-{unit}-{day:%Y-%m-%d}.{format}")
