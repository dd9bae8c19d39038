"""Đôn đốc: a day's reminders from the tracker's data, planned once and delivered once.

A run for a working day, within the sending hours:
1. takes the install-wide lock `reminders` (another process running it: this one does
   nothing and says so);
2. plans the day once, in one transaction: the notices of `tracking.reminders.plan` for
   every open task with a lead unit and a deadline, grouped into one digest per recipient
   (focal points, the unit's head, the office: by the notice's audience; a unit without a
   focal point has its tasks told to its head, else to the office), one message per
   recipient and channel in the outbox;
3. delivers what the outbox still holds (today's and any earlier run's that failed): the
   in-app bell in the same transaction that marks the message sent; e-mail and webhook
   sent, then marked. A run stopped anywhere (a crash, a kill) is finished by the next:
   the plan is not made again, and a message marked sent is not sent again. The one gap
   is a message delivered and then not recorded (killed between the two): it goes out
   again with the same Message-ID / X-Dondoc-Id, by which receivers drop the copy.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Template
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import Select, exists, func, insert, select
from sqlalchemy.orm import Session, aliased

from dondoc import metrics
from dondoc.core.workdays import WorkCalendar
from dondoc.errors import DondocError, ErrorCode
from dondoc.services.channels import Channel, DeliveryError, EmailChannel, Outgoing, WebhookChannel
from dondoc.services.context import Store, audit_event, require
from dondoc.services.cycles import HORIZON_DAYS, ensure_occurrences
from dondoc.store import locks
from dondoc.store.queries.histories import approved_changes, occurrence_changes
from dondoc.store.records import (
    AssignmentRecord,
    DirectiveRecord,
    NotificationRecord,
    OccurrenceRecord,
    OutboxRecord,
    ProgressUpdateRecord,
    ReminderNoticeRecord,
    ReminderRunRecord,
    ReminderSettingRecord,
    StatusRecord,
    TaskRecord,
    UnitRecord,
    UserRecord,
)
from dondoc.tracking.permissions import Action, Actor, Role
from dondoc.tracking.reminders import Audience, Due, Kind, Notice, Policy, plan
from dondoc.tracking.timeliness import TaskHistory, check_plausible, deadline_in_force

# Vietnam keeps one offset all year (no daylight saving): the sending hours are in it
VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")

DEFAULT_SUBJECT = "[dondoc] Đôn đốc thực hiện nhiệm vụ ngày {{ day }}: {{ count }} nhiệm vụ"
DEFAULT_BODY = """Kính gửi {{ recipient }},

