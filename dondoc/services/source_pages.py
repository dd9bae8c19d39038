"""A PDF directive's pages for the review screen: how many, each task's box on them, and
a page as a picture."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from dondoc.errors import DondocError, ErrorCode
from dondoc.ingest.isolation import run_isolated
from dondoc.ingest.pdf_pages import page_sizes, render_png
from dondoc.services import fetch
from dondoc.services.context import Store, require
from dondoc.store.records import TaskRecord
from dondoc.tracking.permissions import Action, Actor


@dataclass(frozen=True)
class PageBox:
    """Where a task sits on a page, in percent of the page (for an overlay on its image)."""

    page: int  # 1-based
    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class SourcePages:
    count: int
    boxes: dict[int, PageBox]  # by task id


def source_pages(store: Store, actor: Actor, directive_id: int) -> SourcePages | None:
    """The pages of a PDF directive and each task's box on them; None for other sources."""
    require(actor, Action.REVIEW, what="directives")
    with store.reading() as s:
        d = fetch.directive(s, directive_id)
        if d.source_kind != "pdf":
            return None
        sha, extraction = d.source_sha256, json.loads(d.extraction)
        by_extracted = dict(
            s.execute(
                select(TaskRecord.extracted_id, TaskRecord.id).where(TaskRecord.directive_id == directive_id)
            ).all()
        )
    sizes = page_sizes(store.files.get(sha))
    boxes: dict[int, PageBox] = {}
    for task in extraction.get("tasks", []):
        page, box, task_id = task.get("page"), task.get("box"), by_extracted.get(task.get("id"))
        if page is None or box is None or task_id is None or not 1 <= page <= len(sizes):
            continue
        width, height = sizes[page - 1]
        x0, top, x1, bottom = box
        boxes[task_id] = PageBox(
            page, 100 * x0 / width, 100 * top / height, 100 * (x1 - x0) / width, 100 * (bottom - top) / height
        )
    return SourcePages(len(sizes), boxes)


def page_png(store: Store, actor: Actor, directive_id: int, page: int) -> bytes:
    """Page `page` (1-based) of a PDF directive as a PNG, for the review screen."""
    require(actor, Action.REVIEW, what="directives")
    with store.reading() as s:
        d = fetch.directive(s, directive_id)
        if d.source_kind != "pdf":
            raise DondocError(ErrorCode.NOT_FOUND, kind="page", key=page)
        sha = d.source_sha256
    key = ("page", sha, page)
    # PDFium draws the page in a child process with the readers' limits, not in the server
    return store.cache.get(
        key,
        lambda: run_isolated(
            render_png, store.files.get(sha), page - 1, settings=store.settings, name=f"page {page}"
        ),
    )
