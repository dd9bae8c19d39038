"""Lines → the item tree of the directive body.

Items are found by their markers; the tree is built with a stack of marker styles (a
style seen again closes everything opened after it), so documents may mix '1-', 'a)',
'-', '+' in any order. An unmarked paragraph either continues the open item, becomes the
child of an open heading ("3. Giao Ủy ban nhân dân tỉnh:" / a bold unit name), hands the
items above it to bodies ("Trách nhiệm chỉ đạo thực hiện: …"), or closes the body.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from typing import Final

from dondoc.extract import deadlines
from dondoc.extract.bodies import read_bodies, starts_with_verb, tokenize, whole_bodies
from dondoc.extract.fields import label_kind
from dondoc.extract.lexicon import words
from dondoc.extract.lines import Line
from dondoc.extract.markers import Marker, continues_a_range, find_marker, is_unnumbered, part_alone

_TERMINAL = (".", ";", ":", "!", "?", "…", "./.")
_SENTENCE_ENDS = (".", ":", "!", "?", "…")  # after which a line in lower case opens a new unit
_NUMBERED = (
    "num_dot", "num_dash", "num_paren", "num_slash", "num2", "num3", "roman_num",
    "letter", "letter_slash", "letter_dot", "letter_dash", "paren", "label_num", "ordinal",
    "upper_letter",
)  # fmt: skip
_OPEN_CLOSE = (("“", "”"), ("(", ")"))
_TOP_LEVEL = ("part", "article")  # outer to inner
_PARTS = ("part", "article", "upper_letter")  # what a plan's roman part heading stays inside
# a line opening with an assigning cue ("Giao …", "Đề nghị …"), capitalised as a sentence is
_CUE_START: Final = re.compile(
    r"^(?:" + "|".join(re.escape(c.capitalize()) for c in words("roles", "assignment_cues")) + r")\s"
)
# ... but for the cues that also name a section ("2. Yêu cầu chung" is a title)
_HANDS_WORK: Final = re.compile(
    r"^(?:"
    + "|".join(
        re.escape(c.capitalize())
        for c in words("roles", "assignment_cues")
        if c not in words("structure", "non_task_sections")
    )
    + r")\s"
)


class Block:
    """An item or a paragraph of the tree. A plain class, not a dataclass: compiled
    (setup.py), a dataclass is built several times slower than a class with its own __init__."""

    __slots__ = ("_joined", "_text", "bold", "children", "lines", "marker", "parent", "role")

    def __init__(
        self, marker: Marker | None, lines: list[Line], bold: bool = False, role: str = "item"
    ) -> None:
        self.marker = marker
        self.lines = lines
        self.bold = bold
        self.children: list[Block] = []
        self.parent: Block | None = None
        self.role = role  # "item", "para", "closing", "assignment", "field", "note", "root"
        # the lines joined, and the text: read many times, joined once (lines join only
        # through add_lines, which extends the join rather than redoing it)
        self._joined: str | None = None
        self._text: str | None = None

    def __repr__(self) -> str:
        return f"Block({self.role}, {self.marker!r}, {len(self.children)} children)"

    @property
    def text(self) -> str:
        if self._text is None:
            joined = self.heading
            self._text = joined[self.marker.length :].lstrip() if self.marker is not None else joined
        return self._text

    def add_lines(self, lines: list[Line]) -> None:
        self.lines.extend(lines)
        if self._joined is not None:
            # join_parts folds left: joining the new lines onto the joined text is the same
            self._joined = join_parts([self._joined, *(ln.text for ln in lines if ln.kind == "text")])
        self._text = None

    @property
    def heading(self) -> str:
        """The block as written (marker included), used as the section of its children."""
        if self._joined is None:
            self._joined = join_parts([ln.text for ln in self.lines if ln.kind == "text"])
        return self._joined

    @property
    def start(self) -> int:
        first = next(ln for ln in self.lines if ln.kind == "text")
        if self.marker is None:
            return first.cstart
        # skip the marker in the source: find the text after it
        body = first.text[self.marker.length :].lstrip()
        if not body:
            # a number alone on its line ("**Điều 1.**"): the text starts on the next line
            nxt = next((ln for ln in self.lines if ln.kind == "text" and ln is not first), None)
            return nxt.cstart if nxt is not None else first.cstart
        probe = body[:12]
        raw = first.raw
        pos = raw.find(probe) if probe else -1
        if pos < 0 and probe:
            # a justified line spreads its words ("-  Theo  dõi"): the same words, any spaces
            m = re.search(r"\s+".join(map(re.escape, probe.split())), raw)
            pos = m.start() if m else -1
        return first.start + pos if pos >= 0 else first.cstart

    @property
    def end(self) -> int:
        return max(ln.cend for ln in self.lines if ln.kind == "text")

    def is_heading(self) -> bool:
        text = self.text
        if self.marker is not None and self.marker.style in ("roman", "part"):
            return True
        if (
            self.marker is not None
            and self.marker.style == "article"
            and len(text) < 120
            and not text.endswith(".")
        ):
            return True
        if text.endswith(":"):
            return True
        if self.bold and len(text) < 200 and not text.endswith((".", ";")):
            return True
        if len(text) < 200 and text.isupper():
            return True
        return self.is_body_heading() or (
            self.marker is not None and _ends_body_heading(self.marker, self.lines, text)
        )

    def is_body_heading(self) -> bool:
        """A numbered line that only names a body ("13. Tổng Công ty Điện lực Hà Nội")."""
        return (
            self.marker is not None
            and self.marker.style in _NUMBERED
            and len(self.text) < 200
            and bool(whole_bodies(self.text))
        )


def join_parts(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    pieces: list[str] = []
    tail = ""  # the last two characters joined so far
    for p in parts:
        if not tail:
            piece = p  # nothing yet: the first part as it is
        elif len(tail) > 1 and tail[-1] == "-" and tail[-2].isalnum() and p[:1].isalnum():
            piece = p  # a hyphenated symbol broken over two lines: "75-" + "KL/TW"
        elif p[:1] in ",;.:)…":
            piece = p  # punctuation after a removed footnote marker or a page break
        else:
            piece = " " + p
        pieces.append(piece)
        tail = piece[-2:] if len(piece) > 1 else (tail + piece)[-2:]
    # one join at the end: adding to a string part by part copies it every time
    return "".join(pieces)


def _lower_start(text: str) -> bool:
    return bool(text) and (text[0].islower() or text[0] in ",;.)")


def is_double_spaced(lines: list[Line]) -> bool:
    """pdftotext sometimes separates every line by a blank one: then blanks mean nothing."""
    text_lines = [i for i, ln in enumerate(lines) if ln.is_text]
    if len(text_lines) < 10:
        return False
    # the lines a sentence runs on from (the next text line opens in lower case) say it
    # best: a document of short paragraphs has a blank after most lines, never inside one
    runs_on = [a for a, b in itertools.pairwise(text_lines) if _lower_start(lines[b].text)]
    judged = runs_on if len(runs_on) >= _RUN_ON_LINES else text_lines
    followed = sum(1 for i in judged if i + 1 < len(lines) and lines[i + 1].kind == "blank")
    return followed / len(judged) > 0.6


_RUN_ON_LINES = 5


# a line this much of the page's width or more was filled and wrapped by the page
_FULL_LINE = 0.85


def _line_width(lines: list[Line]) -> int:
    """The width a printed page's lines fill (indent included): the ninth decile of the text
    lines' widths, so that a few overlong lines do not set it."""
    widths = sorted(ln.indent + len(ln.text) for ln in lines if ln.is_text)
    return widths[len(widths) * 9 // 10] if widths else 0


def is_paragraph_per_line(lines: list[Line]) -> bool:
    """Text that was not hard-wrapped (from DOCX or a web page): many lines are longer than
    any printed line, so each line is a whole paragraph."""
    long_enough = [len(ln.text) for ln in lines if ln.is_text and len(ln.text) > 40]
    if len(long_enough) < 4:
        return False
    return sum(1 for n in long_enough if n > 130) / len(long_enough) >= 0.25


def _text_follows(lines: list[Line], i: int, ocr: bool) -> bool:
    """The next line is text of its own (not another item), after one blank line at most: a
    heading to open ("**1.**" / "" / "Sở Nội vụ … các nhiệm vụ sau:")."""
    j = i + 2 if i + 2 < len(lines) and lines[i + 1].kind == "blank" else i + 1
    nxt = lines[j] if j < len(lines) else None
    return nxt is not None and nxt.kind == "text" and find_marker(nxt.text, ocr=ocr) is None


def _goes_on_fields(ln: Line, prev: Line | None) -> bool:
    """ "… Trách nhiệm: Phòng A chủ trì;" / "thời gian: tháng 10/2027.": a label in lower case
    after a ";" goes on with the fields of the line before (a block wrapped by the page)."""
    return prev is not None and ln.text[:1].islower() and prev.text.rstrip(" *_").endswith(";")


def _opens_field(text: str) -> bool:
    colon = text.find(":", 2, 61)
    if colon < 0:
        # a label wrapped before its colon ("Đơn vị chủ trì tham mưu thực" / "hiện: …")
        return len(text) < 61 and label_kind(text) is not None and text[:1].isupper()
    return label_kind(text[:colon]) is not None


def hands_on_follow_up(text: str, issuer: str | None) -> bool:
    """Does the paragraph open with the document's issuer handing on the follow-up of the
    whole of it ("Bộ Y tế giao Cục Phòng bệnh theo dõi, hướng dẫn …", "Ủy ban nhân dân tỉnh
    giao Sở Nội vụ theo dõi, đôn đốc …")? The issuer's words as its header reads them, to
    the place's name ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI" → "Ủy ban nhân dân tỉnh")."""
    if not issuer or text[:1].lower() != issuer[:1].lower():
        return False  # most lines: not the issuer's name, no split
    said = text.split()
    own = issuer.lower().split()
    k = 0
    while k < min(len(said), len(own)) and said[k].lower() == own[k]:
        k += 1
    if k < _ISSUER_WORDS or k >= len(said) or said[k].lower() not in _HANDING_ON:
        return False
    sentence = re.split(r"[.;]", text, maxsplit=1)[0].lower()
    return any(v in sentence for v in _FOLLOW_UP)


_ISSUER_WORDS: Final = 2  # "Bộ Y tế", "Ủy ban nhân dân tỉnh": at least the kind of body
_HANDING_ON: Final = frozenset(words("structure", "section_handing_cue"))
_FOLLOW_UP: Final = words("structure", "follow_up_verbs")
_COURTESY: Final = words("structure", "courtesy_closings")


def _ends_body(lines: list[Line], i: int) -> bool:
    """Is line i the body's last paragraph: after it only the lines it wraps onto (before
    its full stop, or in lower case) and the courtesy ("Trân trọng./.")?"""
    ended = lines[i].text.rstrip().endswith(_TERMINAL)
    for ln in lines[i + 1 :]:
        if ln.kind != "text":
            continue
        t = ln.text.strip(" *_")
        if ended and not (t[:1].islower() or t.lower().startswith(_COURTESY)):
            return False
        ended = t.endswith(_TERMINAL)
    return True


def _segment(
    lines: list[Line], *, ocr: bool = False, issuer: str | None = None, damaged: bool = False
) -> list[tuple[Marker | None, list[Line], bool]]:
    """Group lines into units: one item or one unmarked paragraph each. `damaged`: a text
    that shows OCR's damage (a scan's OCR pasted as text), whose item numbers OCR may have
    left without their stop; read so only where they go on in order (see _damaged_number)."""
    double = is_double_spaced(lines)
    one_per_line = is_paragraph_per_line(lines)
    width = _line_width(lines)
    # (marker, lines, opens a paragraph: after a blank line, or a line that is a paragraph)
    units: list[tuple[Marker | None, list[Line], bool]] = []
    paragraph = False
    cur_paragraph = False
    cur: list[Line] = []
    # whether every text line of `cur` is in capitals, in bold (kept as lines are added)
    cur_upper = cur_bold = True
    cur_marker: Marker | None = None
    pending_break = False
    prev_text: Line | None = None
    last_number = 0  # the number of the last numbered item ("3." → 3), 0 after a part's heading
    for i, ln in enumerate(lines):
        if ln.kind in ("blank", "pipe", "rule"):
            near_noise = any(
                0 <= j < len(lines) and lines[j].kind == "noise" for j in (i - 1, i + 1, i - 2, i + 2)
            )
            if ln.kind != "blank" or (not double and not near_noise):
                pending_break = True
                paragraph = True
            continue
        if ln.kind == "marker":
            if cur:
                cur.append(ln)
            continue
        if ln.kind != "text":
            continue
        marker = find_marker(ln.text, ocr=ocr)
        if marker is None and damaged and not ocr:
            marker = _damaged_number(ln.text, last_number, cur_marker, cur_upper and bool(cur))
        if marker is None and len(ln.text) <= 6 and ln.text[-1:] in ".)" and _text_follows(lines, i, ocr):
            # a number alone on its line, its heading on the next ("**1.\nGiai đoạn …**")
            bare = find_marker(ln.text + " x", ocr=ocr)
            if bare is not None and bare.length >= len(ln.text) and not is_unnumbered(bare.style):
                marker = Marker(bare.style, bare.text, len(ln.text))
        if marker is None and part_alone(ln.text) and _text_follows(lines, i, ocr):
            # "Phần thứ ba" alone on its line, its title on the next ("TỔ CHỨC THỰC HIỆN")
            marker = Marker("part", ln.text.strip(" *_"), len(ln.text))
        prev_ends = prev_text.text.rstrip().endswith(_TERMINAL) if prev_text else True
        if marker is not None and not prev_ends and _lower_start(ln.text[marker.length :].lstrip()):
            marker = None  # "việc tìm người\n- người tìm việc": a phrase, not an item
        if marker is not None and marker.style == "paren" and cur and _goes_on_inline(marker.text, cur):
            marker = None  # "…; (i) huy động người dân;" / "(ii) kiểm tra …": one item's own list
        if (
            marker is not None
            and marker.style == "dash"
            and cur
            and prev_text is not None
            and not prev_ends
            and (
                _unclosed(cur)
                or _known_compound(prev_text.text, ln.text, lines)
                or continues_a_range(prev_text.text, ln.text)
            )
        ):
            # "“Festival Thăng Long\n- Hà Nội…”": inside a quote, or a name the document
            # also writes on one line ("Thăng Long – Hà Nội"); "nhiệm kỳ 2025\n- 2030, …":
            # a span of years wrapped at its dash: a wrapped phrase, not an item
            marker = None
        # a printed page whose paragraphs open indented: a line at the margin under a full
        # line is that line's wrap (the page's own items and paragraphs stand indented)
        wrapped_on = (
            bool(cur)
            and prev_text is not None
            and ln.indent + 3 <= cur[0].indent
            and prev_text.indent + len(prev_text.text) >= _FULL_LINE * width
        )
        if marker is not None and is_unnumbered(marker.style) and wrapped_on and not prev_ends:
            marker = None  # "       2. Tập huấn … công chức Tư pháp" / "- Hộ tịch cấp xã …"
        indented = prev_text is not None and ln.indent >= prev_text.indent + 3
        if marker is None and cur and prev_ends and indented:
            # an indented first line after a full stop opens a paragraph, as a blank line does
            pending_break = True
            paragraph = True
        if marker is None and cur and not ln.text.isupper() and cur_upper:
            pending_break = True  # "III. TỔ CHỨC THỰC HIỆN" then its first paragraph
        if marker is None and cur and prev_ends and one_per_line:
            pending_break = True  # text not hard-wrapped (DOCX, web): a line is a paragraph
            paragraph = True
        if (
            marker is None
            and cur
            and prev_text is not None
            and prev_text.text.endswith(":")
            and ln.text[:1].isupper()
            and not wrapped_on  # "- Về đề nghị … ấp Phước Thuận:" / "Thường trực Huyện ủy ghi nhận …"
            and not _unclosed(cur)  # "(cơ quan phối hợp:" / "Sở Y tế; …)": inside parentheses
            and not _ends_with_label(prev_text.text)  # "… tại các xã. Trách nhiệm:" / "Phòng A …"
            and not _examples_follow(prev_text.text)  # "… sản xuất thông minh như:" / "Giám sát …"
        ):
            pending_break = True  # "1. Về kiến nghị …:" then its paragraph, without a blank line
        if marker is None and cur and not ln.bold and cur_bold:
            pending_break = True  # a bold heading, then plain text
        if (
            marker is None
            and cur_marker is not None
            and len(cur) == 1
            and not prev_ends
            and ln.text[:1].isupper()
            and not (cur_bold and ln.bold)  # "**1. Sở" / "Khoa học và Công nghệ**": one heading
            and _topic_heading(cur[0], cur_marker, lines, i, one_per_line, width)
        ):
            pending_break = True  # "3. Công tác kiểm tra" then its paragraph, with no colon
        if (
            marker is None
            and cur
            and prev_ends
            and _opens_field(ln.text)
            and not _goes_on_fields(ln, prev_text)
        ):
            pending_break = True  # "Đơn vị chủ trì: …" after a full stop: a field line of its own
        if marker is None and cur and prev_ends and ln.text.startswith("("):
            pending_break = True  # "(Chi tiết tại Phụ lục kèm theo)": a note of its own
        if marker is None and cur and prev_ends and looks_ahead(ln.text) and ln.text[:1].isupper():
            pending_break = True  # "… được bảo đảm." / "Trong thời gian tới, Tỉnh …": the work to come
        if marker is None and cur and prev_ends and opens_phase(ln.text):
            pending_break = True  # "Giai đoạn 2 (năm 2028):" after an item's last line
        if marker is None and cur and prev_ends and _may_close(ln.text) and is_closing_text(_ahead(lines, i)):
            pending_break = True  # "Trên đây là…", "UBND thành phố đề nghị các…" after a full stop
        if (
            marker is None
            and cur
            and prev_ends
            and hands_on_follow_up(ln.text, issuer)
            and _ends_body(lines, i)
        ):
            pending_break = True  # "Bộ Y tế giao Cục … theo dõi …" closing a Word file's letter
        if (
            marker is None
            and cur
            and cur_marker is not None
            and cur_marker.style in _NUMBERED  # else _ends_body_heading is False: test it first
            and ln.text[:1].isupper()
            and (starts_with_verb(ln.text) or _CUE_START.match(ln.text) is not None)
            and _ends_body_heading(cur_marker, cur)
        ):
            pending_break = True  # "13. Tổng Công ty Điện lực\nChủ trì, xây dựng…": heading, then text
        if pending_break and marker is None and cur_marker is not None and _bare_marker(cur, cur_marker):
            pending_break = False  # "**1.**", a blank line, then the heading it numbers
        if pending_break and marker is None and cur and not prev_ends and ln.text[:1].isdigit():
            # "… tổ chức lễ ra quân vào ngày" / a blank line or a page break / "05/6/2027.":
            # a sentence cut before its number, which opens no paragraph
            pending_break = False
        if (
            pending_break
            and marker is None
            and cur
            and _lower_start(ln.text)
            and prev_text is not None
            and not prev_text.text.rstrip(" *_").endswith(_SENTENCE_ENDS)
        ):
            # "… đến cán bộ, đảng viên và Nhân dân;" / a PDF's paragraph spacing / "hoàn thành
            # trong quý I/2027.": no paragraph opens in lower case, after a clause's ";" or none
            pending_break = False
        if marker is not None or (pending_break and cur) or not cur:
            if cur:
                units.append((cur_marker, cur, cur_paragraph))
            cur, cur_marker, cur_paragraph = [ln], marker, paragraph
            if marker is not None and marker.style == "num_dot":
                last_number = _number_of(marker)
            elif marker is not None and marker.style in ("roman", "part", "upper_letter"):
                last_number = 0
            cur_upper, cur_bold = ln.text.isupper(), ln.bold
        else:
            cur.append(ln)
            cur_upper = cur_upper and ln.text.isupper()
            cur_bold = cur_bold and ln.bold
        pending_break = False
        paragraph = False
        prev_text = ln
    if cur:
        units.append((cur_marker, cur, cur_paragraph))
    return units


def _number_of(marker: Marker) -> int:
    """The number a numbered marker holds ("3." → 3); 0 if it shows none."""
    m = _LEADING_DIGITS.match(marker.text)
    return int(m.group(0)) if m else 0


_LEADING_DIGITS: Final = re.compile(r"\d+")


def _damaged_number(
    text: str, last_number: int, cur_marker: Marker | None, cur_heading: bool
) -> Marker | None:
    """In a text that shows OCR's damage, a number that lost its stop or had it read as a
    comma ("1 Công chức …", "2, Trạm Y tế …") opens an item only where the numbering goes
    on: the number after the last numbered item's, or 1 under a part's heading (a numeral
    that opens a line elsewhere is a line's own: "1 Các quy định …" in a list of grounds)."""
    guess = find_marker(text, ocr=True)
    if guess is None or guess.style != "num_dot" or not guess.text[:1].isdigit():
        return None  # (only a number: a bullet or a letter OCR leaves as it is)
    number = _number_of(guess)
    if last_number:
        return guess if number == last_number + 1 else None
    under_part = cur_heading or (
        cur_marker is not None and cur_marker.style in ("roman", "part", "upper_letter")
    )
    return guess if number == 1 and under_part else None


# a line ending in a number (a year) and the next opening with a dash and a number: one
# span of years ("2025 - 2030") that the line wrap cut at its dash


def _bare_marker(cur: list[Line], marker: Marker) -> bool:
    """Is the unit so far a number alone on its line ("1.")?"""
    texts = [ln for ln in cur if ln.kind == "text"]
    return len(texts) == 1 and len(texts[0].text.strip()) <= marker.length


def _unclosed(lines: list[Line]) -> bool:
    text = " ".join(ln.text for ln in lines if ln.kind == "text")
    return any(text.count(a) > text.count(b) for a, b in _OPEN_CLOSE)


def _known_compound(prev: str, line: str, lines: list[Line]) -> bool:
    tail = prev.split()[-2:]
    head = line.lstrip("-–— ").split()[:2]
    if not tail or len(head) < 2 or not head[0][:1].isupper():
        return False
    if tail[-1][:1].isupper():
        tail = tail[-1:]  # "Thăng Long | – Hà Nội"
    elif len(tail) < 2 or not tail[0][:1].isupper():
        return False  # "Bộ Lao động | - Thương binh và Xã hội": the name's last two words
    before = r"\s+".join(map(re.escape, tail))
    pattern = re.compile(rf"{before}\s*[-–—]\s*{re.escape(head[0])}\s+{re.escape(head[1])}")
    word = tail[-1]  # the pattern holds it: a substring test spares most lines the search
    return any(
        pattern.search(ln.text)
        for ln in lines
        if ln.kind == "text" and ln is not lines[0] and word in ln.text
    )


def _ends_body_heading(marker: Marker | None, lines: list[Line], text: str | None = None) -> bool:
    """A numbered line that is a heading: a body's name ("13. Tổng Công ty Điện lực Hà
    Nội") or a short title ("2. Công tác chuyên môn"), not the start of a sentence.
    `text`: the lines' text after the marker, when the caller has it."""
    if marker is None or marker.style not in _NUMBERED:
        return False
    if text is None:
        text = join_parts([ln.text for ln in lines if ln.kind == "text"])[marker.length :]
    text = text.strip()
    if text.endswith((".", ";", ",", "-", "–", "—", ":")):
        return False
    last = text.split()[-1].lower() if text.split() else ""
    # "3. Giao Văn phòng Tỉnh ủy theo dõi, đôn đốc việc thực hiện" is a sentence's first
    # line, however short (a web copy wraps a paragraph's first line early): a title hands
    # work to no one
    short_title = (
        len(lines) == 1 and len(text) < 60 and last not in _CONNECTIVES and not _HANDS_WORK.match(text)
    )
    return short_title or bool(whole_bodies(text))


# a line ending with one of these goes on on the next line
_CONNECTIVES: Final = frozenset(words("structure", "line_connectives"))


def _starts_with_any(text: str, prefixes: tuple[str, ...]) -> bool:
    return text.lower().startswith(prefixes)


# The issuer turning to everyone at the end: "UBND thành phố Hà Nội đề nghị các Đại sứ quán…"
_ISSUERS: Final = (
    "UBND", "Ủy ban", "Uỷ ban", "Văn phòng", "Ban Thường vụ", "Thường trực", "Tỉnh ủy", "Tỉnh uỷ", "Thành ủy",
    "Thành uỷ",
)  # fmt: skip
_ISSUER_ASKS = re.compile(
    r"^(?:" + "|".join(_ISSUERS) + r")[^.;:]{0,60}?\s(?:đề nghị|yêu cầu)\s(?:các|những|mọi)\s"
)


# "Yêu cầu Thủ trưởng các sở, … nghiêm túc triển khai thực hiện Chỉ thị này./.": the
# document itself named as the work, so the whole of it, not one more item
_ASKS: Final = ("Yêu cầu", "Đề nghị")
_WHOLE_DOCUMENT = re.compile(
    r"^(?:" + "|".join(_ASKS) + r")\s[^.;]{0,240}?"
    r"\b(?:Chỉ thị|Kế hoạch|Công văn|Thông báo|Quyết định|Nghị quyết|Công điện)\s+(?:kết luận\s+)?này\b"
)


@cache
def _closing_firsts() -> frozenset[str]:
    """The first words a closing paragraph can open with (its listed starts, the issuer's
    names of _ISSUER_ASKS, "Yêu cầu"/"Đề nghị" of _WHOLE_DOCUMENT), lower-cased."""
    openers = [
        *words("structure", "closing_starts"),
        *words("structure", "closing_offices"),
        *words("structure", "closing_notifiers"),
        *_ISSUERS,
        *_CLOSING_HEADS,
        *_ASKS,
    ]
    return frozenset(w.split()[0].lower() for w in openers)


def _may_close(text: str) -> bool:
    """A cheap test before the closing patterns, which read the lines ahead."""
    first = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    return first in _closing_firsts()


# a closing sentence wraps over a few lines of a narrow page
_CLOSING_LINES: Final = 4


def _ahead(lines: list[Line], i: int, count: int = _CLOSING_LINES) -> str:
    """Line i's text and the next few text lines' (a closing sentence wraps: "Yêu cầu Thủ
    trưởng các sở, …" / "thực hiện Chỉ thị này./."), up to a line that opens an item."""
    texts = [lines[i].text]
    for ln in lines[i + 1 :]:
        if len(texts) >= count or (ln.kind == "text" and find_marker(ln.text) is not None):
            break
        if ln.kind == "text":
            texts.append(ln.text)
    return " ".join(texts)


# "Yêu cầu Thủ trưởng các cơ quan, … nghiêm túc thực hiện./.": the document's last sentence
# (its end mark "./."), asking everyone to carry out the whole of it; glued to the last item
# where a PDF keeps no blank line between paragraphs
_CARRY_OUT_ALL = re.compile(
    r"^(?:" + "|".join(_ASKS) + r")\s[^.;]{0,240}?\bnghiêm\s+túc\s+(?:triển\s+khai\s+)?thực\s+hiện\s*\./\."
)


# "Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ngành và Chủ tịch Ủy ban nhân dân các
# phường có liên quan khẩn trương triển khai thực hiện./.": the issuer (or its head) asking
# for the work to be done, in the sentence that ends the document (its end mark "./.") or
# that points back at it ("… thực hiện đầy đủ các nội dung chỉ đạo nêu trên")
_CLOSING_HEADS: Final = ("Chủ tịch",)
_ASKS_TO_CARRY_OUT = re.compile(
    r"^(?:(?:"
    + "|".join((*_ISSUERS, *_CLOSING_HEADS))
    + r")[^.;:]{0,80}?\s)?(?:"
    + "|".join((*_ASKS, *(a.lower() for a in _ASKS)))
    + r")\s[^.;:]{0,240}?\bthực\s+hiện\b"
    + r"(?:[^.;:]{0,60}?\./\.|[^.;:]{0,100}?\b(?:nêu\s+trên|trên\s+đây|nói\s+trên))"
)


# a sentence that turns from what was done to the work to come opens its own paragraph
_LOOKING_AHEAD: Final = re.compile(
    r"^(?:trong\s+)?(?:"
    + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words("structure", "work_to_come"))
    + r")\b",
    re.I,
)


