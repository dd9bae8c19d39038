"""Timeliness buckets as of a date, by lead unit: the read model of reports and dashboards.

The rule is `tracking.timeliness.classify`; the database applies it in one grouped query
(`store.queries.timeliness`, tested equal to the rule), so a report for a past date is
reproduced by asking again with that date, at any size of install. Answers are cached
until the data changes (`Store.cache`, keyed by the data version).

Two shapes: `buckets_as_of` lists every lead unit in scope (the CLI's `status`);
`buckets_by_branch` rolls the counts up to the branches of the scope (its direct
sub-units, each with its whole subtree, plus the scope unit's own tasks): what a
dashboard shows, with drill-down by choosing a branch as the new scope, the same tasks
by area (the section of the directive they come from), and the branches ranked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from dondoc.services.context import Store, require
from dondoc.services.task_lines import TaskLine, task_lines
from dondoc.services.units import unit_by_code
from dondoc.store.queries.timeliness import bucket_counts
from dondoc.store.records import BUCKET_NEUTRAL_ACTIONS, UnitRecord
from dondoc.tracking.permissions import ANYTHING, Action, Actor, Role, Subject
from dondoc.tracking.timeliness import BUCKETS, Bucket

# a dashboard stays cached through these (`Store.cached(…, ignoring=BUCKET_NEUTRAL)`)
BUCKET_NEUTRAL = frozenset(BUCKET_NEUTRAL_ACTIONS)


@dataclass
class UnitBuckets:
    unit_id: int
    code: str
    name: str
    counts: dict[Bucket, int] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))
    own: bool = False  # in a branch view: the scope unit's own tasks, not a branch

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done_late(self) -> int:
        return self.counts[Bucket.DONE_LATE]

    @property
    def overdue(self) -> int:
        return self.counts[Bucket.OVERDUE]

    @property
    def done_on_time(self) -> int:
        return self.counts[Bucket.DONE_ON_TIME]

    @property
    def due(self) -> int:
        """Tasks whose deadline has come by the report's date: done, or overdue."""
        return sum(self.counts[b] for b in (Bucket.DONE_ON_TIME, Bucket.DONE_LATE, Bucket.OVERDUE))

    @property
    def on_time_rate(self) -> float | None:
        """The share of due tasks done on time (None: nothing due yet). Tasks still in
        term count for no one: a unit is not ranked on work not yet owed."""
        return self.counts[Bucket.DONE_ON_TIME] / self.due if self.due else None


@dataclass
class AreaBuckets:
    area: str  # the section's title as the directive gives it ("" when none)
    counts: dict[Bucket, int] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class BucketReport:
    as_of: dt.date
    units: tuple[UnitBuckets, ...]  # lead units (or branches) with at least one task in force
    totals: dict[Bucket, int]
    scope: UnitBuckets | None = None  # the unit the report is about (None: everything)
    areas: tuple[AreaBuckets, ...] = ()  # the same tasks by section, largest first

    @property
    def ranking(self) -> list[tuple[int, UnitBuckets]]:
        """(rank, unit) for the units with tasks due, best on-time rate first; equal
        rates share a rank (1, 1, 3), listed by more tasks due first."""
        ranked = sorted(
            (u for u in self.units if u.on_time_rate is not None),
            key=lambda u: (-(u.on_time_rate or 0.0), -u.due, u.code),
        )
        out: list[tuple[int, UnitBuckets]] = []
        for i, u in enumerate(ranked, start=1):
            tied = out and out[-1][1].on_time_rate == u.on_time_rate
            out.append((out[-1][0] if tied else i, u))
        return out


def _scope(s: Session, actor: Actor, unit_code: str | None) -> UnitRecord | None:
    if unit_code is not None:
        return unit_by_code(s, unit_code)
    if actor.role in (Role.REPORTER, Role.LEADER) and actor.unit_path is not None:
        return s.scalar(select(UnitRecord).where(UnitRecord.path == actor.unit_path))
    return None


Counts = dict[tuple[int, str | None], dict[Bucket, int]]  # per (lead unit id, area)


def _counts(
    store: Store,
    s: Session,
    as_of: dt.date,
    path: str | None,
    directive_id: int | None = None,
    issued_since: dt.date | None = None,
    issuer: str | None = None,
) -> Counts:
    due_soon = store.settings.due_soon_days
    key = ("buckets", as_of, path, due_soon, directive_id, issued_since, issuer, store.data_version(s))
    return store.cache.get(
        key,
        lambda: bucket_counts(
            s,
            as_of=as_of,
            due_soon_days=due_soon,
            scope=path,
            directive_id=directive_id,
            issued_since=issued_since,
            issuer=issuer,
        ),
    )


def _per_unit(counts: Counts) -> dict[int, dict[Bucket, int]]:
    out: dict[int, dict[Bucket, int]] = {}
    for (unit_id, _), buckets in counts.items():
        row = out.setdefault(unit_id, dict.fromkeys(BUCKETS, 0))
        for b, n in buckets.items():
            row[b] += n
    return out


def _areas(counts: Counts) -> tuple[AreaBuckets, ...]:
    rows: dict[str, AreaBuckets] = {}
    for (_, area), buckets in counts.items():
        name = " ".join((area or "").split())
        row = rows.setdefault(name, AreaBuckets(name))
        for b, n in buckets.items():
            row.counts[b] += n
    return tuple(sorted(rows.values(), key=lambda a: (-a.total, a.area)))


