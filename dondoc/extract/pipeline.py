"""The one place that knows the stage order: `extract(source) -> Extraction`.

lines → footnotes → noise → header → closing → tables → item tree → tasks → citations →
verdict (a directive or not).
All stages work on the NFC view of the source; spans are mapped back to source offsets
at the end.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Final

from dondoc.core.directive import Deadline, DirectiveMeta, Extraction, LegalRef, ReportingRule, Task
from dondoc.core.span import Span
from dondoc.core.text import SourceText, TextView
from dondoc.extract import deadlines, ocr_words
from dondoc.extract.bodies import clear_text_caches
from dondoc.extract.footnotes import find_footnotes
from dondoc.extract.legal_refs import find_legal_refs
from dondoc.extract.lexicon import words
from dondoc.extract.lines import Line, mark_noise, split_lines
from dondoc.extract.metadata import APPENDIX, find_attachment, read_closing, read_header
from dondoc.extract.reporting import Passage, Rule, find_rules, outside_paragraphs
from dondoc.extract.review import is_bare_group
from dondoc.extract.structure import Block, build_tree, enclosing_heading, opens_phase
from dondoc.extract.tables import (
    find_bare_pipe_tables,
    find_cell_per_line_tables,
    find_layout_tables,
    find_markdown_tables,
    find_pipe_tables,
    find_tab_tables,
)
from dondoc.extract.tasks import (
    Context,
    Draft,
    asks_to_direct,
    introduced_bodies,
    introduced_partners,
    letter_requests,
    past_markers,
    stated_period,
    tasks_from_rows,
    tasks_from_tree,
)
from dondoc.extract.verdict import judge


def _doc_end(lines: list[Line], after: int) -> int:
    ends = words("noise", "chrome_ends")
    for ln in lines[after:]:
        if ln.is_text and ln.text.lower().lstrip("# ").startswith(ends):
            return ln.index
    return len(lines)


def _page_numbers(lines: list[Line]) -> tuple[tuple[int, int], ...]:
    """The spans of the page numbers among the lines: a citation reads past them ("Thông tư
    số" / "2" / "75/2024/TT-BTC"). (Only numbers: a line that a running header's shape marks
    as noise may be a citation written twice.)"""
    return tuple(
        (ln.start, ln.start + ln.length)
        for ln in lines
        if ln.kind == "noise" and ln.text.strip(" -").isdigit()
    )


def _lists_no_tasks(title: str | None) -> bool:
    """Does an appendix's title say it lists something other than work (criteria, scores,
    forms, names, an outline, targets)?"""
    low = (title or "").lower()
    if any(w in low for w in words("structure", "appendix_of_tasks")):
        return False  # "DANH MỤC NHIỆM VỤ VÀ CHỈ TIÊU …": the work is listed, with its targets
    return any(w in low for w in words("structure", "appendix_not_tasks"))


def _intro(root: Block) -> str:
    """The paragraphs before the first item; in a letter whose requests are paragraphs with
    no numbers, to the sentence that introduces them ("… yêu cầu:"): those after it are the
    requests, not the introduction (their dates are their own)."""
    parts: list[str] = []
    unmarked = not any(child.marker is not None for child in root.children)
    for child in root.children:
        if child.marker is not None:
            break
        if child.role == "para":
            parts.append(child.text)
            if unmarked and child.text.rstrip(" *_").endswith(":"):
                break
    return " ".join(parts)


def _section_bound(root: Block, doc_date: date | None) -> Deadline | None:
    """A bound stated once where a section introduces the plan's tasks ("II. NHIỆM VỤ" /
    "Từ nay đến hết tháng 9/2027, các sở, ban, ngành … thực hiện các nhiệm vụ sau:"), when
    the introduction states none: the whole document's (CONVENTIONS rule 12)."""
    for section in root.children:
        for child in section.children:
            if child.marker is not None:
                break
            if child.role != "para" or not child.text.rstrip().endswith(":") or opens_phase(child.text):
                continue  # (a phase's heading bounds its own items: "Giai đoạn 1 (đến hết năm 2027):")
            found = deadlines.find_in_text(_looking_ahead(child.text), doc_date)
            if found is not None and found.date is not None:
                return found
    return None


def _looking_ahead(intro: str) -> str:
    """The introduction without its sentences that report what was done ("… trong 6 tháng
    đầu năm 2026 đã xảy ra 05 vụ …") or foresee what may come ("Dự báo … nhất là dịp Tết"):
    a time bound there dates the situation, not the work."""
    past = past_markers()
    kept = [
        s
        for s in _SENTENCE_END.split(" ".join(intro.split()))
        if s.rstrip().endswith(":") or not (past.search(s) or deadlines.DATED_EVENT.match(s))
    ]
    return " ".join(kept)


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+")


