"""Đôn đốc end to end on SQLite and PostgreSQL: the demo's open tasks reminded over a real
SMTP server, a real webhook endpoint and the in-app bell; one digest per recipient; a run
made twice sends once; a failed delivery is tried again by the next run."""

from __future__ import annotations

import datetime as dt
import hmac

import pytest
from sqlalchemy import func, select

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import progress, reminders, users
from dondoc.services.channels import sign
from dondoc.services.context import SYSTEM, Store
from dondoc.services.dashboards import BUCKET_NEUTRAL, buckets_as_of
from dondoc.services.demo import load_demo
from dondoc.services.followup import followup
from dondoc.services.progress import Report
from dondoc.store import locks
from dondoc.store.records import (
    NotificationRecord,
    OutboxRecord,
    ProgressUpdateRecord,
    ReminderNoticeRecord,
    ReminderRunRecord,
    UnitRecord,
)
from dondoc.tracking.timeliness import Bucket
from tests.support.receivers import smtp_server, webhook_server

D = dt.date
# the demo's tasks are due 31/12/2024; on 7/1/2025 (a Tuesday) nine of them are open, 7 days
# late: the run knows what that day knew (completions verified later do not count yet)
LATE_7 = D(2025, 1, 7)
OVERDUE_ON_LATE_7 = 9


def _with_mail(store: Store, port: int, hook_url: str = "") -> Store:
    settings = store.settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "webhook_url": hook_url,
            "webhook_secret": "s3cret",
            "delivery_backoff_seconds": 0.01,
            "public_url": "https://dondoc.example.vn",
        }
    )
    return Store(store.engine, store.sessions, settings, store.readers)


def _emails(store: Store) -> None:
    for name in ("vanphong", "lanhdao", "ct-ubnd", "ct-ca", "ct-tu-btc", "ct-svhttdl"):
        users.set_email(store, SYSTEM, username=name, email=f"{name}@example.vn")


def test_a_day_of_reminders_by_mail_webhook_and_bell_sent_once(store: Store) -> None:
    load_demo(store)
    _emails(store)
    with smtp_server() as (box, port), webhook_server() as (hook, url):
        live = _with_mail(store, port, url)
        result = reminders.run(live, SYSTEM, day=LATE_7)
        # every task overdue that day, as `dondoc status` counts them
        overdue = buckets_as_of(store, SYSTEM, LATE_7).totals[Bucket.OVERDUE]
        assert result.state == "done" and result.notices == overdue == OVERDUE_ON_LATE_7
        assert all(m.result == "sent" for m in result.messages)
        # 7 days late: the focal points and the units' head (the leader above them)
        assert sorted({m.username for m in result.messages}) == [
            "ct-bchqs",
            "ct-ca",
            "ct-svhttdl",
            "ct-tu-btc",
            "ct-ubnd",
            "lanhdao",
        ]
        assert {m.channel for m in result.messages} == {"app", "email", "webhook"}

        ubnd = box.to("ct-ubnd@example.vn")
        assert len(ubnd) == 1  # one digest, three tasks
        mail = ubnd[0]
        assert mail["Subject"] == "[dondoc] Đôn đốc thực hiện nhiệm vụ ngày 07/01/2025: 3 nhiệm vụ"
        assert mail["Message-ID"] == f"<dondoc.20250107.{_uid(store, 'ct-ubnd')}.email@dondoc.example.vn>"
        body = mail.get_content()
        assert "NHIỆM VỤ QUÁ HẠN (3)" in body and body.count("quá hạn 7 ngày") == 3
        assert "Đã báo cáo lãnh đạo" in body  # escalated to the head on the 7th day
        assert "https://dondoc.example.vn/tasks/" in body
        assert len(box.to("lanhdao@example.vn")) == 1
        assert box.to("vanphong@example.vn") == []  # the office hears from the 14th day

        # the webhook: one signed JSON per recipient (with an e-mail address or not), signed
        assert len(hook.requests) == 6
        headers, raw = hook.requests[0]
        expected = sign("s3cret", headers["x-dondoc-timestamp"], raw)
        assert hmac.compare_digest(headers["x-dondoc-signature"], "sha256=" + expected)
        payload = hook.payloads()[0]
        assert payload["day"] == "2025-01-07" and payload["tasks"][0]["days"] == -7
        assert payload["id"] == headers["x-dondoc-id"]

        # the bell: one unread notification per recipient
        with store.reading() as s:
            bells = s.execute(
                select(NotificationRecord.user_id, func.count()).group_by(NotificationRecord.user_id)
            ).all()
        assert len(bells) == 6 and all(n == 1 for _, n in bells)

        # the same day again: nothing new goes out
        again = reminders.run(live, SYSTEM, day=LATE_7)
        assert again.messages == [] and again.reason.startswith("planned earlier")
        assert len(box.messages) == 5 and len(hook.requests) == 6

        # a week later the office hears of them too (14 days late)
        later = reminders.run(live, SYSTEM, day=D(2025, 1, 14))
        assert "vanphong" in {m.username for m in later.messages}
        assert len(box.to("vanphong@example.vn")) == 1
    with store.reading() as s:
        # the nine of 7/1 and the five still open on 14/1
        assert s.scalar(select(func.count()).select_from(ReminderNoticeRecord)) == OVERDUE_ON_LATE_7 + 5
        assert (
            s.scalar(select(func.count()).select_from(OutboxRecord).where(OutboxRecord.state != "sent")) == 0
        )


