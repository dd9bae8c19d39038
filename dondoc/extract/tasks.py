"""The item tree and the task tables → tasks with the 6 rõ.

A task is a leaf directive item; an item with sub-items is a section. Attribute bullets
("- Đơn vị chủ trì: …", "- Thời gian: …") fold into their item. Leads come from the
item's own subject, else from its parent heading or a trailing assignment line, else
from the introduction's addressees; a document-wide time bound applies to tasks that
state none.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Final

from dondoc.core.directive import Deadline
from dondoc.extract import deadlines
from dondoc.extract.bodies import (
    _PLURALS,
    Toks,
    _head_at,
    opens_another_body,
    read_bodies,
    starts_with_verb,
    tokenize,
    whole_bodies,
)
from dondoc.extract.fields import label_kind, may_open_label, read_field, split_fields
from dondoc.extract.footnotes import BRACKET_MARK, Footnote
from dondoc.extract.lexicon import table, words
from dondoc.extract.markers import BULLET_STARTS, INLINE_ENUM, is_unnumbered
from dondoc.extract.review import is_bare_body, is_bare_group, review_flags
from dondoc.extract.roles import (
    CUE_FIRST,
    Roles,
    _subject_at,
    asked_at_cue,
    asked_by_subject,
    cue_len,
    find_roles,
)
from dondoc.extract.spacing import one_spaced
from dondoc.extract.structure import (
    PLAN_NUMBERS,
    TOPIC_TITLE_WORDS,
    Block,
    is_closing_text,
    issuer_notifies,
    looks_ahead,
    opens_phase,
    topic_openers,
)
from dondoc.extract.tables import Row
from dondoc.extract.targets import find_targets
from dondoc.extract.tones import toneless


class Draft:
    """A task being read. A plain class, not a dataclass: compiled (setup.py), a
    dataclass is built several times slower than a class with its own __init__."""

    __slots__ = (
        "deadline",
        "end",
        "lead",
        "lead_from",
        "notes",
        "product",
        "review",
        "section",
        "start",
        "support",
        "targets",
        "text",
    )

    def __init__(
        self,
        section: str | None,
        text: str,
        start: int,
        end: int,
        lead: list[str] | None = None,
        support: list[str] | None = None,
        deadline: Deadline | None = None,
        targets: tuple[str, ...] = (),
        product: str | None = None,
        notes: list[str] | None = None,
        lead_from: str = "",
        review: list[str] | None = None,
    ) -> None:
        self.section = section
        self.text = text
        self.start = start
        self.end = end
        self.lead = lead if lead is not None else []
        self.support = support if support is not None else []
        self.deadline = deadline if deadline is not None else Deadline()
        self.targets = targets
        self.product = product
        self.notes = notes if notes is not None else []
        self.lead_from = lead_from  # where the lead came from: "own", "field", "heading", …
        self.review = review if review is not None else []


@dataclass
class Context:
    addressees: tuple[str, ...]
    doc_date: date | None
    default: Deadline | None
    footnotes: dict[str, Footnote]
    text: str  # the view text
    citations: tuple[tuple[int, int], ...] = ()  # spans of cited documents and page furniture, sorted
    # "document": the introduction's general addressees; "addressees": a letter's Kính gửi
    addressees_from: str = "document"
    ocr_confidence: float | None = None
    # the introduction asks its bodies to direct others ("đề nghị UBND các tỉnh chỉ đạo: 1. Sở
    # Y tế …"): they lead each item with the item's own subject (CONVENTIONS rule 17)
    directing: bool = False
    # the default is a phase's end ("1. Giai đoạn 2025 - 2030" above the items): a hard
    # date, so it wins over an item's cycle alone ("định kỳ hằng năm", CONVENTIONS rule 11)
    default_is_phase: bool = False
    # the bodies a heading or introduction asks to work with its lead ("3. Bộ Tài chính chủ
    # trì, phối hợp với các bộ, địa phương liên quan: a) … b) …"): they support each item
    # that takes its lead from there
    partners: tuple[str, ...] = ()
    # the year the document's work is for, when its title names one ("Kế hoạch công tác năm
    # 2027"): a phrase without its year is read in it (deadlines.reading_date)
    work_year: int | None = None
    # the issuing body as its header reads ("ỦY BAN NHÂN DÂN TỈNH X SỞ TÀI CHÍNH"): when it
    # asks in an item ("Sở Tài chính đề nghị các đơn vị …"), the asked lead (rule 7)
    issuer: str | None = None

    def masked(self, start: int, end: int) -> str:
        """text[start:end] with citations blanked: a cited document's date is no deadline."""
        parts: list[str] = []
        pos = start
        for a, b in self.citations:
            if b <= pos or a >= end:
                continue
            parts.append(self.text[pos:a] if a > pos else "")
            parts.append(" " * (min(b, end) - max(a, pos)))
            pos = min(b, end)
        parts.append(self.text[pos:end])
        return "".join(parts)


def _low_starts(low: str, key: str) -> bool:
    """Does the lower-cased text start with one of the words (after an opening quote)?"""
    return low.lstrip('“"(').startswith(words("structure", key))


@cache
def _toneless_words(key: str) -> tuple[str, ...]:
    return tuple(toneless(w) for w in words("structure", key))


def _heading_starts(low: str, key: str) -> bool:
    """`_low_starts` for a section's heading, also through a tone mark a scan's OCR put
    wrong ("mục tiểu" for "mục tiêu")."""
    return _low_starts(low, key) or toneless(low.lstrip('“"(')).startswith(_toneless_words(key))


@cache
def past_markers() -> re.Pattern[str]:
    """The words by which a sentence tells what was done ("đã", "thời gian qua")."""
    listed = "|".join(map(re.escape, words("documents", "past_markers")))
    return re.compile(rf"(?<!\w)(?:{listed})(?!\w)", re.I)


def _praises(low: str) -> bool:
    """ "Đánh giá cao Bộ X đã chủ động …": praise of what was done (not "Biểu dương, khen
    thưởng kịp thời các tập thể …", an instruction to commend)."""
    return _low_starts(low, "praise_starts") and (
        past_markers().search(low) is not None
        or (_low_contains(low, "praised_merits") and not _low_contains(low, "praise_then_asks"))
    )


def _low_contains(low: str, key: str) -> bool:
    return any(w in low for w in words("structure", key))


_PHONE_CHARS = frozenset("0123456789 .()-+,;/")
_PHONE_DIGITS = 8  # the fewest digits of a telephone number
_PHONE_TAIL = 60  # the longest run of numbers a contact line gives


def _contact_line(text: str) -> bool:
    """A name, then only a telephone number or a few ("Trung tâm Kiểm soát bệnh tật tỉnh:
    0232.3822.115."): whom to call, never a task. Read character by character, not by a
    pattern of repeated groups (which a long run of digits would make backtrack)."""
    name, colon, numbers = text.partition(":")
    numbers = numbers.strip().rstrip(".")
    return (
        bool(colon)
        and 2 <= len(name) <= 100
        and ";" not in name
        and "." not in name
        and len(numbers) <= _PHONE_TAIL
        and all(c in _PHONE_CHARS for c in numbers)
        and sum(c.isdigit() for c in numbers) >= _PHONE_DIGITS
    )


# "Tổng thu ngân sách nhà nước trên địa bàn: 12.500 tỷ đồng.", "Tỷ lệ hộ nghèo: dưới 1,5%": a
# label and a figure, with up to three words of its unit
_FIGURE = re.compile(
    r"[^:\d]{3,120}:\s*(?:(?:khoảng|trên|dưới|đạt|tăng|giảm|còn)\s+)?\d[\d.,]*\s*"
    r"(?:%|[^\W\d_]+(?:\s+[^\W\d_]+){0,2})?\s*\.?",
    re.I,
)


def _states_a_figure(text: str) -> bool:
    """An item that is only a figure under its label (a budget's totals, a target's value),
    no verb first: what was decided or aimed at, never work handed to a body (a labelled
    "Lắp đặt mới trạm 5G: 35 trạm" opens with its work and stays a task)."""
    return _FIGURE.fullmatch(text.strip()) is not None and not starts_with_verb(text)


def _dated(text: str, ctx: Context) -> bool:
    """Does the text set a date of its own?"""
    found = deadlines.find_in_text(text, ctx.doc_date, ctx.work_year)
    return found is not None and found.date is not None


_VALUE_END = re.compile(r"\s(?:[A-ZĐ][\wà-ỹ ]{2,30}):\s")
_INLINE_FIELDS = re.compile(r"\(([^()]{8,400})\)")
_PERSON_AFTER = re.compile(r"\s(?:Đồng chí|Thủ trưởng)\b")


def split_bodies(value: str) -> list[str]:
    out: list[str] = []
    for piece in (run for joined in _field_pieces(value) for run in _run_on_bodies(joined)):
        piece = piece.strip(" .,")
        if not piece:
            continue
        toks = tokenize(piece)
        bl = read_bodies(piece, toks, 0, sentence_start=True, max_words=40)
        if bl.names:
            out.extend(bl.names)
            rest = piece[toks[bl.end].start :].strip(" ,.") if bl.end < len(toks) else ""
            if rest and rest.lower().startswith(("và ", "các ")):
                out.append(rest.removeprefix("và ").strip())
        else:
            out.append(piece)
    return out


