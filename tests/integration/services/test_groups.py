"""Issue #16: a task addressed to a group is fanned out to the group's member units, one
copy each with exactly one lead, rolled up on the group task, counted once on the
dashboards (both engines)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import cycles, groups, progress
from dondoc.services.context import Store
from dondoc.services.dashboards import buckets_as_of
from dondoc.services.progress import Report
from dondoc.store.records import AssignmentRecord, TaskRecord
from dondoc.tracking.permissions import Role
from dondoc.tracking.timeliness import Bucket
from tests.support.tracking import assign, confirmed_seed, load_cantho_units, make_user

D = dt.date
MEMBERS = ["CT-CA", "CT-BCHQS", "CT-UBND"]


def _total(store: Store, office: object, day: dt.date) -> int:
    return sum(buckets_as_of(store, office, day).totals.values())  # type: ignore[arg-type]


def test_a_group_task_becomes_one_copy_per_member_and_rolls_up(store: Store) -> None:
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    police = make_user(store, "congan", Role.REPORTER, "CT-CA")
    _, t = confirmed_seed(store, office, on=D(2024, 10, 7))
    task = t["t1"]
    assign(store, office, task, "CT-TU-VP", on=D(2024, 10, 7))  # assigned first, by mistake
    before = _total(store, office, D(2024, 10, 8))
    group = groups.save_group(store, office, "Các đơn vị thử", MEMBERS[:2])
    made = groups.fan_out(store, office, task, group="Các đơn vị thử", today=D(2024, 10, 8))
    assert len(made) == 2
    with store.reading() as s:
        copies = s.scalars(
            select(TaskRecord).where(TaskRecord.parent_id == task).order_by(TaskRecord.id)
        ).all()
        parent = s.get(TaskRecord, task)
        assert parent is not None and parent.assignments == []  # the group task leads nothing
        leads = [[(a.role, a.unit_id) for a in c.assignments] for c in copies]
        assert all(len(x) == 1 and x[0][0] == "lead" for x in leads)  # one lead each
        assert all(c.text == parent.text and c.original_deadline == parent.original_deadline for c in copies)
    # the dashboards count the copies, never the group task beside them
    assert _total(store, office, D(2024, 10, 8)) == before - 1 + 2
    # one member done and verified: the group task stands at half
    update = progress.report_progress(
        store, police, made[0], Report(status="done", done_on=D(2024, 10, 20)), today=D(2024, 10, 20)
    )
    progress.verify_update(store, office, update, today=D(2024, 10, 21))
    assert progress.task_progress(store, task) == pytest.approx(50.0)
    # again: nothing new; the group grown by one: one copy more, for the newcomer
    assert groups.fan_out(store, office, task, group=str(group), today=D(2024, 10, 22)) == []
    groups.save_group(store, office, "Các đơn vị thử", MEMBERS)
    assert len(groups.fan_out(store, office, task, group="Các đơn vị thử", today=D(2024, 10, 22))) == 1
    assert [g.name for g in groups.list_groups(store)] == ["Các đơn vị thử"]
    # refusals: a copy is not fanned out again; no such group; not the office's to do
    with pytest.raises(DondocError) as copy:
        groups.fan_out(store, office, made[0], group=str(group), today=D(2024, 10, 22))
    assert copy.value.code is ErrorCode.RULE_VIOLATED
    for name in ("Không có", "9" * 30):  # a number too large for an id is a name, not an overflow
        with pytest.raises(DondocError) as unknown:
            groups.fan_out(store, office, task, group=name, today=D(2024, 10, 22))
        assert unknown.value.code is ErrorCode.NOT_FOUND
    with pytest.raises(DondocError) as forbidden:
        groups.fan_out(store, police, t["t2"], group=str(group), today=D(2024, 10, 22))
    assert forbidden.value.code is ErrorCode.FORBIDDEN
    with pytest.raises(DondocError) as bad_unit:
        groups.save_group(store, office, "Sai", ["CT-KHONG-CO"])
    assert bad_unit.value.code is ErrorCode.NOT_FOUND and "Sai" not in [
        g.name for g in groups.list_groups(store)
    ]


def test_a_recurring_group_task_gives_each_member_its_periods(store: Store) -> None:
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    _, t = confirmed_seed(store, office, on=D(2026, 1, 5))
    task = t["t5"]
    cycles.set_cycle(store, office, task, every="monthly", day=20, today=D(2026, 1, 5))
    groups.save_group(store, office, "Nhóm", MEMBERS)
    made = groups.fan_out(store, office, task, group="Nhóm", today=D(2026, 1, 6))
    for copy in made:
        assert [o.due for o in cycles.occurrence_rows(store, copy)[:2]] == [D(2026, 1, 20), D(2026, 2, 20)]
    # each member's January report is overdue on 21/1: three, one per member
    counts = buckets_as_of(store, office, D(2026, 1, 21)).totals  # type: ignore[arg-type]
    with store.reading() as s:
        led = s.scalars(select(AssignmentRecord.task_id).where(AssignmentRecord.task_id == task)).all()
    assert led == []
    assert {b: n for b, n in counts.items() if n} == {Bucket.OVERDUE: 3}  # nothing else is assigned
