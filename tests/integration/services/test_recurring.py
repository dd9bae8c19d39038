"""Recurring tasks end to end on SQLite and PostgreSQL: the extractor's "trước ngày 20 hằng
tháng" becomes a monthly cycle at confirmation; six months give six occurrences, each
with its own report, verification and bucket (equal to the rule, as the dashboards count
them); the reminders chase the open occurrence; the office changes the cycle."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import cycles, ingestion, progress, reminders, reports, review, users, views
from dondoc.services.context import SYSTEM, Store
from dondoc.services.dashboards import buckets_as_of
from dondoc.services.progress import Report
from dondoc.store.records import TaskRecord
from dondoc.tracking.permissions import Role
from dondoc.tracking.timeliness import Bucket, TaskHistory, classify
from tests.support.texts import header
from tests.support.tracking import assign, ingest_seed, load_cantho_units, make_user, task_ids

D = dt.date
CONFIRMED = D(2026, 1, 5)


def _recurring_seed(store: Store) -> tuple[int, object, object]:
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    police = make_user(store, "congan", Role.REPORTER, "CT-CA")
    directive = ingest_seed(store, office).directive_id
    task = task_ids(store, directive)["t5"]
    # the office reads the task as the monthly report it is (the extractor's fields)
    review.edit_task(
        store,
        office,
        task,
        {"recurrence": "monthly", "deadline_text": "trước ngày 20 hằng tháng", "original_deadline": None},
    )
    review.resolve_bodies(store, office, directive)
    review.confirm(store, office, directive, today=CONFIRMED)
    assign(store, office, task, "CT-CA", on=CONFIRMED)
    return task, office, police


def _report(store: Store, who: object, task: int, done: dt.date, verified: dt.date, office: object) -> None:
    update = progress.report_progress(store, who, task, Report(status="done", done_on=done), today=done)  # type: ignore[arg-type]
    progress.verify_update(store, office, update, today=verified)  # type: ignore[arg-type]


def test_a_monthly_report_over_six_months_has_six_occurrences_with_their_own_buckets(store: Store) -> None:
    task, office, police = _recurring_seed(store)
    rows = cycles.occurrence_rows(store, task)
    assert [o.due for o in rows[:6]] == [D(2026, m, 20) for m in range(1, 7)]
    # January on time, February late, March never, April on time (reported in its month)
    _report(store, police, task, D(2026, 1, 18), D(2026, 1, 19), office)
    _report(store, police, task, D(2026, 2, 25), D(2026, 2, 26), office)
    _report(store, police, task, D(2026, 3, 1), D(2026, 3, 2), office)  # March's, done early: on time
    _report(store, police, task, D(2026, 5, 10), D(2026, 5, 12), office)  # April's, late
    rows = cycles.occurrence_rows(store, task)
    done = [(o.period_start.month, o.done_on) for o in rows if o.verified_on]
    assert done == [(1, D(2026, 1, 18)), (2, D(2026, 2, 25)), (3, D(2026, 3, 1)), (4, D(2026, 5, 10))]
    as_of = D(2026, 6, 30)
    # the rule, occurrence by occurrence
    expected: Counter[Bucket] = Counter()
    for o in rows:
        history = TaskHistory(o.due, (), max(CONFIRMED, o.period_start), o.done_on, o.verified_on)
        bucket = classify(history, as_of, due_soon_days=7)
        if bucket is not None:
            expected[bucket] += 1
    assert expected == Counter(
        {Bucket.DONE_ON_TIME: 2, Bucket.DONE_LATE: 2, Bucket.OVERDUE: 2}
    )  # May and June overdue; July on is not in force yet
    police_row = next(u for u in buckets_as_of(store, office, as_of).units if u.code == "CT-CA")  # type: ignore[arg-type]
    assert Counter({b: n for b, n in police_row.counts.items() if n}) == expected
    # the task itself is never "done": it goes on, and is never "no deadline"
    status = buckets_as_of(store, office, as_of)  # type: ignore[arg-type]
    assert status.totals[Bucket.NO_DEADLINE] == sum(u.counts[Bucket.NO_DEADLINE] for u in status.units)
    assert police_row.counts[Bucket.NO_DEADLINE] == 0
    # the task's own page shows where its current period stands: May's report, overdue
    assert views.task_detail(store, office, task, today=as_of).task.bucket is Bucket.OVERDUE  # type: ignore[arg-type]
    assert views.task_detail(store, office, task, today=D(2026, 5, 15)).task.bucket is Bucket.DUE_SOON  # type: ignore[arg-type]


def test_the_reminders_chase_the_open_occurrence(store: Store) -> None:
    task, office, police = _recurring_seed(store)
    _report(store, police, task, D(2026, 1, 18), D(2026, 1, 19), office)
    # 23/2: February's report (due 20/2) is 3 days late
    run = reminders.run(store, SYSTEM, day=D(2026, 2, 23), dry_run=True)
    assert run.notices >= 1
    with store.reading() as s:
        due = reminders.open_dues(s, D(2026, 2, 23))
    mine = [d for d, *_ in due if d.task_id == task]
    assert len(mine) == 1 and mine[0].due == D(2026, 2, 20)


def test_the_office_changes_the_cycle_and_keeps_what_was_verified(store: Store) -> None:
    task, office, police = _recurring_seed(store)
    _report(store, police, task, D(2026, 1, 18), D(2026, 1, 19), office)
    made = cycles.set_cycle(store, office, task, every="quarterly", day=15, today=D(2026, 2, 1))  # type: ignore[arg-type]
    rows = cycles.occurrence_rows(store, task)
    assert made == len(rows)
    # January's verified report stays; the open months give way to quarters due on the 15th
    assert rows[0].period_start == D(2026, 1, 1) and rows[0].verified_on == D(2026, 1, 19)
    assert [o.due for o in rows[1:3]] == [D(2026, 6, 15), D(2026, 9, 15)]
    with pytest.raises(DondocError) as bad:
        cycles.set_cycle(store, office, task, every="quarterly", day=15, month=4, today=D(2026, 2, 1))  # type: ignore[arg-type]
    assert bad.value.code is ErrorCode.RULE_VIOLATED
    with pytest.raises(DondocError) as forbidden:
        cycles.set_cycle(store, police, task, every="monthly", today=D(2026, 2, 1))  # type: ignore[arg-type]
    assert forbidden.value.code is ErrorCode.FORBIDDEN
    cycles.set_cycle(store, office, task, every=None, today=D(2026, 2, 1))  # type: ignore[arg-type]
    assert [o.verified_on for o in cycles.occurrence_rows(store, task)] == [D(2026, 1, 19)]
    assert users.actor_by_name(store, "vanphong").role is Role.OFFICE


# long paragraphs are written as one line each, as offices type them
_ITEM_WITH_RULE = (
    "1. Các sở, ban, ngành xây dựng kế hoạch triển khai xong trong tháng 4/2026. Định kỳ báo cáo "
    "Ủy ban nhân dân tỉnh (qua Sở Tư pháp) kết quả thực hiện Kế hoạch hằng năm (trước ngày 15 tháng 11)."
)
_ITEM_THAT_IS_A_RULE = (
    "2. Các Sở, ngành, địa phương định kỳ hằng quý (trước ngày 20 tháng cuối quý) báo cáo Ủy ban "
    "nhân dân tỉnh về tình hình, kết quả thực hiện Kế hoạch này."
)
_CLOSING = (
    "Trên đây là Kế hoạch của Ủy ban nhân dân tỉnh; các sở, ban, ngành báo cáo kết quả thực hiện "
    "Kế hoạch này về Sở Nội vụ trước ngày 15/12/2026 để tổng hợp./."
)
REPORTING_PLAN = f"""{header(number="30/KH-UBND", title="Triển khai chuyển đổi số")}
I. NHIỆM VỤ

