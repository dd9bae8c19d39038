"""Read models for the screens and the API: what a page shows, checked against who asks.

Every function that returns a task or a directive checks `can(actor, VIEW, …)` for it, so
a reporter who changes an id in a URL gets E_FORBIDDEN, not another unit's task.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, false, func, select
from sqlalchemy.orm import Session, selectinload

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import fetch
from dondoc.services.context import Store, require
from dondoc.services.cycles import current_occurrences, history_of
from dondoc.store.queries.histories import approved_changes, occurrence_changes
from dondoc.store.records import (
    AssignmentRecord,
    AuditEventRecord,
    DirectiveRecord,
    EvidenceRecord,
    ExtensionRequestRecord,
    ProgressUpdateRecord,
    StatusRecord,
    TaskRecord,
    UnitRecord,
    UserRecord,
)
from dondoc.tracking.permissions import Action, Actor, Role, Subject, can
from dondoc.tracking.progress import roll_up
from dondoc.tracking.resolution import FLAGGED, Method
from dondoc.tracking.timeliness import Bucket, TaskHistory, classify

# order of urgency in an inbox
URGENCY = (
    Bucket.OVERDUE,
    Bucket.DUE_SOON,
    Bucket.OPEN_IN_TERM,
    Bucket.NO_DEADLINE,
    Bucket.DONE_LATE,
    Bucket.DONE_ON_TIME,
)


@dataclass(frozen=True)
class UnitRef:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class MentionView:
    id: int
    role: str
    phrase: str
    method: str
    unit: UnitRef | None
    candidates: tuple[UnitRef, ...]

    @property
    def flagged(self) -> bool:
        return self.method != "manual" and Method(self.method) in FLAGGED


@dataclass(frozen=True)
class TaskView:
    id: int
    directive_id: int
    extracted_id: str | None
    parent_id: int | None
    kind: str  # "task", or "report": the directive's rule for reporting on it
    label: str  # its number as the document writes it ("II.3", "a)"), else its order
    section: str | None
    text: str
    span: tuple[int, int] | None
    product: str | None
    deadline_text: str | None
    original_deadline: dt.date | None
    current_deadline: dt.date | None
    recurrence: str | None
    cycle: str | None
    cycle_cutoff_day: int | None
    is_key: bool
    weight: float
    status: str
    status_label: str
    progress: float | None
    done_on: dt.date | None
    verified_on: dt.date | None
    version: int
    lead: UnitRef | None
    support: tuple[UnitRef, ...]
    mentions: tuple[MentionView, ...]
    targets: tuple[str, ...]
    bucket: Bucket | None


@dataclass(frozen=True)
class DirectiveRow:
    id: int
    number: str | None
    doc_type: str | None
    issuer: str | None
    issued_on: dt.date | None
    title: str | None
    state: str
    file_name: str
    tasks: int
    duplicate_of: int | None = None  # the earlier directive this one repeats


@dataclass(frozen=True)
class DirectiveView:
    row: DirectiveRow
    signer: str | None
    signer_title: str | None
    confirmed_on: dt.date | None
    source_text: str
    version: int
    tasks: tuple[TaskView, ...]
    sections: tuple[tuple[str, tuple[TaskView, ...]], ...]
    # the extractor's verdict on the text (extract.verdict): an article or a form uploaded by
    # mistake is said so on the review, with the reasons
    is_directive: bool = True
    directive_reasons: tuple[str, ...] = ()
    # the extractor's review flags per task, by the task's extracted id ("t3" → ("lead: …",))
    review: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def progress(self) -> float | None:
        """The weighted mean of the top tasks shown (as a parent's progress is of its
        children's); a sub-task whose parent is not shown (a unit sees only its own
        tasks) counts as a top task."""
        shown = {t.id for t in self.tasks}
        tops = [t for t in self.tasks if t.parent_id is None or t.parent_id not in shown]
        return roll_up([(t.weight, t.progress) for t in tops])

    @property
    def done(self) -> int:
        return sum(1 for t in self.tasks if t.verified_on is not None)


@dataclass(frozen=True)
class UpdateView:
    id: int
    task_id: int
    task_text: str
    unit: str
    reporter: str | None
    reported_on: dt.date
    status_label: str
    percent: float | None
    narrative: str
    difficulties: str
    proposals: str
    result_document: str | None
    done_on: dt.date | None
    review: str
    review_note: str | None
    evidence: tuple[tuple[str, str], ...]  # (file name, sha256)


@dataclass(frozen=True)
class ExtensionView:
    id: int
    task_id: int
    task_text: str
    unit: str
    requested_on: dt.date
    reason: str
    previous_deadline: dt.date | None
    proposed_deadline: dt.date
    period_start: dt.date | None  # one period of a recurring task; None: the task
    state: str
    decided_on: dt.date | None
    decision_note: str | None


@dataclass(frozen=True)
class AuditView:
    at: dt.datetime
    actor: str
    action: str
    after: str | None


@dataclass(frozen=True)
class TaskDetail:
    task: TaskView
    directive: DirectiveRow
    excerpt: str
    updates: tuple[UpdateView, ...]
    extensions: tuple[ExtensionView, ...]
    audit: tuple[AuditView, ...]
    can_report: bool
    can_extend: bool
    can_verify: bool


@dataclass(frozen=True)
class Desk:
    pending_updates: tuple[UpdateView, ...]
    pending_extensions: tuple[ExtensionView, ...]
    quiet_tasks: tuple[TaskView, ...]  # in force, not done, no report for `quiet_days`
    quiet_days: int


@dataclass
class _Units:
    by_id: dict[int, UnitRecord] = field(default_factory=dict)

    def ref(self, unit_id: int | None) -> UnitRef | None:
        u = self.by_id.get(unit_id) if unit_id is not None else None
        return UnitRef(u.id, u.code, u.name) if u is not None else None


def _units(s: Session, tasks: list[TaskRecord] | None = None) -> _Units:
    """The units the given tasks refer to (all units when None): a page of 50 tasks must
    not load a province's 2 000 units."""
    query = select(UnitRecord)
    if tasks is not None:
        ids = {a.unit_id for t in tasks for a in t.assignments}
        ids |= {m.unit_id for t in tasks for m in t.mentions if m.unit_id is not None}
        ids |= {int(c) for t in tasks for m in t.mentions for c in m.candidates.split(",") if c}
        query = query.where(UnitRecord.id.in_(ids))
    return _Units({u.id: u for u in s.scalars(query)})


