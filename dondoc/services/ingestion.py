"""A directive file → a draft directive with its tasks, body mentions resolved to units.

Idempotent: the source file is stored by the sha256 of its bytes, and ingesting the same
bytes again returns the directive already made from them. The decoded text is kept
verbatim with the directive, so the spans of its tasks stay valid whatever the extractor
becomes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from dondoc import __version__, metrics
from dondoc.core.contract import to_json
from dondoc.core.directive import Extraction, Task
from dondoc.extract.markers import find_marker
from dondoc.extract.pipeline import extract
from dondoc.ingest.ocr import OnPages
from dondoc.ingest.reader import read_document
from dondoc.services.context import Store, audit_event, require
from dondoc.services.units import load_directory
from dondoc.store.records import (
    BlobRecord,
    BodyMentionRecord,
    DirectiveRecord,
    TargetRecord,
    TaskRecord,
    UnitRecord,
)
from dondoc.tracking.permissions import Action, Actor
from dondoc.tracking.progress import parse_indicator
from dondoc.tracking.resolution import JURISDICTIONS, Directory, Resolution, resolve


@dataclass(frozen=True)
class Ingested:
    directive_id: int
    created: bool
    tasks: int
    flagged_mentions: int
    reporting_rules: int = 0  # the directive's rules for reporting, made reporting tasks


@dataclass(frozen=True)
class Scope:
    """Where the issuer's bodies live: a unit path, and the place names they may carry."""

    path: str | None = None
    places: tuple[str, ...] = ()


def issuer_scope(
    session: Session, directory: Directory, issuer: str | None, on: dt.date | None
) -> tuple[int | None, Scope]:
    """The issuer's unit (when certain) and the scope of its directive: the territory whose
    authority it belongs to (its nearest ancestor that is a nation, province, district or
    commune), with that territory's names as the place words bodies may carry."""
    if not issuer:
        return None, Scope()
    found = resolve(issuer, directory, on=on)
    if found.unit_id is None or found.flagged:
        return None, Scope()
    unit = session.get(UnitRecord, found.unit_id)
    while unit is not None and unit.kind not in JURISDICTIONS and unit.parent_id is not None:
        unit = session.get(UnitRecord, unit.parent_id)
    if unit is None:
        return found.unit_id, Scope()
    places = (unit.name, *(a.alias for a in unit.aliases))
    return found.unit_id, Scope(unit.path, places)


def resolve_mention(phrase: str, directory: Directory, scope: Scope, on: dt.date | None) -> Resolution:
    return resolve(phrase, directory, on=on, scope=scope.path, places=scope.places)


def _known(store: Store, sha: str) -> Ingested | None:
    with store.reading() as s:
        known = s.scalar(select(DirectiveRecord).where(DirectiveRecord.source_sha256 == sha))
        return Ingested(known.id, False, len(known.tasks), 0) if known is not None else None


def ingest_file(store: Store, actor: Actor, path: Path, on_pages: OnPages | None = None) -> Ingested:
    require(actor, Action.INGEST, what="directives")
    # refuses bad input before anything is stored
    started = time.monotonic()
    document = read_document(path, store.settings, on_pages)
    metrics.READ_SECONDS.labels(document.format).observe(time.monotonic() - started)
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    known = _known(store, sha)
    if known is not None:
        return known  # the same bytes again: nothing to read, store or audit
    started = time.monotonic()
    extraction = extract(document.source)
    metrics.EXTRACT_SECONDS.observe(time.monotonic() - started)
    store.files.put(data)
    with store.transaction() as s:
        if s.get(BlobRecord, sha) is None:
            s.add(BlobRecord(sha256=sha, size=len(data)))
        meta = extraction.meta
        key = text_key(document.source.text)
        directory = load_directory(s)
        issuer_id, scope = issuer_scope(s, directory, meta.issuer, meta.date)
        directive = DirectiveRecord(
            source_sha256=sha,
            file_name=path.name,
            source_kind=document.format,
            source_text=document.source.text,
            encoding=document.source.encoding,
            extraction=to_json(extraction, document.layout),
            extractor_version=__version__,
            doc_type=meta.type,
            number=meta.number,
            issuer=meta.issuer,
            issued_on=meta.date,
            title=meta.title,
            signer=meta.signer,
            signer_title=meta.signer_title,
            issuer_unit_id=issuer_id,
            state="draft",
            text_key=key,
            duplicate_of=_earlier(s, key, meta.number, meta.issuer),
        )
        s.add(directive)
        s.flush()
        flagged = _add_tasks(s, directive, extraction, directory, scope)
        audit_event(
            s,
            actor,
            "directive.ingest",
            "directive",
            directive.id,
            after={
                "file": path.name,
                "sha256": sha,
                "tasks": len(extraction.tasks),
                "reporting_rules": len(extraction.reporting),
                "number": meta.number,
            },
        )
        return Ingested(directive.id, True, len(extraction.tasks), flagged, len(extraction.reporting))


# the markers that number an item; bullets ("-", "+", "•") number nothing
_NUMBERING = {"part", "article", "roman_num", "num3", "num2", "roman", "num_dot", "num_dash", "num_paren"}
_LETTERING = {"letter", "paren"}


