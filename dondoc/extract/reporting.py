"""The directive's reporting rule: how its execution is reported, as a task of its own.

A directive says once how the work it assigns is reported: "Các Sở, ngành, địa phương
định kỳ hàng năm (trước ngày 10/12) hoặc đột xuất báo cáo Ủy ban nhân dân tỉnh (qua Sở
Nông nghiệp và Môi trường) về tình hình, kết quả triển khai thực hiện Kế hoạch này." The
office tracks that obligation, period by period, like any task. Inside a longer item
("… xây dựng Kế hoạch triển khai xong trong tháng 12/2025. Định kỳ báo cáo UBND tỉnh kết
quả thực hiện Kế hoạch hằng năm (trước ngày 15 tháng 11)") the item's deadline is its hard
date (CONVENTIONS rule 11), and without a task of its own the reporting rhythm is lost.

A clause is such a rule when
- it has the verb (*báo cáo*) and, after it, what is reported: the results or the state
  (*kết quả*, *tình hình*) of carrying the work out (*thực hiện*, *triển khai*);
- it is bound in time: a date or a period;
- those who report are a group (the directive's bodies at large: "các sở, ngành", "các cơ
  quan, đơn vị liên quan"), named in the clause or the subject of the item holding it; a
  paragraph outside every item speaks to the document's addressees.
One body reporting to its superior ("Giao Công an tỉnh … định kỳ báo cáo kết quả thực
hiện về Bộ Công an") is that body's own task, already extracted, not the directive's rule.

The rules are not tasks of the extraction contract (the gold counts the item, not the
rule inside it); they are listed beside the tasks and the tracker makes them reporting
tasks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Final, final

from dondoc.core.directive import Deadline
from dondoc.extract import deadlines
from dondoc.extract.bodies import read_bodies, tokenize
from dondoc.extract.lexicon import words
from dondoc.extract.structure import Block


def _alternation(key: str) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words("reporting", key))


_VERB: Final = _alternation("verbs")
# the verb, then within the clause what is reported: "báo cáo UBND tỉnh (qua Sở Tư pháp)
# kết quả thực hiện", "báo cáo … về tình hình, kết quả triển khai thực hiện"
_RULE: Final = re.compile(
    rf"\b(?:{_VERB})\b[^.;]{{0,160}}?\b(?:{_alternation('objects')})\b"
    rf"[^.;]{{0,40}}?\b(?:{_alternation('progress')})\b",
    re.IGNORECASE,
)
_OBJECT: Final = re.compile(rf"\s\b(?:{_alternation('objects')})\b", re.IGNORECASE)
_VERB_AT: Final = re.compile(rf"\b(?:{_VERB})\b", re.IGNORECASE)
_CLAUSE_END: Final = re.compile(r"(?<=[.;])\s+")
_TO_WORDS: Final = frozenset(words("reporting", "to_words"))
_PLURALS: Final = frozenset(words("bodies", "plural_markers"))
_GROUP_WORDS: Final = words("reporting", "group_heads")
_CONCERNED: Final = words("reporting", "concerned")
# "thường xuyên báo cáo": no period to track; every other rhythm is one ("định kỳ": the
# office sets which)
_NOT_A_PERIOD: Final = "continuous"
# between two words of a cleaned clause, in its source: spaces, line breaks, emphasis marks
_BETWEEN: Final = r"[\s*_]+"
# a clause this share of its item's text is the item itself
_WHOLE: Final = 0.8


@final
class Rule:
    """A reporting rule found, in view offsets (the pipeline maps them to the source)."""

    __slots__ = ("deadline", "end", "report_to", "reporters", "section", "start", "text", "whole", "within")

    def __init__(
        self,
        section: str | None,
        text: str,
        start: int,
        end: int,
        reporters: tuple[str, ...],
        report_to: tuple[str, ...],
        deadline: Deadline,
        within: str | None,
        whole: bool,
    ) -> None:
        self.section = section
        self.text = text
        self.start = start
        self.end = end
        self.reporters = reporters
        self.report_to = report_to
        self.deadline = deadline
        self.within = within
        self.whole = whole


@final
class Passage:
    """A task's text, or a paragraph outside every task, where a rule may be."""

    __slots__ = ("end", "lead", "section", "start", "task_id", "text")

    def __init__(
        self, task_id: str | None, section: str | None, text: str, start: int, end: int, lead: Sequence[str]
    ) -> None:
        self.task_id = task_id
        self.section = section
        self.text = text
        self.start = start
        self.end = end
        self.lead = tuple(lead)