def _row(d: DirectiveRecord, tasks: int) -> DirectiveRow:
    return DirectiveRow(
        d.id,
        d.number,
        d.doc_type,
        d.issuer,
        d.issued_on,
        d.title,
        d.state,
        d.file_name,
        tasks,
        d.duplicate_of,
    )


def task_label(t: TaskRecord) -> str:
    """How the user names a task: its number in the document ("II.3", "a)"); for a bullet,
    its order among the directive's tasks ("7"; a reporting rule "BC 1"); a task added
    by hand, its place."""
    if t.label:
        return t.label
    if t.extracted_id and t.extracted_id[1:].isdigit():
        return ("BC " if t.extracted_id[0] == "r" else "") + t.extracted_id[1:]
    return str(t.position)


def _task_views(
    s: Session, tasks: list[TaskRecord], units: _Units, *, today: dt.date, due_soon_days: int
) -> list[TaskView]:
    labels = dict(s.execute(select(StatusRecord.key, StatusRecord.label)).all())
    changes = approved_changes(s, [t.id for t in tasks])
    recurring = [t.id for t in tasks if t.cycle is not None]
    current = current_occurrences(s, recurring, today)
    periods = occurrence_changes(s, recurring) if recurring else {}
    out = []
    for t in tasks:
        lead = next((a.unit_id for a in t.assignments if a.role == "lead"), None)
        opened = t.directive.confirmed_on if t.directive.state == "confirmed" else None
        if opened is None:
            bucket = None
        elif t.cycle is not None:
            # a recurring task is where its current period stands (never "no deadline")
            occ = current.get(t.id)
            bucket = (
                classify(history_of(occ, opened, periods), today, due_soon_days=due_soon_days)
                if occ is not None
                else None
            )
        else:
            bucket = classify(
                TaskHistory(
                    t.original_deadline, tuple(changes.get(t.id, ())), opened, t.done_on, t.verified_on
                ),
                today,
                due_soon_days=due_soon_days,
            )
        out.append(
            TaskView(
                id=t.id,
                directive_id=t.directive_id,
                extracted_id=t.extracted_id,
                parent_id=t.parent_id,
                kind=t.kind,
                label=task_label(t),
                section=t.section,
                text=t.text,
                span=(t.span_start, t.span_end)
                if t.span_start is not None and t.span_end is not None
                else None,
                product=t.product,
                deadline_text=t.deadline_text,
                original_deadline=t.original_deadline,
                current_deadline=t.current_deadline,
                recurrence=t.recurrence,
                cycle=t.cycle,
                cycle_cutoff_day=t.cycle_cutoff_day,
                is_key=t.is_key,
                weight=t.weight,
                status=t.status_key,
                status_label=labels.get(t.status_key, t.status_key),
                progress=100.0 if t.verified_on else t.progress,
                done_on=t.done_on,
                verified_on=t.verified_on,
                version=t.version,
                lead=units.ref(lead),
                support=tuple(r for a in t.assignments if a.role == "support" if (r := units.ref(a.unit_id))),
                mentions=tuple(
                    MentionView(
                        m.id,
                        m.role,
                        m.phrase,
                        m.method,
                        units.ref(m.unit_id),
                        tuple(r for c in m.candidates.split(",") if c if (r := units.ref(int(c)))),
                    )
                    for m in t.mentions
                ),
                targets=tuple(x.text for x in t.targets),
                bucket=bucket,
            )
        )
    return out


