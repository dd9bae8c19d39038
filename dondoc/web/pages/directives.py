"""Directives: the list, upload, the review beside the source, confirmation, assignment."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import areas, assignment, carryover, groups, reading_jobs, review, source_pages, views
from dondoc.services.context import Store, require
from dondoc.tracking.permissions import Action, Actor
from dondoc.web.deps import ActorDep, FormDep, Id, StoreDep, TodayDep
from dondoc.web.headers import user_file
from dondoc.web.reading import start_reading
from dondoc.web.render import page
from dondoc.web.text import catalogue, error_message

router = APIRouter(include_in_schema=False)


def _back(url: str) -> Response:
    return RedirectResponse(url, status_code=303)


@router.get("/directives")
def directive_list(
    request: Request,
    actor: ActorDep,
    store: StoreDep,
    discarded: Annotated[int | None, Query(ge=0, le=1)] = None,
) -> Response:
    return page(
        request,
        "directives/list.html",
        actor,
        directives=views.list_directives(store, actor),
        message="Đã bỏ văn bản đang rà soát." if discarded else None,
    )


@router.get("/directives/upload")
def upload_form(request: Request, actor: ActorDep) -> Response:
    require(actor, Action.INGEST, what="directives")
    return page(request, "directives/upload.html", actor)


@router.post("/directives/upload")
async def upload(request: Request, actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    require(actor, Action.INGEST, what="directives")
    upload = (await request.form()).get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return page(
            request, "directives/upload.html", actor, status_code=422, error="Hãy chọn một tệp văn bản."
        )
    # a text or a short PDF is read within the wait and its job page leads straight to the
    # review; a long scan shows its progress there instead
    job = await start_reading(store, actor, upload)
    if job.error is not None:
        raise job.error  # a refusal (bad file) is its error page
    return _back(f"/directives/jobs/{job.id}")


@router.get("/directives/jobs/{job_id}")
def job_page(request: Request, job_id: Id, actor: ActorDep, store: StoreDep) -> Response:
    job = reading_jobs.job_view(store, actor, job_id)
    if job.state == "done":
        return _back(f"/directives/{job.directive_id}/review" + ("?again=1" if job.known else ""))
    return page(request, "directives/job.html", actor, job=job, error=_job_error(job))


@router.get("/directives/jobs/{job_id}/progress")
def job_progress(request: Request, job_id: Id, actor: ActorDep, store: StoreDep) -> Response:
    """The progress part of the job page, polled by htmx; once the reading is done,
    htmx is sent to the review."""
    job = reading_jobs.job_view(store, actor, job_id)
    if job.state == "done":
        return Response(status_code=204, headers={"HX-Redirect": f"/directives/{job.directive_id}/review"})
    return page(request, "directives/_job_progress.html", actor, job=job, error=_job_error(job))


def _job_error(job: reading_jobs.JobView) -> str | None:
    if job.state == "interrupted":
        return catalogue()["reading"]["interrupted"]
    return error_message(job.error) if job.error is not None else None


@router.get("/directives/{directive_id}")
def directive_page(
    request: Request, directive_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep
) -> Response:
    view = views.directive_view(store, actor, directive_id, today=today)
    return page(request, "directives/directive.html", actor, d=view, today=today)


@router.get("/directives/{directive_id}/source")
def source_file(directive_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep) -> Response:
    """The file the directive was read from, as uploaded."""
    name, sha256 = views.directive_source(store, actor, directive_id, today=today)
    return user_file(views.file_bytes(store, sha256), name)


@router.get("/directives/{directive_id}/review")
def review_page(
    request: Request,
    directive_id: Id,
    actor: ActorDep,
    store: StoreDep,
    today: TodayDep,
    assigned: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    left: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    fanned: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    tasks: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    again: Annotated[int | None, Query(ge=0, le=1)] = None,
) -> Response:
    """The review; `assigned` and `left` report an assignment from the text just made."""
    require(actor, Action.REVIEW, what="directives")
    return page(
        request,
        "directives/review.html",
        actor,
        units=views.unit_options(store),
        assigned=assigned,
        left=left,
        fanned=fanned,
        fanned_tasks=tasks,
        again=again,
        **_review_body(store, actor, directive_id, today),
    )


def _review_body(store: Store, actor: Actor, directive_id: int, today: dt.date) -> dict[str, Any]:
    """What the source-beside-tasks part of the review shows."""
    view = views.directive_view(store, actor, directive_id, today=today)
    return {
        "d": view,
        "groups": groups.list_groups(store) if view.row.state == "confirmed" else [],
        "links": carryover.links_of(store, directive_id),
        "suggested": carryover.lead_suggestions(store, directive_id),
        "section_areas": areas.sections(store, directive_id),
        "area_names": areas.list_areas(store),
        "same": _same_phrases(view),
        "segments": _segments(view),
        "pages": source_pages.source_pages(store, actor, directive_id),
    }


def _same_phrases(view: views.DirectiveView) -> dict[int, int]:
    """For each mention not mapped by hand, how many other tasks' mentions carry the same
    phrase and would be mapped with it ("các cấp ủy đảng, chính quyền…" 21 times)."""
    by_key: dict[str, list[int]] = {}
    for t in view.tasks:
        for m in t.mentions:
            if m.method != "manual":
                by_key.setdefault(review.phrase_key(m.phrase), []).append(m.id)
    return {mid: len(ids) - 1 for ids in by_key.values() for mid in ids}


def _after_split_or_merge(
    request: Request, actor: Actor, store: Store, today: dt.date, directive: str, task_id: int, done: str
) -> Response:
    """The tasks and their spans in the source change: htmx swaps that whole part of the
    review; a browser without script gets the review again."""
    if not request.headers.get("HX-Request") or not directive.isdigit():
        return _back(f"/directives/{directive}/review#task-{task_id}")
    body = _review_body(store, actor, int(directive), today)
    return page(request, "directives/_review_body.html", actor, message=catalogue()["review"][done], **body)


@router.get("/directives/{directive_id}/pages/{page}.png")
def page_image(
    directive_id: Id, page: Annotated[int, Path(ge=1, le=10_000)], actor: ActorDep, store: StoreDep
) -> Response:
    png = source_pages.page_png(store, actor, directive_id, page)
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


def _segments(view: views.DirectiveView) -> list[tuple[str, int | None]]:
    """The source cut into (text, task id) pieces, so each task's span can be highlighted."""
    spans = sorted((t.span[0], t.span[1], t.id) for t in view.tasks if t.span)
    text = view.source_text
    out: list[tuple[str, int | None]] = []
    pos = 0
    for start, end, task_id in spans:
        if start < pos:
            continue  # overlapping spans (sub-items): the first one keeps the text
        out.append((text[pos:start], None))
        out.append((text[start:end], task_id))
        pos = end
    out.append((text[pos:], None))
    return out


