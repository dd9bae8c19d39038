"""The office desk: claims of completion to verify, extension requests, quiet tasks."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from dondoc.services import progress, views
from dondoc.web.deps import ActorDep, FormDep, Id, StoreDep, TodayDep
from dondoc.web.render import page
from dondoc.web.text import catalogue

router = APIRouter(include_in_schema=False)


@router.get("/desk")
def desk(request: Request, actor: ActorDep, store: StoreDep, today: TodayDep) -> Response:
    return page(request, "desk/desk.html", actor, desk=views.desk(store, actor, today=today), today=today)


@router.post("/updates/{update_id}/verify")
def verify(
    request: Request, update_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep, form: FormDep
) -> Response:
    returned = form.get("decision") == "return"
    if returned:
        progress.return_update(store, actor, update_id, reason=form.get("reason", ""), today=today)
    else:
        progress.verify_update(store, actor, update_id, today=today, note=form.get("reason") or None)
    if request.headers.get("HX-Request"):
        done = catalogue()["desk"]["returned" if returned else "verified"]
        return page(request, "desk/_decided.html", actor, element=f"update-{update_id}", message=done)
    # only a path of this site: never an open redirect
    target = form.get("next") or ""
    safe = target.startswith("/") and not target.startswith("//")
    return RedirectResponse(target if safe else "/desk", status_code=303)


@router.post("/extensions/{request_id}/decide")
def decide(
    request: Request, request_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep, form: FormDep
) -> Response:
    approve = form.get("decision") == "approve"
    note = form.get("note") or None
    progress.decide_extension(store, actor, request_id, approve=approve, today=today, note=note)
    if request.headers.get("HX-Request"):
        done = catalogue()["desk"]["approved" if approve else "rejected"]
        return page(request, "desk/_decided.html", actor, element=f"extension-{request_id}", message=done)
    return RedirectResponse("/desk", status_code=303)
