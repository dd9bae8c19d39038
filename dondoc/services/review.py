"""The office's review of a draft: edit tasks, map body phrases to units, confirm."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import fetch
from dondoc.services.carryover import propose_links
from dondoc.services.context import Store, audit_event, require
from dondoc.services.cycles import apply_extracted_cycles
from dondoc.services.ingestion import issuer_scope, resolve_mention, target_record
from dondoc.services.units import load_directory, unit_by_code
from dondoc.store.records import BodyMentionRecord, ExtensionRequestRecord, ReadingJobRecord, TaskRecord
from dondoc.tracking.permissions import Action, Actor
from dondoc.tracking.resolution import FLAGGED, Method
from dondoc.tracking.timeliness import check_plausible

# fields of a task the office may correct, and their types
EDITABLE = {
    "text": str,
    "section": str,
    "product": str,
    "deadline_text": str,
    "original_deadline": dt.date,
    "recurrence": str,
    "is_key": bool,
    "weight": float,
}


def _check_fields(changes: dict[str, object], allowed: dict[str, type]) -> None:
    """Only the editable fields, each None or of its type."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"not editable: {', '.join(sorted(unknown))}")
    for key, value in changes.items():
        if value is not None and not isinstance(value, allowed[key]):
            raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"{key}: wrong type")


def _copy(m: BodyMentionRecord) -> BodyMentionRecord:
    return BodyMentionRecord(
        role=m.role, phrase=m.phrase, unit_id=m.unit_id, method=m.method, candidates=m.candidates
    )


def resolve_bodies(store: Store, actor: Actor, directive_id: int) -> int:
    """Resolve again every mention not mapped by hand (after the directory changed);
    returns how many stay flagged."""
    require(actor, Action.REVIEW, what="directives")
    with store.transaction() as s:
        directive = fetch.directive(s, directive_id)
        directory = load_directory(s)
        issuer_id, scope = issuer_scope(s, directory, directive.issuer, directive.issued_on)
        directive.issuer_unit_id = issuer_id
        flagged = 0
        changed: list[dict[str, object]] = []
        for task in directive.tasks:
            for m in task.mentions:
                if m.method == "manual":
                    continue
                found = resolve_mention(m.phrase, directory, scope, directive.issued_on)
                if (found.unit_id, found.method.value) != (m.unit_id, m.method):
                    changed.append({"mention": m.id, "unit": found.unit_id, "method": found.method.value})
                m.unit_id, m.method = found.unit_id, found.method.value
                m.candidates = ",".join(str(c) for c in found.candidates)
                flagged += found.method in FLAGGED
        audit_event(
            s, actor, "directive.resolve_bodies", "directive", directive_id, after={"changed": changed}
        )
        return flagged


def map_mention(store: Store, actor: Actor, mention_id: int, unit_code: str | None) -> None:
    """The office says which unit a body phrase names (None: no unit, e.g. a group)."""
    require(actor, Action.REVIEW, what="directives")
    with store.transaction() as s:
        mention = s.get(BodyMentionRecord, mention_id)
        if mention is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="body mention", key=mention_id)
        before = {"unit": mention.unit_id, "method": mention.method}
        mention.unit_id = unit_by_code(s, unit_code).id if unit_code else None
        mention.method = "manual"
        audit_event(
            s,
            actor,
            "mention.map",
            "body_mention",
            mention_id,
            before=before,
            after={"unit": mention.unit_id},
        )


def same_phrase(a: str, b: str) -> bool:
    """Two body phrases the office maps alike: the same words, whatever their case, spacing
    and Unicode form ("các cấp ủy đảng, chính quyền" and "Các cấp ủy Đảng,  chính quyền")."""
    return phrase_key(a) == phrase_key(b)


def phrase_key(phrase: str) -> str:
    """A body phrase as the office maps it: case, spacing and Unicode form aside."""
    return " ".join(unicodedata.normalize("NFC", phrase).casefold().split())