Hệ thống theo dõi, đôn đốc thực hiện nhiệm vụ xin thông báo {{ count }} nhiệm vụ cần quan tâm ngày {{ day }}.
{% if overdue %}
I. NHIỆM VỤ QUÁ HẠN ({{ overdue_count }})
{% for t in overdue %}{{ loop.index }}. {{ t.text }}
   Đơn vị chủ trì: {{ t.unit }}. Hạn: {{ t.due }}, quá hạn {{ -t.days }} ngày.
{%- if t.escalated %} Đã báo cáo lãnh đạo.{% endif %}
   Văn bản: {{ t.directive }}. Xem và cập nhật: {{ t.link }}
{% endfor %}{% endif %}{% if due_today %}
II. NHIỆM VỤ ĐẾN HẠN HÔM NAY ({{ due_today_count }})
{% for t in due_today %}{{ loop.index }}. {{ t.text }}
   Đơn vị chủ trì: {{ t.unit }}. Hạn: {{ t.due }}.
   Văn bản: {{ t.directive }}. Xem và cập nhật: {{ t.link }}
{% endfor %}{% endif %}{% if due_soon %}
III. NHIỆM VỤ SẮP ĐẾN HẠN ({{ due_soon_count }})
{% for t in due_soon %}{{ loop.index }}. {{ t.text }}
   Đơn vị chủ trì: {{ t.unit }}. Hạn: {{ t.due }}, còn {{ t.days }} ngày.
   Văn bản: {{ t.directive }}. Xem và cập nhật: {{ t.link }}
{% endfor %}{% endif %}{% if more %}
… và {{ more }} nhiệm vụ khác, xem đầy đủ tại {{ link_all }}
{% endif %}
Đề nghị các đơn vị khẩn trương triển khai, cập nhật tiến độ và báo cáo kết quả trên hệ thống.
Trân trọng.
"""

# how far ahead of a run an occurrence's due date may lie to be reminded of (the longest
# "days before" an office would set)
_AHEAD_DAYS = 62

# the settings an office may change, with what each holds
SETTING_KEYS = ("policies", "calendar", "hours", "template.subject", "template.body")
_TEXT_CHARS = 240  # a task's text in a digest: its start (the link leads to the rest)


@dataclass(frozen=True)
class Hours:
    """When messages may go out (local time, working days): none at night."""

    start: dt.time = dt.time(7, 30)
    end: dt.time = dt.time(17, 30)

    def allow(self, at: dt.time) -> bool:
        return self.start <= at < self.end


@dataclass(frozen=True)
class ReminderConfig:
    policies: dict[str, Policy]
    calendar: WorkCalendar
    hours: Hours
    subject: str
    body: str


def load_config(session: Session) -> ReminderConfig:
    raw = {r.key: json.loads(r.value) for r in session.scalars(select(ReminderSettingRecord))}
    return config_from(raw)


def config_from(raw: dict[str, Any]) -> ReminderConfig:
    """The configuration from its settings' JSON values (any missing: the default)."""
    try:
        policies = {"default": Policy()}
        for kind, values in (raw.get("policies") or {}).items():
            policies[str(kind)] = _policy(dict(values))
        cal = raw.get("calendar") or {}
        calendar = WorkCalendar(
            extra_holidays=frozenset(dt.date.fromisoformat(d) for d in cal.get("extra_holidays", ())),
            extra_workdays=frozenset(dt.date.fromisoformat(d) for d in cal.get("extra_workdays", ())),
        )
        h = raw.get("hours") or {}
        hours = Hours(
            dt.time.fromisoformat(h.get("start", "07:30")), dt.time.fromisoformat(h.get("end", "17:30"))
        )
        if hours.start >= hours.end:
            raise ValueError("the sending hours end after they start")
    except (TypeError, ValueError, AttributeError) as exc:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"reminder settings: {exc}") from exc
    subject = raw.get("template.subject") or DEFAULT_SUBJECT
    body = raw.get("template.body") or DEFAULT_BODY
    return ReminderConfig(policies, calendar, hours, str(subject), str(body))


def _policy(values: dict[str, Any]) -> Policy:
    unknown = set(values) - set(Policy.__dataclass_fields__)
    if unknown:
        raise ValueError(f"unknown policy fields: {', '.join(sorted(unknown))}")
    base = Policy()
    return Policy(
        days_before=tuple(int(d) for d in values.get("days_before", base.days_before)),
        on_the_day=bool(values.get("on_the_day", base.on_the_day)),
        overdue_every=int(values.get("overdue_every", base.overdue_every)),
        head_after=int(values.get("head_after", base.head_after)),
        office_after=int(values.get("office_after", base.office_after)),
        catch_up_days=int(values.get("catch_up_days", base.catch_up_days)),
    )


def set_setting(store: Store, actor: Actor, key: str, value: Any) -> None:
    """Change one reminder setting (checked by building the configuration with it and,
    for a template, rendering it once)."""
    require(actor, Action.MANAGE_REMINDERS, what="reminders")
    if key not in SETTING_KEYS:
        raise DondocError(
            ErrorCode.RULE_VIOLATED, detail=f"no reminder setting {key!r}: {', '.join(SETTING_KEYS)}"
        )
    with store.transaction() as s:
        raw = {r.key: json.loads(r.value) for r in s.scalars(select(ReminderSettingRecord))}
        before = raw.get(key)
        raw[key] = value
        config = config_from(raw)
        _render(config, _sample_context())  # a template that does not render is refused now
        row = s.get(ReminderSettingRecord, key)
        text = json.dumps(value, ensure_ascii=False)
        if row is None:
            s.add(ReminderSettingRecord(key=key, value=text, updated_by=actor.name))
        else:
            row.value, row.updated_by, row.updated_at = text, actor.name, dt.datetime.now(dt.UTC)
        audit_event(
            s, actor, "reminders.setting", "reminder_setting", None, before={key: before}, after={key: value}
        )


