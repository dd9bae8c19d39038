"""The leader's view of đôn đốc (Theo dõi đôn đốc): the units reminded, those that answer."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from dondoc.services.followup import followup
from dondoc.web.deps import ActorDep, StoreDep
from dondoc.web.render import page

router = APIRouter(include_in_schema=False)


@router.get("/followup")
async def followup_page(request: Request, actor: ActorDep, store: StoreDep) -> Response:
    rows = await run_in_threadpool(followup, store, actor)
    return page(request, "followup/followup.html", actor, rows=rows)