def _uid(store: Store, name: str) -> int:
    return users.actor_by_name(store, name).user_id


def test_a_dry_run_says_what_would_go_and_records_nothing(store: Store) -> None:
    load_demo(store)
    result = reminders.run(store, SYSTEM, day=LATE_7, dry_run=True)
    assert result.state == "dry-run" and result.notices == OVERDUE_ON_LATE_7
    assert {m.result for m in result.messages} == {"would send"}
    with store.reading() as s:
        assert s.scalar(select(func.count()).select_from(ReminderRunRecord)) == 0
        assert s.scalar(select(func.count()).select_from(OutboxRecord)) == 0


def test_nothing_goes_out_on_a_holiday_a_weekend_or_at_night(store: Store) -> None:
    load_demo(store)
    assert reminders.run(store, SYSTEM, day=D(2025, 1, 1)).reason.endswith("(Tết Dương lịch)")
    assert "not a working day" in reminders.run(store, SYSTEM, day=D(2025, 1, 4)).reason
    night = reminders.run(store, SYSTEM, day=LATE_7, at=dt.time(21, 0))
    assert night.state == "skipped" and "outside the sending hours" in night.reason
    with store.reading() as s:
        assert s.scalar(select(func.count()).select_from(OutboxRecord)) == 0


def test_a_failed_delivery_is_recorded_and_sent_by_the_next_run(store: Store) -> None:
    load_demo(store)
    _emails(store)
    with smtp_server() as (_box, port):
        pass  # a port nobody listens on any more
    down = _with_mail(store, port)
    first = reminders.run(down, SYSTEM, day=LATE_7)
    failed = [m for m in first.messages if m.channel == "email"]
    assert failed and all(m.result.startswith("failed: SMTP 127.0.0.1") for m in failed)
    assert all(m.result == "sent" for m in first.messages if m.channel == "app")
    with store.reading() as s:
        rows = s.scalars(select(OutboxRecord).where(OutboxRecord.channel == "email")).all()
        assert {r.state for r in rows} == {"pending"} and all(r.attempts == 1 for r in rows)
        assert all((r.last_error or "").startswith("SMTP") for r in rows)
    with smtp_server() as (box, port):
        second = reminders.run(_with_mail(store, port), SYSTEM, day=D(2025, 1, 8))
        assert len(box.messages) == len(failed)  # yesterday's, sent today
        assert {m["Message-ID"] for m in box.messages} == {
            f"<dondoc.20250107.{_uid(store, m.username)}.email@dondoc.example.vn>" for m in failed
        }
    assert sum(m.result == "sent" for m in second.messages) == len(failed)


