"""JSON shapes of the API (`…Read`, `…List` as {items, count}, `…Create`)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from dondoc.web.deps import has_control


class Body(BaseModel):
    """A request body: no text in it may hold control characters (a NUL would fail in
    PostgreSQL as a server error; refused here, it is a 422 like any invalid field)."""

    @model_validator(mode="before")
    @classmethod
    def _no_control_characters(cls, data: object) -> object:
        def check(value: object) -> None:
            if isinstance(value, str) and has_control(value):
                raise ValueError("text with control characters")
            if isinstance(value, dict):
                for v in value.values():
                    check(v)
            elif isinstance(value, list):
                for v in value:
                    check(v)

        check(data)
        return data


class Problem(BaseModel):
    """RFC 9457 problem details; `code` is dondoc's error code (docs/errors.md)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    code: str | None = None


class FromView(BaseModel):
    """A shape read from a service's view object, field by field of the same names."""

    model_config = ConfigDict(from_attributes=True)


class UnitRead(FromView):
    code: str
    name: str


class TaskRead(FromView):
    id: int
    directive_id: int
    kind: str  # "task", or "report": the directive's rule for reporting on its execution
    section: str | None
    text: str
    span: tuple[int, int] | None
    product: str | None
    deadline_text: str | None
    original_deadline: dt.date | None
    current_deadline: dt.date | None
    recurrence: str | None
    is_key: bool
    status: str
    progress: float | None
    done_on: dt.date | None
    verified_on: dt.date | None
    version: int
    lead: UnitRead | None
    support: list[UnitRead]
    targets: list[str]
    bucket: str | None


class TaskList(BaseModel):
    items: list[TaskRead]
    count: int  # with q: the results up to this page, and one more while `more`
    more: bool = False  # with q: another page follows


class SearchHitRead(BaseModel):
    kind: Literal["directive", "task", "progress", "unit"]
    id: int
    title: str
    snippet: str
    marks: list[tuple[int, int]]  # offsets in `snippet` of the matched words
    directive_id: int | None
    task_id: int | None


class SearchResults(BaseModel):
    query: str
    items: list[SearchHitRead]
    more: bool
    corrections: list[str]  # words read as others one letter away ("ngna → ngan")


class DirectiveRead(BaseModel):
    id: int
    number: str | None
    type: str | None
    issuer: str | None
    issued_on: dt.date | None
    title: str | None
    state: str
    file_name: str
    tasks: int


class DirectiveList(BaseModel):
    items: list[DirectiveRead]
    count: int


class DirectiveDetail(DirectiveRead):
    """A directive's metadata; its tasks are /api/v1/tasks?directive=ID, a page at a time."""

    signer: str | None
    signer_title: str | None
    confirmed_on: dt.date | None
    version: int


class JobRead(BaseModel):
    """The reading of an uploaded file; `directive_id` once it is done."""

    id: int
    file_name: str
    state: Literal["queued", "reading", "done", "failed", "interrupted"]
    pages_done: int
    pages_total: int | None
    directive_id: int | None
    error: Problem | None


class AutoAssignedRead(BaseModel):
    assigned: int
    left_for_review: list[int]


class TaskEdit(Body):
    """The review's corrections of a task; a field left out keeps its value."""

    text: str | None = Field(default=None, min_length=1, max_length=20_000)
    product: str | None = Field(default=None, max_length=2_000)
    deadline_text: str | None = Field(default=None, max_length=500)
    original_deadline: dt.date | None = None
    is_key: bool | None = None
    targets: list[str] | None = Field(default=None, max_length=50)
    version: int | None = None


class AssignmentWrite(Body):
    lead: str = Field(min_length=1, max_length=64)
    support: list[str] = Field(default_factory=list, max_length=200)


class EvidenceCreate(Body):
    name: str = Field(min_length=1, max_length=200)
    content_base64: str = Field(max_length=14_000_000)


class ProgressCreate(Body):
    status: str = Field(default="in_progress", max_length=40)
    percent: float | None = Field(default=None, ge=0, le=100)
    indicator_value: float | None = None
    narrative: str = Field(default="", max_length=20_000)
    difficulties: str = Field(default="", max_length=20_000)
    proposals: str = Field(default="", max_length=20_000)
    result_document: str | None = Field(default=None, max_length=200)
    done_on: dt.date | None = None
    version: int | None = None
    evidence: list[EvidenceCreate] = Field(default_factory=list, max_length=10)


class EvidenceRead(BaseModel):
    name: str
    sha256: str