def _subject(task: TaskView, units: _Units) -> Subject:
    path = {u.id: u.path for u in units.by_id.values()}
    return Subject(
        lead_path=path.get(task.lead.id) if task.lead else None,
        support_paths=tuple(path[u.id] for u in task.support),
    )


def _task_query() -> Select[TaskRecord]:
    return select(TaskRecord).options(
        selectinload(TaskRecord.assignments),
        selectinload(TaskRecord.mentions),
        selectinload(TaskRecord.targets),
        selectinload(TaskRecord.directive),
    )


def visibility(actor: Actor) -> tuple[object, ...]:
    """What decides which tasks an actor sees (a cache key part): readers scoped by their
    unit see their unit's tree, the office and admins see everything."""
    return (actor.role, actor.unit_path) if actor.role in (Role.REPORTER, Role.LEADER) else ("all",)


def scope_filter(actor: Actor) -> Select[int] | None:
    """Task ids a reporter or a unit leader may see (None: everything)."""
    if actor.role in (Role.ADMIN, Role.OFFICE) or actor.unit_path is None:
        return None if actor.role is not Role.REPORTER else select(TaskRecord.id).where(false())
    return (
        select(AssignmentRecord.task_id)
        .join(UnitRecord, UnitRecord.id == AssignmentRecord.unit_id)
        .where(UnitRecord.path.startswith(actor.unit_path))
    )


def list_directives(store: Store, actor: Actor) -> list[DirectiveRow]:
    require(actor, Action.VIEW, Subject(lead_path=actor.unit_path) if actor.unit_path else Subject())
    with store.reading() as s:
        counts = select(TaskRecord.directive_id, func.count().label("n")).group_by(TaskRecord.directive_id)
        visible = scope_filter(actor)
        if visible is not None:
            counts = counts.where(TaskRecord.id.in_(visible))
        n = dict(s.execute(counts).all())
        query = select(DirectiveRecord).order_by(DirectiveRecord.id.desc())
        if visible is not None:
            query = query.where(DirectiveRecord.id.in_(list(n)))
        return [_row(d, n.get(d.id, 0)) for d in s.scalars(query)]