def _checked_scope(s: Session, actor: Actor, unit_code: str | None) -> UnitRecord | None:
    scope = _scope(s, actor, unit_code)
    # the dashboard of a unit's tree is seen by whoever may see that unit's tasks
    subject = Subject(lead_path=scope.path) if scope is not None else ANYTHING
    require(actor, Action.VIEW, subject, what=f"unit {unit_code or 'all'}")
    return scope


def _totals(units: list[UnitBuckets]) -> dict[Bucket, int]:
    return {b: sum(u.counts[b] for u in units) for b in BUCKETS}


def buckets_as_of(
    store: Store,
    actor: Actor,
    as_of: dt.date,
    *,
    unit_code: str | None = None,
    directive_id: int | None = None,
    issued_since: dt.date | None = None,
) -> BucketReport:
    """Every lead unit in scope (a unit and its sub-units; for a reporter or a leader at
    most their own unit's tree) with its tasks' buckets as known on `as_of` (of one
    directive's tasks when `directive_id` is given)."""
    with store.reading() as s:
        scope = _checked_scope(s, actor, unit_code)
        counts = _counts(store, s, as_of, scope.path if scope else None, directive_id, issued_since)
        per_unit = _per_unit(counts)
        named = select(UnitRecord.id, UnitRecord.code, UnitRecord.name).where(
            UnitRecord.id.in_(list(per_unit))
        )
        names = {uid: (code, name) for uid, code, name in s.execute(named)}
    units = sorted(
        (
            UnitBuckets(uid, *names[uid], counts={b: counts.get(b, 0) for b in BUCKETS})
            for uid, counts in per_unit.items()
        ),
        key=lambda u: u.code,
    )
    return BucketReport(as_of, tuple(units), _totals(units), areas=_areas(counts))


@dataclass(frozen=True)
class Which:
    """Which directives' tasks a dashboard counts: one directive, one issuer's, those
    issued since a day (any combination; none: every confirmed directive's)."""

    directive_id: int | None = None
    issuer: str | None = None
    issued_since: dt.date | None = None


def buckets_by_branch(
    store: Store, actor: Actor, as_of: dt.date, *, unit_code: str | None = None, which: Which = Which()
) -> BucketReport:
    """The scope's branches (direct sub-units with their subtrees) and its own tasks."""
    with store.reading() as s:
        scope = _checked_scope(s, actor, unit_code)  # per request: who asks matters
        key = ("branches", scope.id if scope else None, as_of, store.settings.due_soon_days, which)
        return store.cache.get((key, store.data_version(s)), lambda: _branches(store, s, scope, as_of, which))


def _branches(
    store: Store, s: Session, scope: UnitRecord | None, as_of: dt.date, which: Which = Which()
) -> BucketReport:
    counts = _counts(
        store, s, as_of, scope.path if scope else None, which.directive_id, which.issued_since, which.issuer
    )
    per_unit = _per_unit(counts)
    depth = scope.path.count("/") - 1 if scope else 0  # segments of the scope's path
    paths = dict(
        s.execute(select(UnitRecord.id, UnitRecord.path).where(UnitRecord.id.in_(list(per_unit)))).all()
    )
    branch_of: dict[int, int] = {}
    for uid in per_unit:
        segments = paths[uid].strip("/").split("/")
        branch_of[uid] = int(segments[depth]) if len(segments) > depth else uid
    named = select(UnitRecord.id, UnitRecord.code, UnitRecord.name).where(
        UnitRecord.id.in_(set(branch_of.values()))
    )
    names = {uid: (code, name) for uid, code, name in s.execute(named)}
    rows: dict[int, UnitBuckets] = {}
    for uid, unit_counts in per_unit.items():
        branch = branch_of[uid]
        row = rows.get(branch)
        if row is None:
            own = scope is not None and branch == scope.id
            row = rows[branch] = UnitBuckets(branch, *names[branch], own=own)
        for b, n in unit_counts.items():
            row.counts[b] += n
    units = sorted(rows.values(), key=lambda u: (not u.own, u.code))
    totals = _totals(units)
    head = UnitBuckets(scope.id, scope.code, scope.name, counts=dict(totals)) if scope else None
    return BucketReport(as_of, tuple(units), totals, head, _areas(counts))


def tasks_behind(
    store: Store,
    actor: Actor,
    as_of: dt.date,
    *,
    bucket: Bucket | None = None,
    unit_code: str | None = None,
    own: bool = False,
    area: str | None = None,
    which: Which = Which(),
) -> list[TaskLine]:
    """The tasks behind a figure of the dashboard: those in force on `as_of` in the scope (a
    unit's tree; `own`: the tasks it leads itself), of one bucket and one area when given.
    A recurring task is one line, where its period as of the day stands (the figures
    count its periods, so a task with two periods overdue counts two there)."""
    with store.reading() as s:
        scope = _checked_scope(s, actor, unit_code)
        lines = task_lines(
            s,
            as_of,
            store.settings.due_soon_days,
            path=scope.path if scope else None,
            directive_id=which.directive_id,
            issued_since=which.issued_since,
            issuer=which.issuer,
        )
    wanted_area = " ".join(area.split()) if area is not None else None
    return [
        line
        for line in lines
        if line.bucket is not None
        and (bucket is None or line.bucket is bucket)
        and (not own or scope is None or line.unit_id == scope.id)
        and (wanted_area is None or line.area == wanted_area)
    ]
