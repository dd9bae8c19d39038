"""JSON shapes of the API (`…Read`, `…List` as {items, count}, `…Create`)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class UnitRead(BaseModel):
    code: str
    name: str


class TaskRead(BaseModel):
    id: int
    directive_id: int
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
    count: int


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


class ProgressCreate(BaseModel):
    status: str = Field(default="in_progress", max_length=40)
    percent: float | None = Field(default=None, ge=0, le=100)
    indicator_value: float | None = None
    narrative: str = Field(default="", max_length=20_000)
    difficulties: str = Field(default="", max_length=20_000)
    proposals: str = Field(default="", max_length=20_000)
    result_document: str | None = Field(default=None, max_length=200)
    done_on: dt.date | None = None
    version: int | None = None


class Created(BaseModel):
    id: int


class UnitBucketsRead(BaseModel):
    code: str
    name: str
    counts: dict[str, int]


class DashboardRead(BaseModel):
    as_of: dt.date
    units: list[UnitBucketsRead]
    totals: dict[str, int]


class Problem(BaseModel):
    """RFC 9457 problem details; `code` is dondoc's error code (docs/errors.md)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    code: str | None = None