def looks_ahead(text: str) -> bool:
    """Does the paragraph open on the work to come ("Trong thời gian tới, Tỉnh …")?"""
    return _LOOKING_AHEAD.match(text) is not None


# the numbers of a plan's own sections ("3.", "III.", "2.1."), not a letter or a bullet
PLAN_NUMBERS: Final = ("num_dot", "num_dash", "num_paren", "num_slash", "num2", "roman", "roman_num")
_TOPIC_WORDS: Final = 8
TOPIC_TITLE_WORDS: Final = 16  # "Về …": a topic named at length (without its colon too)
_TOPIC_SHARE: Final = 0.6  # of the next line's length: no line the page wrapped is so short
_TOPIC_SHARE_OF_PAGE: Final = 0.8  # of the page's full line, when the next line is one


def _topic_heading(
    line: Line, marker: Marker, lines: list[Line], i: int, one_per_line: bool, width: int = 0
) -> bool:
    """Is a numbered line without a full stop a topic's heading ("3. Công tác kiểm tra"), so
    that the capitalised line after it opens its paragraph instead of going on with it? A
    few words with no digit (not a bound, not a name cut by the page), on a line of its own:
    in text written a paragraph a line, or much shorter than the line after it or than the
    page's full lines (`width`: a page that wrapped the paragraph below fills its lines)."""
    nxt = lines[i]
    heading = line.text[marker.length :].strip(" *_")
    if marker.style == "article":
        # "Điều 1. Phạm vi điều chỉnh" over "Quy chế này quy định …": an article's title on a
        # line of its own, a few words with no stop, however long the paragraph under it
        return bool(heading) and len(heading.split()) <= _TOPIC_WORDS and heading[-1] not in ".;:,"
    if marker.style not in PLAN_NUMBERS or marker.style == "roman":
        return False  # (a part's "III." heading is told by its capitals, not here)
    titled = bool(heading) and _topic_title(heading)
    if (
        not heading
        or len(heading.split()) > (TOPIC_TITLE_WORDS if titled else _TOPIC_WORDS)
        # a bound, a name's aside cut by the page; but a topic's title may hold its period
        # ("1. Về tình hình kinh tế - xã hội tháng 9 và 9 tháng năm 2027")
        or (any(c.isdigit() or c in "()" for c in heading) and not titled)
        or (
            starts_with_verb(heading)
            and not _section_name(heading)
            # (the sentence below read on over the page's wrap: "… và các tổ" / "chức CT-XH tổ chức …")
            and not _own_subject_below(heading, _ahead(lines, i, _SUBJECT_LINES))
        )  # "c) Phối hợp Sở Nội vụ": work, wrapped
        or whole_bodies(heading)  # "1. Sở Y tế" / its work: a body's heading, read as such already
    ):
        return False
    return (
        one_per_line
        or len(line.text) < len(nxt.text) * _TOPIC_SHARE
        or line.indent + len(line.text) < width * _TOPIC_SHARE_OF_PAGE <= nxt.indent + len(nxt.text)
    )