@router.post("/links/{link_id}/decide")
def decide_link(link_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep, form: FormDep) -> Response:
    """The office says whether a task continues the earlier directive's task proposed."""
    carryover.decide(store, actor, link_id, accept=form.get("decision") == "accept", today=today)
    directive = form.get("directive", "")
    task = form.get("task", "")
    return _back(f"/directives/{directive}/review#task-{task}" if directive.isdigit() else "/directives")


@router.post("/tasks/{task_id}/delete")
def delete_task(task_id: Id, actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    if form.get("sure") != "1":
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="tick the box to delete")
    review.delete_task(store, actor, task_id)
    directive = form.get("directive", "")
    return _back(f"/directives/{directive}/review" if directive.isdigit() else "/directives")


@router.post("/directives/{directive_id}/tasks")
def add_task(directive_id: Id, actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    after = form.get("after", "")
    near = form.get("near", "")
    made = review.add_task(
        store,
        actor,
        directive_id,
        text=form.get("text", ""),
        after_task_id=int(after) if after.isdigit() else None,
        near=int(near) if near.isdigit() and len(near) < 10 else None,  # chosen in the source
    )
    return _back(f"/directives/{directive_id}/review#task-{made}")


@router.post("/directives/{directive_id}/discard")
def discard(directive_id: Id, actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    if form.get("sure") != "1":
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="tick the box to delete")
    review.discard_draft(store, actor, directive_id)
    return _back("/directives?discarded=1")


@router.post("/directives/{directive_id}/confirm")
def confirm(directive_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep, form: FormDep) -> Response:
    require(actor, Action.REVIEW, what="directives")  # before saying what is flagged
    # the clerk is told what is still flagged and confirms despite it knowingly: the count
    # they saw comes back with the form; fewer now (mapped since) is fine, more (flags
    # raised since, by a new resolution) is asked again
    flagged = len(review.unresolved(store, directive_id))
    seen = form.get("despite_flags", "")
    if flagged and not (seen.isdigit() and int(seen) >= flagged):
        raise DondocError(
            ErrorCode.RULE_VIOLATED,
            detail=f"{flagged} body phrases are still flagged: confirm despite them, or map them first",
        )
    review.confirm(store, actor, directive_id, today=today)
    return _back(f"/directives/{directive_id}/review")


@router.post("/directives/{directive_id}/assign-from-text")
def assign_from_text(
    directive_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep, form: FormDep
) -> Response:
    done = assignment.assign_from_mentions(store, actor, directive_id, today=today)
    left = len(done.left_for_review)
    return _back(f"/directives/{directive_id}/review?assigned={done.assigned}&left={left}")


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"not a date: {value}") from None


