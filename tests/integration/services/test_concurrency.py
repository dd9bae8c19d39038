"""Two writers on the same task never lose an update, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import progress, review
from dondoc.services.context import Store
from dondoc.services.progress import Report
from dondoc.store.records import ProgressUpdateRecord, TaskRecord
from dondoc.tracking.permissions import Role
from tests.support.tracking import assign, confirmed_seed, load_cantho_units, make_user

D = dt.date


def test_concurrency_edit_from_a_stale_form_is_refused(store: Store) -> None:
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    other = make_user(store, "vanphong2", Role.OFFICE, "CT-TU-VP")
    _, t = confirmed_seed(store, office, on=D(2024, 10, 7))
    with store.reading() as s:
        task = s.get(TaskRecord, t["t1"])
        assert task is not None
        loaded = task.version
    # both opened the form at version `loaded`; the first save wins, the second is told
    review.edit_task(store, office, t["t1"], {"product": "Báo cáo sơ kết"}, expected_version=loaded)
    with pytest.raises(DondocError) as err:
        review.edit_task(store, other, t["t1"], {"product": "Nghị quyết"}, expected_version=loaded)
    assert err.value.code is ErrorCode.CONFLICT
    with store.reading() as s:
        task = s.get(TaskRecord, t["t1"])
        assert task is not None and task.product == "Báo cáo sơ kết" and task.version == loaded + 1


def test_concurrency_two_threads_reporting_on_one_task_lose_nothing(store: Store) -> None:
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    lead = make_user(store, "congan", Role.REPORTER, "CT-CA")
    helper = make_user(store, "quansu", Role.REPORTER, "CT-BCHQS")
    _, t = confirmed_seed(store, office, on=D(2024, 10, 7))
    task_id = t["t23"]
    assign(store, office, task_id, "CT-CA", "CT-BCHQS", on=D(2024, 10, 8))
    with store.reading() as s:
        task = s.get(TaskRecord, task_id)
        assert task is not None
        v0 = task.version
    per_thread = 12
    start = threading.Barrier(2)
    errors: list[BaseException] = []
    conflicts = [0]

    def writer(actor: object, first: int) -> None:
        try:
            start.wait()
            for k in range(per_thread):
                percent = float(first + 2 * k)  # every write changes the task: 1,3,5… and 2,4,6…
                while True:
                    try:
                        progress.report_progress(
                            store,
                            actor,
                            task_id,
                            Report("in_progress", percent=percent),
                            today=D(2024, 11, 1),  # type: ignore[arg-type]
                        )
                        break
                    except DondocError as exc:  # the loser of a race is told and retries
                        if exc.code not in (ErrorCode.CONFLICT, ErrorCode.DATABASE):
                            raise
                        conflicts[0] += 1
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=writer, args=(lead, 1)),
        threading.Thread(target=writer, args=(helper, 2)),
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=120)
    assert not errors, errors
    with store.reading() as s:
        updates = s.scalar(
            select(func.count())
            .select_from(ProgressUpdateRecord)
            .where(ProgressUpdateRecord.task_id == task_id)
        )
        task = s.get(TaskRecord, task_id)
        assert task is not None
        # every report landed, and each bumped the version once: none overwrote another
        assert updates == 2 * per_thread
        assert task.version == v0 + 2 * per_thread


def test_concurrency_reports_without_a_version_never_conflict(store: Store) -> None:
    """Units' reports arriving at the same moment on one task are each an addition: none
    is refused (the service writes the loser of a race again), whatever the engine."""
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    lead = make_user(store, "congan", Role.REPORTER, "CT-CA")
    _, t = confirmed_seed(store, office, on=D(2024, 10, 7))
    task_id = t["t23"]
    assign(store, office, task_id, "CT-CA", on=D(2024, 10, 8))
    n = 6
    start = threading.Barrier(n)
    errors: list[BaseException] = []
    ids: list[int] = []

    def report(k: int) -> None:
        try:
            start.wait()
            ids.append(
                progress.report_progress(
                    store, lead, task_id, Report("in_progress", percent=float(10 + k)), today=D(2024, 11, 1)
                )
            )
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=report, args=(k,)) for k in range(n)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert errors == [] and len(set(ids)) == n