_SUBJECT_LINES: Final = 3  # lines a sentence's subject and its verb may wrap over


def _topic_title(heading: str) -> bool:
    """ "Về tình hình kinh tế - xã hội tháng 9 năm 2027": a topic's title, opened by a topic's
    word, longer than most headings and maybe holding its period (no brackets, no word left
    hanging at its end)."""
    low = heading.lower()
    last = heading.split()[-1]
    return (
        low.startswith(topic_openers())
        and "(" not in heading
        and last.lower() not in _CONNECTIVES
        and heading[-1] not in ",;:-"
        # "6. Về việc lồng ghép các kiến nghị của tỉnh Điện" / "Biên vào …": a name the page cut
        and not last[:1].isupper()
    )


@cache
def topic_openers() -> tuple[str, ...]:
    """The words that open a topic's title ("Về …", "Đối với …"), each with its space."""
    return tuple(w + " " for w in words("structure", "topic_openers"))


def _own_subject_below(heading: str, below: str) -> bool:
    """ "1. Đẩy mạnh tuyên truyền, nâng cao nhận thức" over "Các cấp ủy, tổ chức đảng … tổ
    chức quán triệt …": a title worded as work, then a sentence with a subject of its own, so
    the title names the topic. A wrapped line never ends so cleanly: its last word joins it to
    the next ("c) Phối hợp với" / "Sở Nội vụ hướng dẫn …")."""
    if heading.rstrip(" *_").split()[-1].lower() in _CONNECTIVES or heading.rstrip()[-1:] in ",;:-":
        return False
    toks = tokenize(below)
    found = read_bodies(below, toks, 0, sentence_start=True)
    return bool(found.names) and found.followed_by_verb


