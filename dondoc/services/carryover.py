"""Carry-over: the tasks of a new directive that repeat or continue open tasks of an
earlier directive of the same issuer, proposed as links when the new one is confirmed,
so that a task that slipped from one quarter's programme to the next is one history.

Alike means: the two texts, case, diacritics and punctuation aside, share most of their
pairs of adjacent syllables (the overlap of the two sets over the smaller one, so a task
reworded with a few words more or less still matches; a text too short says too little). Only open tasks
(not verified done) of confirmed earlier directives of the same issuer are candidates,
and each new task gets at most its best match.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import fetch
from dondoc.services.context import Store, audit_event, require
from dondoc.services.units import fold_name
from dondoc.store.records import AssignmentRecord, DirectiveRecord, TaskLinkRecord, TaskRecord, UnitRecord
from dondoc.tracking.permissions import Action, Actor

# the share of the smaller text's words the other holds for the two to be one task
ALIKE = 0.7
# fewer words than this and a text says too little to be matched
_FEWEST_WORDS = 6
_WORD = re.compile(r"\w+")


def words_of(text: str) -> frozenset[str]:
    """The text's pairs of adjacent syllables: a Vietnamese word is often two syllables,
    and single syllables ("các", "thực", "hiện") are shared by any two tasks."""
    syllables = _WORD.findall(fold_name(text))
    return frozenset(f"{a} {b}" for a, b in itertools.pairwise(syllables))


def alike(a: frozenset[str], b: frozenset[str]) -> float:
    if min(len(a), len(b)) < _FEWEST_WORDS:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def propose_links(s: Session, directive: DirectiveRecord) -> int:
    """At confirmation: a proposed link from each task of the directive to the open task
    of an earlier directive of the same issuer it is most alike, if alike enough."""
    if not directive.issuer and directive.issuer_unit_id is None:
        return 0
    same_issuer = (
        DirectiveRecord.issuer_unit_id == directive.issuer_unit_id
        if directive.issuer_unit_id is not None
        else DirectiveRecord.issuer == directive.issuer
    )
    earlier = s.execute(
        select(TaskRecord.id, TaskRecord.text)
        .join(DirectiveRecord, DirectiveRecord.id == TaskRecord.directive_id)
        .where(
            same_issuer,
            DirectiveRecord.id != directive.id,
            DirectiveRecord.state == "confirmed",
            TaskRecord.verified_on.is_(None),
            TaskRecord.parent_id.is_(None),
        )
    ).all()
    candidates = [(task_id, words_of(text)) for task_id, text in earlier]
    made = 0
    for task in directive.tasks:
        if task.parent_id is not None:
            continue
        mine = words_of(task.text)
        best = max(((alike(mine, theirs), tid) for tid, theirs in candidates), default=(0.0, 0))
        if best[0] >= ALIKE:
            s.add(TaskLinkRecord(task_id=task.id, earlier_task_id=best[1], score=round(best[0], 3)))
            made += 1
    s.flush()
    return made


@dataclass(frozen=True)
class Link:
    id: int
    task_id: int
    earlier_task_id: int
    earlier_directive: str  # how the earlier directive is named ("Chương trình 45-CTr/TU")
    earlier_text: str
    score: float
    state: str


def links_of(store: Store, directive_id: int) -> dict[int, Link]:
    """The links of the directive's tasks, by task."""
    with store.reading() as s:
        rows = s.execute(
            select(
                TaskLinkRecord,
                TaskRecord.text,
                DirectiveRecord.doc_type,
                DirectiveRecord.number,
                DirectiveRecord.file_name,
            )
            .join(TaskRecord, TaskRecord.id == TaskLinkRecord.earlier_task_id)
            .join(DirectiveRecord, DirectiveRecord.id == TaskRecord.directive_id)
            .where(
                TaskLinkRecord.task_id.in_(
                    select(TaskRecord.id).where(TaskRecord.directive_id == directive_id)
                )
            )
        ).all()
        return {
            link.task_id: Link(
                link.id,
                link.task_id,
                link.earlier_task_id,
                f"{doc_type or 'Văn bản'} {number}" if number else file_name,
                text,
                link.score,
                link.state,
            )
            for link, text, doc_type, number, file_name in rows
        }


def decide(store: Store, actor: Actor, link_id: int, *, accept: bool, today: dt.date) -> None:
    """The office says whether the task continues the earlier one."""
    require(actor, Action.REVIEW, what="directives")
    with store.transaction() as s:
        link = s.get(TaskLinkRecord, link_id)
        if link is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="task link", key=link_id)
        fetch.task(s, link.task_id)
        before = {"state": link.state}
        link.state = "accepted" if accept else "rejected"
        link.decided_on = today
        audit_event(
            s, actor, "task.link", "task", link.task_id, before=before,
            after={"earlier": link.earlier_task_id, "state": link.state},
        )  # fmt: skip


