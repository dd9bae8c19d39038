"""Timeliness buckets as of a date, by lead unit: the read model of reports and dashboards.

The rule is `tracking.timeliness.classify`; the database applies it in one grouped query
(`store.queries.timeliness`, tested equal to the rule), so a report for a past date is
reproduced by asking again with that date, at any size of install.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from dondoc.services.context import Store, require
from dondoc.services.units import unit_by_code
from dondoc.store.queries.timeliness import bucket_counts
from dondoc.store.records import UnitRecord
from dondoc.tracking.permissions import ANYTHING, Action, Actor, Role, Subject
from dondoc.tracking.timeliness import BUCKETS, Bucket


@dataclass
class UnitBuckets:
    unit_id: int
    code: str
    name: str
    counts: dict[Bucket, int] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class BucketReport:
    as_of: dt.date
    units: tuple[UnitBuckets, ...]  # lead units with at least one task in force, by code
    totals: dict[Bucket, int]


def _scope_path(s: Session, actor: Actor, unit_code: str | None) -> str | None:
    if unit_code is not None:
        return unit_by_code(s, unit_code).path
    if actor.role in (Role.REPORTER, Role.LEADER):
        return actor.unit_path
    return None


def buckets_as_of(
    store: Store, actor: Actor, as_of: dt.date, *, unit_code: str | None = None
) -> BucketReport:
    """The buckets of every task led by a unit in scope (a unit and its sub-units; for a
    reporter or a leader at most their own unit's tree), as known on `as_of`."""
    with store.reading() as s:
        scope = _scope_path(s, actor, unit_code)
        # the dashboard of a unit's tree is seen by whoever may see that unit's tasks
        require(
            actor,
            Action.VIEW,
            Subject(lead_path=scope) if scope else ANYTHING,
            what=f"unit {unit_code or 'all'}",
        )
        per_unit = bucket_counts(s, as_of=as_of, due_soon_days=store.settings.due_soon_days, scope=scope)
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
    totals = {b: sum(u.counts[b] for u in units) for b in BUCKETS}
    return BucketReport(as_of, tuple(units), totals)
