"""SQLAlchemy 2 typed mappings: the tables of the tracking core.

Names end in `Record` so that `Task` always means the extraction's value type. Rules the
database can hold, it holds: one lead unit per task (a partial unique index), one row per
(task, unit), the audit log append-only (triggers, in the migration), optimistic versions
on rows two people may edit at once (tasks, progress updates, extension requests).
Statuses are rows, not an enum, so an office can add its own.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# fixed constraint names: Alembic's batch mode on SQLite and the drift check need them
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UnitRecord(Base):
    """A body in the directory; `path` ("/1/4/17/") makes "this unit and its sub-units" a prefix."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(40))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    path: Mapped[str] = mapped_column(String(400), index=True)
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    successor_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    aliases: Mapped[list[UnitAliasRecord]] = relationship(
        back_populates="unit", cascade="all, delete-orphan", order_by="UnitAliasRecord.id"
    )


class UnitAliasRecord(Base):
    __tablename__ = "unit_aliases"
    __table_args__ = (UniqueConstraint("unit_id", "alias"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(300))
    unit: Mapped[UnitRecord] = relationship(back_populates="aliases")


class UserRecord(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('admin', 'office', 'reporter', 'leader')", name="role"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utc)
    email: Mapped[str | None] = mapped_column(String(254))  # reminders by e-mail; none: in the app only


class ApiTokenRecord(Base):
    """A machine client's bearer token; only its sha256 is kept. It works until it
    expires or is revoked, whichever comes first, and only while its user is active."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utc)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class WebSessionRecord(Base):
    """A browser's login, kept on the server: the cookie carries only a random id (whose
    sha256 is kept here), so ending the row ends the login at once in every process."""

    __tablename__ = "web_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utc)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utc)
    # indexed: logins long past it are deleted (sessions.KEEP_ENDED)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # logout, password, disabled, ended_by_admin, expired
    end_reason: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(200))


class LoginThrottleRecord(Base):
    """Failed logins counted by what they aimed at (an account, a client address, the
    pair), shared by every server process; rows quiet for a day are deleted."""

    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    # no attempt is checked before this moment (the delay the failures earned)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ReadingJobRecord(Base):
    """An uploaded file being read in the background (a long scan takes a minute of OCR):
    its progress is polled from any server process, so it lives in the database."""

    __tablename__ = "reading_jobs"
    __table_args__ = (CheckConstraint("state IN ('queued', 'reading', 'done', 'failed')", name="state"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(300))
    state: Mapped[str] = mapped_column(String(20), default="queued")
    pages_done: Mapped[int] = mapped_column(Integer, default=0)
    pages_total: Mapped[int | None] = mapped_column(Integer)
    directive_id: Mapped[int | None] = mapped_column(ForeignKey("directives.id"))
    known: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # bytes stored before
    error_code: Mapped[str | None] = mapped_column(String(40))
    error_detail: Mapped[str | None] = mapped_column(Text)  # English, for the log and the API
    error_params: Mapped[str | None] = mapped_column(Text)  # JSON: the message's parameters
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utc)
    # refreshed with every page read: a job silent for long belongs to a process that died
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utc)
    # the queue's job that does the reading (store/queue.py): whether it is still to be
    # tried again after a crash, or given up
    queue_job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"))


class JobRecord(Base):
    """Background work any process of the install may claim (store/queue.py): claimed
    atomically, kept alive by its worker's heartbeat, queued again when that stops."""

    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name="state"),
        Index("ix_jobs_waiting", "state", "queue", "run_after"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    queue: Mapped[str] = mapped_column(String(20))
    payload: Mapped[str] = mapped_column(Text)  # JSON
    state: Mapped[str] = mapped_column(String(20), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=3)
    run_after: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utc)
    worker: Mapped[str | None] = mapped_column(String(120))
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utc)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    error: Mapped[str | None] = mapped_column(Text)