@router.post("/tasks/{task_id}/edit")
def edit_task(
    request: Request, task_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep, form: FormDep
) -> Response:
    changes: dict[str, object] = {
        "text": form.get("text", "").strip(),
        "product": form.get("product", "").strip() or None,
        "deadline_text": form.get("deadline_text", "").strip() or None,
        "original_deadline": _date(form.get("deadline")),
        "is_key": form.get("is_key") == "on",
    }
    if "targets" in form:
        changes["targets"] = tuple(line.strip() for line in form["targets"].splitlines() if line.strip())
    version = int(form["version"]) if form.get("version", "").isdigit() else None
    review.edit_task(store, actor, task_id, changes, expected_version=version)
    return _review_task(request, actor, store, today, form.get("directive", ""), task_id)


@router.post("/mentions/{mention_id}/map")
def map_mention(
    request: Request, mention_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep, form: FormDep
) -> Response:
    task = int(form["task"]) if form.get("task", "").isdigit() else 0
    directive = form.get("directive", "")
    if form.get("all") == "1":
        # the same phrase in other tasks is mapped too: the whole review changes
        mapped = review.map_phrase(store, actor, mention_id, form.get("unit") or None)
        if mapped > 1 and directive.isdigit():
            body = _review_body(store, actor, int(directive), today)
            if request.headers.get("HX-Request"):
                message = catalogue()["review"]["mapped_all"].format(n=mapped)
                response = page(request, "directives/_review_body.html", actor, message=message, **body)
                response.headers["HX-Retarget"] = "#review"
                response.headers["HX-Reswap"] = "outerHTML"
                return response
            return _back(f"/directives/{directive}/review#task-{task}")
        return _review_task(request, actor, store, today, directive, task)
    review.map_mention(store, actor, mention_id, form.get("unit") or None)
    return _review_task(request, actor, store, today, directive, task)


def _review_task(
    request: Request, actor: Actor, store: Store, today: dt.date, directive: str, task_id: int
) -> Response:
    """After a change to one task of the review: that task alone, saved, for htmx (which
    swaps it in place); the whole review again for a browser without script."""
    if not request.headers.get("HX-Request") or not directive.isdigit():
        return _back(f"/directives/{directive}/review#task-{task_id}")
    view = views.directive_view(store, actor, int(directive), today=today)
    tasks = list(view.tasks)
    found = [t for t in tasks if t.id == task_id]
    if not found:
        raise DondocError(ErrorCode.NOT_FOUND, kind="task", key=task_id)
    return page(
        request,
        "directives/_review_task.html",
        actor,
        d=view,
        t=found[0],
        same=_same_phrases(view),
        groups=groups.list_groups(store) if view.row.state == "confirmed" else [],
        links=carryover.links_of(store, view.row.id),
        suggested=carryover.lead_suggestions(store, view.row.id),
        last=found[0] is tasks[-1],
        pages=source_pages.source_pages(store, actor, view.row.id),
        saved=True,
    )