1. Sở Khoa học và Công nghệ xây dựng kho dữ liệu dùng chung, hoàn thành trong Quý III/2026.

II. TỔ CHỨC THỰC HIỆN

{_ITEM_WITH_RULE}

{_ITEM_THAT_IS_A_RULE}

{_CLOSING}
"""


def test_the_directives_reporting_rules_become_reporting_tasks_with_their_cycles(
    store: Store, tmp_path: Path
) -> None:
    """Issue #15: "báo cáo kết quả thực hiện trước ngày 15/12" is a reporting task of its own;
    the rule inside a longer item too (the item keeps its date), and an item that is only
    the rule is the reporting task itself; at confirmation each gets its cycle."""
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    path = tmp_path / "kh-30.txt"
    path.write_text(REPORTING_PLAN, encoding="utf-8")
    done = ingestion.ingest_file(store, office, path)
    assert (done.tasks, done.reporting_rules) == (3, 3)
    with store.reading() as s:
        rows = {
            t.extracted_id: t
            for t in s.scalars(select(TaskRecord).where(TaskRecord.directive_id == done.directive_id))
        }
        kinds = {k: (t.kind, t.deadline_text, t.original_deadline) for k, t in rows.items()}
        leads = {k: [m.phrase for m in t.mentions if m.role == "lead"] for k, t in rows.items()}
        products = {k: t.product for k, t in rows.items()}
    assert kinds == {
        "t1": ("task", "hoàn thành trong Quý III/2026", D(2026, 9, 30)),
        "t2": ("task", "trong tháng 4/2026", D(2026, 4, 30)),  # the item keeps its hard date
        "t3": ("report", "hằng quý (trước ngày 20)", None),  # the item is the rule (r2)
        "r1": ("report", "hằng năm (trước ngày 15 tháng 11)", None),  # the rule inside t2
        "r3": ("report", "trước ngày 15/12/2026", D(2026, 12, 14)),  # the closing paragraph's
    }
    assert leads["r1"] == ["Các sở, ban, ngành"] and leads["r3"] == ["các sở, ban, ngành"]
    assert products["r1"] == "Báo cáo gửi Ủy ban nhân dân tỉnh (qua Sở Tư pháp)"
    assert products["r3"] == "Báo cáo gửi Sở Nội vụ"

    review.confirm(store, office, done.directive_id, today=D(2026, 3, 10))
    ids = task_ids(store, done.directive_id)
    yearly = [o.due for o in cycles.occurrence_rows(store, ids["r1"])]
    quarterly = [o.due for o in cycles.occurrence_rows(store, ids["t3"])]
    assert yearly[0] == D(2026, 11, 15)
    assert quarterly[:4] == [D(2026, 3, 20), D(2026, 6, 20), D(2026, 9, 20), D(2026, 12, 20)]
    assert cycles.occurrence_rows(store, ids["r3"]) == []  # a one-off report: its date
    detail = views.task_detail(store, office, ids["r1"], today=D(2026, 3, 10))
    assert detail.task.kind == "report"


def test_an_extension_moves_one_period_and_leaves_the_others(store: Store) -> None:
    """A unit late with February's report asks for a week more: February's period is due
    on the new day (done within it: on time), March's keeps its 20th, the task has no
    deadline of its own to move; the reminders, the task page and the report read it."""
    task, office, police = _recurring_seed(store)
    _report(store, police, task, D(2026, 1, 18), D(2026, 1, 19), office)
    with pytest.raises(DondocError) as early:  # not later than February's due date
        progress.request_extension(
            store,
            police,  # type: ignore[arg-type]
            task,
            proposed=D(2026, 2, 20),
            reason="Chờ số liệu",
            today=D(2026, 2, 16),
        )
    assert early.value.code is ErrorCode.RULE_VIOLATED
    request = progress.request_extension(
        store,
        police,  # type: ignore[arg-type]
        task,
        proposed=D(2026, 2, 27),
        reason="Chờ số liệu của các xã",
        today=D(2026, 2, 16),
    )
    progress.decide_extension(store, office, request, approve=True, today=D(2026, 2, 17))  # type: ignore[arg-type]
    with store.reading() as s:
        row = s.get(TaskRecord, task)
        assert row is not None and row.current_deadline is None  # the task's own: untouched
    assert cycles.extended_dues(store, task, D(2026, 2, 17)) == {D(2026, 2, 1): D(2026, 2, 27)}
    assert cycles.extended_dues(store, task, D(2026, 2, 16)) == {}  # not approved yet that day
    extension = views.task_detail(store, office, task, today=D(2026, 2, 17)).extensions[0]  # type: ignore[arg-type]
    assert (extension.period_start, extension.previous_deadline) == (D(2026, 2, 1), D(2026, 2, 20))
    # 23/2: February's report is due on 27/2, no longer 3 days late
    with store.reading() as s:
        due = [d for d, *_ in reminders.open_dues(s, D(2026, 2, 23)) if d.task_id == task]
    assert [d.due for d in due] == [D(2026, 2, 27)]
    assert views.task_detail(store, office, task, today=D(2026, 2, 23)).task.bucket is Bucket.DUE_SOON  # type: ignore[arg-type]
    _report(store, police, task, D(2026, 2, 25), D(2026, 2, 26), office)
    # the dashboard: February done on time (within its extension), March due on the 20th
    police_row = next(u for u in buckets_as_of(store, office, D(2026, 3, 21)).units if u.code == "CT-CA")  # type: ignore[arg-type]
    assert police_row.counts[Bucket.DONE_ON_TIME] == 2 and police_row.counts[Bucket.OVERDUE] == 1
    rows = cycles.occurrence_rows(store, task)
    assert [o.due for o in rows[:3]] == [D(2026, 1, 20), D(2026, 2, 20), D(2026, 3, 20)]
    # the periodic report's lists read the period as of the day: March's, overdue since 20/3
    doc = reports.periodic(store, office, as_of=D(2026, 3, 21), unit_code="CT-CA")  # type: ignore[arg-type]
    overdue = next(t for t in doc.tables if t.title.startswith("Bảng 3"))
    assert [(r[3], r[4]) for r in overdue.rows] == [("20/03/2026", 1)]
    granted = next(t for t in doc.tables if "gia hạn" in t.title.lower())
    assert len(granted.rows) == 1