def outside_paragraphs(roots: Sequence[Block], covered: Sequence[tuple[int, int]]) -> list[Passage]:
    """The paragraphs of the trees that no task covers (a closing instruction written
    without a marker is no task, CONVENTIONS rule 3, but may be the reporting rule)."""
    spans = sorted(covered)
    starts = [a for a, _ in spans]
    # the furthest end of the spans starting at or before each one: a paragraph is inside
    # a task when one that starts before it ends after it
    reach: list[int] = []
    for _, b in spans:
        reach.append(max(b, reach[-1]) if reach else b)

    def inside(start: int, end: int) -> bool:
        k = bisect_right(starts, start) - 1
        return k >= 0 and reach[k] >= end

    out: list[Passage] = []

    def walk(block: Block) -> None:
        for child in block.children:
            if child.lines and child.role in ("para", "closing"):
                start, end = child.lines[0].start, child.lines[-1].end
                text = child.text
                if _has_verb(text) and not inside(start, end):
                    out.append(Passage(None, None, " ".join(text.split()), start, end, ()))
            walk(child)

    for root in roots:
        walk(root)
    return out


# the verbs without their first letter, in lower and upper case: a substring test that
# finds "báo cáo", "Báo cáo" and "BÁO CÁO" without lower-casing the text
_VERB_HINTS: Final = tuple(
    sorted(
        {w[1:] for w in words("reporting", "verbs")} | {w.upper()[1:] for w in words("reporting", "verbs")}
    )
)


def _has_verb(text: str) -> bool:
    # the cheap test first: most paragraphs have no reporting verb at all
    return any(hint in text for hint in _VERB_HINTS)


def find_rules(
    passages: Sequence[Passage], *, text: str, addressees: Sequence[str], doc_date: date | None
) -> list[Rule]:
    """The reporting rules of the passages (tasks, then outside paragraphs), each once."""
    found: list[Rule] = []
    seen: set[str] = set()
    for p in passages:
        if not _has_verb(p.text):
            continue
        for clause in _clauses(p.text):
            rule = _rule(p, clause, text=text, addressees=addressees, doc_date=doc_date)
            if rule is not None and rule.text not in seen:
                seen.add(rule.text)
                found.append(rule)
    return found


def _clauses(text: str) -> Iterator[str]:
    for part in _CLAUSE_END.split(text):
        part = part.strip(" -–+•").removesuffix("/.").removesuffix("./") or part
        if part:
            yield part


def _rule(
    p: Passage, clause: str, *, text: str, addressees: Sequence[str], doc_date: date | None
) -> Rule | None:
    m = _RULE.search(clause)
    if m is None or not _is_the_verb(clause, m.start()):
        return None
    bound = _bound(clause, doc_date)
    if bound is None:
        return None
    reporters = _subject(clause, m.start())
    if not reporters:
        reporters = p.lead if p.task_id is not None else tuple(addressees)
    if not reporters or not any(_is_group(r) for r in reporters):
        return None
    start, end = _locate(clause, text, p.start, p.end)
    whole = p.task_id is not None and len(clause) >= _WHOLE * len(p.text.strip())
    return Rule(
        p.section,
        clause,
        start,
        end,
        tuple(reporters),
        _report_to(clause, m.start()),
        bound,
        p.task_id,
        whole,
    )