def show_settings(store: Store, actor: Actor) -> dict[str, Any]:
    """Every reminder setting in force (the office's, else the default)."""
    require(actor, Action.MANAGE_REMINDERS, what="reminders")
    with store.reading() as s:
        raw = {r.key: json.loads(r.value) for r in s.scalars(select(ReminderSettingRecord))}
    config = config_from(raw)
    return {
        "policies": {
            k: {**p.__dict__, "days_before": list(p.days_before)} for k, p in config.policies.items()
        },
        "calendar": {
            "extra_holidays": sorted(d.isoformat() for d in config.calendar.extra_holidays),
            "extra_workdays": sorted(d.isoformat() for d in config.calendar.extra_workdays),
        },
        "hours": {"start": f"{config.hours.start:%H:%M}", "end": f"{config.hours.end:%H:%M}"},
        "template.subject": config.subject,
        "template.body": config.body,
    }


# --- planning -----------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """A task in a digest."""

    task_id: int
    text: str
    unit: str
    directive: str
    due: str
    days: int
    kind: str
    escalated: bool
    link: str


@dataclass
class Digest:
    user_id: int
    username: str
    full_name: str
    email: str | None
    unit: str | None
    lines: list[Line] = field(default_factory=list)


def open_dues(session: Session, day: dt.date) -> list[tuple[Due, Line, str, str]]:
    """Every task open on `day` of a directive in force, with its lead unit (assigned by
    then) and its deadline in force that day (extensions approved by then), with what a
    digest says of it, its lead unit's path and its issuer's (who follows it). Known as of
    `day`, like the dashboards: a run for a past day sends what that day would have. A
    task whose completion claim waits for the office's check is not chased, nor one
    cancelled."""
    claim = aliased(ProgressUpdateRecord)
    pending_claim = exists().where(
        claim.task_id == TaskRecord.id,
        claim.review != "none",  # a completion claim
        claim.reported_on <= day,
        (claim.reviewed_on.is_(None)) | (claim.reviewed_on > day),
    )
    issuer = aliased(UnitRecord)

    def led_tasks(first: Any, second: Any) -> Select[Any]:
        # a task of a directive in force that day, its lead unit assigned by then, not
        # cancelled, with what a digest names (its two dates: the two columns given)
        return (
            select(
                TaskRecord.id,
                AssignmentRecord.unit_id,
                first,
                second,
                TaskRecord.is_key,
                TaskRecord.text,
                UnitRecord.name,
                UnitRecord.path,
                DirectiveRecord.doc_type,
                DirectiveRecord.number,
                DirectiveRecord.issuer,
                DirectiveRecord.issued_on,
                issuer.path,
            )
            .join(DirectiveRecord, DirectiveRecord.id == TaskRecord.directive_id)
            .join(
                AssignmentRecord,
                (AssignmentRecord.task_id == TaskRecord.id) & (AssignmentRecord.role == "lead"),
            )
            .join(UnitRecord, UnitRecord.id == AssignmentRecord.unit_id)
            .join(StatusRecord, StatusRecord.key == TaskRecord.status_key)
            .outerjoin(issuer, issuer.id == DirectiveRecord.issuer_unit_id)
            .where(
                DirectiveRecord.state == "confirmed",
                DirectiveRecord.confirmed_on <= day,
                AssignmentRecord.assigned_on <= day,
                StatusRecord.status_group != "cancelled",
            )
        )

    once = led_tasks(TaskRecord.original_deadline, TaskRecord.current_deadline).where(
        TaskRecord.original_deadline.is_not(None),
        TaskRecord.cycle.is_(None),  # a recurring task is reminded of by its occurrences
        TaskRecord.verified_on.is_(None) | (TaskRecord.verified_on > day),
        ~pending_claim,
    )
    rows: list[Any] = list(session.execute(once.order_by(TaskRecord.id)).all())
    # the deadline in force that day: the last extension approved by then (most tasks have
    # none: only those whose deadline moved are looked up)
    changes = approved_changes(session, [r[0] for r in rows if r[2] != r[3]])
    # a recurring task: its first occurrence open that day (one notice per task and run)
    occ = aliased(OccurrenceRecord)
    recurring = session.execute(
        led_tasks(occ.due, occ.period_start)
        .join(occ, occ.task_id == TaskRecord.id)
        .where(
            TaskRecord.cycle.is_not(None),
            occ.verified_on.is_(None) | (occ.verified_on > day),
            occ.due <= day + dt.timedelta(days=_AHEAD_DAYS),
        )
        .order_by(TaskRecord.id, occ.due)
    ).all()
    # a period whose due date an extension moved is reminded of by the date in force
    periods = occurrence_changes(session, sorted({r[0] for r in recurring})) if recurring else {}
    seen: set[int] = set()
    for row in recurring:
        if row[0] not in seen:
            seen.add(row[0])
            moves = tuple(periods.get((row[0], row[3]), ()))
            due_now = deadline_in_force(TaskHistory(row[2], moves), day) if moves else row[2]
            rows.append((row[0], row[1], due_now, due_now, *row[4:]))
    out = []
    labels: dict[tuple[Any, ...], str] = {}
    for (
        task_id,
        unit_id,
        original,
        _current,
        is_key,
        text,
        unit_name,
        unit_path,
        *directive,
        issuer_path,
    ) in rows:
        due = deadline_in_force(TaskHistory(original, tuple(changes.get(task_id, ()))), day)
        if due is None:
            continue
        key = tuple(directive)
        label = labels.get(key)
        if label is None:
            label = labels[key] = _directive_label(*directive)
        short = text if len(text) <= _TEXT_CHARS else text[: _TEXT_CHARS - 1].rsplit(" ", 1)[0] + " …"
        line = Line(task_id, short, unit_name, label, due.strftime("%d/%m/%Y"), 0, "", False, "")
        out.append(
            (Due(task_id, unit_id, due, "key" if is_key else "default"), line, unit_path, issuer_path or "")
        )
    return out