_NOT_A_BREAK: Final = frozenset({"thuộc", "của", "tại", "và", "với"})
_OWNED_ONLY_BY_COMMITTEES: Final = frozenset({"sở", "bộ"})
_OWNER_HEADS: Final = frozenset({"ủy ban", "uỷ ban", "ubnd", "chính phủ"})


def _run_on_bodies(piece: str) -> list[str]:
    """A cell naming one body per line, its lines joined by a reader that could not see
    where they broke ("Sở Tài chính Sở Y tế", "Các doanh nghiệp viễn thông Ủy ban nhân dân
    các huyện"): cut before a head that repeats the one its name opened with, before a
    capitalised "Các", and after a group opened by "Các", before a capitalised head. A
    different head after a name may be its owner ("Ban Tổ chức Tỉnh ủy", "Công ty Điện lực
    tỉnh"): no cut there."""
    toks = tokenize(piece)
    first = _head_at(toks, 0, sentence_start=True) if len(toks) >= 4 else 0
    if not first:
        return [piece]
    plurals = _PLURALS
    head, plural, start = " ".join(t.low for t in toks[:first]), toks[0].low in plurals, 0
    cuts: list[int] = []
    for i in range(first + 1, len(toks)):
        prev, word = toks[i - 1].text, toks[i].text
        if i - start <= first or not word[:1].isupper() or not prev.isalpha() or prev in _NOT_A_BREAK:
            continue
        n = _head_at(toks, i, sentence_start=True)
        here = " ".join(t.low for t in toks[i : i + n])
        # a name ending in a capital ("Sở Công Thương Sở Tài chính") only before its own head;
        # after a group, a head of another group ("… Ủy ban nhân dân các huyện"), not an owner
        # ("Các ban đảng Tỉnh ủy")
        group_after = any(t.low in plurals for t in toks[i + n : i + n + 4])
        # a department or a ministry is owned by no body but its people's committee or the
        # Government: any other head after its name is another body ("Sở Tài chính Công an tỉnh")
        owner = here in _OWNER_HEADS and not group_after
        if n and (
            here == head
            or (head in _OWNED_ONLY_BY_COMMITTEES and not owner)
            or (prev[:1].islower() and (toks[i].low in plurals or (plural and group_after)))
        ):
            cuts.append(i)
            head, plural, start, first = here, toks[i].low in plurals, i, n
    if not cuts:
        return [piece]
    bounds = [0, *(toks[c].start for c in cuts), len(piece)]
    return [piece[a:b].strip() for a, b in itertools.pairwise(bounds)]


def _field_pieces(value: str) -> list[str]:
    """A field's value split at ";" and at each comma that opens a body of its own."""
    pieces: list[str] = []
    for piece in value.split(";"):
        if "," not in piece:
            pieces.append(piece)  # one body, or one "A và B": no comma to weigh
            continue
        parts = piece.split(",")
        merged = [parts[0]]
        for part in parts[1:]:
            # (a role's mark is no word of the name: "…, thành phố (phối hợp)")
            if opens_another_body(merged[-1].strip(), _CELL_ROLE.sub(" ", part).strip(" .;:")):
                merged.append(part)
            else:
                merged[-1] += "," + part  # the group or the name goes on
        pieces.extend(merged)
    return pieces


def _names_anyone(roles: Roles) -> bool:
    return bool(roles.subject or roles.leads)


def heading_bodies(text: str) -> tuple[str, ...]:
    """Bodies a heading names: '1. Sở Y tế', '4. Đề nghị Ban Tuyên giáo…', 'Giao X:'."""
    toks = tokenize(text)
    if not toks:
        return ()
    subject = _subject_at(text, toks, 0)
    if subject:
        return subject
    bl = read_bodies(text, toks, 0, sentence_start=True, max_words=40)
    if bl.names and (bl.end >= len(toks) - 1 or toks[bl.end].text in {".", ":"}):
        return bl.names
    return ()


_BODY_HEADING_MAX_WORDS = 18


@cache
def _issuer_verbs() -> tuple[tuple[str, ...], ...]:
    """The verbs the issuer speaks with ("kết luận", "ban hành", "có ý kiến", …)."""
    return tuple(tuple(v.split()) for v in words("roles", "issuer_verbs"))


def _issuer_speaks(toks: Toks, at: int) -> bool:
    return any(tuple(t.low for t in toks[at : at + len(v)]) == v for v in _issuer_verbs())


def asks_to_direct(intro: str) -> bool:
    """Does the sentence that introduces the list end by asking its bodies to direct
    others ("… đề nghị Ủy ban nhân dân các tỉnh chỉ đạo:", "… lãnh đạo, chỉ đạo thực hiện:")?"""
    last = intro.rstrip()
    if not last.endswith(":"):
        return False
    tail = " ".join(last[:-1].split()[-_DIRECTING_TAIL:]).lower()
    return any(re.search(rf"(?<!\w){w}(?:\s+\S+){{0,2}}$", tail) for w in words("roles", "directing_verbs"))


_DIRECTING_TAIL = 6


def introduced_bodies(intro: str) -> tuple[str, ...]:
    """The bodies the sentence introducing a list makes responsible for its items ("… các
    sở, ban, ngành và Ủy ban nhân dân các xã cần triển khai các nhiệm vụ sau:", "Chủ tịch
    Ủy ban nhân dân tỉnh yêu cầu Sở Y tế:"), read after an assigning cue when there is one;
    () when the introduction does not end in ":" or names nobody.
    Bodies listed one after another with commas ("các sở, ban, ngành, Ủy ban Mặt trận Tổ
    quốc tỉnh, các xã, phường …") are read as one list, from the first."""
    sentences = [s for s in re.split(r"(?<=[.;])\s+", intro) if s.strip()]
    if not sentences:
        return ()
    last = _abbreviation_note().sub("", sentences[-1])
    if not last.rstrip().endswith(":"):
        return ()
    toks = tokenize(last)
    chain: list[str] = []  # the names of a list read so far, while each one ends at a comma
    read_to = 0  # the commas inside the names read so far start no new name
    for k, t in enumerate(toks):
        n = cue_len(toks, k) if t.low in CUE_FIRST else 0
        if n and k + n < len(toks):
            bl = read_bodies(last, toks, k + n)
            if bl.names:
                return bl.names
        if (k == 0 or t.text == ",") and k >= read_to:
            j = k if k == 0 else k + 1
            bl = read_bodies(last, toks, j, sentence_start=True)
            if not bl.names:
                chain = []
                continue
            if bl.followed_by_verb and not _issuer_speaks(toks, bl.end):
                return (*chain, *bl.names)
            tail = _tail_addressee(last, toks, bl.end)
            if tail:
                return (*chain, *bl.names, tail)
            ends_at_comma = bl.end < len(toks) and toks[bl.end].text == ","
            chain = [*chain, *bl.names] if ends_at_comma else []
            read_to = bl.end if ends_at_comma else 0
    return ()


_TAIL_WORDS = 4


def _tail_addressee(text: str, toks: Toks, at: int) -> str | None:
    """A list of bodies closed by "và" and addressees that are no body ("…, các doanh
    nghiệp và mọi người dân triển khai …", "… và Nhân dân thực hiện"): those few words,
    when a verb follows them."""
    if at >= len(toks) or toks[at].low != "và":
        return None
    for m in range(at + 2, min(at + 2 + _TAIL_WORDS, len(toks))):
        if toks[m].text in {",", ";", ":", "."}:
            return None
        if starts_with_verb(text[toks[m].start :]):
            return text[toks[at + 1].start : toks[m - 1].end]
    return None


@cache
def _abbreviation_note() -> re.Pattern[str]:
    """A note "(sau đây viết tắt là cơ quan, đơn vị)" after a list of bodies: not one of them."""
    notes = "|".join(re.escape(w) for w in words("structure", "abbreviation_notes"))
    return re.compile(rf"\s*\((?:{notes})\b[^)]*\)", re.IGNORECASE)


def _section_bodies(text: str) -> tuple[str, ...]:
    """The bodies a section heading makes responsible for its items: those it names as
    subjects, or its whole text when that is one body's name the subject reading cut short
    ("Các chủ đầu tư | xây dựng và kinh doanh hạ tầng")."""
    read = heading_bodies(text)
    named = _named_by_heading(text)
    if named and sum(len(n) for n in read) < 0.8 * len(named[0]):
        return named
    return read