def directive_view(store: Store, actor: Actor, directive_id: int, *, today: dt.date) -> DirectiveView:
    with store.reading() as s:
        d = fetch.directive(s, directive_id)
        tasks = list(
            s.scalars(_task_query().where(TaskRecord.directive_id == d.id).order_by(TaskRecord.position))
        )
        units = _units(s, tasks)
        views = _task_views(s, tasks, units, today=today, due_soon_days=store.settings.due_soon_days)
        if actor.role in (Role.REPORTER, Role.LEADER) and actor.unit_path is not None:
            views = [v for v in views if can(actor, Action.VIEW, _subject(v, units))]
            if not views:
                raise DondocError(
                    ErrorCode.FORBIDDEN, user=actor.name, action="view", subject=f"directive {directive_id}"
                )
        sections: dict[str, list[TaskView]] = {}
        for v in views:
            sections.setdefault(v.section or "", []).append(v)
        return DirectiveView(
            row=_row(d, len(views)),
            signer=d.signer,
            signer_title=d.signer_title,
            confirmed_on=d.confirmed_on,
            source_text=d.source_text,
            version=d.version,
            tasks=tuple(views),
            sections=tuple((k, tuple(v)) for k, v in sections.items()),
            **_verdict(d.extraction),
        )


def _verdict(extraction: str) -> dict[str, Any]:
    """The verdict and the review flags stored with the extraction; a directive read before
    they existed has none and counts as a directive with nothing flagged."""
    data = json.loads(extraction) if extraction else {}
    doc = data.get("doc", {})
    return {
        "is_directive": bool(doc.get("is_directive", True)),
        "directive_reasons": tuple(str(r) for r in doc.get("directive_reasons", ())),
        "review": {
            str(t["id"]): tuple(str(r) for r in t["review"]) for t in data.get("tasks", ()) if t.get("review")
        },
    }


def directive_source(store: Store, actor: Actor, directive_id: int, *, today: dt.date) -> tuple[str, str]:
    """(file name, sha256) of the file a directive was read from, for whoever may see
    the directive (a unit's reporter too: the directive is addressed to them)."""
    directive_view(store, actor, directive_id, today=today)  # the same check as its page
    with store.reading() as s:
        d = fetch.directive(s, directive_id)
        return d.file_name, d.source_sha256


def _task_texts(s: Session, task_ids: set[int]) -> dict[int, str]:
    return dict(s.execute(select(TaskRecord.id, TaskRecord.text).where(TaskRecord.id.in_(task_ids))).all())


def _update_views(s: Session, query: Select[ProgressUpdateRecord], units: _Units) -> tuple[UpdateView, ...]:
    labels = dict(s.execute(select(StatusRecord.key, StatusRecord.label)).all())
    users = dict(s.execute(select(UserRecord.id, UserRecord.full_name)).all())
    rows = list(s.scalars(query.options(selectinload(ProgressUpdateRecord.evidence))))
    texts = _task_texts(s, {u.task_id for u in rows})
    return tuple(
        UpdateView(
            id=u.id,
            task_id=u.task_id,
            task_text=texts.get(u.task_id, ""),
            unit=(units.ref(u.unit_id) or UnitRef(0, "?", "?")).name,
            reporter=users.get(u.reporter_id) if u.reporter_id else None,
            reported_on=u.reported_on,
            status_label=labels.get(u.status_key, u.status_key),
            percent=u.percent,
            narrative=u.narrative,
            difficulties=u.difficulties,
            proposals=u.proposals,
            result_document=u.result_document,
            done_on=u.done_on,
            review=u.review,
            review_note=u.review_note,
            evidence=tuple((e.file_name, e.sha256) for e in u.evidence),
        )
        for u in rows
    )


def _extension_views(
    s: Session, query: Select[ExtensionRequestRecord], units: _Units
) -> tuple[ExtensionView, ...]:
    rows = list(s.scalars(query))
    texts = _task_texts(s, {r.task_id for r in rows})
    return tuple(
        ExtensionView(
            id=r.id,
            task_id=r.task_id,
            task_text=texts.get(r.task_id, ""),
            unit=(units.ref(r.unit_id) or UnitRef(0, "?", "?")).name,
            requested_on=r.requested_on,
            reason=r.reason,
            previous_deadline=r.previous_deadline,
            proposed_deadline=r.proposed_deadline,
            period_start=r.period_start,
            state=r.state,
            decided_on=r.decided_on,
            decision_note=r.decision_note,
        )
        for r in rows
    )