def map_phrase(store: Store, actor: Actor, mention_id: int, unit_code: str | None) -> int:
    """The office maps a phrase once for the whole directive: the mention and every other
    one of the same directive carrying the same phrase, not yet mapped by hand (a choice
    made by hand is never overwritten). Returns how many were mapped."""
    require(actor, Action.REVIEW, what="directives")
    with store.transaction() as s:
        mention = s.get(BodyMentionRecord, mention_id)
        if mention is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="body mention", key=mention_id)
        task = fetch.task(s, mention.task_id)
        unit_id = unit_by_code(s, unit_code).id if unit_code else None
        key = phrase_key(mention.phrase)
        same = [
            m
            for t in fetch.directive(s, task.directive_id).tasks
            for m in t.mentions
            if m.id == mention_id or (m.method != "manual" and phrase_key(m.phrase) == key)
        ]
        for m in same:
            before = {"unit": m.unit_id, "method": m.method}
            m.unit_id, m.method = unit_id, "manual"
            audit_event(
                s,
                actor,
                "mention.map",
                "body_mention",
                m.id,
                before=before,
                after={"unit": unit_id, "with": mention_id},
            )
        return len(same)


def edit_task(
    store: Store,
    actor: Actor,
    task_id: int,
    changes: dict[str, object],
    *,
    expected_version: int | None = None,
) -> int:
    """Correct fields of a task; returns its new version. `targets` (a tuple of phrases)
    replaces the task's targets, each read again for its number and measure; a target
    kept as it was keeps the value reported against it."""
    require(actor, Action.REVIEW, what="tasks")
    changes = dict(changes)
    targets = changes.pop("targets", None)
    if targets is not None and not (isinstance(targets, tuple) and all(isinstance(x, str) for x in targets)):
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="targets: wrong type")
    _check_fields(changes, EDITABLE)
    if "text" in changes and not str(changes["text"] or "").strip():
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="a task needs its text")
    deadline = changes.get("original_deadline")
    if isinstance(deadline, dt.date):
        check_plausible(deadline)
    with store.transaction() as s:
        task = fetch.task(s, task_id)
        fetch.check_version(task, expected_version, kind="task")
        before: dict[str, object] = {k: getattr(task, k) for k in changes}
        after: dict[str, object] = dict(changes)
        if targets is not None:
            before["targets"] = [t.text for t in task.targets]
            after["targets"] = list(targets)
            _replace_targets(task, targets)
        for key, value in changes.items():
            setattr(task, key, value)
            if key == "original_deadline" and not _extended(s, task_id):
                # without an approved extension the deadline in force is the original one
                # (store.queries.timeliness relies on current = original in that case)
                task.current_deadline = task.original_deadline
        audit_event(s, actor, "task.edit", "task", task_id, before=before, after=after)
        s.flush()
        return task.version


def _replace_targets(task: TaskRecord, texts: tuple[str, ...]) -> None:
    kept = {t.text: t for t in task.targets}
    task.targets = [
        kept.get(text) or target_record(text) for text in dict.fromkeys(x.strip() for x in texts) if text
    ]


def _extended(s: Session, task_id: int) -> bool:
    approved = select(ExtensionRequestRecord.id).where(
        ExtensionRequestRecord.task_id == task_id, ExtensionRequestRecord.state == "approved"
    )
    return s.scalar(approved.limit(1)) is not None


def confirm(store: Store, actor: Actor, directive_id: int, *, today: dt.date) -> None:
    """Draft → confirmed: from today the tasks are in force and can be assigned."""
    require(actor, Action.REVIEW, what="directives")
    with store.transaction() as s:
        directive = fetch.directive(s, directive_id)
        if directive.state != "draft":
            raise DondocError(
                ErrorCode.RULE_VIOLATED, detail=f"directive {directive_id} is already confirmed"
            )
        directive.state = "confirmed"
        directive.confirmed_on = today
        directive.confirmed_by = actor.user_id or None
        # the tasks that recur by calendar periods get their cycle and occurrences
        apply_extracted_cycles(s, directive, today)
        # the tasks that repeat open tasks of the issuer's earlier directives: proposed links
        propose_links(s, directive)
        audit_event(
            s,
            actor,
            "directive.confirm",
            "directive",
            directive_id,
            before={"state": "draft"},
            after={"state": "confirmed", "on": today},
        )


def unresolved(store: Store, directive_id: int) -> list[tuple[int, str, str, str]]:
    """The mentions the office still has to look at: (mention id, role, phrase, method)."""
    with store.reading() as s:
        directive = fetch.directive(s, directive_id)
        return [
            (m.id, m.role, m.phrase, m.method)
            for t in directive.tasks
            for m in t.mentions
            if m.method != "manual" and Method(m.method) in FLAGGED
        ]


