"""Ninety days of đôn đốc over the demo, with a fake clock, on SQLite and PostgreSQL: every
message each recipient gets each day, exactly, against a reviewed file
(`expected/remind-90-days.txt`).

Each day the server's schedule checks at 06:30 (before the sending hours: nothing goes)
and at 08:00 (the day's run). The demo's history plays out meanwhile as it happened
(reports, completions verified, an extension), so tasks drop out of the digests on the
day their completion is verified. The file shows the days before the deadline, the
escalation to the head on the 7th day late and to the office on the 14th, the holidays
(1/1 and Tết Ất Tỵ, 28/1 – 3/2/2025) with nothing sent and the lateness caught up the
next working day, and one digest per recipient a day. The e-mails the SMTP server
received are checked against the in-app messages: the same recipients, subjects and
bodies. Regenerate with `DONDOC_REGEN_GOLDEN=1 pytest tests/golden` (refused in CI).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from sqlalchemy import select

from dondoc.core.workdays import WorkCalendar
from dondoc.services import users
from dondoc.services.context import SYSTEM, Store
from dondoc.services.demo import load_demo
from dondoc.services.schedule import ReminderSchedule
from dondoc.store.records import NotificationRecord, OutboxRecord, UserRecord
from tests.golden.report import text_diff
from tests.support.receivers import smtp_server

EXPECTED = Path(__file__).parent / "expected" / "remind-90-days.txt"
FIRST = dt.date(2024, 12, 2)
DAYS = 90
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
WITH_EMAIL = ("vanphong", "lanhdao", "ct-ubnd", "ct-ca", "ct-tu-btc", "ct-svhttdl", "ct-bchqs")


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def test_ninety_days_of_reminders_match_the_reviewed_file(store: Store) -> None:
    load_demo(store)
    for name in WITH_EMAIL:
        users.set_email(store, SYSTEM, username=name, email=f"{name}@example.vn")
    calendar = WorkCalendar()
    lines: list[str] = []
    with smtp_server() as (box, port):
        live = Store(
            store.engine,
            store.sessions,
            store.settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port}),
            store.readers,
        )
        for k in range(DAYS):
            day = FIRST + dt.timedelta(days=k)
            early = ReminderSchedule(live, 15, clock=lambda d=day: _at(d, 6, 30)).check()
            assert early is not None and early.state == "skipped" and not early.messages
            mails_before = len(box.messages)
            result = ReminderSchedule(live, 15, clock=lambda d=day: _at(d, 8)).check()
            assert result is not None
            if not calendar.is_working_day(day):
                assert result.state == "skipped" and not result.messages
                holiday = calendar.holiday(day)
                if holiday:
                    lines += [f"== {day.isoformat()} ({WEEKDAYS[day.weekday()]}): nghỉ, {holiday}", ""]
                continue
            assert all(m.result == "sent" for m in result.messages), result.messages
            messages = _messages_of(store, day)
            mails = box.messages[mails_before:]
            # the e-mails are the in-app messages, to those with an address
            assert sorted(
                (str(m["To"]).split("<")[-1].rstrip(">"), str(m["Subject"])) for m in mails
            ) == sorted((f"{who}@example.vn", subject) for who, subject, _ in messages if who in WITH_EMAIL)
            if not messages:
                continue
            lines.append(f"== {day.isoformat()} ({WEEKDAYS[day.weekday()]}): {result.notices} nhiệm vụ")
            for who, subject, body in messages:
                lines += [f"-- {who}: {subject}", *body.rstrip().splitlines(), ""]
    got = "\n".join(lines) + "\n"
    if os.environ.get("DONDOC_REGEN_GOLDEN"):
        if os.environ.get("CI"):
            pytest.fail("DONDOC_REGEN_GOLDEN is refused in CI: regenerate locally and commit the review")
        EXPECTED.write_text(got, encoding="utf-8")
        pytest.skip("golden file regenerated")
    expected = EXPECTED.read_text(encoding="utf-8")
    if got != expected:
        pytest.fail(f"the 90 days differ from {EXPECTED.name}:\n{text_diff(expected, got)}", pytrace=False)


def _messages_of(store: Store, day: dt.date) -> list[tuple[str, str, str]]:
    """(recipient, subject, body) of the in-app messages of the day's run."""
    with store.reading() as s:
        rows = s.execute(
            select(UserRecord.username, NotificationRecord.title, NotificationRecord.body)
            .join(OutboxRecord, OutboxRecord.id == NotificationRecord.outbox_id)
            .join(UserRecord, UserRecord.id == NotificationRecord.user_id)
            .where(OutboxRecord.run_day == day)
            .order_by(UserRecord.username)
        ).all()
    return [(str(a), str(b), str(c)) for a, b, c in rows]