def _named_by_heading(text: str) -> tuple[str, ...]:
    """A section heading that is a body's name ("5. Các chủ đầu tư xây dựng và kinh doanh
    hạ tầng khu công nghiệp", "c) Các doanh nghiệp thứ cấp đang hoạt động trong KCN:",
    "6. Trách nhiệm của các tổ chức, doanh nghiệp hoạt động trong lĩnh vực …"): the whole
    name, even where one of its words reads as a verb, as long as the heading assigns
    nothing itself (no "chủ trì", "thực hiện" …) and does not open with a verb."""
    name = text.strip().strip("*_ ").rstrip(":").strip(" *_")
    low = name.lower()
    for lead_in in words("structure", "body_heading_leadins"):
        if low.startswith(lead_in + " "):
            name = name[len(lead_in) :].strip()
            low = name.lower()
            break
    if not name or len(name.split()) > _BODY_HEADING_MAX_WORDS or starts_with_verb(name):
        return ()
    if name.endswith((".", ";")):
        return ()  # "1. Sở Nội vụ tổng hợp kết quả, báo cáo …." over sub-items: a sentence, no name
    toks = tokenize(name)
    head = _head_at(toks, 0, sentence_start=True)
    if not head:
        return ()
    # the words after the head ("Tổ công tác": a head that holds "công tác", no topic word)
    padded = f" {name[toks[head - 1].end :].lower()} "
    if any(f" {w} " in padded for w in words("structure", "body_heading_stops")):
        return ()
    # "Trách nhiệm của các sở, ban, ngành, Ủy ban nhân dân các xã, phường": two bodies
    several = whole_bodies(name)
    return several if len(several) > 1 else (name,)


def _unique(names: list[str]) -> list[str]:
    """The names once each; a lower-case name that is a tail of another one read with it
    ("phường" of "Ủy ban nhân dân xã, phường", "ngành liên quan" of "các sở, ngành liên
    quan") is the same body read twice, not one more. A capitalised one is a body of its
    own ("Hội đồng nhân dân thành phố" beside "các Ban của Hội đồng nhân dân thành phố")."""
    out: list[str] = []
    for n in names:
        n = n.strip(" ,;.:")
        if n and n.lower() not in (x.lower() for x in out):
            out.append(n)
    if len(out) < 2 or all(x[:1].isupper() for x in out):
        return out
    lows = [x.lower() for x in out]
    return [
        x
        for x, low in zip(out, lows, strict=True)
        if x[:1].isupper() or not any(other != low and other.endswith(" " + low) for other in lows)
    ]


_EMPHASIS = re.compile(r"\*+")


def _clean(text: str, notes: list[str], ctx: Context) -> str:
    def drop(m: re.Match[str]) -> str:
        fn = ctx.footnotes.get(m.group(1))
        if fn and fn.text not in notes:
            notes.append(fn.text)
        return ""

    if "[" in text:
        text = BRACKET_MARK.sub(drop, text)
    if "*" in text:
        # markdown emphasis inside a task ("trước *ngày 13 tháng 12 năm 2025*") is no part
        # of its words: left in, it hides dates and bodies from the patterns
        text = _EMPHASIS.sub("", text)
    return one_spaced(text)


def _deadline(text: str, start: int, end: int, ctx: Context) -> Deadline | None:
    masked = ctx.masked(start, end) if end - start >= len(text) - 5 else text
    if "*" in masked:
        masked = _EMPHASIS.sub("", masked)
    return deadlines.find_in_text(one_spaced(masked), ctx.doc_date, ctx.work_year)


def _descend_end(block: Block) -> int:
    end = block.end
    for c in block.children:
        if c.role in ("item", "para", "field"):
            end = max(end, _descend_end(c))
    return end


def _is_attribute_item(block: Block) -> bool:
    return (
        block.marker is not None and is_unnumbered(block.marker.style) and read_field(block.text) is not None
    )


_LETTERED: Final = ("letter", "letter_slash", "letter_dot", "letter_dash", "paren")


def _fold_attributes(block: Block) -> list[Block] | None:
    kids = [c for c in block.children if c.role in ("item", "para")]
    if not kids or block.marker is None or block.marker.style in ("roman", "part", "article"):
        return None
    attrs = [c for c in kids if _is_attribute_item(c)]
    if len(attrs) >= 2 and len(attrs) >= len(kids) - 1:
        return kids
    # "1. Lễ mít tinh" / "a) Thời gian: …" / "b) Địa điểm: …" / "c) Đơn vị chủ trì: …": lettered
    # sub-items that are every one a field describe the item above, which is the task
    if len(kids) >= 2 and all(
        c.marker is not None and c.marker.style in _LETTERED and read_field(c.text) is not None for c in kids
    ):
        return kids
    return None


def tasks_from_tree(root: Block, ctx: Context) -> list[Draft]:
    out: list[Draft] = []
    _visit(root, None, (), ctx, out)
    return out


def letter_requests(root: Block, ctx: Context) -> list[Draft]:
    """A letter with no items, whose paragraphs ask its addressees to act ("…, Sở Tài chính
    đề nghị các cơ quan, đơn vị đánh giá …, gửi báo cáo về Sở trước ngày 10/11/2026"): each
    such paragraph is a task (the request a clerk follows up), led by the bodies it asks or
    the letter's addressees. Only for a document whose tree and tables gave no task: where a
    letter has items, its unmarked paragraphs stay no tasks (CONVENTIONS rule 3). A closing
    that asks only that the letter be carried out ("Nhận được Công văn này, đề nghị các đơn
    vị khẩn trương triển khai thực hiện") names no work of its own."""
    out: list[Draft] = []
    listed: tuple[tuple[str, ...], str] | None = None  # the bodies an introduction asked
    for child in root.children:
        if child.children:
            continue
        text = child.text
        low = text.lower()
        if listed is not None and child.role in ("para", "closing"):
            # "… Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:" and then a paragraph a request, no
            # numbers: each is a task, led by its own subject or by those the introduction
            # asked (the addressees when it names no one), to the letter's closing sentence
            if _low_starts(low, "letter_closing_starts") or _only_carry_out(low) or is_closing_text(text):
                listed = None
                continue
            if starts_with_verb(text) or _names_anyone(find_roles(text)):
                out.append(_leaf(child, None, listed[0], ctx, None, listed[1]))
            continue
        if child.role != "para":
            continue
        if text.rstrip(" *_").endswith(":") and any(c in low for c in _REQUEST_CUES):
            introduced = introduced_bodies(text)
            if ctx.addressees and is_bare_group(introduced):
                introduced = ()  # "Sở Tài chính đề nghị các cơ quan, đơn vị:": the addressees
            listed = (introduced, "introduction") if introduced else (ctx.addressees, ctx.addressees_from)
            continue  # the introduction asks for what follows: no task of its own
        if not any(c in low for c in _REQUEST_CUES) or _low_starts(low, "letter_closing_starts"):
            continue
        if deadlines.tells_the_past(text, ctx.doc_date):
            continue  # "Ngày 20/8/2027, Ủy ban nhân dân tỉnh ban hành …, trong đó yêu cầu …"
        roles = find_roles(text)
        asked = asked_by_subject(text, roles.subject[0]) if roles.subject else None
        if asked is None:
            asked = asked_at_cue(text)  # also "Giao Văn phòng … tổng hợp": the cue's own body
        if not roles.leads and asked is None:
            continue  # no one is asked
        if _only_carry_out(low):
            continue
        out.append(_leaf(child, None, ctx.addressees, ctx, None, ctx.addressees_from))
    return out


_REQUEST_CUES: Final = words("roles", "assignment_cues")  # looked for before any reading


def _only_carry_out(low: str) -> bool:
    """ "… đề nghị các đơn vị khẩn trương triển khai thực hiện./.": the letter carried out,
    no work named (its last clause is one of the lexicon's execution phrases)."""
    tail = low.rstrip(" ./").rsplit(",", 1)[-1].strip()
    return any(tail.endswith(p) for p in words("structure", "carry_out_endings"))


def _assigned(block: Block) -> tuple[str, ...]:
    names: list[str] = []
    for c in block.children:
        if c.role == "assignment":
            value = c.text.split(":", 1)[1] if ":" in c.text else ""
            names.extend(split_bodies(value))
    return tuple(names)


def _may_hand_work(block: Block) -> bool:
    """Can an item under this block hand a named body work or look ahead? A word test on
    its items' text, before reading them as tasks (reading them all is the reference: the
    same tasks come out, tests/unit/extract/test_closing.py)."""
    stack = list(block.children)
    while stack:
        b = stack.pop()
        low = b.text.lower()
        if any(w in low for w in _SECTION_TASK_WORDS) or b.role == "field" or _field_tail(b.text) is not None:
            return True
        stack.extend(b.children)
    return False


# "giao Sở Y tế …", "giao cho Ban Tổ chức …": work handed to a body named with a capital
_HANDING: Final = words("structure", "section_handing_cue")
_HANDS_NAMED_BODY: Final = re.compile(
    r"(?:^|[\s,;:(])(?:"
    + "|".join(re.escape(v) for w in _HANDING for v in (w, w.capitalize()))
    + r")\s+(?:cho\s+)?[A-ZĐ]"
)
# the words without which no item of such a section is a task (the word test before reading it)
_SECTION_TASK_WORDS: Final = (*_HANDING, *words("structure", "work_to_come"))


