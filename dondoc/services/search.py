"""Search: one box over directives, tasks, progress reports and units.

Vietnamese with or without diacritics ("giai ngan", "dang uy"), phrases, prefixes,
abbreviations (UBND, HĐND, MTTQ…) and one-letter typos (dondoc.search.query); filters by
kind, directive, unit, status, area and deadline; ranked by the engine (bm25 on SQLite,
ts_rank on PostgreSQL); each hit with its snippet, matches marked. An actor sees what
they may see elsewhere: a unit's reporter its unit's tasks and their reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from dondoc.errors import DondocError, ErrorCode
from dondoc.search.marks import Snippet, snippet
from dondoc.search.query import Query, corrected, parse
from dondoc.services.context import Store
from dondoc.services.units import unit_by_code
from dondoc.services.views import scope_filter
from dondoc.store import search_index
from dondoc.store.records import AssignmentRecord, TaskRecord, UnitRecord
from dondoc.tracking.permissions import Actor

KINDS = ("directive", "task", "progress", "unit")
MAX_QUERY = 300  # characters; a longer paste is cut (its first words are the query)
MAX_LIMIT = 1000  # one page of a list endpoint; the box and the CLI show fewer


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    directive_id: int | None = None
    unit_code: str | None = None  # tasks this unit or a sub-unit leads or supports
    status: str | None = None  # a progress status key
    area: str | None = None  # a section title as the directive gives it
    due_from: dt.date | None = None
    due_to: dt.date | None = None

    @property
    def on_tasks(self) -> bool:
        """Filters only tasks (and their reports) can meet."""
        return any(
            v is not None for v in (self.unit_code, self.status, self.area, self.due_from, self.due_to)
        )


@dataclass(frozen=True)
class Hit:
    kind: str
    id: int  # the directive's, task's, report's or unit's own id
    title: str
    snippet: Snippet
    directive_id: int | None
    task_id: int | None
    rank: float


@dataclass(frozen=True)
class Results:
    query: str
    hits: tuple[Hit, ...]
    more: bool  # another page follows
    corrections: tuple[str, ...] = ()  # words read as others one letter away ("ngna" → ngan)


def search(
    store: Store,
    actor: Actor,
    text: str,
    filters: Filters = Filters(),
    *,
    limit: int = 20,
    offset: int = 0,
) -> Results:
    bad = [k for k in filters.kinds if k not in KINDS]
    if bad:
        raise DondocError(
            ErrorCode.RULE_VIOLATED, detail=f"unknown kind {bad[0]!r}: one of {', '.join(KINDS)}"
        )
    limit = max(1, min(limit, MAX_LIMIT))
    query = parse(text[:MAX_QUERY])
    if not query:
        return Results(text, (), False)
    with store.reading() as s:
        conn = s.connection()
        fixed = corrected(query, lambda words: search_index.known_terms(conn, words))
        kinds = filters.kinds or KINDS
        if filters.on_tasks:
            kinds = tuple(k for k in kinds if k in ("task", "progress"))
            if not kinds:
                return Results(text, (), False)
        if set(kinds) >= set(KINDS):
            kinds = ()  # every kind: no filter for the engine to apply
        visible = scope_filter(actor)  # the tasks a scoped reader may see (None: all)
        tasks = _task_filter(s, visible, filters)
        matches = search_index.match(
            conn,
            fixed,
            kinds=kinds,
            directive_id=filters.directive_id,
            tasks=tasks,
            directives=_directive_filter(visible),
            limit=limit + 1,
            offset=offset,
        )
    hits = tuple(_hit(m, fixed) for m in matches[:limit])
    return Results(text, hits, len(matches) > limit, _corrections(query, fixed))


def _hit(m: search_index.Match, query: Query) -> Hit:
    return Hit(m.kind, m.ref_id, m.title, snippet(m.body, query), m.directive_id, m.task_id, m.rank)


def _corrections(before: Query, after: Query) -> tuple[str, ...]:
    return tuple(
        f"{a.word} → {' / '.join(p.words[0] for p in b.options)}"
        for a, b in zip(before.clauses, after.clauses, strict=True)
        if a != b and a.word is not None
    )


def _task_filter(s: Session, visible: Select[Any] | None, f: Filters) -> Select[Any] | None:
    if visible is None and not f.on_tasks:
        return None
    q = select(TaskRecord.id)
    if visible is not None:
        q = q.where(TaskRecord.id.in_(visible))
    if f.unit_code is not None:
        unit = unit_by_code(s, f.unit_code)
        q = q.where(
            TaskRecord.id.in_(
                select(AssignmentRecord.task_id)
                .join(UnitRecord, UnitRecord.id == AssignmentRecord.unit_id)
                .where(UnitRecord.path.startswith(unit.path))
            )
        )
    if f.status is not None:
        q = q.where(TaskRecord.status_key == f.status)
    if f.area is not None:  # the task's area, else its section's heading (as the dashboards)
        wanted = " ".join(f.area.split())
        q = q.where(
            or_(
                TaskRecord.area == wanted,
                and_(TaskRecord.area.is_(None), TaskRecord.section.in_(_sections(s, f.area))),
            )
        )
    if f.due_from is not None:
        q = q.where(TaskRecord.current_deadline >= f.due_from)
    if f.due_to is not None:
        q = q.where(TaskRecord.current_deadline <= f.due_to)
    return q


def _sections(s: Session, area: str) -> Sequence[str]:
    """The sections written as this area (the dashboards' areas are sections with their
    spaces normalised)."""
    wanted = " ".join(area.split())
    rows = s.scalars(select(TaskRecord.section).where(TaskRecord.section.is_not(None)).distinct())
    return [r for r in rows if r is not None and " ".join(r.split()) == wanted]


def _directive_filter(visible: Select[Any] | None) -> Select[Any] | None:
    if visible is None:
        return None
    return select(TaskRecord.directive_id).where(TaskRecord.id.in_(visible))
