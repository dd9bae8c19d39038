"""Tasks through the API: list and read, the review's corrections and assignment, a unit's
progress reports (with evidence) and extension requests."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import assignment, cycles, progress, review, views
from dondoc.services import search as searching
from dondoc.services.progress import MAX_EVIDENCE_BYTES, Report
from dondoc.web.api.schemas import (
    AssignmentWrite,
    Created,
    CycleWrite,
    EvidenceCreate,
    ExtensionCreate,
    ExtensionList,
    OccurrenceList,
    OccurrenceRead,
    ProgressCreate,
    TaskEdit,
    TaskList,
    TaskRead,
    UpdateList,
)
from dondoc.web.api.v1.auth import ApiActor
from dondoc.web.api.v1.shapes import extension_read, task_read, update_read
from dondoc.web.deps import MAX_ID, Id, StoreDep, TodayDep, UnitCode, cached_compute
from dondoc.web.uploads import safe_name

router = APIRouter(tags=["tasks"])


@router.get("/tasks", response_model=TaskList)
async def list_tasks(
    actor: ApiActor,
    store: StoreDep,
    today: TodayDep,
    directive: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    unit: UnitCode = None,
    q: Annotated[str | None, Query(min_length=1, max_length=searching.MAX_QUERY)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    """Tasks by directive and by lead unit's tree; with `q`, those matching it (as
    /search does, `unit` then meaning led or supported), best first."""

    def render() -> bytes:
        if q is not None:
            if offset > 10_000:
                raise DondocError(ErrorCode.RULE_VIOLATED, detail="a search reads its first 10 000 results")
            found = searching.search(
                store,
                actor,
                q,
                searching.Filters(kinds=("task",), directive_id=directive, unit_code=unit),
                limit=limit,
                offset=offset,
            )
            hits = views.tasks_in_order(store, actor, [h.id for h in found.hits], today=today)
            count = offset + len(hits) + (1 if found.more else 0)
            return (
                TaskList(items=[task_read(t) for t in hits], count=count, more=found.more)
                .model_dump_json()
                .encode()
            )
        items, count = views.task_list(
            store, actor, today=today, directive_id=directive, unit_code=unit, limit=limit, offset=offset
        )
        return TaskList(items=[task_read(t) for t in items], count=count).model_dump_json().encode()

    # the same page for the same viewer is served from the cache until the data changes
    key = ("tasks.json", views.visibility(actor), directive, unit, q, limit, offset, today)
    body = await cached_compute(store, key, render)
    return Response(body, media_type="application/json")


@router.get("/tasks/{task_id}", response_model=TaskRead)
def get_task(task_id: Id, actor: ApiActor, store: StoreDep, today: TodayDep) -> TaskRead:
    return task_read(views.task_detail(store, actor, task_id, today=today).task)


@router.patch("/tasks/{task_id}", response_model=TaskRead)
def edit_task(task_id: Id, body: TaskEdit, actor: ApiActor, store: StoreDep, today: TodayDep) -> TaskRead:
    """The review's corrections; a field left out keeps its value, `null` clears it."""
    changes: dict[str, object] = body.model_dump(exclude_unset=True, exclude={"version"})
    for required in ("text", "is_key"):  # these cannot be cleared
        if changes.get(required, "") is None:
            del changes[required]
    if body.targets is not None:
        changes["targets"] = tuple(body.targets)
    else:
        changes.pop("targets", None)
    review.edit_task(store, actor, task_id, changes, expected_version=body.version)
    return task_read(views.task_detail(store, actor, task_id, today=today).task)


@router.put("/tasks/{task_id}/assignment", response_model=TaskRead)
def assign(task_id: Id, body: AssignmentWrite, actor: ApiActor, store: StoreDep, today: TodayDep) -> TaskRead:
    """The one lead unit and the supporting units, by their codes."""
    support = tuple(dict.fromkeys(c for c in body.support if c and c != body.lead))
    assignment.assign(store, actor, task_id, lead=body.lead, support=support, today=today)
    return task_read(views.task_detail(store, actor, task_id, today=today).task)


def _occurrences(rows: list[Any]) -> OccurrenceList:
    return OccurrenceList(
        items=[
            OccurrenceRead(
                period_start=o.period_start,
                period_end=o.period_end,
                due=o.due,
                done_on=o.done_on,
                verified_on=o.verified_on,
            )
            for o in rows
        ]
    )


@router.get("/tasks/{task_id}/occurrences", response_model=OccurrenceList)
def list_occurrences(task_id: Id, actor: ApiActor, store: StoreDep) -> OccurrenceList:
    """A recurring task's occurrences: each period, its due date, done and verified days."""
    return _occurrences(cycles.occurrences_of(store, actor, task_id))


@router.put("/tasks/{task_id}/cycle", response_model=OccurrenceList)
def set_cycle(
    task_id: Id, body: CycleWrite, actor: ApiActor, store: StoreDep, today: TodayDep
) -> OccurrenceList:
    """Make a task recur by periods (`every`, due on `day` of the period's `month`, no
    period starting after `until`), change its cycle, or stop it (`every: null`); the
    occurrences already verified stay."""
    cycles.set_cycle(
        store, actor, task_id, every=body.every, day=body.day, month=body.month, until=body.until, today=today
    )
    return _occurrences(cycles.occurrences_of(store, actor, task_id))


def _evidence(files: list[EvidenceCreate]) -> tuple[tuple[str, bytes], ...]:
    out = []
    for f in files:
        try:
            data = base64.b64decode(f.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"{f.name}: not base64") from None
        if len(data) > MAX_EVIDENCE_BYTES:
            raise DondocError(
                ErrorCode.TOO_LARGE, name=safe_name(f.name), size=len(data), limit=MAX_EVIDENCE_BYTES
            )
        out.append((safe_name(f.name), data))
    return tuple(out)


@router.post("/tasks/{task_id}/progress", response_model=Created, status_code=201)
def post_progress(
    task_id: Id, body: ProgressCreate, actor: ApiActor, store: StoreDep, today: TodayDep
) -> Created:
    """A progress report of the unit; evidence files travel inside it, base64-encoded."""
    update = progress.report_progress(
        store,
        actor,
        task_id,
        Report(
            status=body.status,
            percent=body.percent,
            indicator_value=body.indicator_value,
            narrative=body.narrative,
            difficulties=body.difficulties,
            proposals=body.proposals,
            result_document=body.result_document,
            done_on=body.done_on,
            evidence=_evidence(body.evidence),
        ),
        today=today,
        expected_version=body.version,
    )
    return Created(id=update)


@router.get("/tasks/{task_id}/updates", response_model=UpdateList)
def task_updates(task_id: Id, actor: ApiActor, store: StoreDep, today: TodayDep) -> UpdateList:
    updates = views.task_detail(store, actor, task_id, today=today).updates
    return UpdateList(items=[update_read(u) for u in updates], count=len(updates))


@router.post("/tasks/{task_id}/extensions", response_model=Created, status_code=201)
def request_extension(
    task_id: Id, body: ExtensionCreate, actor: ApiActor, store: StoreDep, today: TodayDep
) -> Created:
    request_id = progress.request_extension(
        store, actor, task_id, proposed=body.proposed_deadline, reason=body.reason, today=today
    )
    return Created(id=request_id)


@router.get("/tasks/{task_id}/extensions", response_model=ExtensionList)
def task_extensions(task_id: Id, actor: ApiActor, store: StoreDep, today: TodayDep) -> ExtensionList:
    requests = views.task_detail(store, actor, task_id, today=today).extensions
    return ExtensionList(items=[extension_read(e) for e in requests], count=len(requests))
