"""The office desk through the API: what awaits a decision, and the decisions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from dondoc.services import progress, views
from dondoc.web.api.schemas import DeskRead, ExtensionDecision, UpdateDecision
from dondoc.web.api.v1.auth import ApiActor
from dondoc.web.api.v1.shapes import extension_read, task_read, update_read
from dondoc.web.deps import Id, StoreDep, TodayDep

router = APIRouter(tags=["desk"])


@router.get("/desk", response_model=DeskRead)
def desk(
    actor: ApiActor,
    store: StoreDep,
    today: TodayDep,
    quiet_days: Annotated[int, Query(ge=1, le=3650)] = 30,
) -> DeskRead:
    """Reports awaiting verification, pending extension requests, and tasks in force
    with no report for `quiet_days`."""
    d = views.desk(store, actor, today=today, quiet_days=quiet_days)
    return DeskRead(
        pending_updates=[update_read(u) for u in d.pending_updates],
        pending_extensions=[extension_read(e) for e in d.pending_extensions],
        quiet_tasks=[task_read(t) for t in d.quiet_tasks],
        quiet_days=d.quiet_days,
    )


@router.post("/updates/{update_id}/decision", status_code=204, response_class=Response)
def decide_update(
    update_id: Id, body: UpdateDecision, actor: ApiActor, store: StoreDep, today: TodayDep
) -> Response:
    """Verify a report (a completion closes its task) or return it with a reason."""
    if body.decision == "return":
        progress.return_update(store, actor, update_id, reason=body.reason, today=today)
    else:
        progress.verify_update(store, actor, update_id, today=today, note=body.reason or None)
    return Response(status_code=204)


@router.post("/extensions/{request_id}/decision", status_code=204, response_class=Response)
def decide_extension(
    request_id: Id, body: ExtensionDecision, actor: ApiActor, store: StoreDep, today: TodayDep
) -> Response:
    """Approve (the task's deadline moves) or reject an extension request."""
    progress.decide_extension(store, actor, request_id, approve=body.approve, today=today, note=body.note)
    return Response(status_code=204)