_SECTION_NAME_WORDS: Final = 4


def _section_name(heading: str) -> bool:
    """A short heading named as a part that holds no work ("Đánh giá chung", "Kết quả đạt
    được"), though it opens with a verb's word: a title, whatever follows it."""
    low = heading.lower()
    return len(heading.split()) <= _SECTION_NAME_WORDS and low.startswith(
        words("structure", "non_task_sections")
    )


def is_closing_text(text: str) -> bool:
    return (
        _starts_with_any(text, words("structure", "closing_starts"))
        or bool(_ISSUER_ASKS.match(text))
        or bool(_WHOLE_DOCUMENT.match(text))
        or bool(_CARRY_OUT_ALL.match(text))
        or bool(_ASKS_TO_CARRY_OUT.match(text))
        or bool(office_notifies().match(text))
    )


@cache
def office_notifies() -> re.Pattern[str]:
    """ "Văn phòng Ủy ban nhân dân tỉnh (xin) thông báo …": the office's closing sentence."""

    def said(offices: str, verbs: str) -> str:
        names = "|".join(re.escape(w) for w in words("structure", offices))
        told = "|".join(re.escape(w) for w in words("structure", verbs))
        return rf"(?:{names})\b[^.;:]{{0,60}}?\b(?:{told})\b"

    either = (
        said("closing_offices", "closing_office_verbs")
        + "|"
        + said("closing_any_office", "closing_any_office_verbs")
        + "|"
        + issuer_notifies()
    )
    return re.compile(rf"^(?:{either})", re.I)