def _draft_task(s: Session, task_id: int) -> TaskRecord:
    task = fetch.task(s, task_id)
    if fetch.directive(s, task.directive_id).state != "draft":
        raise DondocError(
            ErrorCode.RULE_VIOLATED, detail="tasks are split or merged while the directive is a draft"
        )
    return task


def split_task(store: Store, actor: Actor, task_id: int, *, before: str) -> int:
    """Cut a task's text in two where the words `before` begin: the second part becomes a
    new task right after it (same section and deadline); returns its id. The source span
    is cut where the words stand in the source; where they cannot be found there (the
    text was edited), both parts keep the whole span."""
    require(actor, Action.REVIEW, what="tasks")
    with store.transaction() as s:
        task = _draft_task(s, task_id)
        at = task.text.find(before.strip()) if before.strip() else -1
        if at <= 0:
            raise DondocError(
                ErrorCode.RULE_VIOLATED, detail="the words to split before are not inside the task's text"
            )
        first, second = task.text[:at].strip(), task.text[at:].strip()
        if not first or not second:
            raise DondocError(ErrorCode.RULE_VIOLATED, detail="both parts of a split need text")
        span_start, span_end, cut = task.span_start, task.span_end, None
        if span_start is not None and span_end is not None:
            found = task.directive.source_text.find(before.strip(), span_start + 1, span_end)
            cut = found if found > span_start else None
        later = select(TaskRecord).where(
            TaskRecord.directive_id == task.directive_id, TaskRecord.position > task.position
        )
        for other in s.scalars(later):
            other.position += 1
        new = TaskRecord(
            directive_id=task.directive_id,
            position=task.position + 1,
            extracted_id=None,
            section=task.section,
            text=second,
            span_start=cut if cut is not None else span_start,
            span_end=span_end,
            product=task.product,
            deadline_text=task.deadline_text,
            original_deadline=task.original_deadline,
            current_deadline=task.current_deadline,
            recurrence=task.recurrence,
            authority=task.authority,
            status_key="not_started",
        )
        for m in task.mentions:
            new.mentions.append(_copy(m))
        task.text = first
        if cut is not None:
            task.span_end = cut
        s.add(new)
        s.flush()
        audit_event(
            s, actor, "task.split_text", "task", task_id, after={"new_task": new.id, "before": before}
        )
        return new.id


def merge_with_next(store: Store, actor: Actor, task_id: int) -> None:
    """Join a task with the one after it (one item the extractor cut in two)."""
    require(actor, Action.REVIEW, what="tasks")
    with store.transaction() as s:
        task = _draft_task(s, task_id)
        nxt = s.scalar(
            select(TaskRecord)
            .where(TaskRecord.directive_id == task.directive_id, TaskRecord.position > task.position)
            .order_by(TaskRecord.position)
            .limit(1)
        )
        if nxt is None:
            raise DondocError(
                ErrorCode.RULE_VIOLATED, detail="the last task has nothing after it to merge with"
            )
        task.text = f"{task.text} {nxt.text}".strip()
        starts = [v for v in (task.span_start, nxt.span_start) if v is not None]
        ends = [v for v in (task.span_end, nxt.span_end) if v is not None]
        task.span_start, task.span_end = (min(starts) if starts else None), (max(ends) if ends else None)
        known = {(m.role, m.phrase) for m in task.mentions}
        for m in nxt.mentions:
            if (m.role, m.phrase) not in known:
                task.mentions.append(_copy(m))
        merged = nxt.id
        s.delete(nxt)
        audit_event(s, actor, "task.merge", "task", task_id, after={"merged": merged})


META_FIELDS = {
    "doc_type": str,
    "number": str,
    "issuer": str,
    "issued_on": dt.date,
    "title": str,
    "signer": str,
    "signer_title": str,
}


def edit_metadata(store: Store, actor: Actor, directive_id: int, changes: dict[str, object]) -> None:
    require(actor, Action.REVIEW, what="directives")
    _check_fields(changes, META_FIELDS)
    with store.transaction() as s:
        directive = fetch.directive(s, directive_id)
        before = {k: getattr(directive, k) for k in changes}
        for key, value in changes.items():
            setattr(directive, key, value)
        audit_event(s, actor, "directive.edit", "directive", directive_id, before=before, after=changes)