class StatusRecord(Base):
    """A progress status: its group decides what it means (open work, done, cancelled)."""

    __tablename__ = "statuses"
    __table_args__ = (CheckConstraint("status_group IN ('open', 'done', 'cancelled')", name="group"),)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(100))  # Vietnamese, as shown to users
    status_group: Mapped[str] = mapped_column(String(20))
    default_progress: Mapped[float | None] = mapped_column(Float)
    position: Mapped[int] = mapped_column(Integer, default=0)


class StoredFileRecord(Base):
    """A stored file's bytes, when the install keeps them in its database (setting
    `file_store = "database"`, store/blobs.py); `stored_at` moves when the same bytes are
    stored again, for the collection of orphans."""

    __tablename__ = "stored_files"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    stored_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utc, index=True)


class BlobRecord(Base):
    """A stored file, named by the sha256 of its bytes (source documents, evidence)."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utc)


class DirectiveRecord(Base):
    __tablename__ = "directives"
    __table_args__ = (CheckConstraint("state IN ('draft', 'confirmed')", name="state"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), unique=True)
    file_name: Mapped[str] = mapped_column(String(300))
    source_kind: Mapped[str] = mapped_column(String(20))
    source_text: Mapped[str] = mapped_column(Text)  # verbatim, so spans stay valid forever
    encoding: Mapped[str] = mapped_column(String(40))
    extraction: Mapped[str] = mapped_column(Text)  # the contract JSON as extracted
    extractor_version: Mapped[str] = mapped_column(String(40))
    doc_type: Mapped[str | None] = mapped_column(String(100))
    number: Mapped[str | None] = mapped_column(String(100))
    issuer: Mapped[str | None] = mapped_column(String(300))
    issued_on: Mapped[dt.date | None] = mapped_column(Date)
    title: Mapped[str | None] = mapped_column(Text)
    signer: Mapped[str | None] = mapped_column(String(200))
    signer_title: Mapped[str | None] = mapped_column(String(200))
    issuer_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    state: Mapped[str] = mapped_column(String(20), default="draft")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utc)
    confirmed_on: Mapped[dt.date | None] = mapped_column(Date)
    confirmed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    # the text normalised and hashed (ingestion.text_key), and the earlier directive this
    # one repeats (the same text, or the same number and issuer): said on its review
    text_key: Mapped[str | None] = mapped_column(String(64), index=True)
    duplicate_of: Mapped[int | None] = mapped_column(Integer)
    tasks: Mapped[list[TaskRecord]] = relationship(back_populates="directive", order_by="TaskRecord.position")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  (SQLAlchemy reads it once)


class TaskRecord(Base):
    __tablename__ = "tasks"
    __table_args__ = (
        # covers everything the timeliness buckets read from a task, in directive order:
        # the as-of dashboard of a whole province reads the index, not the tasks' rows
        Index(
            "ix_tasks_timeliness",
            "directive_id",
            "id",
            "original_deadline",
            "current_deadline",
            "done_on",
            "verified_on",
        ),
        # a task imported from a spreadsheet: its row's id, once per directive
        Index("uq_tasks_directive_external_id", "directive_id", "external_id", unique=True),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    directive_id: Mapped[int] = mapped_column(ForeignKey("directives.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    extracted_id: Mapped[str | None] = mapped_column(String(20))  # "t7" in the extraction
    label: Mapped[str | None] = mapped_column(String(30))  # its number in the document: "II.3", "a)"
    external_id: Mapped[str | None] = mapped_column(String(100))  # its id in an imported spreadsheet
    # "task": an item of the directive; "report": its rule for reporting on its execution
    # ("định kỳ hằng năm báo cáo kết quả thực hiện Kế hoạch này"), "r1" in the extraction
    kind: Mapped[str] = mapped_column(String(12), default="task", server_default="task")
    section: Mapped[str | None] = mapped_column(Text)
    # its area (lĩnh vực) from the office's list, chosen per section in the review; the
    # dashboards fall back to the section's heading without one
    area: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    product: Mapped[str | None] = mapped_column(Text)
    deadline_text: Mapped[str | None] = mapped_column(Text)
    original_deadline: Mapped[dt.date | None] = mapped_column(Date)
    current_deadline: Mapped[dt.date | None] = mapped_column(Date)
    recurrence: Mapped[str | None] = mapped_column(String(40))
    # a reporting cycle (tracking.cycles): the task is then a series of occurrences
    cycle: Mapped[str | None] = mapped_column(String(20))
    cycle_cutoff_day: Mapped[int | None] = mapped_column(Integer)
    cycle_cutoff_month: Mapped[int | None] = mapped_column(Integer)
    cycle_until: Mapped[dt.date | None] = mapped_column(Date)
    is_key: Mapped[bool] = mapped_column(Boolean, default=False)
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    authority: Mapped[str | None] = mapped_column(String(300))  # who gave the task (issuer, signer)
    status_key: Mapped[str] = mapped_column(ForeignKey("statuses.key"), default="not_started")
    progress: Mapped[float | None] = mapped_column(Float)
    # the verified completion: the day the work was done, the day the office accepted it
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    verified_on: Mapped[dt.date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    directive: Mapped[DirectiveRecord] = relationship(back_populates="tasks")
    targets: Mapped[list[TargetRecord]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TargetRecord.id"
    )
    mentions: Mapped[list[BodyMentionRecord]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="BodyMentionRecord.id"
    )
    assignments: Mapped[list[AssignmentRecord]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="AssignmentRecord.id"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  (SQLAlchemy reads it once)


class TargetRecord(Base):
    """A target or indicator: the phrase, and when it is numeric its target value and unit."""

    __tablename__ = "targets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    target_value: Mapped[float | None] = mapped_column(Float)
    measure: Mapped[str | None] = mapped_column(String(100))
    current_value: Mapped[float | None] = mapped_column(Float)
    task: Mapped[TaskRecord] = relationship(back_populates="targets")


class BodyMentionRecord(Base):
    """A body phrase the extraction found (lead or support) and the unit it was resolved to."""

    __tablename__ = "body_mentions"
    __table_args__ = (CheckConstraint("role IN ('lead', 'support')", name="role"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    phrase: Mapped[str] = mapped_column(Text)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    method: Mapped[str] = mapped_column(String(20))  # resolution.Method, or "manual"
    candidates: Mapped[str] = mapped_column(Text, default="")  # unit ids, comma-separated
    task: Mapped[TaskRecord] = relationship(back_populates="mentions")


class AssignmentRecord(Base):
    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("task_id", "unit_id"),
        CheckConstraint("role IN ('lead', 'support')", name="role"),
        # NĐ 39/2022: exactly one unit leads a task; the database refuses a second
        Index(
            "uq_assignments_one_lead",
            "task_id",
            unique=True,
            sqlite_where=text("role = 'lead'"),
            postgresql_where=text("role = 'lead'"),
        ),
        Index("ix_assignments_unit_role", "unit_id", "role"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    role: Mapped[str] = mapped_column(String(10))
    deadline: Mapped[dt.date | None] = mapped_column(Date)  # a supporting unit's own deadline
    assigned_on: Mapped[dt.date] = mapped_column(Date)
    task: Mapped[TaskRecord] = relationship(back_populates="assignments")


class ProgressUpdateRecord(Base):
    __tablename__ = "progress_updates"
    __table_args__ = (
        CheckConstraint("review IN ('none', 'pending', 'verified', 'returned')", name="review"),
        Index("ix_progress_updates_task_reported", "task_id", "reported_on"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reported_on: Mapped[dt.date] = mapped_column(Date)
    status_key: Mapped[str] = mapped_column(ForeignKey("statuses.key"))
    percent: Mapped[float | None] = mapped_column(Float)
    indicator_value: Mapped[float | None] = mapped_column(Float)
    narrative: Mapped[str] = mapped_column(Text, default="")
    difficulties: Mapped[str] = mapped_column(Text, default="")
    proposals: Mapped[str] = mapped_column(Text, default="")
    result_document: Mapped[str | None] = mapped_column(String(200))  # number of the result document
    done_on: Mapped[dt.date | None] = mapped_column(Date)  # claimed completion day
    # an update that claims completion waits for the office: verified or returned
    review: Mapped[str] = mapped_column(String(20), default="none")
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_on: Mapped[dt.date | None] = mapped_column(Date)
    review_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utc)
    version: Mapped[int] = mapped_column(Integer, default=1)
    evidence: Mapped[list[EvidenceRecord]] = relationship(
        back_populates="update", cascade="all, delete-orphan", order_by="EvidenceRecord.id"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  (SQLAlchemy reads it once)


class EvidenceRecord(Base):
    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    update_id: Mapped[int] = mapped_column(ForeignKey("progress_updates.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    file_name: Mapped[str] = mapped_column(String(300))
    update: Mapped[ProgressUpdateRecord] = relationship(back_populates="evidence")


class ExtensionRequestRecord(Base):
    __tablename__ = "extension_requests"
    __table_args__ = (
        CheckConstraint("state IN ('pending', 'approved', 'rejected', 'withdrawn')", name="state"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    requested_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    proposed_deadline: Mapped[dt.date] = mapped_column(Date)
    previous_deadline: Mapped[dt.date | None] = mapped_column(Date)
    # one period of a recurring task (its occurrence's first day); None: the task itself
    period_start: Mapped[dt.date | None] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20), default="pending")
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
    decision_note: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  (SQLAlchemy reads it once)


# audit actions that move no task between timeliness buckets and rename nothing: a
# progress report (a claim of completion counts once verified), a claim returned, an
# extension asked for or withdrawn (only an approval moves a deadline), a password, an
# API token, a user's e-mail address, the day's reminder run and a reminder setting.
# Dashboards stay cached through them; the partial index below finds the last other event
# in one step however many reports came after it (the last migration to make the index,
# 0022, holds the same list: a change needs a new migration).
BUCKET_NEUTRAL_ACTIONS = (
    "extension.request",
    "extension.withdraw",
    "progress.report",
    "progress.return",
    "reminders.plan",
    "reminders.setting",
    "session.end",
    "session.end_all",
    "session.start",
    "token.create",
    "token.revoke",
    "user.change_password",
    "user.disable",
    "user.enable",
    "user.set_email",
)
_MOVING = "action NOT IN (" + ", ".join(f"'{a}'" for a in BUCKET_NEUTRAL_ACTIONS) + ")"


class AuditEventRecord(Base):
    """Append-only: triggers refuse UPDATE and DELETE (see the initial migration)."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_subject", "subject_type", "subject_id"),
        Index("ix_audit_events_moving", "id", sqlite_where=text(_MOVING), postgresql_where=text(_MOVING)),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utc)
    actor_id: Mapped[int | None] = mapped_column(Integer)  # no foreign key: the log outlives users
    actor_name: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(60))
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[str | None] = mapped_column(Text)  # JSON
    after: Mapped[str | None] = mapped_column(Text)  # JSON