@router.post("/directives/{directive_id}/fan-out")
def fan_out_many(
    directive_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep, form: FormDep
) -> Response:
    """Several tasks to one group in one go: those ticked ("task-ID"), or every task still
    without a lead unit and not given out yet."""
    which = (
        None
        if form.get("which") == "unassigned"
        else [int(k[5:]) for k in form if k.startswith("task-") and k[5:].isdigit()]
    )
    made = groups.fan_out_directive(
        store, actor, directive_id, group=form.get("group", ""), task_ids=which, today=today
    )
    copies = sum(len(c) for c in made.values())
    return _back(f"/directives/{directive_id}/review?fanned={copies}&tasks={len(made)}")


@router.post("/tasks/{task_id}/fan-out")
def fan_out(task_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep, form: FormDep) -> Response:
    """A task addressed to a group: one copy per member unit; the review shows them."""
    made = groups.fan_out(store, actor, task_id, group=form.get("group", ""), today=today)
    directive = form.get("directive", "")
    if not directive.isdigit():
        return _back(f"/tasks/{task_id}")
    return _back(f"/directives/{directive}/review?fanned={len(made)}#task-{task_id}")


@router.post("/tasks/{task_id}/assign")
def assign(
    request: Request, task_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep, form: FormDep
) -> Response:
    lead = form.get("lead", "")
    if not lead:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="choose the lead unit")
    # names ("Sở Văn hóa, Thể thao và Du lịch" holds a comma) are separated by ";", codes
    # by "," as well
    raw = form.get("support", "")
    chosen = [c.strip() for c in (raw.split(";") if ";" in raw or not raw.isascii() else raw.split(","))]
    support = tuple(dict.fromkeys(c for c in chosen if c and c != lead))
    assignment.assign(store, actor, task_id, lead=lead, support=support, today=today)
    return _review_task(request, actor, store, today, form.get("directive", ""), task_id)


@router.post("/tasks/{task_id}/split")
def split(
    request: Request, task_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep, form: FormDep
) -> Response:
    new_id = review.split_task(store, actor, task_id, before=form.get("before", ""))
    return _after_split_or_merge(request, actor, store, today, form.get("directive", ""), new_id, "split")


@router.post("/tasks/{task_id}/merge")
def merge(
    request: Request, task_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep, form: FormDep
) -> Response:
    review.merge_with_next(store, actor, task_id)
    return _after_split_or_merge(request, actor, store, today, form.get("directive", ""), task_id, "merged")


@router.post("/directives/{directive_id}/metadata")
def metadata(
    request: Request, directive_id: Id, actor: ActorDep, store: StoreDep, today: TodayDep, form: FormDep
) -> Response:
    changes: dict[str, object] = {
        key: (form.get(key, "").strip() or None)
        for key in ("doc_type", "number", "issuer", "title", "signer", "signer_title")
    }
    changes["issued_on"] = _date(form.get("issued_on"))
    review.edit_metadata(store, actor, directive_id, changes)
    if request.headers.get("HX-Request"):
        view = views.directive_view(store, actor, directive_id, today=today)
        return page(request, "directives/_metadata.html", actor, d=view, saved=True)
    return _back(f"/directives/{directive_id}/review")


@router.post("/directives/{directive_id}/areas")
def set_areas(directive_id: Id, actor: ActorDep, store: StoreDep, form: FormDep) -> Response:
    """Each section's area, as the form gives them (section-N and area-N)."""
    chosen = {
        form[key]: form.get(f"area-{key.split('-', 1)[1]}", "")
        for key in form
        if key.startswith("section-") and form[key]
    }
    areas.set_areas(store, actor, directive_id, chosen)
    return _back(f"/directives/{directive_id}/review#areas")