@cache
def issuer_notifies() -> str:
    """The pattern (source) of "Ban Thường vụ Huyện ủy thông báo để … biết": the issuing body
    notifying others for them to know, a closing sentence (lexicon: closing_notifiers)."""

    def alternatives(key: str) -> str:
        return "|".join(re.escape(w) for w in words("structure", key))

    return (
        rf"(?:{alternatives('closing_notifiers')})\b(?!\s+(?:các|những)\b)[^.;:]{{0,60}}?"
        rf"\b(?:{alternatives('closing_notifier_verbs')})\b[^.;:]{{0,160}}?"
        rf"\b(?:{alternatives('closing_notified_for')})\b"
    )


_ROMAN_BEFORE = {"(ii)": "(i)", "(iii)": "(ii)", "(iv)": "(iii)", "(v)": "(iv)", "(vi)": "(v)"}


def _goes_on_inline(marker: str, cur: list[Line]) -> bool:
    """Does "(ii)" at a line's start go on with a "(i)" written inside the item above (the
    page wrapped an inline enumeration), rather than open an item of its own?"""
    before = _ROMAN_BEFORE.get(marker)
    if before is None:
        return False
    inside = " ".join(ln.text for ln in cur)
    at = inside.find(before)
    return at > 0 and inside[at - 1] == " "


