"""Search through the API: one endpoint over everything, and `q=` on the list endpoints."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from dondoc.services import search as searching
from dondoc.web.api.schemas import SearchHitRead, SearchResults
from dondoc.web.api.v1.auth import ApiActor
from dondoc.web.deps import MAX_ID, NO_CONTROL, StoreDep, UnitCode

router = APIRouter(tags=["search"])

SearchText = Annotated[str, Query(min_length=1, max_length=searching.MAX_QUERY)]
Kind = Literal["directive", "task", "progress", "unit"]


@router.get("/search", response_model=SearchResults)
def search(
    actor: ApiActor,
    store: StoreDep,
    q: SearchText,
    kind: Annotated[list[Kind] | None, Query()] = None,
    directive: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    unit: UnitCode = None,
    status: Annotated[str | None, Query(max_length=40, pattern=NO_CONTROL)] = None,
    area: Annotated[str | None, Query(max_length=1000, pattern=NO_CONTROL)] = None,
    due_from: dt.date | None = None,
    due_to: dt.date | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> SearchResults:
    """Directives, tasks, progress reports and units matching `q` (diacritics optional,
    "phrases", prefix*, UBND/HĐND/MTTQ, one-letter typos), best first, each with a snippet
    and the offsets of its matched words. Filters by unit, status, area and deadline keep
    tasks and their reports only."""
    filters = searching.Filters(
        kinds=tuple(kind or ()),
        directive_id=directive,
        unit_code=unit,
        status=status,
        area=area,
        due_from=due_from,
        due_to=due_to,
    )
    results = searching.search(store, actor, q, filters, limit=limit, offset=offset)
    return SearchResults(
        query=results.query,
        items=[
            SearchHitRead(
                kind=h.kind,  # type: ignore[arg-type]
                id=h.id,
                title=h.title,
                snippet=h.snippet.text,
                marks=list(h.snippet.marks),
                directive_id=h.directive_id,
                task_id=h.task_id,
            )
            for h in results.hits
        ],
        more=results.more,
        corrections=list(results.corrections),
    )