class UpdateRead(BaseModel):
    id: int
    task_id: int
    unit: str
    reporter: str | None
    reported_on: dt.date
    status: str
    percent: float | None
    narrative: str
    difficulties: str
    proposals: str
    result_document: str | None
    done_on: dt.date | None
    review: str
    review_note: str | None
    evidence: list[EvidenceRead]


class UpdateList(BaseModel):
    items: list[UpdateRead]
    count: int


class UpdateDecision(Body):
    """The office's verdict on a report: verified, or returned with a reason."""

    decision: Literal["verify", "return"]
    reason: str = Field(default="", max_length=2_000)


class ExtensionCreate(Body):
    proposed_deadline: dt.date
    reason: str = Field(min_length=1, max_length=2_000)


class ExtensionRead(FromView):
    id: int
    task_id: int
    unit: str
    requested_on: dt.date
    reason: str
    previous_deadline: dt.date | None
    proposed_deadline: dt.date
    period_start: dt.date | None  # one period of a recurring task; null: the task itself
    state: str
    decided_on: dt.date | None
    decision_note: str | None


class ExtensionList(BaseModel):
    items: list[ExtensionRead]
    count: int


class ExtensionDecision(Body):
    approve: bool
    note: str | None = Field(default=None, max_length=2_000)


class DeskRead(BaseModel):
    pending_updates: list[UpdateRead]
    pending_extensions: list[ExtensionRead]
    quiet_tasks: list[TaskRead]
    quiet_days: int


class DirectoryUnitRead(FromView):
    code: str
    name: str
    kind: str
    parent_code: str | None
    aliases: list[str]
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor_code: str | None


class DirectoryUnitList(BaseModel):
    items: list[DirectoryUnitRead]
    count: int


class ImportResult(BaseModel):
    added: int
    updated: int


class RowErrorRead(BaseModel):
    row: int
    column: str
    kind: str
    reason: str


class TaskImportResult(BaseModel):
    """A task list checked (dry_run) or imported; with errors nothing was written."""

    columns: dict[str, str]
    rows: int
    new: int
    changed: int
    unchanged: int
    written: bool
    errors: list[RowErrorRead]


class Created(BaseModel):
    id: int


class UnitBucketsRead(BaseModel):
    code: str
    name: str
    counts: dict[str, int]


class AreaBucketsRead(BaseModel):
    area: str
    counts: dict[str, int]


class DashboardRead(BaseModel):
    as_of: dt.date
    units: list[UnitBucketsRead]
    totals: dict[str, int]
    areas: list[AreaBucketsRead]  # the same tasks by the section they come from


class TokenRead(BaseModel):
    id: int
    user: str
    name: str
    state: Literal["active", "expired", "revoked"]
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenList(BaseModel):
    items: list[TokenRead]
    count: int


class NotificationRead(BaseModel):
    id: int
    created_at: dt.datetime
    title: str
    body: str
    link: str
    read: bool


class NotificationList(BaseModel):
    items: list[NotificationRead]
    unread: int


class UnitFollowUpRead(BaseModel):
    code: str
    name: str
    reminders: int
    tasks: int
    answered: int
    silent: int
    escalated: int
    never_answers: bool
    last_reminded: dt.date


class FollowUpList(BaseModel):
    items: list[UnitFollowUpRead]


class CycleWrite(Body):
    every: Literal["monthly", "quarterly", "semiannual", "yearly"] | None
    day: int | None = Field(default=None, ge=1, le=31)
    month: int | None = Field(default=None, ge=1, le=12)
    until: dt.date | None = Field(default=None, ge=dt.date(1900, 1, 1), le=dt.date(2199, 12, 31))


class OccurrenceRead(BaseModel):
    period_start: dt.date
    period_end: dt.date
    due: dt.date
    done_on: dt.date | None
    verified_on: dt.date | None


class OccurrenceList(BaseModel):
    items: list[OccurrenceRead]


class GroupRead(BaseModel):
    id: int
    name: str
    units: list[str]  # the members' codes


class GroupList(BaseModel):
    items: list[GroupRead]


class GroupWrite(Body):
    name: str = Field(min_length=1, max_length=200)
    units: list[str] = Field(min_length=1, max_length=2000)  # codes (or names)


class FanOutWrite(Body):
    group: str = Field(min_length=1, max_length=200)  # id or name
    tasks: list[int] | None = Field(default=None, max_length=5000)  # None: every task without a lead


class FanOutRead(BaseModel):
    copies: dict[int, list[int]]  # the copies made, by task


class MentionMapWrite(Body):
    unit: str | None = Field(default=None, max_length=200)  # code or name; null: not one unit
    everywhere: bool = True  # the same phrase in the directive's other tasks too


class MentionMapRead(BaseModel):
    mapped: int