_EXAMPLES: Final = words("structure", "examples_colon")
_LIST_FOLLOWS: Final = words("structure", "list_colon")


def _examples_follow(text: str) -> bool:
    """Does the line end with "such as:" ("… giải pháp IoT như:"), the examples of its own
    sentence to follow on the next line, not a paragraph or a list ("… như sau:")?"""
    low = text.lower().rstrip(" *_")
    return low.endswith(_EXAMPLES) and not low.endswith(_LIST_FOLLOWS)


def _ends_with_label(text: str) -> bool:
    """Does the line end with a field's label, its value wrapped to the next line ("… tại
    các xã. Trách nhiệm:", "- Cơ quan chủ trì:")?"""
    tail = re.split(r"[.;]\s+", text[:-1])[-1].lstrip("-+•* ")
    return label_kind(tail) is not None


def build_tree(
    lines: list[Line], *, ocr: bool = False, issuer: str | None = None, damaged: bool = False
) -> Block:
    """The item tree; `ocr` tolerates what OCR does to markers ("10 Sở Y tế" for "10."); the
    `issuer` as its header reads it tells its own closing paragraph; `damaged`: a text
    showing OCR's damage, its numbers without their stop read where they go on in order."""
    root = Block(None, [], role="root")
    stack: list[Block] = [root]
    assignment_labels = words("structure", "assignment_labels")
    closed = False
    for marker, unit_lines, paragraph in _segment(lines, ocr=ocr, issuer=issuer, damaged=damaged):
        block = Block(marker, unit_lines, bold=unit_lines[0].bold)
        if marker is not None:
            closed = False
            style = _numbering_goes_on(marker, stack)
            idx = next((k for k in range(len(stack) - 1, 0, -1) if _style(stack[k]) == style), None)
            if idx is not None:
                del stack[idx:]
            elif (level := _after_its_predecessor(stack, style, marker)) is not None:
                # "2." after "1." went by, under lettered items a paragraph put outside it:
                # the number's own level, not a sub-item of the last letter
                del stack[level + 1 :]
            elif style == "roman" and _part_heading(unit_lines[0].text[marker.length :]):
                # "II. TỔ CHỨC THỰC HIỆN" after the items of a section that had no "I.": a part
                # of the plan in capitals, never inside the item before it; it closes the items
                # open, not the parts ("A.", "Phần I", "Điều 1") above it
                while len(stack) > 1 and _style(stack[-1]) not in _PARTS:
                    stack.pop()
            elif style in _TOP_LEVEL:
                # an article or a part is never inside an item, even when the previous
                # one was lost (a scan misread "Điều 1."): it closes what is open
                rank = _TOP_LEVEL.index(style)
                while len(stack) > 1 and not (
                    _style(stack[-1]) in _TOP_LEVEL and _TOP_LEVEL.index(_style(stack[-1])) < rank
                ):
                    stack.pop()
            parent = stack[-1]
            block.parent = parent
            parent.children.append(block)
            stack.append(block)
            continue
        text = block.text
        top = stack[-1]
        label = text.split(":", 1)[0].strip().lower() if ":" in text[:60] else ""
        if label and top.marker is not None and label_kind(label) is not None:
            # "Đơn vị chủ trì: Sở Tư pháp." after an item: a field of that item, not its text
            block.role = "field"
            block.parent = top
            top.children.append(block)
            continue
        if label and label in assignment_labels and top is not root:
            block.role = "assignment"
            owner = (
                top.parent
                if top.parent is not None and top.marker is not None and not top.is_heading()
                else top
            )
            block.parent = owner
            owner.children.append(block)
            continue
        if text.startswith("(") and text.endswith(")"):
            block.role = "note"
            continue
        if not closed and _unnumbered_part(text):
            # "TỔ CHỨC THỰC HIỆN" without its number: a part of the plan, whose paragraphs
            # and items are its own, up to the next such heading
            del stack[1:]
            block.parent = root
            root.children.append(block)
            stack.append(block)
            continue
        if (
            top is root
            or closed
            # (a sentence that ends on its colon introduces the items after it: "Ủy ban nhân
            # dân tỉnh yêu cầu các sở, ngành … thực hiện các nhiệm vụ sau:" closes nothing)
            or (is_closing_text(text) and top is not root and not text.rstrip(" *_").endswith(":"))
            or (
                top.marker is not None
                and not top.is_heading()  # under "III. TỔ CHỨC THỰC HIỆN" it is that part's work
                and hands_on_follow_up(text, issuer)
                and _ends_body(lines, lines.index(unit_lines[-1]))
            )
        ):
            block.role = "closing" if top is not root else "para"
            block.parent = root
            root.children.append(block)
            closed = closed or top is not root
            continue
        if top.is_heading() and all(c.role == "para" for c in top.children):
            block.role = "para"
            block.parent = top
            top.children.append(block)
            continue
        if (
            paragraph
            and text[:1].isupper()
            and _finished(top)
            and not any(b.is_heading() for b in stack[1:])
            and _style(stack[1]) != "article"  # an article runs on over paragraphs to the next one
        ):
            # a new paragraph after a finished top-level list ("Kính gửi: - …; - ….") ends
            # that list; under a heading it stays the item's own next paragraph
            del stack[1:]
            block.role = "para"
            block.parent = root
            root.children.append(block)
            continue
        if top.marker is not None and top.parent is not None and opens_phase(text):
            # "Giai đoạn 2: từ năm 2028 đến năm 2030" after an item: no more of that item,
            # the heading of the items that follow it
            stack.pop()
            block.role = "para"
            block.parent = top.parent
            top.parent.children.append(block)
            continue
        top.add_lines(unit_lines)
    _forget_parents(root)
    return root