def _place(text: str, kind: str) -> str | None:
    """'Thành ủy' signs for the city it governs: the most named 'thành phố X'."""
    counts: dict[str, int] = {}
    for m in re.finditer(rf"{kind}\s+([A-ZĐ][\wà-ỹ]+(?:\s+[A-ZĐ][\wà-ỹ]+){{0,2}})", text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


# the kinds of document whose paragraphs may each be a request, when they hold no items
_LETTERS: Final = frozenset(words("structure", "letter_kinds"))


def extract(source: SourceText) -> Extraction:
    clear_text_caches()
    view = source.view
    written = view.text
    text = ocr_words.repair(written)  # one character for one: the view's offsets stay
    if text is not written:
        view = TextView(text, view.anchors)
    lines = split_lines(text)
    footnotes = find_footnotes(lines)
    mark_noise(lines)
    limit = len(lines)
    header = read_header(lines, limit)
    closing = read_closing(lines, header.body_start, limit)
    limit = _doc_end(lines, max(closing.end, header.body_start))
    tables = [
        t
        for t in find_pipe_tables(lines[:limit])
        + find_markdown_tables(lines[:limit])
        + find_tab_tables(lines[:limit])
        + find_bare_pipe_tables(lines[:limit])
        + find_layout_tables(lines[:limit])
        + find_cell_per_line_tables(lines[:limit])
        if t.rows or t.line_indexes
    ]
    in_tables: set[int] = set()
    for t in tables:
        in_tables |= t.line_indexes
    body_end = closing.start if closing.start >= 0 else limit
    body = [ln for ln in lines[header.body_start : body_end] if ln.index not in in_tables]
    ocr = source.ocr_confidence is not None
    damaged = not ocr and ocr_words.shows_damage(written)  # a scan's OCR pasted as text
    root = build_tree(body, ocr=ocr, issuer=header.issuer, damaged=damaged)
    trees = [(root, (header.body_start, body_end))]
    attached_root = None
    attachment = find_attachment(lines, closing.end, limit) if closing.end > 0 else None
    if attachment is not None and attachment.type == APPENDIX and _lists_no_tasks(attachment.title):
        attachment = None  # "PHỤ LỤC / TIÊU CHÍ CHẤM ĐIỂM …": criteria, forms, names, not work
    if attachment is not None:
        attached_closing = read_closing(lines, attachment.body_start, limit)
        attached_end = attached_closing.start if attached_closing.start >= 0 else limit
        attached_root = build_tree(
            [ln for ln in lines[attachment.body_start : attached_end] if ln.index not in in_tables],
            ocr=ocr,
            damaged=damaged,
        )
        trees.append((attached_root, (attachment.body_start, attached_end)))

    doc_start = 0
    if header.body_start:
        doc_start = lines[max(0, header.body_start - 30)].start if header.issuer else 0
    doc_end_offset = lines[limit - 1].end if limit > 0 else len(text)
    refs = find_legal_refs(
        text,
        start=doc_start,
        end=doc_end_offset,
        exclude=(header.number or "",),
        blank=_page_numbers(lines),
    )
    # a decision that issues a plan: the plan's introduction is the one that addresses the tasks
    # (an appendix's lists are the plan's own tasks: its introduction stays the plan's)
    issues_a_plan = attachment is not None and attachment.type != APPENDIX
    plan = attached_root if attached_root is not None and issues_a_plan else root
    intro = _intro(plan)
    work_year = deadlines.title_year(header.title)
    default = deadlines.find_in_text(_looking_ahead(intro), header.date, work_year) if intro else None
    if default is not None and default.date is None:
        default = None
    if default is None:
        default = stated_period(plan, header.date)
    if default is None:
        default = _section_bound(plan, header.date)
    introduced = introduced_bodies(intro)
    if header.addressees and is_bare_group(introduced):
        introduced = ()  # "Sở X đề nghị các đơn vị:": the units the letter is addressed to
    ctx = Context(
        addressees=introduced or header.addressees,
        addressees_from="document" if introduced else "addressees",
        directing=bool(introduced) and asks_to_direct(intro),
        partners=introduced_partners(intro) if introduced else (),
        work_year=work_year,
        issuer=header.issuer,
        ocr_confidence=source.ocr_confidence,
        doc_date=header.date,
        default=default,
        footnotes=footnotes,
        text=text,
        # a cited document's date is no deadline; a page number is no part of one
        # ("trước ngày" / "2" / "25/4/2027" over a page break)
        citations=tuple(
            sorted(
                [(r.span.start, r.span.end) for r in refs]
                + [(ln.start, ln.end) for ln in lines if ln.kind == "noise"]
            )
        ),
    )
    drafts = tasks_from_tree(root, ctx)
    if attached_root is not None:
        drafts.extend(tasks_from_tree(attached_root, ctx))
    for t in tables:
        if t.holds_tasks:
            first = min(t.line_indexes, default=-1)
            # the section it sits in, when it sits in a body read as a tree (an appendix
            # after the closing is no part of the last section above it)
            tree = next((r for r, (a, b) in trees if a <= first < b), None)
            heading = enclosing_heading(tree, first) if tree is not None else None
            drafts.extend(tasks_from_rows(t.rows, ctx, heading))
    if not drafts and header.type in _LETTERS:
        drafts = letter_requests(root, ctx)  # a letter of paragraphs: its requests

    issuer = header.issuer
    if issuer is None and closing.authority_issuer:
        issuer = (
            closing.authority_issuer.title()
            if closing.authority_issuer.isupper()
            else closing.authority_issuer
        )
        kind = issuer.split()[0] if issuer else ""
        place = (
            _place(text, "thành phố") if kind == "Thành" else _place(text, "tỉnh") if kind == "Tỉnh" else None
        )
        if place:
            issuer = f"{issuer.capitalize()} {place}"
    meta = DirectiveMeta(
        type=header.type,
        number=header.number,
        issuer=issuer,
        date=header.date,
        title=header.title,
        signer=closing.signer,
        signer_title=closing.signer_title,
        recipients=closing.recipients,
        addressees=ctx.addressees,
        encoding=source.encoding,
        ocr_confidence=source.ocr_confidence,
        ingest_notes=source.notes,
        default_deadline=default.date if default else None,
        default_deadline_text=default.text if default else None,
    )
    # the rules read the repaired words; a task shows the source's
    tasks = tuple(
        _to_task(i, d, view, _written(d.text, d.start, d.end, text, written)) for i, d in enumerate(drafts, 1)
    )
    verdict = judge(meta, tasks)
    meta = replace(meta, is_directive=verdict.is_directive, directive_reasons=verdict.reasons)
    rules: list[Rule] = []
    if verdict.is_directive:  # a text that assigns nothing has no rule for reporting on it
        passages = [
            Passage(f"t{i}", d.section, d.text, d.start, d.end, d.lead) for i, d in enumerate(drafts, 1)
        ]
        roots = [root] if attached_root is None else [root, attached_root]
        passages += outside_paragraphs(roots, [(d.start, d.end) for d in drafts])
        rules = find_rules(passages, text=text, addressees=ctx.addressees, doc_date=header.date)
    reporting = tuple(
        _to_rule(i, r, view, _written(r.text, r.start, r.end, text, written)) for i, r in enumerate(rules, 1)
    )
    return Extraction(meta, tasks, tuple(_map_ref(r, view) for r in refs), reporting)


def _span(start: int, end: int, view: TextView) -> Span:
    return Span(view.source_offset(start), view.source_offset(max(start, end)))


def _written(text: str, start: int, end: int, repaired: str, written: str) -> str:
    """A task's or a rule's text with the source's letters where the OCR repair changed some."""
    if repaired is written or repaired[start:end] == written[start:end]:
        return text
    return ocr_words.as_written(text, start, repaired, written)


def _to_task(n: int, d: Draft, view: TextView, text: str) -> Task:
    return Task(
        id=f"t{n}",
        section=d.section,
        text=text,
        span=_span(d.start, d.end, view),
        lead=tuple(d.lead),
        support=tuple(d.support),
        deadline=_deadline_written(d.deadline, d.text, text),
        targets=d.targets,
        product=d.product,
        notes=tuple(d.notes),
        review=tuple(d.review),
    )


def _deadline_written(deadline: Deadline, repaired: str, written: str) -> Deadline:
    """The time phrase as the source writes it ("lrong quý II/2026"), where the OCR repair
    changed its letters: the task's text gives them back letter for letter."""
    phrase = deadline.text
    if not phrase or repaired is written or len(repaired) != len(written):
        return deadline
    at = repaired.find(phrase)
    if at < 0 or written[at : at + len(phrase)] == phrase:
        return deadline
    return replace(deadline, text=written[at : at + len(phrase)])


def _to_rule(n: int, r: Rule, view: TextView, text: str) -> ReportingRule:
    return ReportingRule(
        id=f"r{n}",
        section=r.section,
        text=text,
        span=_span(r.start, r.end, view),
        reporters=r.reporters,
        report_to=r.report_to,
        deadline=r.deadline,
        within=r.within,
        whole=r.whole,
    )


def _map_ref(r: LegalRef, view: TextView) -> LegalRef:
    return LegalRef(r.text, r.kind, r.number, r.date, _span(r.span.start, r.span.end, view))