def _directive_label(
    doc_type: str | None, number: str | None, issuer: str | None, issued: dt.date | None
) -> str:
    """How a digest names a directive: "Kế hoạch số 12/KH-UBND", else by its issuer and date."""
    if number:
        return f"{doc_type or 'Văn bản'} số {number}"
    label = doc_type or "Văn bản"
    if issuer:
        label += f" của {issuer}"
    if issued:
        label += f" ngày {issued:%d/%m/%Y}"
    return label


@dataclass(frozen=True)
class People:
    focal: dict[int, list[UserRecord]]  # unit id → its reporters
    leaders: list[tuple[str | None, UserRecord]]  # each leader with their unit's path (None: the whole body)
    office: list[UserRecord]


def people(session: Session) -> People:
    focal: dict[int, list[UserRecord]] = defaultdict(list)
    leaders: list[tuple[str | None, UserRecord]] = []
    office: list[UserRecord] = []
    paths: dict[int, str] = {
        row.id: row.path for row in session.execute(select(UnitRecord.id, UnitRecord.path))
    }
    for u in session.scalars(select(UserRecord).where(UserRecord.active.is_(True)).order_by(UserRecord.id)):
        if u.role == Role.REPORTER and u.unit_id is not None:
            focal[u.unit_id].append(u)
        elif u.role == Role.LEADER:
            leaders.append((paths.get(u.unit_id) if u.unit_id is not None else None, u))
        elif u.role == Role.OFFICE:
            office.append(u)
    return People(dict(focal), leaders, office)


def heads(unit_path: str, who: People) -> list[UserRecord]:
    """The unit's head: its own leaders, else those of the nearest unit above it."""
    best: list[UserRecord] = []
    depth = -1
    for path, u in who.leaders:
        if path is not None and unit_path.startswith(path):
            if len(path) > depth:
                best, depth = [u], len(path)
            elif len(path) == depth:
                best.append(u)
    return best


def followers(issuer_path: str, who: People) -> list[UserRecord]:
    """Who follows a directive: the office, and the leaders of its issuer or above it
    (a leader of the whole body too)."""
    lead = [u for path, u in who.leaders if path is None or (issuer_path and issuer_path.startswith(path))]
    return who.office + lead


def recipients(notice: Notice, unit_path: str, issuer_path: str, who: People) -> list[UserRecord]:
    """Who hears of a notice: its audience, widened past a level that has nobody."""
    focal = who.focal.get(notice.unit_id, [])
    head = heads(unit_path, who)
    level = notice.reminder.audience
    out: list[UserRecord] = list(focal)
    if level >= Audience.HEAD or not focal:
        out += head
    if level >= Audience.OFFICE or not (focal or head):
        out += followers(issuer_path, who)
    return list({u.id: u for u in out}.values())  # each once, in order