def _visit(
    block: Block,
    section: str | None,
    inherited: tuple[str, ...],
    ctx: Context,
    out: list[Draft],
    source: str = "",
) -> None:
    """`source` says where `inherited` came from ("heading", "introduction", …)."""
    assigned = _assigned(block)
    inherited_here = assigned or inherited
    source_here = "assignment" if assigned else source
    shared = _shared_fields(block)
    for child in block.children:
        if child.role not in ("item", "para") or (block.role == "root" and child.role == "para"):
            continue  # an unmarked paragraph outside the items is no task (CONVENTIONS rule 3)
        text = child.text
        low = text.lower()
        kids = [c for c in child.children if c.role in ("item", "para")]
        if child.marker is None and not kids:
            phase = _phase_line(text, ctx)
            if phase is not None:
                # "Giai đoạn 1: đến hết năm 2027" between the items: it bounds those after it
                ctx = replace(ctx, default=phase, default_is_phase=True)
                section = " ".join(text.replace("*", " ").split())
                continue
        attrs = _fold_attributes(child)
        fields = [c for c in child.children if c.role == "field"]
        if kids and attrs is None and not fields:
            # "1. Chuyên đề 1: …" / "- Thời gian: Tháng 5/2027." / "- Chi bộ các thôn tổ chức …":
            # a field written as a bullet beside the work it bounds is the heading's field too
            marked = [c for c in kids if _is_attribute_item(c)]
            if marked and len(marked) < len(kids) and child.marker is not None:
                fields = marked
        if kids and attrs is None and fields:
            # a heading's field block governs its sub-items: their lead and time bound
            lead, bound = _field_defaults(fields, ctx)
            inner = ctx if bound is None else replace(ctx, default=bound, default_is_phase=False)
            named = heading_bodies(text)
            heir, heir_from = (
                (lead, "field") if lead else (named, "heading") if named else (inherited_here, source_here)
            )
            _visit(child, child.heading, heir, inner, out, heir_from)
            continue
        fields = fields or shared.get(id(child), [])
        if fields:
            attrs = [*(attrs or []), *fields]
        if period_statement(child) is not None:
            continue  # the plan's period: the document's default, never a task
        if kids and attrs is None and _topic_paragraphs(child, kids):
            # "1. Về dự án cầu …:" then paragraphs: together one task, every body they name
            merged = Block(None, [ln for k in kids for ln in k.lines], role="para")
            out.append(_leaf(merged, child.heading, inherited_here, ctx, None, source_here))
            continue
        if kids and attrs is None:
            scores = _heading_starts(low, "criteria_sections")
            if (scores and not _low_contains(low, "criteria_exceptions")) or (
                _heading_starts(low, "non_task_sections") and not _low_contains(low, "task_section_words")
            ):
                # no tasks here, but an item that hands a named body work ("a) Trên cơ sở kết
                # quả …, giao Sở Y tế thành lập đoàn kiểm tra …", CONVENTIONS rule 2)
                if not _may_hand_work(child):
                    continue  # spare reading items that can hold neither (most such sections)
                held: list[Draft] = []
                _visit(child, child.heading, (), ctx, held, "")
                out.extend(
                    d
                    for d in held
                    if (_HANDS_NAMED_BODY.search(d.text) and d.lead)
                    or looks_ahead(d.text)
                    or (d.lead and d.lead_from == "field")  # "… Trách nhiệm: Chi cục X; …"
                )
                continue
            bodies: tuple[str, ...] = ()
            if child.marker is not None and text.rstrip(" *").endswith(":"):
                # "2. Thời gian tới, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, … thực hiện
                # tốt các nhiệm vụ sau:": a numbered item that introduces the list under it
                bodies = introduced_bodies(text)
            if not bodies and child.marker is not None:
                bodies = _section_bodies(text)
            phase = _phase(text, ctx)
            inner = ctx if phase is None else replace(ctx, default=phase, default_is_phase=True)
            own = _assigned(child)
            if bodies:
                inner = replace(inner, partners=_partners(text))
                _visit(child, child.heading, bodies, inner, out, "heading")
            elif own:
                _visit(child, child.heading, own, inner, out, "assignment")
            else:
                if child.marker is not None and text.rstrip(" *").endswith(":"):
                    # "a) Chỉ đạo các ngân hàng … phối hợp với Sở Y tế …, cụ thể như sau:": a
                    # parent that names no lead may name the partners of the work below it
                    inner = replace(inner, partners=_partners(text) or inner.partners)
                _visit(child, child.heading, inherited_here, inner, out, source_here)
            continue
        if _low_starts(low, "non_task_starts") or _low_contains(low, "non_task_contains"):
            continue
        if _low_contains(low, "detail_pointers") and not _HANDS_NAMED_BODY.search(text):
            continue
        if _low_contains(low, "appendix_pointers") and not _dated(text, ctx):
            continue  # "Các sở, ngành thực hiện các nhiệm vụ cụ thể tại Phụ lục kèm theo."
        if (
            child.marker is not None
            and child.marker.style == "ordinal"
            and not kids
            and not starts_with_verb(text)
            and not _names_anyone(find_roles(text))
        ):
            continue  # "Thứ nhất, vùng lõi nghèo hiện nay là …": a point argued, no instruction
        if (_low_starts(low, "approval_starts") or _praises(low)) and not find_roles(text).leads:
            continue  # agreed or praised, and handed to nobody
        if (
            child.marker is not None
            and child.marker.style == "article"
            and not kids
            and _low_starts(low, "enacting_starts")
            and not find_roles(text).leads
        ):
            continue  # "Điều 1. Thành lập Tổ công tác …": the decision's own act
        if not kids and deadlines.opens_with_a_time_of_day(text) and not find_roles(text).leads:
            continue  # "7 giờ 30 - 8 giờ 00: Đón tiếp đại biểu.": a ceremony's running order
        if not kids and _contact_line(text):
            continue  # "Trung tâm Kiểm soát bệnh tật tỉnh: 0232.3822.115.": whom to call
        if not kids and _states_a_figure(text) and not find_roles(text).leads:
            continue  # "Tổng chi ngân sách địa phương: 15.200 tỷ đồng.": a figure decided
        if (
            _low_starts(low, "funding_starts")
            or (child.marker is None and _low_starts(block.text.strip(" *_").lower(), "funding_starts"))
        ) and _names_no_subject(text):
            # where the money comes from (CONVENTIONS rule 2): "Kinh phí: từ nguồn …", or the
            # paragraph under "III. KINH PHÍ" that names no one ("Từ nguồn ngân sách …")
            continue
        if (
            not kids
            and child.is_heading()
            and (text.endswith(":") or (child.marker and child.marker.style in ("roman", "part")))
        ):
            if child.role == "para" and text.endswith(":"):
                # "Giao Cục Quản lý Khám, chữa bệnh:" or "… các sở, ngành và Ủy ban nhân dân
                # các xã triển khai các nhiệm vụ sau:" then items: they are these bodies' tasks.
                # The introduction's reading first: "Để …, Thủ tướng Chính phủ yêu cầu các bộ
                # … thực hiện các nhiệm vụ sau:" names the speaker as its subject, and the
                # bodies after the cue do the items (CONVENTIONS rule 7)
                introduced = introduced_bodies(text) or heading_bodies(text)
                if introduced:
                    inherited_here, source_here = introduced, "introduction"
                    ctx = replace(ctx, partners=introduced_partners(text))
            continue
        if block.role == "root" and child.marker is None:
            continue
        if not kids and (_reports_results(text, low) or _assesses(low)):
            continue  # "Trong 9 tháng đầu năm, tình hình … ổn định; thu ngân sách đạt 81%": no task
        if child.marker is None and not kids and _asks_nothing(text, low):
            continue  # "I. NỘI DUNG GIÁM SÁT" / "Việc thực hiện chính sách …": a topic, no task
        drafts = _split_inline(child, section, inherited_here, ctx, source_here)
        if drafts is not None:
            out.extend(drafts)
            continue
        out.append(_leaf(child, section, inherited_here, ctx, attrs, source_here))


def _partners(heading: str) -> tuple[str, ...]:
    """The bodies a heading names to work with its lead."""
    return find_roles(heading).support


def introduced_partners(intro: str) -> tuple[str, ...]:
    """The bodies the sentence introducing a list names to work with the bodies it makes
    responsible ("Giao Sở Công Thương chủ trì, phối hợp với Sở Tài chính thực hiện các
    nhiệm vụ sau:"): the last sentence's, when it ends in ":" as `introduced_bodies` reads."""
    last = intro.rstrip()
    if not last.endswith(":"):
        return ()
    return find_roles(re.split(r"(?<=[.;])\s+", last)[-1]).support


# where an item's lead came from when a heading or an introduction names it
_FROM_ABOVE: Final = frozenset({"heading", "introduction", "document"})


def period_statement(block: Block) -> str | None:
    """What a numbered "Thời gian thực hiện" heading of a plan says, when it states the
    period of the whole plan ("3. Thời gian thực hiện: Từ nay đến hết năm 2025." or the
    heading then one paragraph): the words after the label; None for any other block. A
    heading that lists rounds or phases (sub-items) is not one statement."""
    if block.marker is None or block.role != "item" or block.marker.style not in PLAN_NUMBERS:
        return None
    if not may_open_label(block.text):
        return None  # spares the work below for every heading but a field label's
    heading = _EMPHASIS.sub(" ", block.text).strip()
    label, colon, rest = heading.partition(":")
    if not colon and heading.isupper():
        label, rest = heading, ""  # "THỜI GIAN GIÁM SÁT", its paragraph below it
    elif not colon:
        # the heading and its paragraph joined into one line: the label ends where a new
        # sentence starts ("Thời gian thực hiện Từ nay đến hết năm 2025.")
        words_ = heading.split()
        cut = next((i for i in range(1, len(words_)) if words_[i][:1].isupper()), len(words_))
        label, rest = " ".join(words_[:cut]), " ".join(words_[cut:])
    if label_kind(label.strip()) != "deadline":
        return None
    rest = rest.strip()
    kids = [c for c in block.children if c.role in ("item", "para")]
    if any(c.marker is not None or c.role == "item" for c in kids) or (rest and kids) or len(kids) > 1:
        return None
    said = rest or (kids[0].text if kids else "")
    return said or None