# a lead is suggested from an earlier task at least this alike (a looser bar than a link:
# the suggestion is only shown, the clerk decides)
SUGGEST = 0.5
# the earlier tasks of the issuer a suggestion is looked for in, newest first
_SUGGEST_FROM = 3000


@dataclass(frozen=True)
class LeadSuggestion:
    unit_code: str
    unit_name: str
    earlier_task_id: int
    earlier_text: str
    score: float


def lead_suggestions(store: Store, directive_id: int) -> dict[int, LeadSuggestion]:
    """For each task of the directive still without a lead: the lead unit of the most
    alike task of an earlier directive of the same issuer, when one is alike enough."""
    with store.reading() as s:
        directive = fetch.directive(s, directive_id)
        if directive.state != "confirmed" or (not directive.issuer and directive.issuer_unit_id is None):
            return {}
        led = {a.task_id for t in directive.tasks for a in t.assignments if a.role == "lead"}
        parents = {t.parent_id for t in directive.tasks if t.parent_id is not None}
        waiting = [
            t for t in directive.tasks if t.id not in led and t.id not in parents and t.parent_id is None
        ]
        if not waiting:
            return {}
        same_issuer = (
            DirectiveRecord.issuer_unit_id == directive.issuer_unit_id
            if directive.issuer_unit_id is not None
            else DirectiveRecord.issuer == directive.issuer
        )
        earlier = s.execute(
            select(TaskRecord.id, TaskRecord.text, UnitRecord.code, UnitRecord.name)
            .join(DirectiveRecord, DirectiveRecord.id == TaskRecord.directive_id)
            .join(AssignmentRecord, AssignmentRecord.task_id == TaskRecord.id)
            .join(UnitRecord, UnitRecord.id == AssignmentRecord.unit_id)
            .where(
                same_issuer,
                DirectiveRecord.id != directive.id,
                DirectiveRecord.state == "confirmed",
                AssignmentRecord.role == "lead",
                UnitRecord.valid_to.is_(None),  # a unit since dissolved is no suggestion
            )
            .order_by(TaskRecord.id.desc())
            .limit(_SUGGEST_FROM)
        ).all()
        candidates = [(words_of(text), task_id, text, code, name) for task_id, text, code, name in earlier]
        out: dict[int, LeadSuggestion] = {}
        for task in waiting:
            mine = words_of(task.text)
            best = max(
                (
                    (alike(mine, theirs), tid, text, code, name)
                    for theirs, tid, text, code, name in candidates
                ),
                default=None,
            )
            if best is not None and best[0] >= SUGGEST:
                score, tid, text, code, name = best
                out[task.id] = LeadSuggestion(code, name, tid, text, round(score, 3))
        return out


@dataclass(frozen=True)
class Step:
    """One directive's task in a history of carried-over tasks."""

    task_id: int
    directive: str  # how its directive is named ("Chương trình 45-CTr/TU", or its file)
    issued_on: dt.date | None
    text: str
    due: dt.date | None
    done_on: dt.date | None
    current: bool  # the task the history is read for


_LONGEST = 20  # a history of more periods than this is cut (twenty quarters: five years)


def history_of(store: Store, task_id: int) -> tuple[Step, ...]:
    """The task's history across directives, oldest first: the tasks it continues and
    those that continue it, through accepted links (empty when it has none)."""
    with store.reading() as s:
        accepted = TaskLinkRecord.state == "accepted"
        chain = [task_id]
        while len(chain) < _LONGEST:
            earlier = s.scalar(
                select(TaskLinkRecord.earlier_task_id).where(TaskLinkRecord.task_id == chain[0], accepted)
            )
            if earlier is None or earlier in chain:
                break
            chain.insert(0, earlier)
        while len(chain) < _LONGEST:
            later = s.scalar(
                select(TaskLinkRecord.task_id)
                .where(TaskLinkRecord.earlier_task_id == chain[-1], accepted)
                .order_by(TaskLinkRecord.id)
                .limit(1)
            )
            if later is None or later in chain:
                break
            chain.append(later)
        if len(chain) == 1:
            return ()
        rows: dict[int, tuple[TaskRecord, DirectiveRecord]] = {}
        for t, d in s.execute(
            select(TaskRecord, DirectiveRecord)
            .join(DirectiveRecord, DirectiveRecord.id == TaskRecord.directive_id)
            .where(TaskRecord.id.in_(chain))
        ):
            rows[t.id] = (t, d)
        return tuple(
            Step(
                tid,
                f"{d.doc_type or 'Văn bản'} {d.number}" if d.number else d.file_name,
                d.issued_on or d.confirmed_on,
                t.text,
                t.current_deadline,
                t.done_on,
                tid == task_id,
            )
            for tid in chain
            if tid in rows
            for t, d in (rows[tid],)
        )
