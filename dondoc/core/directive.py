"""What an extraction finds in a directive: its metadata, its tasks, its citations.

Frozen dataclasses; dates are `datetime.date`, rendered as ISO 8601 by `core.contract`.
Every task and reference carries a `Span` into the source text it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dondoc.core.span import Span


@dataclass(frozen=True)
class DirectiveMeta:
    type: str | None = None
    number: str | None = None
    issuer: str | None = None
    date: dt.date | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    recipients: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()
    encoding: str = "utf-8"
    ocr_confidence: float | None = None  # mean OCR word confidence (0–100) when pages were scanned
    ingest_notes: tuple[str, ...] = ()  # what reading the file met ("page 3: read by OCR")
    default_deadline: dt.date | None = None
    default_deadline_text: str | None = None
    # the verdict on the text as a whole: a directive that assigns tasks, or not (an article)
    is_directive: bool = True
    directive_reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Deadline:
    """A task's time bound: the phrase, the last day it allows, and a recurrence if any."""

    text: str | None = None
    date: dt.date | None = None
    recurrence: str | None = None
    alternatives: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
class Task:
    id: str
    section: str | None
    text: str
    span: Span
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    deadline: Deadline = field(default_factory=Deadline)
    targets: tuple[str, ...] = ()
    product: str | None = None
    notes: tuple[str, ...] = ()
    review: tuple[str, ...] = ()  # fields a clerk should check, and why ("lead: inherited …")


@dataclass(frozen=True)
class LegalRef:
    text: str
    kind: str | None
    number: str
    date: dt.date | None
    span: Span


@dataclass(frozen=True)
class ReportingRule:
    """The document's rule for reporting on its own execution ("các sở, ngành định kỳ hằng
    năm (trước ngày 10/12) báo cáo UBND tỉnh kết quả thực hiện Kế hoạch này"): tracked as
    a reporting task of its own. `within` is the id of the task whose text holds the rule
    (None: a paragraph outside every task); `whole` when the rule is that task's whole text,
    which is then the reporting task itself."""

    id: str
    section: str | None
    text: str
    span: Span
    reporters: tuple[str, ...]  # who reports: the bodies of the directive's work
    report_to: tuple[str, ...]  # to whom
    deadline: Deadline
    within: str | None = None
    whole: bool = False


@dataclass(frozen=True)
class Extraction:
    meta: DirectiveMeta
    tasks: tuple[Task, ...]
    legal_refs: tuple[LegalRef, ...]
    reporting: tuple[ReportingRule, ...] = ()
