"""The server's reminder thread: runs within the hours on working days, once a day across
processes, and lives through a failing run."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from sqlalchemy import delete, func, select

from dondoc.services.context import Store
from dondoc.services.demo import load_demo
from dondoc.services.schedule import ReminderSchedule
from dondoc.store.records import NotificationRecord, ReminderRunRecord, ReminderSettingRecord


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


def test_the_thread_runs_at_start_and_stops(store: Store) -> None:
    load_demo(store)
    schedule = ReminderSchedule(store, 15, clock=lambda: _at(dt.date(2025, 1, 14), 9))
    schedule.start()
    schedule.stop()
    with store.reading() as s:
        assert s.get(ReminderRunRecord, dt.date(2025, 1, 14)) is not None


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