def test_a_webhook_answering_503_is_retried_with_backoff(store: Store) -> None:
    load_demo(store)
    with smtp_server() as (_box, port), webhook_server() as (hook, url):
        hook.fail_first = 2
        result = reminders.run(_with_mail(store, port, url), SYSTEM, day=LATE_7)
    assert all(m.result == "sent" for m in result.messages)
    assert len(hook.requests) == 6  # the first one got through on its third attempt


def test_a_run_while_another_holds_the_lock_does_nothing(store: Store) -> None:
    load_demo(store)
    with locks.exclusive(store.engine, "reminders") as held:
        assert held
        busy = reminders.run(store, SYSTEM, day=LATE_7)
    assert busy.state == "busy"
    with store.reading() as s:
        assert s.scalar(select(func.count()).select_from(OutboxRecord)) == 0
    assert reminders.run(store, SYSTEM, day=LATE_7).state == "done"


def test_the_office_edits_the_schedule_and_the_texts(store: Store) -> None:
    load_demo(store)
    office = users.actor_by_name(store, "vanphong")
    reminders.set_setting(store, office, "template.subject", "Nhắc việc {{ day }} ({{ count }})")
    reminders.set_setting(store, office, "policies", {"default": {"head_after": 0, "office_after": 0}})
    # 7 days late is no reminder day without escalation; 9 is (every 3 days)
    assert reminders.run(store, office, day=LATE_7).notices == 0
    result = reminders.run(store, office, day=D(2025, 1, 9))
    assert result.notices == OVERDUE_ON_LATE_7  # all of them 9 days late
    assert "lanhdao" not in {m.username for m in result.messages}  # no escalation any more
    with store.reading() as s:
        subjects = set(s.scalars(select(OutboxRecord.subject)))
    assert subjects == {"Nhắc việc 09/01/2025 (1)", "Nhắc việc 09/01/2025 (3)"}
    # a template that cannot render, an unknown key, a reporter: refused, nothing changed
    with pytest.raises(DondocError) as bad:
        reminders.set_setting(store, office, "template.body", "{% for %}")
    assert bad.value.code is ErrorCode.RULE_VIOLATED
    with pytest.raises(DondocError):
        reminders.set_setting(store, office, "policies", {"default": {"days_before": [0]}})
    with pytest.raises(DondocError) as forbidden:
        reminders.set_setting(store, users.actor_by_name(store, "ct-ca"), "hours", {"start": "06:00"})
    assert forbidden.value.code is ErrorCode.FORBIDDEN
    assert reminders.show_settings(store, office)["template.subject"] == "Nhắc việc {{ day }} ({{ count }})"


def test_a_template_cannot_reach_python(store: Store) -> None:
    load_demo(store)
    office = users.actor_by_name(store, "vanphong")
    with pytest.raises(DondocError):
        reminders.set_setting(
            store, office, "template.body", "{{ ''.__class__.__mro__[1].__subclasses__() }}"
        )