class ReminderRunRecord(Base):
    """A day a reminder run covered; `finished_at` empty while its messages are going out."""

    __tablename__ = "reminder_runs"
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utc)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    notices: Mapped[int] = mapped_column(Integer, default=0)
    messages: Mapped[int] = mapped_column(Integer, default=0)


class ReminderNoticeRecord(Base):
    """What a run said about a task: one per task per run."""

    __tablename__ = "reminder_notices"
    __table_args__ = (UniqueConstraint("run_day", "task_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_day: Mapped[dt.date] = mapped_column(ForeignKey("reminder_runs.day"))
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    audience: Mapped[int] = mapped_column(Integer)
    days: Mapped[int] = mapped_column(Integer)  # days to the due date; negative: days late
    due: Mapped[dt.date] = mapped_column(Date)


class OutboxRecord(Base):
    """A message to one recipient on one channel for one run, and what became of it. The
    unique key keeps it from being made twice; `state` from being sent twice."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("run_day", "user_id", "channel"),
        CheckConstraint("state IN ('pending', 'sent', 'failed')", name="state"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_day: Mapped[dt.date] = mapped_column(ForeignKey("reminder_runs.day"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(500))  # e-mail address, webhook URL, "app"
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    payload: Mapped[str] = mapped_column(Text)  # JSON: the digest's tasks, for the webhook and the record
    tasks: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(200))  # the same on every attempt: receivers dedupe by it
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utc)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class NotificationRecord(Base):
    """The in-app bell: one per in-app message."""

    __tablename__ = "notifications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utc)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(300))
    read_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id"), unique=True)


class ReminderSettingRecord(Base):
    """The office's reminder settings as JSON by key: policies, calendar, templates."""

    __tablename__ = "reminder_settings"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utc)


class OccurrenceRecord(Base):
    """One period of a recurring task: its due date and its own completion."""

    __tablename__ = "task_occurrences"
    __table_args__ = (UniqueConstraint("task_id", "period_start"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    due: Mapped[dt.date] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    verified_on: Mapped[dt.date | None] = mapped_column(Date)
    update_id: Mapped[int | None] = mapped_column(ForeignKey("progress_updates.id"))


class UnitGroupRecord(Base):
    """A group of units the office saved ("Các sở, ban, ngành thành phố"): a task addressed
    to a group is fanned out to its members, one tracked copy each."""

    __tablename__ = "unit_groups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    members: Mapped[list[UnitGroupMemberRecord]] = relationship(
        cascade="all, delete-orphan", order_by="UnitGroupMemberRecord.unit_id"
    )


class UnitGroupMemberRecord(Base):
    __tablename__ = "unit_group_members"
    group_id: Mapped[int] = mapped_column(ForeignKey("unit_groups.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)


class TaskLinkRecord(Base):
    """A task that repeats or continues an open task of an earlier directive of the same
    issuer ("a task that slipped from Q3 to Q4"): proposed at confirmation by how alike
    their texts are, accepted or rejected by the office."""

    __tablename__ = "task_links"
    __table_args__ = (
        CheckConstraint("state IN ('proposed', 'accepted', 'rejected')", name="state"),
        UniqueConstraint("task_id", "earlier_task_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    earlier_task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(Float)
    state: Mapped[str] = mapped_column(String(20), default="proposed")
    decided_on: Mapped[dt.date | None] = mapped_column(Date)


class SearchDocRecord(Base):
    """One searchable thing (a directive, a task, a progress report, a unit) as the search
    reads it: its display title and text, and its words folded (dondoc.search.text), which
    each engine indexes its own way (dondoc.store.search_index). Kept in step by the
    session's flush, never written by use cases."""

    __tablename__ = "search_docs"
    __table_args__ = (
        UniqueConstraint("kind", "ref_id"),
        CheckConstraint("kind IN ('directive', 'task', 'progress', 'unit')", name="kind"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    ref_id: Mapped[int] = mapped_column(Integer)
    directive_id: Mapped[int | None] = mapped_column(Integer, index=True)
    task_id: Mapped[int | None] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    terms: Mapped[str] = mapped_column(Text)


class SearchTermRecord(Base):
    """Every word the index has held: what a one-letter typo is corrected against."""

    __tablename__ = "search_terms"
    term: Mapped[str] = mapped_column(String(80), primary_key=True)


class AreaRecord(Base):
    """An area (lĩnh vực) of the office's short list: what the dashboards group tasks by."""

    __tablename__ = "areas"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