def stated_period(root: Block, ctx_date: date | None) -> Deadline | None:
    """The plan's own period, stated once under a "Thời gian thực hiện" heading
    (CONVENTIONS rule 12): the document's default deadline when its introduction gives none.
    The first such heading in reading order counts."""
    stack = list(reversed(root.children))
    while stack:
        block = stack.pop()
        said = period_statement(block)
        if said is not None:
            found = deadlines.find_in_text(" ".join(said.split()), ctx_date)
            return found if found is not None and found.date is not None else None
        stack.extend(reversed([c for c in block.children if c.role == "item"]))
    return None


def _shared_fields(block: Block) -> dict[int, list[Block]]:
    """A field block after several items governs each of them back to the previous block
    ("- a\n- b\nĐơn vị chủ trì: X" → X leads a and b): item id → the fields it shares."""
    out: dict[int, list[Block]] = {}
    current: list[Block] = []
    for child in reversed(block.children):
        if child.role != "item":
            continue
        own = [c for c in child.children if c.role == "field"]
        if own:
            current = own
        elif current and _field_tail(child.text) is not None:
            current = []  # "… . Thời hạn: 15/8/2027.": its own fields, on its line; a block above
        elif current and not any(c.role in ("item", "para") for c in child.children):
            out[id(child)] = current
    return out


def _field_defaults(fields: list[Block], ctx: Context) -> tuple[tuple[str, ...], Deadline | None]:
    """The lead and time bound a heading's field block gives the items under it."""
    lead: list[str] = []
    bound: Deadline | None = None
    for kind, value in (found for f in fields for found in split_fields(f.text)):
        if kind == "lead":
            lead.extend(split_bodies(_VALUE_END.split(value)[0]))
        elif kind == "deadline" and bound is None:
            parsed = deadlines.parse_value(value, ctx.doc_date, ctx.work_year)
            bound = parsed if parsed.date is not None or parsed.recurrence is not None else None
    return tuple(lead), bound


def _phase(heading: str, ctx: Context) -> Deadline | None:
    """The bound a section heading sets for the items under it (CONVENTIONS rule 10, 12):
    "Giai đoạn 2026 - 2030" → its end; "Giai đoạn 1 (đến hết năm 2027):" or "Nhiệm vụ
    trước ngày 30/6/2026:" → that date. It stands in for the document's default there."""
    flat = " ".join(heading.replace("*", " ").split())
    if len(flat) > 160:
        # a paragraph, not a heading; but one that introduces the items below may open with
        # their bound ("2. Trong năm 2027, Ban Thường vụ Huyện ủy yêu cầu … các nhiệm vụ sau:")
        opening = flat.split(",", 1)[0]
        if not flat.endswith(":") or len(opening) > _OPENING_BOUND:
            return None
        flat = opening
    phase = deadlines.phase_end(flat) or deadlines.bracketed_period(flat, ctx.doc_date)
    if phase is not None:
        return phase
    if (period := _tasks_of_a_period(flat)) is not None:
        # "2. Nhiệm vụ trọng tâm tháng 5 năm 2027": the work of that period (rule 12)
        value = deadlines.parse_value(period, ctx.doc_date, ctx.work_year)
        if value.date is not None:
            return value
    if len(flat) <= _GROUP_LABEL:
        # a heading that is only a period ("I. THÁNG 01/2027", "Quý II năm 2027"), as a
        # table's group row is (_group_bound)
        value = deadlines.parse_value(flat.rstrip(" :"), ctx.doc_date, ctx.work_year)
        if value.date is not None and _only_a_period(flat):
            return value
    own = deadlines.find_in_text(flat, ctx.doc_date, ctx.work_year)
    return own if own is not None and own.date is not None else None


def _topic_paragraphs(item: Block, kids: list[Block]) -> bool:
    """A numbered topic ("2. Về dự án đường tỉnh 885:") whose unmarked paragraphs are,
    together, one task (CONVENTIONS rule 1); a part's heading ("III. TỔ CHỨC THỰC HIỆN")
    keeps a task per paragraph."""
    if item.marker is None or item.marker.style in ("roman", "part", "article") or len(kids) < 2:
        return False
    if not all(k.role == "para" and k.marker is None and not k.children for k in kids):
        return False
    heading = item.text.strip(" *_")
    # its colon, or a title's shape: short, no full stop ("2. Về nhiệm vụ thời gian tới")
    titled = heading.endswith(":") or (
        not heading.endswith((".", ";")) and len(heading.split()) <= TOPIC_TITLE_WORDS
    )
    return titled and heading.lower().startswith(topic_openers())


_OPENING_BOUND = 40  # the longest time phrase that opens an introducing sentence


def _reports_results(text: str, low: str) -> bool:
    """An item that reports what was achieved (CONVENTIONS rule 2): words of a result, and
    nothing that asks anyone to act (no verb first, no cue, no body as a subject) — or a body
    as its subject where the item opens on the time gone by ("Thời gian qua, Đảng ủy xã đã
    lãnh đạo … đạt nhiều kết quả; thu ngân sách đạt 38% dự toán"), asking nothing of anyone
    and looking at nothing ahead."""
    if starts_with_verb(text):
        return False  # the verb first: four words read spare a dozen searches of the text
    if _low_starts(low, "past_openers"):
        done = " đã " in low and (_low_contains(low, "result_phrases") or _reached_a_figure(low))
        return done and not _asks(low, "structure") and not _low_contains(low, "looking_ahead")
    if not _low_contains(low, "result_phrases"):
        return False
    return not _asks(low, "roles") and _names_no_subject(text)


def _assesses(low: str) -> bool:
    """An item that weighs results against shortcomings (CONVENTIONS rule 2): "Thời gian
    qua, … đã tích cực triển khai …. Tuy nhiên, tiến độ còn chậm …", with no one asked to
    act and nothing ahead looked at."""
    turn = next((k for t in words("structure", "assessment_turns") if (k := low.find(t)) > 0), -1)
    if turn < 0:
        return False
    before, after = low[:turn], low[turn:]
    done = " đã " in before or _low_contains(before, "result_phrases") or _reached_a_figure(before)
    lacking = any(f" {w} " in after for w in words("structure", "shortcoming_words"))
    return done and lacking and not _asks(low, "structure") and not _low_contains(low, "looking_ahead")


@cache
def _achieved() -> re.Pattern[str]:
    listed = "|".join(map(re.escape, words("structure", "achieved_words")))
    return re.compile(rf"(?<!\w)(?:{listed})\s+\d")


def _reached_a_figure(low: str) -> bool:
    """ "… đạt 65% khối lượng", "ước đạt 1.200 tỷ đồng": a figure reached (lower case)."""
    return _achieved().search(low) is not None


def _asks_nothing(text: str, low: str) -> bool:
    """An unmarked paragraph that asks no one to act: no verb first, no assigning cue, no
    modal ("phải", "cần"), no body as a subject."""
    if starts_with_verb(text) or _opens_with_body(text):
        return False  # the common paragraph, told apart before any search of its words
    return not _asks(low, "structure") and _names_no_subject(text)


def _asks(low: str, scope: str) -> bool:
    """Does the text hand work to someone? A requirement spoken of as a noun ("chưa đáp ứng
    yêu cầu", "theo yêu cầu") asks nothing."""
    for phrase in words("structure", "requirement_nouns"):
        if phrase in low:
            low = low.replace(phrase, " ")
    return _asking_words(scope).search(low) is not None


@cache
def _asking_words(scope: str) -> re.Pattern[str]:
    """The cues that hand work to someone ("giao", "đề nghị"), and with scope "structure"
    the modals that ask for it without naming who ("phải", "cần"), as one pattern."""
    listed = [
        *words("roles", "assignment_cues"),
        *(words("structure", "modal_words") if scope == "structure" else ()),
    ]
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, listed)) + r")(?!\w)")


def _opens_with_body(text: str) -> bool:
    toks = tokenize(" ".join(text[:60].split()[:6]))
    return bool(toks) and bool(_head_at(toks, 0, sentence_start=True))


def _names_no_subject(text: str) -> bool:
    roles = find_roles(text)
    return not roles.subject and not roles.leads


def _phase_line(text: str, ctx: Context) -> Deadline | None:
    """An unmarked line that opens a phase of the items below it ("Giai đoạn 2: từ năm 2028
    đến năm 2030", "Đợt 1 (đến hết tháng 6/2026):"): the bound it sets; None for any other."""
    return _phase(" ".join(text.replace("*", " ").split()), ctx) if opens_phase(text) else None