def number_label(source: str, start: int, section: str | None) -> str | None:
    """The task's number as the document writes it, from the marker where its span
    starts: "1.2", "a)", and under a numbered section its number first ("II.3"); None for
    a bullet or no marker (the task's order then stands in)."""
    head = source[start : start + 40].lstrip(" *_#\t")
    marker = find_marker(head)
    if marker is None or (marker.style not in _NUMBERING and marker.style not in _LETTERING):
        return None
    own = marker.text.rstrip(".-:) ").strip() if marker.style in _NUMBERING else marker.text
    if marker.style in _LETTERING or marker.style in ("part", "article"):
        return own[:30]
    above = find_marker(section.lstrip(" *_#")) if section else None
    prefix = above.text.rstrip(".-:) ").strip() if above is not None and above.style == "roman" else ""
    return f"{prefix}.{own}"[:30] if prefix and not own.startswith(prefix) else own[:30]


def text_key(text: str) -> str:
    """The text's identity whatever its spacing, case and Unicode form: a directive
    uploaded again with one more line break has the same key."""
    flat = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return hashlib.sha256(flat.encode("utf-8")).hexdigest()


def _earlier(s: Session, key: str, number: str | None, issuer: str | None) -> int | None:
    """The first directive stored with the same text, or the same number and issuer (a
    directive re-typed, scanned again, or sent as PDF after its DOCX)."""
    same = DirectiveRecord.text_key == key
    if number and issuer:
        same = or_(same, and_(DirectiveRecord.number == number, DirectiveRecord.issuer == issuer))
    return s.scalar(select(DirectiveRecord.id).where(same).order_by(DirectiveRecord.id).limit(1))


def _authority(extraction: Extraction) -> str | None:
    meta = extraction.meta
    parts = [p for p in (meta.issuer, meta.signer_title, meta.signer) if p]
    return " – ".join(parts) or None


def _add_tasks(
    s: Session, directive: DirectiveRecord, extraction: Extraction, directory: Directory, scope: Scope
) -> int:
    flagged = 0
    authority = _authority(extraction)
    on = extraction.meta.date
    records: dict[str, TaskRecord] = {}
    for position, task in enumerate(extraction.tasks, start=1):
        record = _task_record(task, position, authority)
        record.directive_id = directive.id
        record.label = number_label(directive.source_text, task.span.start, task.section)
        for role, phrases in (("lead", task.lead), ("support", task.support)):
            for phrase in phrases:
                flagged += _mention(record, role, phrase, directory, scope, on)
        s.add(record)
        records[task.id] = record
    return flagged + _add_reporting(s, directive, extraction, records, directory, scope, authority)


def _mention(
    record: TaskRecord, role: str, phrase: str, directory: Directory, scope: Scope, on: dt.date | None
) -> int:
    """The phrase's mention on the task, resolved; 1 when it is flagged for the office."""
    found = resolve_mention(phrase, directory, scope, on)
    record.mentions.append(
        BodyMentionRecord(
            role=role,
            phrase=phrase,
            unit_id=found.unit_id,
            method=found.method.value,
            candidates=",".join(str(c) for c in found.candidates),
        )
    )
    return int(found.flagged)


def _add_reporting(
    s: Session,
    directive: DirectiveRecord,
    extraction: Extraction,
    records: dict[str, TaskRecord],
    directory: Directory,
    scope: Scope,
    authority: str | None,
) -> int:
    """The directive's reporting rules as reporting tasks. A rule that is a task's whole
    text makes that task the reporting task (its rhythm and cut-off from the rule); a rule
    inside a longer task, or outside every task, becomes a task of its own after the
    directive's tasks, led by the bodies that report (a group: the office maps it)."""
    flagged = 0
    position = len(extraction.tasks)
    for rule in extraction.reporting:
        held = records.get(rule.within) if rule.within else None
        if rule.whole and held is not None:
            held.kind = "report"
            if held.original_deadline is None and rule.deadline.recurrence:
                held.deadline_text, held.recurrence = rule.deadline.text, rule.deadline.recurrence
            held.product = held.product or _report_product(rule.report_to)
            continue
        position += 1
        record = TaskRecord(
            directive_id=directive.id,
            position=position,
            extracted_id=rule.id,
            kind="report",
            section=rule.section,
            text=rule.text,
            span_start=rule.span.start,
            span_end=rule.span.end,
            product=_report_product(rule.report_to),
            deadline_text=rule.deadline.text,
            original_deadline=rule.deadline.date,
            current_deadline=rule.deadline.date,
            recurrence=rule.deadline.recurrence,
            authority=authority,
            status_key="not_started",
        )
        for phrase in rule.reporters:
            flagged += _mention(record, "lead", phrase, directory, scope, extraction.meta.date)
        s.add(record)
    return flagged


def _report_product(report_to: tuple[str, ...]) -> str | None:
    # "Báo cáo gửi Ủy ban nhân dân tỉnh (qua Sở Tư pháp)": the product a reporting task yields
    return f"Báo cáo gửi {', '.join(report_to)}" if report_to else None


def _task_record(task: Task, position: int, authority: str | None) -> TaskRecord:
    record = TaskRecord(
        position=position,
        extracted_id=task.id,
        section=task.section,
        text=task.text,
        span_start=task.span.start,
        span_end=task.span.end,
        product=task.product,
        deadline_text=task.deadline.text,
        original_deadline=task.deadline.date,
        current_deadline=task.deadline.date,
        recurrence=task.deadline.recurrence,
        authority=authority,
        status_key="not_started",
    )
    record.targets.extend(target_record(target) for target in task.targets)
    return record


def target_record(text: str) -> TargetRecord:
    """A target phrase with its number and measure when it states one ("đạt 100%")."""
    indicator = parse_indicator(text)
    return TargetRecord(
        text=text,
        target_value=indicator.target if indicator else None,
        measure=indicator.unit if indicator else None,
    )
