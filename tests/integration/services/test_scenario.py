"""The tracking core end to end, on SQLite and PostgreSQL: ingest the seed → resolve →
confirm → assign → three units report (one claim returned), one extension approved,
one unit finishes late → buckets on three dates equal the ones computed by hand below,
and the audit log holds every step."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import assignment, progress, review
from dondoc.services.context import SYSTEM, Store
from dondoc.services.dashboards import BUCKET_NEUTRAL, buckets_as_of
from dondoc.services.progress import Report
from dondoc.store.records import AuditEventRecord, BodyMentionRecord, DirectiveRecord, TaskRecord, UnitRecord
from dondoc.tracking.permissions import Role
from tests.support.tracking import ingest_seed, load_cantho_units, make_user, task_ids

D = dt.date


def _counts(store: Store, actor: object, on: dt.date) -> dict[str, dict[str, int]]:
    report = buckets_as_of(store, actor, on)  # type: ignore[arg-type]
    return {u.code: {b.value: n for b, n in u.counts.items() if n} for u in report.units}


def test_scenario_seed_to_buckets_with_audit(store: Store) -> None:
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    ca = make_user(store, "congan", Role.REPORTER, "CT-CA")
    qs = make_user(store, "quansu", Role.REPORTER, "CT-BCHQS")
    dbqh = make_user(store, "doandbqh", Role.REPORTER, "CT-DBQH")
    leader = make_user(store, "lanhdao", Role.LEADER, "CT")
    with store.reading() as s:
        audit_start = s.scalar(select(func.max(AuditEventRecord.id))) or 0

    # ingest: a draft with the seed's 25 tasks; the same bytes again give the same directive
    first = ingest_seed(store, office)
    assert (first.created, first.tasks) == (True, 25)
    again = ingest_seed(store, office)
    assert (again.directive_id, again.created) == (first.directive_id, False)
    did = first.directive_id
    t = task_ids(store, did)
    with store.reading() as s:
        directive = s.get(DirectiveRecord, did)
        assert directive is not None and directive.state == "draft"
        assert directive.issuer_unit_id == s.scalar(select(UnitRecord.id).where(UnitRecord.code == "CT-TU"))
        # the verbatim source: every task's span slices the text it came from
        for task in directive.tasks:
            assert task.span_start is not None and task.span_end is not None
            assert directive.source_text[task.span_start : task.span_end].split()[:3] == task.text.split()[:3]

    # resolve: the named bodies map to units, the groups are flagged, nothing is guessed
    review.resolve_bodies(store, office, did)
    with store.reading() as s:
        mentions = {
            (m.phrase, m.method, m.unit_id and s.get(UnitRecord, m.unit_id).code)  # type: ignore[union-attr]
            for m in s.scalars(select(BodyMentionRecord))
        }
    assert ("Đoàn đại biểu Quốc hội thành phố", "exact", "CT-DBQH") in mentions
    assert ("Hội đồng nhân dân thành phố", "exact", "CT-HDND") in mentions
    assert ("Lực lượng Công an", "alias", "CT-CA") in mentions
    assert ("Lực lượng Quân sự", "alias", "CT-BCHQS") in mentions
    assert ("Các cơ quan khối nội chính", "group", None) in mentions
    assert ("các cấp ủy đảng, chính quyền, các cơ quan, đơn vị", "group", None) in mentions

    # nothing is assigned before confirmation
    with pytest.raises(DondocError) as err:
        assignment.assign(store, office, t["t21"], lead="CT-TU-BNC", today=D(2024, 10, 7))
    assert err.value.code is ErrorCode.RULE_VIOLATED
    review.confirm(store, office, did, today=D(2024, 10, 7))

    # assign: the certain leads from the text, one task by hand
    auto = assignment.assign_from_mentions(store, office, did, today=D(2024, 10, 7))
    assert auto.assigned == 3 and t["t21"] in auto.left_for_review
    assignment.assign(store, office, t["t21"], lead="CT-TU-BNC", support=("CT-CA",), today=D(2024, 10, 8))
    with store.reading() as s:
        t6 = s.get(TaskRecord, t["t6"])
        assert t6 is not None
        roles = sorted((a.role, s.get(UnitRecord, a.unit_id).code) for a in t6.assignments)  # type: ignore[union-attr]
    # "Đoàn ĐBQH, HĐND thành phố, Thường trực và các Ban của HĐND": the first named leads
    assert roles == [("lead", "CT-DBQH"), ("support", "CT-HDND")]

    # Công an (t23): reports, claims completion without evidence (returned), then with it
    progress.report_progress(store, ca, t["t23"], Report("in_progress", percent=50), today=D(2024, 11, 15))
    claim = progress.report_progress(
        store, ca, t["t23"], Report("done", done_on=D(2024, 12, 18)), today=D(2024, 12, 18)
    )
    progress.return_update(store, office, claim, reason="Chưa có văn bản kết quả", today=D(2024, 12, 19))
    claim = progress.report_progress(
        store,
        ca,
        t["t23"],
        Report(
            "done",
            result_document="45-BC/CAT",
            done_on=D(2024, 12, 20),
            evidence=(("bc.pdf", b"%PDF-1.4 bc"),),
        ),
        today=D(2024, 12, 20),
    )
    progress.verify_update(store, office, claim, today=D(2024, 12, 23))

    # Quân sự (t22): more time, approved, then done within it
    request = progress.request_extension(
        store,
        qs,
        t["t22"],
        proposed=D(2025, 1, 31),
        reason="Chờ hướng dẫn của Quân khu",
        today=D(2024, 12, 10),
    )
    progress.decide_extension(store, office, request, approve=True, today=D(2024, 12, 12))
    claim = progress.report_progress(
        store, qs, t["t22"], Report("done", done_on=D(2025, 1, 20)), today=D(2025, 1, 20)
    )
    progress.verify_update(store, office, claim, today=D(2025, 1, 22))

    # Đoàn ĐBQH (t6): done late
    progress.report_progress(store, dbqh, t["t6"], Report("in_progress", percent=40), today=D(2024, 12, 1))
    claim = progress.report_progress(
        store, dbqh, t["t6"], Report("done", done_on=D(2025, 1, 15)), today=D(2025, 1, 15)
    )
    progress.verify_update(store, office, claim, today=D(2025, 1, 17))

    # by hand (due soon = 7 days; every deadline 31/12/2024, t22's extended to 31/1/2025 on 12/12):
    # 25/12: t23 verified 23/12, done 20/12 → on time; t22 due 31/1 → in term;
    #        t6, t21 due in 6 days → due soon
    assert _counts(store, leader, D(2024, 12, 25)) == {
        "CT-CA": {"done_on_time": 1},
        "CT-BCHQS": {"open_in_term": 1},
        "CT-DBQH": {"due_soon": 1},
        "CT-TU-BNC": {"due_soon": 1},
    }
    # 18/1: t22 due 31/1 (13 days) → in term; t6 done 15/1 > 31/12, verified 17/1 → late;
    #       t21 → overdue
    assert _counts(store, leader, D(2025, 1, 18)) == {
        "CT-CA": {"done_on_time": 1},
        "CT-BCHQS": {"open_in_term": 1},
        "CT-DBQH": {"done_late": 1},
        "CT-TU-BNC": {"overdue": 1},
    }
    # ranked on what was due by then: the police 1/1 on time; the delegation (late) and
    # the internal affairs board (overdue) share the second place; the army is in term
    report = buckets_as_of(store, leader, D(2025, 1, 18))
    assert [(rank, u.code, u.on_time_rate) for rank, u in report.ranking] == [
        (1, "CT-CA", 1.0),
        (2, "CT-DBQH", 0.0),
        (2, "CT-TU-BNC", 0.0),
    ]
    # the same four tasks by area: the sections they come from, the counts adding up
    assert sum(a.total for a in report.areas) == 4 and all(a.area for a in report.areas)
    assert {b: sum(a.counts[b] for a in report.areas) for b in report.totals} == report.totals
    # 1/2: t22 done 20/1 within the deadline in force then (31/1) → on time
    assert _counts(store, leader, D(2025, 2, 1))["CT-BCHQS"] == {"done_on_time": 1}
    # before confirmation nothing was in force
    assert _counts(store, leader, D(2024, 10, 6)) == {}
    # a reporter sees their own unit; another unit's dashboard is refused
    assert set(_counts(store, ca, D(2025, 1, 18))) == {"CT-CA"}
    with pytest.raises(DondocError) as err:
        buckets_as_of(store, ca, D(2025, 1, 18), unit_code="CT-BCHQS")
    assert err.value.code is ErrorCode.FORBIDDEN

    with store.reading() as s:
        t22 = s.get(TaskRecord, t["t22"])
        assert t22 is not None
        assert (t22.original_deadline, t22.current_deadline) == (D(2024, 12, 31), D(2025, 1, 31))
        events_end = s.scalar(select(func.max(AuditEventRecord.id)))
        events = s.execute(
            select(AuditEventRecord.action, AuditEventRecord.actor_name, AuditEventRecord.subject_id)
            .where(AuditEventRecord.id > audit_start)
            .order_by(AuditEventRecord.id)
        ).all()
    assert [(a, who) for a, who, _ in events] == [
        ("directive.ingest", "vanphong"),  # once: the second ingest changed nothing
        ("directive.resolve_bodies", "vanphong"),
        ("directive.confirm", "vanphong"),
        ("task.assign", "vanphong"),
        ("task.assign", "vanphong"),
        ("task.assign", "vanphong"),
        ("task.assign", "vanphong"),
        ("progress.report", "congan"),
        ("progress.report", "congan"),
        ("progress.return", "vanphong"),
        ("progress.report", "congan"),
        ("progress.verify", "vanphong"),
        ("extension.request", "quansu"),
        ("extension.approve", "vanphong"),
        ("progress.report", "quansu"),
        ("progress.verify", "vanphong"),
        ("progress.report", "doandbqh"),
        ("progress.report", "doandbqh"),
        ("progress.verify", "vanphong"),
    ]

    # what the dashboard's cache is blind to (BUCKET_NEUTRAL) moves no bucket: a report, a
    # claim returned, an extension asked for and withdrawn
    before = buckets_as_of(store, leader, D(2025, 1, 18))
    today = D(2025, 1, 18)
    progress.report_progress(store, SYSTEM, t["t21"], Report("in_progress", percent=60), today=today)
    claim = progress.report_progress(store, SYSTEM, t["t21"], Report("done", done_on=today), today=today)
    progress.return_update(store, office, claim, reason="Thiếu hồ sơ", today=today)
    request = progress.request_extension(
        store, SYSTEM, t["t21"], proposed=D(2025, 3, 1), reason="Chờ ý kiến", today=today
    )
    progress.withdraw_extension(store, SYSTEM, request, today=today)
    with store.reading() as s:
        done = s.scalars(select(AuditEventRecord.action).where(AuditEventRecord.id > events_end)).all()
    assert set(done) <= BUCKET_NEUTRAL and len(done) == 5
    after = buckets_as_of(store, leader, today)
    assert (after.units, after.totals, after.areas) == (before.units, before.totals, before.areas)


def test_scenario_refusals_change_nothing(store: Store) -> None:
    """Each refused use case leaves the data and the audit log as they were."""
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    ca = make_user(store, "congan", Role.REPORTER, "CT-CA")
    qs = make_user(store, "quansu", Role.REPORTER, "CT-BCHQS")
    did = ingest_seed(store, office).directive_id
    review.confirm(store, office, did, today=D(2024, 10, 7))
    t = task_ids(store, did)
    assignment.assign(store, office, t["t23"], lead="CT-CA", today=D(2024, 10, 8))

    def snapshot() -> tuple[int, int, int]:
        with store.reading() as s:
            task = s.get(TaskRecord, t["t23"])
            assert task is not None
            return (
                s.scalar(select(func.count()).select_from(AuditEventRecord)) or 0,
                task.version,
                len(task.assignments),
            )

    before = snapshot()
    refusals = [
        # another unit's task
        (
            lambda: progress.report_progress(
                store, qs, t["t23"], Report("in_progress"), today=D(2024, 11, 1)
            ),
            ErrorCode.FORBIDDEN,
        ),
        # an unknown supporting unit after a valid lead: the whole assignment is refused
        (
            lambda: assignment.assign(
                store, office, t["t23"], lead="CT-BCHQS", support=("NOPE",), today=D(2024, 11, 1)
            ),
            ErrorCode.NOT_FOUND,
        ),
        # the office does not report for units, a reporter does not verify
        (
            lambda: progress.report_progress(
                store, office, t["t23"], Report("in_progress"), today=D(2024, 11, 1)
            ),
            ErrorCode.FORBIDDEN,
        ),
        # an extension must be later than the deadline
        (
            lambda: progress.request_extension(
                store, ca, t["t23"], proposed=D(2024, 12, 1), reason="x", today=D(2024, 11, 1)
            ),
            ErrorCode.RULE_VIOLATED,
        ),
        # completion cannot be dated in the future
        (
            lambda: progress.report_progress(
                store, ca, t["t23"], Report("done", done_on=D(2024, 12, 1)), today=D(2024, 11, 1)
            ),
            ErrorCode.RULE_VIOLATED,
        ),
        (
            lambda: progress.report_progress(store, ca, t["t23"], Report("finished"), today=D(2024, 11, 1)),
            ErrorCode.NOT_FOUND,
        ),
        (
            lambda: progress.report_progress(
                store, ca, t["t23"], Report("in_progress", percent=120), today=D(2024, 11, 1)
            ),
            ErrorCode.RULE_VIOLATED,
        ),
    ]
    for call, code in refusals:
        with pytest.raises(DondocError) as err:
            call()
        assert err.value.code is code
        assert snapshot() == before
    update = progress.report_progress(store, ca, t["t23"], Report("done"), today=D(2024, 11, 1))
    with pytest.raises(DondocError) as err:
        progress.verify_update(store, ca, update, today=D(2024, 11, 2))
    assert err.value.code is ErrorCode.FORBIDDEN
