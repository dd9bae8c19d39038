"""Dashboard read models on the demo: branches roll their subtrees up, caching never serves
an answer the data has outgrown."""

from __future__ import annotations

import datetime as dt

from dondoc.services import progress
from dondoc.services.context import SYSTEM, Store
from dondoc.services.dashboards import buckets_as_of, buckets_by_branch
from dondoc.services.demo import load_demo
from dondoc.services.progress import Report
from dondoc.services.users import actor_by_name
from dondoc.tracking.timeliness import Bucket

D = dt.date


def test_dashboard_branches_roll_up_and_the_cache_follows_the_data(store: Store) -> None:
    load_demo(store)
    day = D(2025, 3, 1)
    flat = buckets_as_of(store, SYSTEM, day)
    top = buckets_by_branch(store, SYSTEM, day)
    assert [u.code for u in top.units] == ["CT"] and top.totals == flat.totals
    city = buckets_by_branch(store, SYSTEM, day, unit_code="CT")
    assert city.scope is not None and city.scope.code == "CT" and city.totals == flat.totals
    by_code = {u.code: u for u in city.units}
    # the city committee's branch holds its boards' tasks (Ban Tổ chức is under the committee)
    flat_codes = {u.code: u for u in flat.units}
    assert by_code["CT-TU"].counts == flat_codes["CT-TU-BTC"].counts
    assert by_code["CT-UBND"].total == flat_codes["CT-UBND"].total + flat_codes["CT-SVHTTDL"].total
    # a new verified completion changes the answer at once, cached or not
    overdue_before = city.totals[Bucket.OVERDUE]
    office = actor_by_name(store, "vanphong")
    ubnd = actor_by_name(store, "ct-ubnd")
    open_task = next(t for t in _overdue_tasks(store) if t[1] == "CT-UBND")[0]
    update = progress.report_progress(
        store, ubnd, open_task, Report("done", done_on=D(2025, 2, 27)), today=D(2025, 2, 27)
    )
    progress.verify_update(store, office, update, today=D(2025, 2, 28))
    after = buckets_by_branch(store, SYSTEM, day, unit_code="CT")
    assert after.totals[Bucket.OVERDUE] == overdue_before - 1
    assert after.totals[Bucket.DONE_LATE] == city.totals[Bucket.DONE_LATE] + 1


def _overdue_tasks(store: Store) -> list[tuple[int, str]]:
    from sqlalchemy import select

    from dondoc.store.records import AssignmentRecord, TaskRecord, UnitRecord

    with store.reading() as s:
        rows = s.execute(
            select(TaskRecord.id, UnitRecord.code)
            .join(
                AssignmentRecord,
                (AssignmentRecord.task_id == TaskRecord.id) & (AssignmentRecord.role == "lead"),
            )
            .join(UnitRecord, UnitRecord.id == AssignmentRecord.unit_id)
            .where(TaskRecord.verified_on.is_(None), TaskRecord.status_key == "stalled")
        ).all()
    return [(i, c) for i, c in rows]


def test_issue_13_l1_the_last_representable_day_does_not_overflow(store: Store) -> None:
    load_demo(store)
    report = buckets_as_of(store, SYSTEM, dt.date.max)
    assert report.totals[Bucket.OVERDUE] > 0  # every open task with a deadline is late by then