def _split_inline(
    block: Block, section: str | None, inherited: tuple[str, ...], ctx: Context, source: str = ""
) -> list[Draft] | None:
    """'Giao Đảng uỷ Chính phủ: (i) Chỉ đạo …; (ii) Chỉ đạo …' → one task per (i)."""
    text = block.text
    if "(i" not in text and "(v" not in text and "(x" not in text:
        return None  # no "(i)", "(v)", "(x)"…: spare the pattern its scan of the whole text
    parts = list(INLINE_ENUM.finditer(text))
    if len(parts) < 2:
        return None
    lead_in = text[: parts[0].start()].strip()
    if not lead_in.endswith(":") or len(lead_in.split()) > 10:
        return None
    introduced = heading_bodies(lead_in)
    bodies, source = (introduced, "introduction") if introduced else (inherited, source)
    drafts = []
    base = block.start
    # the section is the lead-in as written, marker included ("2. Giao Văn phòng Huyện ủy:")
    heading = block.heading
    cut = heading.find(lead_in[-20:])
    heading = heading[: cut + min(20, len(lead_in))] if cut >= 0 else heading
    for k, m in enumerate(parts):
        seg_end = parts[k + 1].start() if k + 1 < len(parts) else len(text)
        seg = text[m.end() : seg_end].strip()
        # offsets: locate the segment's first words in the source after the block start
        start, end = _locate(seg, ctx.text, base, block.end)
        start = start if start >= 0 else block.start
        draft = _make(seg, start, max(end, start + 1), heading, bodies, ctx, None, source=source)
        drafts.append(draft)
        base = max(start + 1, end)
    return drafts