def task_detail(store: Store, actor: Actor, task_id: int, *, today: dt.date) -> TaskDetail:
    with store.reading() as s:
        record = s.scalar(_task_query().where(TaskRecord.id == task_id))
        if record is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="task", key=task_id)
        units = _units(s)
        (view,) = _task_views(s, [record], units, today=today, due_soon_days=store.settings.due_soon_days)
        subject = _subject(view, units)
        require(actor, Action.VIEW, subject, what=f"task {task_id}")
        d = record.directive
        start, end = view.span or (0, 0)
        updates = _update_views(
            s,
            select(ProgressUpdateRecord)
            .where(ProgressUpdateRecord.task_id == task_id)
            .order_by(ProgressUpdateRecord.id),
            units,
        )
        extensions = _extension_views(
            s,
            select(ExtensionRequestRecord)
            .where(ExtensionRequestRecord.task_id == task_id)
            .order_by(ExtensionRequestRecord.id),
            units,
        )
        audit = tuple(
            AuditView(a.at, a.actor_name, a.action, a.after)
            for a in s.scalars(
                select(AuditEventRecord)
                .where(AuditEventRecord.subject_type == "task", AuditEventRecord.subject_id == task_id)
                .order_by(AuditEventRecord.id)
            )
        )
        return TaskDetail(
            task=view,
            directive=_row(d, 0),
            excerpt=d.source_text[start:end],
            updates=updates,
            extensions=extensions,
            audit=audit,
            can_report=d.state == "confirmed"
            and view.verified_on is None
            and can(actor, Action.REPORT_PROGRESS, subject),
            can_extend=d.state == "confirmed"
            and view.verified_on is None
            and can(actor, Action.REQUEST_EXTENSION, subject),
            can_verify=can(actor, Action.VERIFY, subject),
        )


def inbox(store: Store, actor: Actor, *, today: dt.date) -> list[TaskView]:
    """The tasks of the actor's unit and sub-units (lead or support), most urgent first;
    cached until the data changes (focal points reload their inbox often)."""
    if actor.unit_path is None:
        return []
    key = ("inbox", visibility(actor), actor.unit_path, today)
    return store.cached(key, lambda: _inbox(store, actor, today))


def _inbox(store: Store, actor: Actor, today: dt.date) -> list[TaskView]:
    with store.reading() as s:
        visible = scope_filter(actor)
        query = _task_query().join(DirectiveRecord).where(DirectiveRecord.state == "confirmed")
        if visible is not None:
            query = query.where(TaskRecord.id.in_(visible))
        tasks = list(s.scalars(query))
        views = _task_views(
            s, tasks, _units(s, tasks), today=today, due_soon_days=store.settings.due_soon_days
        )
    rank = {b: i for i, b in enumerate(URGENCY)}
    return sorted(
        views,
        key=lambda v: (rank.get(v.bucket, 99) if v.bucket else 99, v.current_deadline or dt.date.max, v.id),
    )


def desk(store: Store, actor: Actor, *, today: dt.date, quiet_days: int = 30) -> Desk:
    require(actor, Action.VERIFY, what="the office desk")
    with store.reading() as s:
        units = _units(s)
        pending = _update_views(
            s,
            select(ProgressUpdateRecord)
            .where(ProgressUpdateRecord.review == "pending")
            .order_by(ProgressUpdateRecord.id),
            units,
        )
        requests = _extension_views(
            s,
            select(ExtensionRequestRecord)
            .where(ExtensionRequestRecord.state == "pending")
            .order_by(ExtensionRequestRecord.id),
            units,
        )
        since = today - dt.timedelta(days=quiet_days)
        recent = select(ProgressUpdateRecord.task_id).where(ProgressUpdateRecord.reported_on > since)
        quiet_query = (
            _task_query()
            .join(DirectiveRecord)
            .where(
                DirectiveRecord.state == "confirmed",
                DirectiveRecord.confirmed_on <= since,
                TaskRecord.verified_on.is_(None),
                TaskRecord.id.not_in(recent),
                TaskRecord.id.in_(select(AssignmentRecord.task_id)),
            )
            .order_by(TaskRecord.current_deadline)
            .limit(200)
        )
        quiet = _task_views(
            s, list(s.scalars(quiet_query)), units, today=today, due_soon_days=store.settings.due_soon_days
        )
        return Desk(pending, requests, tuple(quiet), quiet_days)