def _part_heading(text: str) -> bool:
    """A part's name in capitals ("TỔ CHỨC THỰC HIỆN", "NHIỆM VỤ VÀ GIẢI PHÁP")."""
    name = text.strip(" *_:.")
    return len(name) > 3 and name.isupper()


def enclosing_heading(root: Block, index: int) -> str | None:
    """The heading of the section that line `index` (a table's first line, left out of the
    tree) sits in: the innermost heading still open before it, as written."""
    heading = None
    node = root
    while True:
        before = [c for c in node.children if c.role == "item" and c.lines and c.lines[0].index < index]
        if not before:
            return heading
        last = before[-1]
        if not (last.is_heading() or any(c.role in ("item", "para") for c in last.children)):
            return heading  # a task of its own before the table, not the table's heading
        heading, node = last.heading, last


_PHASE_LINE_WORDS: Final = 10
_PHASE_TITLE_WORDS: Final = 16
_PART_HEADING_WORDS: Final = range(2, 13)
_PART_HEADING_CHARS: Final = 120


def _unnumbered_part(text: str) -> bool:
    """A part heading in capitals without its number ("TỔ CHỨC THỰC HIỆN")."""
    if len(text) > _PART_HEADING_CHARS or not text.isupper():
        return False  # the common paragraph: spared the joining below
    flat = " ".join(text.replace("*", " ").split())
    if (
        len(flat.split()) not in _PART_HEADING_WORDS
        or not flat.isupper()
        or flat.endswith((".", ";", ",", ":"))
        or any(ch.isdigit() for ch in flat)
    ):
        return False
    # named by what a plan's parts hold, not an enacting body ("CHỦ TỊCH ỦY BAN NHÂN DÂN
    # TỈNH …") or a title the header reader missed ("KÉ HOẠCH")
    low = flat.lower()
    return low.startswith(
        words("structure", "non_task_sections") + words("structure", "part_headings")
    ) or any(w in low for w in words("structure", "task_section_words"))