def digests(
    notices: list[Notice], lines: dict[int, tuple[Line, str, str]], who: People, public_url: str
) -> list[Digest]:
    by_user: dict[int, Digest] = {}
    for n in notices:
        base, unit_path, issuer_path = lines[n.task_id]
        line = Line(
            base.task_id,
            base.text,
            base.unit,
            base.directive,
            base.due,
            n.reminder.days,
            n.reminder.kind.value,
            n.reminder.audience > Audience.FOCAL,
            f"{public_url.rstrip('/')}/tasks/{n.task_id}",
        )
        for u in recipients(n, unit_path, issuer_path, who):
            d = by_user.get(u.id)
            if d is None:
                d = by_user[u.id] = Digest(u.id, u.username, u.full_name, u.email, None)
            d.lines.append(line)
    return [by_user[k] for k in sorted(by_user)]


_ENV = SandboxedEnvironment(autoescape=False, keep_trailing_newline=True)


# a digest lists this many tasks at most, the most urgent first (the office of a province
# may have thousands escalated in a day: the message says how many more, the link leads
# to all of them); the webhook's payload carries the same ones and the total
DIGEST_LINES = 60


def _context(day: dt.date, d: Digest, public_url: str) -> dict[str, Any]:
    ordered = sorted(d.lines, key=lambda x: (x.days, x.task_id))
    # dicts, not objects: the sandbox checks every attribute read on an object (a third
    # of a province's run), while a key is looked up plainly
    lines = [line.__dict__ for line in ordered[:DIGEST_LINES]]
    counts = {kind: sum(1 for x in ordered if x.kind == kind) for kind in Kind}
    return {
        "day": day.strftime("%d/%m/%Y"),
        "recipient": d.full_name,
        "count": len(ordered),
        "overdue": [x for x in lines if x["kind"] == Kind.OVERDUE],
        "due_today": [x for x in lines if x["kind"] == Kind.DUE_TODAY],
        "due_soon": [x for x in lines if x["kind"] == Kind.BEFORE],
        "overdue_count": counts[Kind.OVERDUE],
        "due_today_count": counts[Kind.DUE_TODAY],
        "due_soon_count": counts[Kind.BEFORE],
        "tasks": lines,
        "more": len(ordered) - len(lines),
        "link_all": public_url.rstrip("/") + "/",
    }


def _sample_context() -> dict[str, Any]:
    line = Line(
        1, "Nhiệm vụ mẫu", "Sở Nội vụ", "Kế hoạch số 1/KH-UBND", "01/01/2026", -3, "overdue", True, "/"
    )
    return _context(dt.date(2026, 1, 5), Digest(1, "mau", "Người nhận mẫu", None, None, [line]), "/")


@lru_cache(maxsize=16)
def _template(source: str) -> Template:
    return _ENV.from_string(source)  # compiled once: a province's run renders thousands


def _render(config: ReminderConfig, context: dict[str, Any]) -> tuple[str, str]:
    try:
        subject = " ".join(_template(config.subject).render(context).split())
        body = _template(config.body).render(context)
    except Exception as exc:  # a template the office wrote: any error is theirs to fix
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"reminder template: {exc}") from exc
    return subject, body


@dataclass(frozen=True)
class Planned:
    user_id: int
    username: str
    channel: str
    address: str
    subject: str
    body: str
    payload: dict[str, Any]
    tasks: int


def _channels_of(d: Digest, store: Store) -> list[tuple[str, str]]:
    s = store.settings
    out = [("app", "app")]
    if d.email and s.smtp_host:
        out.append(("email", d.email))
    if s.webhook_url:
        out.append(("webhook", s.webhook_url))
    return out


def _plan(
    session: Session, store: Store, config: ReminderConfig, day: dt.date
) -> tuple[list[Notice], list[Planned]]:
    last_run = session.scalar(select(func.max(ReminderRunRecord.day)).where(ReminderRunRecord.day < day))
    dues = open_dues(session, day)
    lines = {due.task_id: (line, unit_path, issuer_path) for due, line, unit_path, issuer_path in dues}
    notices = list(plan((d[0] for d in dues), day, last_run, config.calendar, config.policies))
    who = people(session)
    units = {u.id: u.name for u in session.scalars(select(UnitRecord))}
    planned: list[Planned] = []
    for d in digests(notices, lines, who, store.settings.public_url):
        user = session.get(UserRecord, d.user_id)
        d.unit = units.get(user.unit_id) if user is not None and user.unit_id is not None else None
        context = _context(day, d, store.settings.public_url)
        subject, body = _render(config, context)
        payload = {
            "day": day.isoformat(),
            "recipient": {"username": d.username, "full_name": d.full_name, "email": d.email, "unit": d.unit},
            "subject": subject,
            "text": body,
            "tasks": context["tasks"],
            "count": context["count"],
        }
        for channel, address in _channels_of(d, store):
            planned.append(
                Planned(d.user_id, d.username, channel, address, subject, body, payload, len(d.lines))
            )
    return notices, planned