def _bound(clause: str, doc_date: date | None) -> Deadline | None:
    """A one-off report's date ("trước ngày 15/12/2024"), else its rhythm with its cut-off
    ("hằng năm (trước ngày 15 tháng 11)"), else the bare "định kỳ" (the office sets which)."""
    found = deadlines.find_in_text(clause, doc_date)
    if found is not None and found.date is not None:
        return found
    period = deadlines.period_phrase(clause)
    if period is not None:
        return period
    if found is None or found.recurrence in (None, _NOT_A_PERIOD):
        return None
    return found


def _is_the_verb(clause: str, at: int) -> bool:
    """ "báo cáo" as the verb: not a report's name ("các báo cáo", "(i) Báo cáo tình hình …")."""
    before = clause[:at].split()
    if before and before[-1].lower() in _PLURALS:
        return False
    return not (clause[at].isupper() and at > 0 and before and not before[-1].endswith(","))


def _subject(clause: str, verb_at: int) -> tuple[str, ...]:
    """The bodies that open the clause, when the verb comes after them."""
    toks = tokenize(clause)
    bodies = read_bodies(clause, toks, 0, sentence_start=True)
    if not bodies.names or bodies.end >= len(toks) or toks[bodies.end].start > verb_at:
        return () if not bodies.names else _before(bodies.names, clause, verb_at)
    return bodies.names


def _before(names: tuple[str, ...], clause: str, verb_at: int) -> tuple[str, ...]:
    head = clause[:verb_at]
    return tuple(n for n in names if n in head)


def _is_group(name: str) -> bool:
    """ "các sở, ngành", "Ủy ban nhân dân các xã", "cơ quan, đơn vị", "đơn vị liên quan";
    not a group its name lists ("Các Bộ, cơ quan: Tài chính, Xây dựng, …": those bodies)."""
    low = name.lower()
    if ":" in low:
        return False
    return (
        not _PLURALS.isdisjoint(low.split())
        or low.startswith(_GROUP_WORDS)
        or any(w in low for w in _CONCERNED)
    )


def _report_to(clause: str, verb_at: int) -> tuple[str, ...]:
    """To whom: the bodies right after the verb ("báo cáo UBND tỉnh"), or after "về",
    "gửi" further on ("báo cáo kết quả … về Sở Khoa học và Công nghệ")."""
    toks = tokenize(clause)
    i = next((k for k, t in enumerate(toks) if t.start >= verb_at), len(toks))
    verb = _VERB_AT.match(clause, verb_at)
    after = verb.end() if verb else verb_at
    i = next((k for k in range(i, len(toks)) if toks[k].start >= after), len(toks))
    direct = read_bodies(clause, toks, i)
    if direct.names:
        return _up_to_object(direct.names)
    for k in range(i, len(toks)):
        if toks[k].text in {".", ";"}:
            break
        if toks[k].low in _TO_WORDS:
            named = read_bodies(clause, toks, k + 1)
            if named.names:
                return _up_to_object(named.names)
    return ()


def _up_to_object(names: tuple[str, ...]) -> tuple[str, ...]:
    """ "UBND tỉnh (qua Sở Tư pháp) kết quả": a name read on past its aside ends there."""
    out = []
    for name in names:
        m = _OBJECT.search(name)
        out.append(name[: m.start()].strip(" ,") if m else name)
    return tuple(n for n in out if n)


def _locate(clause: str, text: str, start: int, end: int) -> tuple[int, int]:
    """The clause's place in the view text, between its passage's bounds: the passage's
    text was cleaned (lines joined, emphasis marks dropped), so its words are looked up
    with any spacing and marks between them; the passage's span when they are not found."""
    words_ = clause.split()
    first = re.compile(_BETWEEN.join(re.escape(w) for w in words_[:6]))
    m = first.search(text, start, end)
    if m is None:
        return start, end
    last = re.compile(_BETWEEN.join(re.escape(w) for w in words_[-4:]))
    n = last.search(text, m.start(), end)
    return (m.start(), n.end()) if n is not None else (m.start(), end)