def opens_phase(text: str) -> bool:
    """Is this unmarked line the heading of a phase of the items under it ("Giai đoạn 1: đến
    hết năm 2027", "Đợt 2 (từ tháng 7 đến tháng 12/2026):")? Short, opened by a phase's
    word, and dated."""
    flat = " ".join(text.replace("*", " ").split())
    # (a title before its bound in brackets may run longer: "Giai đoạn 2: Tổ chức thực hiện
    # trên địa bàn tỉnh (từ tháng 5/2027 đến tháng 9/2027)")
    title, bracket, _ = flat.partition("(")
    if len(title.split()) > (_PHASE_TITLE_WORDS if bracket else _PHASE_LINE_WORDS):
        return False
    low = flat.lower()
    if not low.startswith(words("structure", "phase_heads")) and not any(
        low.startswith(w + " ") and low[len(w) + 1 : len(w) + 2].isdigit()
        for w in words("structure", "numbered_phase_heads")
    ):
        return False
    if deadlines.phase_end(flat) is not None or deadlines.bracketed_period(flat) is not None:
        return True
    found = deadlines.find_in_text(flat)
    return found is not None and found.date is not None


_NUMBERS: Final = ("num_dot", "num_dash", "num_paren", "num_slash")


def _numbering_goes_on(marker: Marker, stack: list[Block]) -> str:
    """The style a marker is ranked by: its own, except "(3)." after items "1." and "2.", which
    goes on with their numbering (a sibling, not a sub-item), when no "(2)" is open."""
    if marker.style != "paren":
        return marker.style  # the common case: no number to read
    n = _number(marker)
    if n is None:
        return marker.style
    for block in reversed(stack[1:]):
        if block.marker is None:
            continue
        if block.marker.style == "paren":
            return marker.style  # a "(n)" list of its own is open
        if block.marker.style in _NUMBERS and _number(block.marker) == n - 1:
            return block.marker.style
    return marker.style


def _after_its_predecessor(stack: list[Block], style: str, marker: Marker) -> int | None:
    """The stack's level whose last item of this style is numbered one less than `marker`
    ("1." before "2."), when the style is open at no level; else None."""
    if style not in _NUMBERS or (n := _number(marker)) is None or n < 2:
        return None
    for level in range(len(stack) - 2, -1, -1):
        last = next(
            (c for c in reversed(stack[level].children) if c.marker is not None and _style(c) == style), None
        )
        if last is not None and last.marker is not None and _number(last.marker) == n - 1:
            return level
    return None


def _number(marker: Marker) -> int | None:
    digits = re.match(r"\(?(\d+)", marker.text)
    return int(digits.group(1)) if digits else None


def _forget_parents(block: Block) -> None:
    """Parents serve while the tree grows; once built, a child's link back to its parent
    would only make every tree a reference cycle, left for the garbage collector to find
    (its passes showed in the profile) instead of being freed with the last reference."""
    for child in block.children:
        child.parent = None
        _forget_parents(child)


def _finished(block: Block) -> bool:
    last = next((ln for ln in reversed(block.lines) if ln.kind == "text"), None)
    return last is not None and last.text.rstrip().endswith((".", ";", "!", "?"))


def _style(block: Block) -> str:
    if block.marker is None:
        return "para"
    return block.marker.style