# --- a run ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    username: str
    channel: str
    tasks: int
    result: str  # "sent", "would send", "failed: …", "sent earlier"


@dataclass
class RunResult:
    day: dt.date
    state: str  # "done", "dry-run", "skipped", "busy"
    reason: str = ""
    notices: int = 0
    messages: list[Sent] = field(default_factory=list)


def run(
    store: Store,
    actor: Actor,
    *,
    day: dt.date,
    at: dt.time | None = None,
    dry_run: bool = False,
    channels: dict[str, Channel] | None = None,
) -> RunResult:
    """The reminders of `day` (local), as a run at `at` (local; None: within the hours)."""
    require(actor, Action.MANAGE_REMINDERS, what="reminders")
    check_plausible(day)
    if not dry_run and day > now_in_vietnam().date():
        # a later day's reminders would go out today, and that day's real run would find
        # them sent: they are only shown
        raise DondocError(
            ErrorCode.RULE_VIOLATED, detail="a later day's reminders are only shown: use --dry-run"
        )
    with store.reading() as s:
        config = load_config(s)
    if not config.calendar.is_working_day(day):
        why = config.calendar.holiday(day) or "weekend"
        return RunResult(day, "skipped", f"{day.isoformat()} is not a working day ({why})")
    if at is not None and not config.hours.allow(at):
        return RunResult(
            day,
            "skipped",
            f"{at:%H:%M} is outside the sending hours {config.hours.start:%H:%M}–{config.hours.end:%H:%M}",
        )
    if dry_run:
        with store.reading() as s:
            done = s.get(ReminderRunRecord, day) is not None
            notices, planned = ([], []) if done else _plan(s, store, config, day)
        result = RunResult(day, "dry-run", "planned already: nothing new" if done else "", len(notices))
        result.messages = [Sent(p.username, p.channel, p.tasks, "would send") for p in planned]
        return result
    with locks.exclusive(store.engine, "reminders") as held:
        if not held:
            return RunResult(day, "busy", "another process is running the reminders")
        return _run_locked(store, actor, config, day, channels or _live_channels(store))


def _live_channels(store: Store) -> dict[str, Channel]:
    return {"email": EmailChannel(store.settings), "webhook": WebhookChannel(store.settings)}


def _run_locked(
    store: Store, actor: Actor, config: ReminderConfig, day: dt.date, channels: dict[str, Channel]
) -> RunResult:
    result = RunResult(day, "done")
    # recurring tasks' occurrences kept ahead of the day (the run moves the horizon on)
    ensure_occurrences(store, day + dt.timedelta(days=HORIZON_DAYS))
    with store.transaction() as s:
        run_row = s.get(ReminderRunRecord, day)
        if run_row is None:
            notices, planned = _plan(s, store, config, day)
            s.add(ReminderRunRecord(day=day, notices=len(notices), messages=len(planned)))
            s.flush()
            # inserted in bulk (a province's day: tens of thousands of notices)
            if notices:
                s.execute(
                    insert(ReminderNoticeRecord),
                    [
                        {
                            "run_day": day,
                            "task_id": n.task_id,
                            "unit_id": n.unit_id,
                            "kind": n.reminder.kind.value,
                            "audience": int(n.reminder.audience),
                            "days": n.reminder.days,
                            "due": n.due,
                        }
                        for n in notices
                    ],
                )
            host = urlsplit(store.settings.public_url).hostname or "dondoc.local"
            now = dt.datetime.now(dt.UTC)
            if planned:
                s.execute(
                    insert(OutboxRecord),
                    [
                        {
                            "run_day": day,
                            "user_id": p.user_id,
                            "channel": p.channel,
                            "address": p.address,
                            "subject": p.subject,
                            "body": p.body,
                            "payload": json.dumps(p.payload, ensure_ascii=False),
                            "tasks": p.tasks,
                            "state": "pending",
                            "attempts": 0,
                            "message_id": f"<dondoc.{day:%Y%m%d}.{p.user_id}.{p.channel}@{host}>",
                            "created_at": now,
                        }
                        for p in planned
                    ],
                )
            audit_event(
                s,
                actor,
                "reminders.plan",
                "reminder_run",
                None,
                after={"day": day.isoformat(), "notices": len(notices)},
            )
            result.notices = len(notices)
        else:
            result.notices = run_row.notices
            result.reason = "planned earlier: sending what is still pending"
    result.messages = _deliver(store, channels)
    with store.transaction() as s:
        run_row = s.get(ReminderRunRecord, day)
        if run_row is not None and run_row.finished_at is None:
            run_row.finished_at = dt.datetime.now(dt.UTC)
    return result


