"""The server's reminder thread: queues a run that a worker does, within the hours on
working days, once a day across processes, and lives through a failing run."""

from __future__ import annotations

import datetime as dt
import json
import logging
import time

import pytest
from sqlalchemy import delete, func, select

from dondoc.services.context import Store
from dondoc.services.demo import load_demo
from dondoc.services.jobs import Worker
from dondoc.services.schedule import KIND, ReminderSchedule
from dondoc.store import queue
from dondoc.store.records import JobRecord, NotificationRecord, ReminderRunRecord, ReminderSettingRecord


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0))


def test_the_schedule_sends_within_the_hours_once_a_day(store: Store) -> None:
    load_demo(store)
    day = dt.date(2025, 1, 14)
    night = ReminderSchedule(store, 15, clock=lambda: _at(day, 6)).check()
    assert night is not None and night.state == "skipped"
    morning = ReminderSchedule(store, 15, clock=lambda: _at(day, 8)).check()
    assert morning is not None and morning.state == "done" and morning.notices == 5
    # another process's thread, later the same day: nothing more
    later = ReminderSchedule(store, 15, clock=lambda: _at(day, 10)).check()
    assert later is not None and later.messages == []
    with store.reading() as s:
        assert s.scalar(select(func.count()).select_from(ReminderRunRecord)) == 1
        bells = s.scalar(select(func.count()).select_from(NotificationRecord))
    assert bells == len(morning.messages)


def _wait_for_jobs(store: Store) -> None:
    deadline = time.monotonic() + 60
    while True:
        with store.reading() as s:
            if not queue.pending(s, KIND):
                return
        assert time.monotonic() < deadline, "the queued reminder run was never done"
        time.sleep(0.05)


def test_the_thread_queues_a_run_at_start_that_a_worker_does(store: Store) -> None:
    load_demo(store)
    schedule = ReminderSchedule(store, 15, clock=lambda: _at(dt.date(2025, 1, 14), 9))
    schedule.start()
    schedule.stop()
    _wait_for_jobs(store)  # the server's in-process worker (the embedded default)
    with store.reading() as s:
        assert s.get(ReminderRunRecord, dt.date(2025, 1, 14)) is not None
        job = s.scalars(select(JobRecord).where(JobRecord.kind == KIND)).one()
        assert job.state == "done" and job.worker is not None and "once" not in job.worker


def test_servers_checking_at_once_queue_one_run_done_by_a_worker(store: Store) -> None:
    load_demo(store)
    settings = store.settings.model_copy(update={"background": "workers"})
    servers = [Store(store.engine, store.sessions, settings, store.readers) for _ in range(4)]
    clock = lambda: _at(dt.date(2025, 1, 14), 9)  # noqa: E731
    queued = [ReminderSchedule(server, 15, clock=clock).queue_run() for server in servers]
    assert sum(job is not None for job in queued) == 1  # the others found it waiting
    with store.reading() as s:
        assert s.get(ReminderRunRecord, dt.date(2025, 1, 14)) is None  # no server ran it
    assert Worker(servers[0], ("default",), lane="worker").run_once()  # a `dondoc worker`
    with store.reading() as s:
        assert s.get(ReminderRunRecord, dt.date(2025, 1, 14)) is not None
        bells = s.scalar(select(func.count()).select_from(NotificationRecord))
    assert bells and bells > 0
    # the next check queues the next run (it sends what is still pending, plans nothing)
    assert ReminderSchedule(servers[1], 15, clock=clock).queue_run() is not None


def test_a_run_queued_too_long_ago_is_dropped_and_old_runs_are_pruned(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    load_demo(store)
    settings = store.settings.model_copy(update={"background": "workers"})
    server = Store(store.engine, store.sessions, settings, store.readers)
    job_id = ReminderSchedule(server, 15, clock=lambda: _at(dt.date(2025, 1, 14), 9)).queue_run()
    assert job_id is not None
    with store.transaction() as s:  # the workers were down for two hours
        job = s.get(JobRecord, job_id)
        assert job is not None
        payload = json.loads(job.payload)
        payload["queued_at"] = (queue.utcnow() - dt.timedelta(hours=2)).isoformat()
        job.payload = json.dumps(payload)
    with caplog.at_level(logging.WARNING, logger="dondoc.reminders"):
        assert Worker(server, ("default",)).run_once()
    assert "too old to send" in caplog.text
    with store.reading() as s:
        assert s.get(ReminderRunRecord, dt.date(2025, 1, 14)) is None
        assert s.get(JobRecord, job_id).state == "done"  # type: ignore[union-attr]
    with store.transaction() as s:  # a week and a day later, the next check prunes it…
        s.get(JobRecord, job_id).finished_at = queue.utcnow() - dt.timedelta(days=8)  # type: ignore[union-attr]
    second = ReminderSchedule(server, 15, clock=lambda: _at(dt.date(2025, 1, 15), 9)).queue_run()
    with store.reading() as s:  # …but for the newest job, kept so that no id is given twice
        assert [(j.id, j.state) for j in s.scalars(select(JobRecord).order_by(JobRecord.id))] == [
            (job_id, "done"),
            (second, "queued"),
        ]
    with store.transaction() as s:  # the second run ends as long ago: the first goes
        job = s.get(JobRecord, second)
        assert job is not None
        job.state, job.finished_at = "done", queue.utcnow() - dt.timedelta(days=8)
    third = ReminderSchedule(server, 15, clock=lambda: _at(dt.date(2025, 1, 16), 9)).queue_run()
    assert third is not None and second is not None and third > second > job_id
    with store.reading() as s:
        assert [(j.id, j.state) for j in s.scalars(select(JobRecord).order_by(JobRecord.id))] == [
            (second, "done"),
            (third, "queued"),
        ]


def test_a_failing_run_is_logged_and_the_next_check_tries_again(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    load_demo(store)
    with store.transaction() as s:  # a template broken behind the checks' back
        s.add(ReminderSettingRecord(key="template.body", value=json.dumps("{% for %}"), updated_by="test"))
    schedule = ReminderSchedule(store, 15, clock=lambda: _at(dt.date(2025, 1, 14), 9))
    with caplog.at_level(logging.WARNING, logger="dondoc.reminders"):
        assert schedule.check() is None
    assert "reminder template" in caplog.text
    with store.transaction() as s:
        s.execute(delete(ReminderSettingRecord))
    result = schedule.check()
    assert result is not None and result.notices == 5