def file_bytes(store: Store, sha256: str) -> bytes:
    """A stored file's bytes, for a caller that has checked the right to see it."""
    try:
        return store.files.get(sha256)
    except FileNotFoundError as exc:
        raise DondocError(ErrorCode.NOT_FOUND, kind="file", key=sha256[:12]) from exc


def evidence_file(store: Store, actor: Actor, sha256: str) -> tuple[str, int]:
    """(file name, task id) of a stored piece of evidence the actor may see."""
    with store.reading() as s:
        row = s.execute(
            select(EvidenceRecord.file_name, ProgressUpdateRecord.task_id)
            .join(ProgressUpdateRecord, ProgressUpdateRecord.id == EvidenceRecord.update_id)
            .where(EvidenceRecord.sha256 == sha256)
        ).first()
        if row is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="file", key=sha256[:12])
        require(actor, Action.VIEW, fetch.subject_of(s, row[1]), what="evidence")
        return row[0], row[1]


def unit_options(store: Store) -> list[UnitRef]:
    with store.reading() as s:
        return [
            UnitRef(u.id, u.code, u.name) for u in s.scalars(select(UnitRecord).order_by(UnitRecord.path))
        ]


def status_options(store: Store) -> list[tuple[str, str]]:
    with store.reading() as s:
        return list(
            s.execute(select(StatusRecord.key, StatusRecord.label).order_by(StatusRecord.position)).all()
        )


def task_list(
    store: Store,
    actor: Actor,
    *,
    today: dt.date,
    directive_id: int | None = None,
    unit_code: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[TaskView], int]:
    """Tasks the actor may see, filtered by directive and by lead unit's tree; (page, count)."""
    with store.reading() as s:
        query = select(TaskRecord.id)
        visible = scope_filter(actor)
        if visible is not None:
            query = query.where(TaskRecord.id.in_(visible))
        if directive_id is not None:
            query = query.where(TaskRecord.directive_id == directive_id)
        if unit_code is not None:
            unit = s.scalar(select(UnitRecord).where(UnitRecord.code == unit_code))
            if unit is None:
                raise DondocError(ErrorCode.NOT_FOUND, kind="unit", key=unit_code)
            led = (
                select(AssignmentRecord.task_id)
                .join(UnitRecord, UnitRecord.id == AssignmentRecord.unit_id)
                .where(AssignmentRecord.role == "lead", UnitRecord.path.startswith(unit.path))
            )
            query = query.where(TaskRecord.id.in_(led))
        count = s.scalar(select(func.count()).select_from(query.subquery())) or 0
        ids = list(s.scalars(query.order_by(TaskRecord.id).limit(limit).offset(offset)))
        tasks = list(s.scalars(_task_query().where(TaskRecord.id.in_(ids)).order_by(TaskRecord.id)))
        return _task_views(
            s, tasks, _units(s, tasks), today=today, due_soon_days=store.settings.due_soon_days
        ), count


def tasks_in_order(store: Store, actor: Actor, task_ids: Sequence[int], *, today: dt.date) -> list[TaskView]:
    """These tasks (a search's hits), in the order given, those the actor may see."""
    with store.reading() as s:
        query = _task_query().where(TaskRecord.id.in_(list(task_ids)))
        visible = scope_filter(actor)
        if visible is not None:
            query = query.where(TaskRecord.id.in_(visible))
        tasks = list(s.scalars(query))
        order = {t: i for i, t in enumerate(task_ids)}
        tasks.sort(key=lambda t: order[t.id])
        return _task_views(
            s, tasks, _units(s, tasks), today=today, due_soon_days=store.settings.due_soon_days
        )