def delete_task(store: Store, actor: Actor, task_id: int) -> None:
    """A bogus task of a draft taken out (a heading read as a task, a closing line); what
    it said stays in the audit log."""
    require(actor, Action.REVIEW, what="directives")
    with store.transaction() as s:
        task = _draft_task(s, task_id)
        before = {"text": task.text, "extracted_id": task.extracted_id, "section": task.section}
        directive_id = task.directive_id
        s.delete(task)
        s.flush()
        audit_event(
            s, actor, "task.delete", "task", task_id, before=before, after={"directive": directive_id}
        )


def add_task(
    store: Store,
    actor: Actor,
    directive_id: int,
    *,
    text: str,
    after_task_id: int | None,
    near: int | None = None,
) -> int:
    """A task the extraction missed, added by hand to a draft, after the given task (or
    first). Its span is where its words stand in the source, when they do, so the review
    still shows it there; otherwise it has none. Chosen in the source (`near`: where the
    selection starts, as the page counts), the span is the occurrence nearest to it, and
    the task goes after the last task that starts before it."""
    require(actor, Action.REVIEW, what="directives")
    text = " ".join(text.split())
    if not text:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="a task needs its text")
    with store.transaction() as s:
        directive = fetch.directive(s, directive_id)
        if directive.state != "draft":
            raise DondocError(
                ErrorCode.RULE_VIOLATED, detail="tasks are added while the directive is a draft"
            )
        tasks = sorted(directive.tasks, key=lambda t: t.position)
        span = _span_in(directive.source_text, text, near=near)
        if near is not None:
            if span is None:
                raise DondocError(ErrorCode.RULE_VIOLATED, detail="the selection is not in the source")
            before = [i for i, t in enumerate(tasks) if t.span_start is not None and t.span_start < span[0]]
            after_task_id = tasks[before[-1]].id if before else None
        at = next((i for i, t in enumerate(tasks) if t.id == after_task_id), -1) if after_task_id else -1
        if after_task_id and at < 0:
            raise DondocError(ErrorCode.NOT_FOUND, kind="task", key=after_task_id)
        for t in tasks[at + 1 :]:
            t.position += 1  # room for the new one right after its predecessor
        position = tasks[at].position + 1 if at >= 0 else 1
        record = TaskRecord(
            directive_id=directive_id,
            position=position,
            extracted_id=None,
            section=tasks[at].section if at >= 0 else None,
            text=text,
            span_start=span[0] if span else None,
            span_end=span[1] if span else None,
            status_key="not_started",
        )
        s.add(record)
        s.flush()
        audit_event(s, actor, "task.add", "task", record.id, after={"text": text, "directive": directive_id})
        return record.id


def _span_in(source: str, text: str, *, near: int | None = None) -> tuple[int, int] | None:
    """Where the words of `text` stand in the source, whatever the spacing and line breaks
    between them (the text as typed is single-spaced; the source is as the file had it):
    the first occurrence, or the one starting nearest to `near` (a page counts a Windows
    line break as one character: near, not equal)."""
    words = text.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    if near is None:
        m = pattern.search(source)
        return (m.start(), m.end()) if m else None
    found = [(abs(m.start() - near), m.start(), m.end()) for m in pattern.finditer(source)]
    return min(found)[1:] if found else None


def discard_draft(store: Store, actor: Actor, directive_id: int) -> str:
    """A wrong upload thrown away, at the office's request: the draft and its tasks. A
    confirmed directive is never discarded (its tasks may have reports). The file stays
    in the store (a later upload of the same bytes reads it again); the audit log keeps
    what was discarded. Returns the file name."""
    require(actor, Action.REVIEW, what="directives")
    with store.transaction() as s:
        directive = fetch.directive(s, directive_id)
        if directive.state != "draft":
            raise DondocError(ErrorCode.RULE_VIOLATED, detail="only a draft is discarded")
        name = directive.file_name
        before = {
            "file": name,
            "sha256": directive.source_sha256,
            "number": directive.number,
            "tasks": len(directive.tasks),
        }
        s.execute(
            update(ReadingJobRecord)
            .where(ReadingJobRecord.directive_id == directive_id)
            .values(directive_id=None)
        )
        # children before parents: the tasks refer to each other
        for task in sorted(directive.tasks, key=lambda t: t.parent_id is None):
            s.delete(task)
        s.flush()
        s.delete(directive)
        s.flush()
        audit_event(s, actor, "directive.discard", "directive", directive_id, before=before)
        return name