# in-app messages written per transaction: each is its notification and its "sent" mark
# together, so a batch is as safe as one, and a province's 2 000 cost a few commits
APP_BATCH = 250


def _deliver(store: Store, channels: dict[str, Channel]) -> list[Sent]:
    """Send every pending message, oldest first, each recorded as it goes."""
    max_attempts = store.settings.delivery_max_attempts
    with store.reading() as s:
        pending = s.execute(
            select(OutboxRecord.id, OutboxRecord.channel, UserRecord.username)
            .join(UserRecord, UserRecord.id == OutboxRecord.user_id)
            .where(OutboxRecord.state == "pending")
            .order_by(OutboxRecord.id)
        ).all()
    out: list[Sent] = []
    app = [(i, u) for i, c, u in pending if c == "app"]
    for k in range(0, len(app), APP_BATCH):
        out.extend(_deliver_in_app(store, app[k : k + APP_BATCH]))
    for outbox_id, channel, username in pending:
        if channel != "app":
            out.append(_deliver_one(store, outbox_id, username, channels, max_attempts))
    return out


def _deliver_in_app(store: Store, batch: list[tuple[int, str]]) -> list[Sent]:
    out: list[Sent] = []
    now = dt.datetime.now(dt.UTC)
    with store.transaction() as s:
        for outbox_id, username in batch:
            row = s.get(OutboxRecord, outbox_id)
            if row is None or row.state != "pending":  # another run got there first
                out.append(Sent(username, "app", row.tasks if row else 0, "sent earlier"))
                continue
            s.add(
                NotificationRecord(
                    user_id=row.user_id,
                    title=row.subject,
                    body=row.body,
                    link="/notifications",
                    outbox_id=row.id,
                )
            )
            row.state, row.attempts, row.sent_at = "sent", row.attempts + 1, now
            out.append(Sent(username, "app", row.tasks, "sent"))
    return out


def _deliver_one(
    store: Store, outbox_id: int, username: str, channels: dict[str, Channel], max_attempts: int
) -> Sent:
    with store.transaction() as s:
        row = s.get(OutboxRecord, outbox_id)
        if row is None or row.state != "pending":  # another run got there first
            return Sent(username, row.channel if row else "?", row.tasks if row else 0, "sent earlier")
        message = Outgoing(
            row.message_id,
            row.address,
            _full_name(s, row.user_id),
            row.subject,
            row.body,
            {"id": row.message_id, **json.loads(row.payload)},
        )
        channel_name, tasks = row.channel, row.tasks
    channel = channels.get(channel_name)
    error: DeliveryError | None = None
    if channel is None:
        error = DeliveryError(f"no {channel_name} channel configured", permanent=True)
    else:
        try:
            channel.send(message)
        except DeliveryError as exc:
            error = exc
    with store.transaction() as s:
        row = s.get(OutboxRecord, outbox_id)
        assert row is not None
        row.attempts += 1
        metrics.REMINDERS.labels(channel_name, "sent" if error is None else "failed").inc()
        if error is None:
            row.state, row.sent_at, row.last_error = "sent", dt.datetime.now(dt.UTC), None
            return Sent(username, channel_name, tasks, "sent")
        row.last_error = str(error)
        if error.permanent or row.attempts >= max_attempts:
            row.state = "failed"
        return Sent(username, channel_name, tasks, f"failed: {error}")


def _full_name(session: Session, user_id: int) -> str:
    user = session.get(UserRecord, user_id)
    return user.full_name if user is not None else ""


def now_in_vietnam() -> dt.datetime:
    return dt.datetime.now(VIETNAM)