def _locate(segment: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Where a segment of a joined block stands in the source, whatever the whitespace
    between its words there (double spaces, a line break): its first and last words found
    in order from `start`, within the block. (-1, -1) when they are not."""
    words_ = segment.split()
    if not words_:
        return -1, -1
    head = re.compile(r"\s+".join(re.escape(w) for w in words_[:4]))
    m = head.search(text, start, end)
    if m is None:
        return -1, -1
    tail_words = words_[-3:]
    tail = re.compile(r"\s+".join(re.escape(w) for w in tail_words))
    # the source has at least the segment's characters: its tail ends no sooner
    earliest = max(m.start(), m.start() + len(segment) - len(" ".join(tail_words)) - 1)
    last = tail.search(text, earliest, end)
    return m.start(), last.end() if last is not None else m.start() + len(segment)


def _leaf(
    block: Block,
    section: str | None,
    inherited: tuple[str, ...],
    ctx: Context,
    attrs: list[Block] | None,
    source: str = "",
) -> Draft:
    notes: list[str] = []
    for ln in block.lines:
        if ln.kind == "marker" and ln.text in ctx.footnotes and ctx.footnotes[ln.text].text not in notes:
            notes.append(ctx.footnotes[ln.text].text)
    text = block.text
    end = block.end
    if attrs:
        # an attribute bullet's own field lines ("- Đơn vị phối hợp: …" / "Kinh phí: …") too
        parts = [_as_written(a) for a in attrs]
        parts += [_as_written(f) for a in attrs for f in a.children if f.role == "field"]
        text = " ".join([text, *parts])
        end = _descend_end(block)
    text, end = _cut_closing(text, block.start, end, ctx)
    draft = _make(text, block.start, end, section, inherited, ctx, attrs, notes, source=source)
    return draft


def _as_written(block: Block) -> str:
    """A field line with its bullet as the source has it ("- Thời hạn: …", or none): the
    task's text must read as its span does."""
    if block.marker is not None:
        return f"{block.marker.text} {block.text}"
    raw = block.lines[0].raw.lstrip() if block.lines else ""
    # a field line under a field line keeps its bullet in the line, not as a marker
    return f"{raw[0]} {block.text}" if _BULLET_AS_WRITTEN.match(raw) else block.text


_BULLET_AS_WRITTEN = re.compile(r"[-+•–]\s")


def _cut_closing(text: str, start: int, end: int, ctx: Context) -> tuple[str, int]:
    """The last item often runs into the closing sentence ("… ./. Văn phòng Chính phủ thông
    báo để … biết, thực hiện"): it is not part of the task."""
    m = _closing_sentence().search(text) if _may_hold_closing(text) else None
    if m is None:
        return text, end
    words_ = m.group(2).split()[:6]
    pattern = re.compile(r"\s+".join(map(re.escape, words_)), re.I)
    # the closing sentence is the last place these words occur (the task may start with them)
    matches = list(pattern.finditer(ctx.text, start, end))
    found = matches[-1] if matches else None
    new_end = (
        start + len(ctx.text[start : found.start()].rstrip()) if found and found.start() > start else end
    )
    return text[: m.start(1)].rstrip(), new_end


def _may_hold_closing(text: str) -> bool:
    """Can the closing-sentence pattern match? Every branch of it holds one of its words,
    in whatever case: a substring test spares most texts the pattern's scan (tested
    against the pattern alone)."""
    low = text.lower()
    return any(w in low for w in _closing_words())


@cache
def _closing_words() -> tuple[str, ...]:
    return tuple(
        w.lower()
        for key in ("closing_sentences", "closing_phrases", "closing_offices", "closing_notifier_verbs")
        for w in words("structure", key)
    )


@cache
def _closing_sentence() -> re.Pattern[str]:
    """'. ' or '; ' then a closing sentence: group 1 from the space, group 2 the sentence.
    The pattern opens with the stop (not a look-behind): the regex engine skips to the stops."""
    starts = "|".join(re.escape(w) for w in words("structure", "closing_sentences"))
    thanks = "|".join(re.escape(w) for w in words("structure", "closing_phrases"))
    offices = "|".join(re.escape(w) for w in words("structure", "closing_offices"))
    verbs = "|".join(re.escape(w) for w in words("structure", "closing_office_verbs"))
    return re.compile(
        rf"[.;](\s+((?:{starts})\b.*|(?:{offices})\b[^.;:]{{0,60}}?\b(?:{verbs})\b.*"
        rf"|{issuer_notifies()}.*"
        rf"|[^.;]{{0,80}}?\b(?:{thanks})\b.*))$",
        re.I | re.S,
    )


# Where a body named above the item speaks in it (a heading "2. Sở Xây dựng:", its field
# block, an assignment line): "… hướng dẫn, đôn đốc, yêu cầu các đơn vị điều chỉnh …" inside
# the item is what that body asks of others, not a second lead (CONVENTIONS rule 17).
_SPEAKING_BODY: Final = frozenset({"heading", "field", "assignment"})
# A letter's addressees (Kính gửi) receive it, they do not speak in its items: "…; giao Sở X
# chủ trì …" inside an item names the item's own lead instead. Bodies an introduction names
# do speak in the items ("Đảng ủy Chính phủ: … chỉ đạo Đảng ủy Bộ Y tế chủ trì …", rule 17).
_GENERAL: Final = frozenset({"addressees"})


def _make(
    text: str,
    start: int,
    end: int,
    section: str | None,
    inherited: tuple[str, ...],
    ctx: Context,
    attrs: list[Block] | None,
    notes: list[str] | None = None,
    *,
    source: str = "",
) -> Draft:
    notes = notes if notes is not None else []
    text = _clean(text, notes, ctx)
    lead: list[str] = []
    support: list[str] = []
    deadline: Deadline | None = None
    product: str | None = None
    main_text = text
    fields: list[tuple[str, str]] = []
    if attrs:
        # the item's own words, before its first field line (not cut at a dash inside them:
        # "cơ sở dữ liệu về cung - cầu lao động")
        first = text.find(attrs[0].text)
        main_text = text[:first].rstrip(" *" + BULLET_STARTS) if first > 0 else text
        fields = [f for a in attrs for f in split_fields(a.text)]
    elif "(" in text:
        # "… (cơ quan chủ trì: Sở X; cơ quan phối hợp: Sở Y; thời gian: quý III/2027)": the
        # item's field block in parentheses, read as its field lines would be
        inline = _INLINE_FIELDS.search(text)
        if inline is not None and read_field(inline.group(1).strip()) is not None:
            fields = split_fields(inline.group(1).strip())
            main_text = (text[: inline.start()] + text[inline.end() :]).strip()
    if not attrs and not fields and ":" in text:
        # "… tại các xã. Trách nhiệm: Phòng X chủ trì, Thanh tra Sở phối hợp; thời gian:
        # tháng 10 - 11/2027.": the fields run on after the item's sentence
        tail = _field_tail(text)
        found = split_fields(text[tail:]) if tail is not None else []
        # who or by when; a product alone is read in place ("… . Sản phẩm: …. (Giao: Bộ X).")
        if tail is not None and any(kind in ("lead", "support", "deadline") for kind, _ in found):
            fields = found
            main_text = text[:tail].rstrip(" ;,")
    if fields:
        for kind, value in fields:
            value = _VALUE_END.split(value)[0].strip(" ;")
            if kind == "lead" and _CELL_ROLE.search(value):
                # "Trách nhiệm: Phòng A chủ trì, Thanh tra Sở phối hợp": both roles in one field
                leads, partners = _roles_in_cell(value)
                lead.extend(leads)
                support.extend(partners)
            elif kind == "lead":
                lead.extend(split_bodies(value))
            elif kind == "support":
                support.extend(split_bodies(value))
            elif kind == "deadline" and deadline is None:
                deadline = deadlines.parse_value(value, ctx.doc_date, ctx.work_year)
            elif kind == "product":
                product = value.strip(" .")
    if not lead and not fields and text.rstrip(" .;").endswith((")", "]")):
        # "Hoàn thiện Đề án …, trình Ủy ban nhân dân tỉnh trong tháng 11/2027 (Sở Nội vụ).",
        # "… (Văn phòng Sở; tháng 12/2027)", "… [Sở Giáo dục và Đào tạo, quý II/2027]": a
        # closing parenthesis that names who does the item, by when, and nothing else
        closing = _CLOSING_BODIES.search(text)
        in_paren = _paren_fields(closing.group(1).strip(), text[: closing.start()], ctx) if closing else None
        if closing is not None and in_paren is not None:
            lead.extend(in_paren[0])
            support.extend(in_paren[1])
            deadline = in_paren[2]
            main_text = text[: closing.start()].rstrip()
    if not lead and not fields and ("–" in text or "—" in text):
        # "Cập nhật thủ tục hành chính lên Cổng Dịch vụ công – Văn phòng Sở – thường xuyên.":
        # the compact form of a plan's list, the work, who does it and by when set off by dashes
        dashed = _dash_fields(text, ctx)
        if dashed is not None:
            main_text, leads, partners, bound = dashed
            lead.extend(leads)
            support.extend(partners)
            deadline = bound
    if product is None and "ản phẩm" in main_text:
        pm = _INLINE_PRODUCT.search(main_text)
        if pm:
            product = pm.group(1).strip(" .;")  # "… Sản phẩm: Nghị định của Chính phủ."
    roles = find_roles(main_text)
    if lead and roles.subject:
        # the item's own subject comes before its field block (issue #14, CONVENTIONS rule
        # 5): "- Các cơ quan, đơn vị tiếp tục …" / "Đơn vị thực hiện: Các Sở, ngành, …"
        lead = []
    lead_from = "field" if lead else ""
    if not lead and attrs and (named := whole_bodies(main_text)):
        # "2. Phòng Kế hoạch - Tài chính" / "- Thời gian thực hiện: …" / "- Nội dung: …": the
        # item names only its body, its field lines say the rest; that body does the work
        lead, lead_from = list(named), "heading"
    if (
        not lead
        and roles.subject
        and inherited
        and tuple(inherited) != ctx.addressees
        and _requests(main_text)
    ):
        # "2. Sở X: - Yêu cầu các đơn vị … lắp đặt …": the body above asks, the others are asked
        lead, lead_from = list(inherited), source or "heading"
    if not lead and roles.subject and _is_issuer(roles.subject, ctx.issuer):
        # "Sở Tài chính đề nghị các cơ quan, đơn vị đánh giá …" in the Sở's own letter: the
        # issuer asks, the asked lead (CONVENTIONS rule 7); "các đơn vị", "Quý cơ quan" are
        # whom the letter is addressed to (rule 5)
        asked = asked_by_subject(main_text, roles.subject[0])
        if asked and not is_bare_group(asked):
            lead, lead_from = list(asked), "own"
        elif asked is not None and ctx.addressees:
            lead, lead_from = list(ctx.addressees), ctx.addressees_from
    if not lead:
        if roles.subject and not (inherited and all(is_bare_body(n) for n in roles.subject)):
            lead, lead_from = list(roles.subject), "own"
            if ctx.directing and inherited in ((), ctx.addressees) and ctx.addressees_from == "document":
                lead = [*ctx.addressees, *lead]
        elif inherited:
            lead, lead_from = list(inherited), source or "heading"
            if tuple(inherited) == ctx.addressees:
                lead_from = ctx.addressees_from  # the document's own introduction
        elif ctx.addressees:
            lead, lead_from = list(ctx.addressees), ctx.addressees_from
    if roles.leads and lead_from not in _SPEAKING_BODY:
        if lead_from in _GENERAL:
            lead, lead_from = [], "own"  # the item hands its work to a body of its own
        lead.extend(roles.leads)
        lead_from = lead_from or "own"
    support.extend(roles.support)
    if lead_from in _FROM_ABOVE:
        support.extend(ctx.partners)  # with the item's own partners, if it names any
    if deadline is None:
        deadline = (
            _deadline(text, start, end, ctx)
            if not attrs
            else deadlines.find_in_text(main_text, ctx.doc_date, ctx.work_year)
        )
    deadline = _effective(deadline, ctx)
    lead = _unique(lead)
    return Draft(
        section=section,
        text=text,
        start=start,
        end=end,
        lead=lead,
        support=[s for s in _unique(support) if s.lower() not in {x.lower() for x in lead}],
        deadline=deadline,
        targets=find_targets(main_text),
        product=product,
        notes=notes,
        lead_from=lead_from,
        review=review_flags(lead, lead_from, deadline, ocr_confidence=ctx.ocr_confidence),
    )


def _is_issuer(subject: tuple[str, ...], issuer: str | None) -> bool:
    """Is the subject the issuing body ("Sở Tài chính" of "ỦY BAN NHÂN DÂN TỈNH X SỞ TÀI
    CHÍNH", "UBND tỉnh" of "ỦY BAN NHÂN DÂN TỈNH X")?"""
    if not issuer or len(subject) != 1:
        return False
    name = _plain_name(subject[0])
    # or its head: "Chủ tịch Ủy ban nhân dân tỉnh" in the committee's letter (CONVENTIONS rule 7)
    head = next((t for t in _issuer_head_titles() if name.startswith(t + " ")), None)
    if head is not None:
        name = name[len(head) + 1 :]
    return name in _plain_name(issuer)


@cache
def _issuer_head_titles() -> tuple[str, ...]:
    return tuple(_plain_name(t) for t in words("roles", "issuer_head_titles"))


def _plain_name(name: str) -> str:
    """Lower case, heads spelled out, no tone marks ("Uỷ ban" and "Ủy ban" alike)."""
    low = name.lower()
    for short, full in table("bodies", "head_abbreviations").items():
        low = low.replace(short, str(full))
    return " ".join(toneless(low).split())


@cache
def _requesting() -> re.Pattern[str]:
    cues = "|".join(re.escape(w) for w in words("roles", "requesting_cues"))
    return re.compile(rf"^[\W_]*(?:{cues})\b", re.I)


def _requests(text: str) -> bool:
    """Does the item open with a body's request of others ("Yêu cầu các đơn vị …")?"""
    return _requesting().match(text) is not None


_CLOSING_BODIES = re.compile(r"[(\[]([^()\[\]]{3,200})[)\]][\s.;]*$")
# a time bound that stands alone in the parenthesis: a day, a month or a quarter ("(tháng
# 6/2027)"), never a bare year, which names what the item is about ("Nghị quyết số 12 (năm
# 2025)", "(giai đoạn 2021 - 2025)")
_PAREN_TIME = re.compile(r"tháng|quý|ngày|\d/\d|hằng|hàng|định kỳ", re.I)
_YEARS = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# a cycle's word right before the parenthesis: what follows is the cycle's cut-off
_CYCLE_BEFORE_PAREN = re.compile(r"(?:(?:hằng|hàng|mỗi)\s+(?:năm|quý|tháng|tuần|ngày)|định\s+kỳ)\s*$", re.I)


def _paren_fields(
    inner: str, before: str, ctx: Context
) -> tuple[tuple[str, ...], tuple[str, ...], Deadline | None] | None:
    """(leads, supports, bound) of an item's closing parenthesis that holds only who does it
    and by when ("Văn phòng Sở; tháng 12/2027", "Thanh tra Sở chủ trì, Phòng Y phối hợp",
    "tháng 6/2027"); None when it holds anything else."""
    parts = [p.strip() for p in inner.split(";") if p.strip()]
    if len(parts) == 1 and "," in inner:
        head, _, tail = inner.rpartition(",")
        if deadlines.parse_value(tail.strip(), ctx.doc_date, ctx.work_year).date is not None:
            parts = [head.strip(), tail.strip()]  # "Sở Giáo dục và Đào tạo, quý II/2027"
    found = _who_and_when(parts, ctx)
    if found is None:
        return None
    leads, partners, bound = found
    if not leads and (bound is None or not _dates_the_work(inner, before, bound, ctx)):
        return None
    return tuple(leads), tuple(partners), bound


def _who_and_when(parts: list[str], ctx: Context) -> tuple[list[str], list[str], Deadline | None] | None:
    """(leads, supports, bound) of parts each of which is the bodies (roles marked or not)
    or a time bound, at most one of each; None when a part is anything else."""
    leads: list[str] = []
    partners: list[str] = []
    bound: Deadline | None = None
    for part in parts:
        value = deadlines.parse_value(part, ctx.doc_date, ctx.work_year)
        if bound is None and (value.date is not None or value.recurrence is not None):
            bound = value
            continue
        if leads or not whole_bodies(_CELL_ROLE.sub(" ", part).strip(" ,;")):
            return None
        leads, partners = _roles_in_cell(part)
    return leads, partners, bound


def _dates_the_work(inner: str, before: str, bound: Deadline, ctx: Context) -> bool:
    """Is a time alone in an item's closing parenthesis its bound? A day, a month or a
    quarter still to come, never an event's span ("(20/11/1982 - 20/11/2026)": a day's
    anniversary) nor a bare year (the year of the thing named); never a cycle's cut-off
    ("… hằng năm (trước ngày 15 tháng 11)"), nor where the item states its own bound."""
    if not _PAREN_TIME.search(inner) or len(set(_YEARS.findall(inner))) > 1:
        return False
    if _CYCLE_BEFORE_PAREN.search(before):
        return False
    own = deadlines.find_in_text(before, ctx.doc_date, ctx.work_year)
    if own is not None and (own.date is not None or own.recurrence is not None):
        return False
    return bound.date is None or ctx.doc_date is None or bound.date >= ctx.doc_date


_DASH_SEPARATOR = re.compile(r"\s+[–—]\s+")
_DASH_PARTS = 4  # the work, who leads (and supports), by when: a longer run is prose


def _dash_fields(text: str, ctx: Context) -> tuple[str, list[str], list[str], Deadline | None] | None:
    """(work, leads, supports, bound) of an item written "work – bodies – bound", where each
    part after the first is the bodies (roles marked or not) or a time bound and nothing
    else; None when any part is something else (an en dash inside a sentence)."""
    parts = _DASH_SEPARATOR.split(text.rstrip(" .;"))
    if not 2 <= len(parts) <= _DASH_PARTS:
        return None
    found = _who_and_when(parts[1:], ctx)
    if (found is None or not found[0]) and " - " in parts[-1]:
        # "… – Văn phòng Sở - trước ngày 10/12/2028": a scan read the last dash as a hyphen
        last = parts[-1].rsplit(" - ", 1)
        if len(parts) + 1 <= _DASH_PARTS:
            found = _who_and_when([*parts[1:-1], *last], ctx)
    if found is None or not found[0]:
        return None
    leads, partners, bound = found
    return parts[0], leads, partners, bound


# after a sentence's end, or a clause's ("…; thời gian: tháng 9/2026", "…, thời gian hoàn
# thành: quý III/2027"): the label holds no comma when a comma opens it
_TAIL_LABEL = re.compile(r"(?<=[.;])\s+([^.;:()]{2,40}):|(?<=,)\s+([^.;:(),]{2,40}):")


def _field_tail(text: str) -> int | None:
    """Where an item's field block begins when it follows the item's sentence on the same
    line: the first field label after a sentence's end (None: no such label)."""
    for m in _TAIL_LABEL.finditer(text):
        group = 1 if m.group(1) is not None else 2
        if label_kind(m.group(group)) is not None:
            return m.start(group)
    return None


# a label, not the common noun: "… . Sản phẩm: Nghị định của Chính phủ." / "(sản phẩm: Báo cáo)"
_INLINE_PRODUCT = re.compile(r"(?:^|[.;(]\s*)[Ss]ản phẩm(?:\s+là)?\s*:\s*([^.;()]{3,160})")


# the recurrences that are cycles (not "thường xuyên", "theo kế hoạch", a season or an event)
_CYCLES: Final = frozenset({"daily", "weekly", "monthly", "quarterly", "yearly", "periodic"})


def _effective(own: Deadline | None, ctx: Context) -> Deadline:
    if own is not None and own.date is None and own.recurrence in _CYCLES and ctx.default_is_phase:
        return ctx.default or own  # a cycle alone, under a phase: the phase's end
    if own is not None and (own.date is not None or own.recurrence is not None):
        return own
    if ctx.default is not None:
        return ctx.default
    return own or Deadline()


_GROUP_MARK = re.compile(r"^\s*(?:[IVXLC]+|[A-H]|\d{1,2})\s*[.)\-]?\s+")


def _group_bound(section: str, ctx: Context) -> Deadline | None:
    """A table's group row that is a period ("I | THÁNG 01/2027", "Quý II/2027", "Giai đoạn
    2026 - 2030") bounds the rows under it, as a phase heading does (CONVENTIONS rule 10)."""
    label = _GROUP_MARK.sub("", section, count=1)
    value = deadlines.parse_value(label, ctx.doc_date, ctx.work_year)
    if value.date is not None and len(label) <= _GROUP_LABEL:
        return value
    return _phase(section, ctx)


_GROUP_LABEL = 40  # a period's label is short; a longer group row is a topic
_PERIOD_WORDS = re.compile(r"^(?:tháng|quý|quí|năm)\s+\S+(?:\s+năm\s+\d{4})?\s*:?$", re.I)


def _tasks_of_a_period(heading: str) -> str | None:
    """The period of a heading that names the tasks of a period and nothing else ("Nhiệm vụ
    trọng tâm tháng 5 năm 2027", "PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ III/2027"), else None; not a
    topic's ("Nhiệm vụ chuyển đổi số năm 2027")."""
    label = _GROUP_MARK.sub("", heading, count=1).strip(" *:")
    low = label.lower()
    head = next((h for h in words("structure", "period_task_heads") if low.startswith(h + " ")), None)
    if head is None:
        return None
    period = label[len(head) :].strip()
    low_period = period.lower()
    lead_in = next((w for w in words("structure", "period_lead_ins") if low_period.startswith(w + " ")), None)
    if lead_in is not None:
        period = period[len(lead_in) + 1 :]  # "Nhiệm vụ trọng tâm trong quý III/2027"
    return period if len(period) <= _GROUP_LABEL and _only_a_period(period) else None


def _only_a_period(heading: str) -> bool:
    """ "THÁNG 01/2027", "Quý II năm 2027", "Năm 2027": a heading that names a period and
    nothing else (not "Kế hoạch năm 2027", not "Công tác tháng 3")."""
    return _PERIOD_WORDS.match(heading) is not None


# "Sở X chủ trì; Sở Y phối hợp", "Sở X (chủ trì), các phòng", "Chủ trì: Sở X; phối hợp: Sở Y"
_CELL_ROLE = re.compile(r"\(?\s*\b(chủ\s+trì|phối\s+hợp)\b\s*\)?\s*:?", re.I)


def _roles_in_cell(value: str) -> tuple[list[str], list[str]]:
    """The bodies of one column that names both roles ("Đơn vị": "Phòng A chủ trì; Phòng B
    phối hợp"): (leads, supports). Bodies a cell leaves unmarked beside a marked lead support
    it; a cell that marks no role names leads only."""
    if "chủ trì" not in value.lower() and "phối hợp" not in value.lower():
        return split_bodies(value), []
    leads: list[str] = []
    supports: list[str] = []
    unmarked: list[str] = []
    for piece in _field_pieces(value):
        roles = {m.group(1).lower().split()[0] for m in _CELL_ROLE.finditer(piece)}
        bodies = split_bodies(_CELL_ROLE.sub(" ", piece))
        if "phối" in roles:
            supports += bodies
        elif "chủ" in roles:
            leads += bodies
        else:
            unmarked += bodies
    if leads:
        return leads, supports + unmarked
    return unmarked, supports


def tasks_from_rows(rows: list[Row], ctx: Context, heading: str | None = None) -> list[Draft]:
    """`heading`: the section the table sits in, for its rows above any group row of its own."""
    out: list[Draft] = []
    for row in rows:
        content = row.cells.get("content", "")
        if not content:
            continue
        section = row.section or heading
        lines = row.content_lines
        start = lines[0].cstart
        pos = lines[0].raw.find(content[:15])
        if pos < 0:
            # a cell whose lines were joined ("Phủ sóng 5G<br>- Các khu …"): its first words
            pos = lines[0].raw.find(" ".join(content.split()[:2]))
        if pos >= 0:
            start = lines[0].start + pos
        end = max(ln.cend for ln in lines)
        lead, marked_support = _roles_in_cell(row.cells.get("lead", ""))
        lead = [_PERSON_AFTER.split(x)[0] for x in lead]
        support = marked_support + split_bodies(row.cells.get("support", ""))
        dl_text = row.cells.get("deadline")
        deadline = deadlines.parse_value(dl_text, ctx.doc_date, ctx.work_year) if dl_text else None
        note = row.cells.get("note")
        if note and (deadline is None or deadline.date is None):
            deadline = deadlines.find_in_text(note, ctx.doc_date, ctx.work_year) or deadline
        if (deadline is None or (deadline.date is None and deadline.recurrence is None)) and section:
            deadline = _group_bound(section, ctx) or deadline
        lead = _unique(lead)
        lead_from = "field" if lead else ctx.addressees_from if ctx.addressees else ""
        lead = lead or list(ctx.addressees)
        effective = _effective(deadline, ctx)
        out.append(
            Draft(
                section=section,
                text=content,
                start=start,
                end=end,
                lead=lead,
                support=_unique(support),
                deadline=effective,
                targets=find_targets(content),
                product=row.cells.get("product"),
                lead_from=lead_from,
                review=review_flags(lead, lead_from, effective, ocr_confidence=ctx.ocr_confidence),
            )
        )
    return out