def test_the_leaders_view_counts_reminders_answers_and_the_silent_units(store: Store) -> None:
    load_demo(store)
    reminders.run(store, SYSTEM, day=LATE_7)
    reminders.run(store, SYSTEM, day=D(2025, 1, 9))
    before = {r.code: r for r in followup(store, SYSTEM)}
    assert set(before) == {"CT-UBND", "CT-CA", "CT-TU-BTC", "CT-SVHTTDL", "CT-BCHQS"}
    ubnd = before["CT-UBND"]
    # three tasks, reminded on both days, escalated to the head (7 days late and more)
    assert (ubnd.reminders, ubnd.tasks, ubnd.escalated, ubnd.last_reminded) == (6, 3, 3, D(2025, 1, 9))
    assert ubnd.answered + ubnd.silent == ubnd.tasks and ubnd.silent > 0
    assert before["CT-CA"].never_answers  # the police never reported after a reminder
    # the People's Committee reports on a task it had left silent
    actor = users.actor_by_name(store, "ct-ubnd")
    with store.reading() as s:
        reminded = s.scalars(
            select(ReminderNoticeRecord.task_id)
            .join(UnitRecord, UnitRecord.id == ReminderNoticeRecord.unit_id)
            .where(UnitRecord.code == "CT-UBND")
        ).all()
        answered = set(
            s.scalars(
                select(ProgressUpdateRecord.task_id).where(
                    ProgressUpdateRecord.task_id.in_(reminded), ProgressUpdateRecord.reported_on >= LATE_7
                )
            )
        )
    silent = sorted(set(reminded) - answered)[0]
    progress.report_progress(
        store, actor, silent, Report(status="in_progress", percent=60), today=D(2025, 1, 10)
    )
    after = {r.code: r for r in followup(store, SYSTEM)}["CT-UBND"]
    assert (after.answered, after.silent) == (ubnd.answered + 1, ubnd.silent - 1)
    # a unit's focal point sees only its own unit
    assert [r.code for r in followup(store, users.actor_by_name(store, "ct-ca"))] == ["CT-CA"]
    # nothing before the first reminder counts
    assert followup(store, SYSTEM, until=D(2025, 1, 6)) == []


def test_a_later_days_reminders_are_only_shown_and_the_hours_make_sense(store: Store) -> None:
    load_demo(store)
    later = reminders.now_in_vietnam().date() + dt.timedelta(days=30)
    with pytest.raises(DondocError) as refused:
        reminders.run(store, SYSTEM, day=later)
    assert refused.value.code is ErrorCode.RULE_VIOLATED
    assert reminders.run(store, SYSTEM, day=later, dry_run=True).state in ("dry-run", "skipped")
    with pytest.raises(DondocError):
        reminders.set_setting(store, SYSTEM, "hours", {"start": "17:00", "end": "08:00"})
    assert "weekend" in reminders.run(store, SYSTEM, day=D(2025, 1, 4)).reason


def test_a_webhook_without_its_secret_is_never_called(store: Store) -> None:
    load_demo(store)
    with smtp_server() as (_box, port), webhook_server() as (hook, url):
        live = _with_mail(store, port, url)
        unsigned = Store(
            live.engine, live.sessions, live.settings.model_copy(update={"webhook_secret": ""}), live.readers
        )
        result = reminders.run(unsigned, SYSTEM, day=LATE_7)
    failed = [m for m in result.messages if m.channel == "webhook"]
    assert failed and all("DONDOC_WEBHOOK_SECRET is not set" in m.result for m in failed)
    assert hook.requests == []
    with store.reading() as s:
        states = set(s.scalars(select(OutboxRecord.state).where(OutboxRecord.channel == "webhook")))
    assert states == {"failed"}  # final: trying again cannot help


def test_the_days_run_and_its_settings_leave_the_dashboards_cached(store: Store) -> None:
    """Leaders open their dashboard right after the morning's run: planning the notices,
    changing a reminder setting or an e-mail address moves no task between buckets, so the
    cached dashboard stays (its data version is blind to them) and is still right."""
    load_demo(store)
    before = buckets_as_of(store, SYSTEM, LATE_7)
    computed = []

    def dashboard() -> int:
        computed.append(1)
        return len(computed)

    assert store.cached("dash", dashboard, ignoring=BUCKET_NEUTRAL) == 1
    result = reminders.run(store, SYSTEM, day=LATE_7)
    assert result.state == "done" and result.notices == OVERDUE_ON_LATE_7
    reminders.set_setting(store, SYSTEM, "template.subject", "Nhắc việc {{ day }} ({{ count }})")
    users.set_email(store, SYSTEM, username="ct-ca", email="ct-ca@example.vn")
    assert store.cached_now("dash", ignoring=BUCKET_NEUTRAL) == (True, 1)
    after = buckets_as_of(store, SYSTEM, LATE_7)
    assert (after.units, after.totals, after.areas) == (before.units, before.totals, before.areas)
