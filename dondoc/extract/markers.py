"""Item markers: '1.', '1-', '1/', '2.1.', 'I.', 'a)', 'a/', 'a.', '(i)', '-', '+', '•', 'Điều 3.',
'Phần I', 'Thứ nhất,', 'Một là,', 'A.'."""

from __future__ import annotations

import re

_ROMAN = "(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_UPPER = "A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"

# the words that name an item by its number ("Hoạt động 1:", "Nhiệm vụ 2.1.")
_ITEM_LABELS = "Hoạt động|Nhiệm vụ|Giải pháp|Nội dung"
# bullets of a word processor's symbol fonts: arrows, diamonds, squares, check marks, and the
# private-use code points of Symbol and Wingdings that some converters keep
_GLYPHS = "❖➢➤►▶◆◇■□○✔➔»→⇒⮚➣\uf076\uf0a7\uf0b7\uf0d8\uf0fc"
_OCR_GLYPHS = ">%"
# the same bullets as text copied out of Word or a PDF shows them when the symbol font is
# lost: Courier's "o" of a second level, Wingdings' arrow as "Ø", square as "§", check as
# "ü" (none of them a Vietnamese word), a capital after
_FONT_GLYPHS = "oØ§ü"
# (style, pattern); order matters: the first match wins.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(r"^(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+(?:[IVXLC]+|\d+|thứ\s+\w+)\s*[.:\-]?\s+")),
    # "Điều 3." (and "Điêu 3.", a scan's OCR losing the grave)
    ("article", re.compile(r"^Đi[eèéẻẽẹêềếểễệ]u\s+\d+[a-z]?\s*[.:]\s*")),
    (
        "roman_num",
        re.compile(rf"^(?=[IVXL]){_ROMAN}\.\d{{1,2}}\.?\s+(?=[{_UPPER}\w])"),
    ),  # never an empty numeral
    ("num3", re.compile(rf"^\d{{1,2}}\.\d{{1,2}}\.\d{{1,2}}\.?\s+(?=[{_UPPER}\w“\"(])")),
    # "2.4." and "2.4:" (OCR reads a dot as a colon)
    ("num2", re.compile(rf"^\d{{1,2}}\.\d{{1,2}}[.:]?\s+(?=[{_UPPER}“\"(])")),
    ("roman", re.compile(rf"^(?=[IVXL])({_ROMAN})\s*[.)\-]\s*(?=\S)")),
    ("num_dot", re.compile(r"^\d{1,2}\.(?!\d)\s*(?=\S)")),
    # "Hoạt động 1: Tổ chức Hội nghị …", "Nhiệm vụ 2.1. Xây dựng …": an item named by its label
    ("label_num", re.compile(rf"^(?:{_ITEM_LABELS})\s+\d{{1,2}}(?:\.\d{{1,2}})?\s*[:.]\s+(?=\S)")),
    ("num_dash", re.compile(r"^\d{1,2}\s?-\s+(?=\S)")),
    ("num_paren", re.compile(r"^\d{1,2}\)\s*(?=\S)")),
    ("letter", re.compile(r"^[a-zđ]\)\s*(?=\S)")),
    # "1/ Về kế hoạch:", "a/ Xây dựng …" (never a date "15/9", a symbol, "v/v")
    ("num_slash", re.compile(rf"^\d{{1,2}}/(?!\s*\d)(?![{_UPPER}]\w*[-/])\s*(?=\S)")),  # nor "83/TTr-UBND"
    ("letter_slash", re.compile(r"^[a-zđ]/(?![a-zđ]\b)\s*(?=\S)")),
    # "a. Tổ chức lễ phát động …": a capital after it (never "v.v." running on a line)
    ("letter_dot", re.compile(rf"^[a-zđ]\.\s+(?=[{_UPPER}])")),
    # "a- Chỉ đạo rà soát …" (a Party document's letters, HD 36): a capital after it
    ("letter_dash", re.compile(rf"^[a-zđ]\s?-\s+(?=[{_UPPER}])")),
    ("paren", re.compile(r"^\((?:[ivx]{1,4}|\d{1,2}|[a-zđ])\)\.?\s*(?=\S)")),  # "(3)" and "(3)."
    ("dash", re.compile(r"^[-–—]\s*(?=\S)")),
    ("plus", re.compile(r"^\+\s*(?=\S)")),
    # "Thứ nhất, quán triệt …", "Hai là, tăng cường …": items counted in words, each a paragraph
    # of a notice or a resolution (never a weekday, "Thứ Hai, ngày …", nor "Năm 2026, …")
    (
        "ordinal",
        re.compile(
            r"^(?:Thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)"
            r"|(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)\s+là)\s*[,:]\s+(?!ngày\b)(?=\S)"
        ),
    ),
    ("bullet", re.compile(r"^[•·▪◦●✓]\s*(?=\S)")),
    # the symbols a word processor's bullets come out as ("❖ Công tác tuyên truyền" over "➢ Sở
    # … xây dựng …"): each glyph a level of its own (see find_marker), as the writer chose them
    ("glyph", re.compile(rf"^[{_GLYPHS}]\s*(?=\S)")),
    # the same glyphs as a scan's OCR reads them ("➢" as ">", "❖" as "%"), a capital after
    ("ocr_glyph", re.compile(rf"^[{_OCR_GLYPHS}]\s+(?=[{_UPPER}])")),
    ("font_glyph", re.compile(rf"^[{_FONT_GLYPHS}]\s+(?=[{_UPPER}])")),
]

# "Phần thứ ba", "PHẦN II", "Chương 1" alone on its line, the part's title on the next
_PART_ALONE = re.compile(
    r"^(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+(?:[IVXLC]+|\d+|(?:thứ|THỨ)\s+\w+)\s*[.:]?$"
)


def part_alone(text: str) -> bool:
    """Is the line a part's label with nothing after it ("Phần thứ hai" / "NHIỆM VỤ NĂM 2027")?"""
    return text[:1] in "PCM" and _PART_ALONE.match(text.strip(" *_")) is not None


# Inline enumerations "(i) ... (ii) ..." inside one paragraph.
INLINE_ENUM = re.compile(r"(?:(?<=\s)|^)\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)\s+")


class Marker:
    """A plain class, not a dataclass: compiled (setup.py), a dataclass is built several
    times slower than a class with its own __init__."""

    __slots__ = ("length", "style", "text")

    def __init__(self, style: str, text: str, length: int) -> None:
        self.style = style
        self.text = text  # the marker as written, e.g. "1.", "-", "a)"
        self.length = length  # characters to skip in the line text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Marker) and (self.style, self.text, self.length) == (
            other.style,
            other.text,
            other.length,
        )

    def __hash__(self) -> int:
        return hash((self.style, self.text, self.length))

    def __repr__(self) -> str:
        return f"Marker({self.style!r}, {self.text!r}, {self.length})"


_MARKER_FIRST = frozenset("0123456789IVXLC([-–—+•·▪◦●✓PCMĐHNGTBS" + _GLYPHS + _OCR_GLYPHS + _FONT_GLYPHS)


# OCR drops the dot of "10. Sở Y tế" more often than it reads anything else wrong
# (its stop lost, or read as a comma: "1 Sở Y tế", "2, Trạm Y tế")
_OCR_NUMBER = re.compile(rf"^\d{{1,2}},?\s+(?=[{_UPPER}])")
# a part's Roman numeral as OCR reads a bold serif one: two capitals I that touch read as
# "H" ("H. NỘI DUNG THỰC HIỆN" for II, "HI." or "IH." for III), an I read as "l"; only before
# a heading in capitals, where a letter item ("H. Về …") never stands
_OCR_ROMAN = re.compile(rf"^(H|HI|IH|Il|lI|Ill|IlI|lII)\s*\.\s+(?=[{_UPPER}]{{2,}}\b)")
_OCR_ROMAN_READ = {"H": "II", "HI": "III", "IH": "III"}
# ... and the readings no typed text holds ("I1." for II, "1I." and "Il1." and the like),
# wherever the text comes from: OCR output is often pasted as text
# (a capital I and a digit 1 both: "11." is an item's number)
_OCR_ROMAN_DIGIT = re.compile(rf"^((?=[Il1]*1)(?=[Il1]*I)[Il1]{{2,3}})\s*\.\s+(?=[{_UPPER}]{{2,}}\b)")


# The patterns that can match a line starting with a given character, in their order:
# "Các…", "Đồng…", "Việc…" lines are tried against one or two patterns, not all of them.
_BY_FIRST: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _style, _pattern in _PATTERNS:
    _firsts = {
        "part": "PCM",
        "article": "Đ",
        "roman_num": "IVXL",
        "num3": "0123456789",
        "num2": "0123456789",
        "roman": "IVXL",
        "num_dot": "0123456789",
        "label_num": "HNG",
        "num_dash": "0123456789",
        "num_paren": "0123456789",
        "letter": "abcdefghijklmnopqrstuvwxyzđ",
        "num_slash": "0123456789",
        "letter_slash": "abcdefghijklmnopqrstuvwxyzđ",
        "letter_dot": "abcdefghijklmnopqrstuvwxyzđ",
        "letter_dash": "abcdefghijklmnopqrstuvwxyzđ",
        "paren": "(",
        "dash": "-–—",
        "plus": "+",
        "bullet": "•·▪◦●✓",
        "ordinal": "TMHBNSC",
        "glyph": _GLYPHS,
        "ocr_glyph": _OCR_GLYPHS,
        "font_glyph": _FONT_GLYPHS,
    }[_style]
    for _ch in _firsts:
        _BY_FIRST.setdefault(_ch, []).append((_style, _pattern))


# "A. SỞ NỘI VỤ", "B. NHIỆM VỤ CỤ THỂ": a part lettered in capitals (NĐ 30's "A.", "B." above
# "I.", "1."), tried only where a capital has its dot (roman numerals win: "I.", "V.", "X.")
_UPPER_LETTER = re.compile(rf"^[{_UPPER}]\.\s+(?=[{_UPPER}])")


def find_marker(text: str, *, ocr: bool = False) -> Marker | None:
    first = text[:1]
    if ocr and first in "HIl" and (m := _OCR_ROMAN.match(text)) is not None and caps_heading(text[m.end() :]):
        return Marker("roman", _as_roman(m.group(1)) + ".", len(m.group(0)))
    if (
        first in "I1"
        and text[1:2] in "Il1"
        and (m := _OCR_ROMAN_DIGIT.match(text)) is not None
        and caps_heading(text[m.end() :])
    ):
        return Marker("roman", _as_roman(m.group(1)) + ".", len(m.group(0)))
    if text[1:2] == "." and first.isupper() and first not in "IVXL":
        m = _UPPER_LETTER.match(text)
        if m:
            return Marker("upper_letter", m.group(0).strip(), len(m.group(0)))
    if first not in _MARKER_FIRST and not (first.islower() and text[1:2] in ")/.- "):
        return None  # most lines continue a sentence: no pattern can match them
    for style, pattern in _BY_FIRST.get(first, ()):
        m = pattern.match(text)
        if m and m.end() > 0:
            raw = m.group(0)
            if style == "roman" and not m.group(1):
                continue
            if style in ("glyph", "ocr_glyph", "font_glyph"):
                style = f"glyph{first}"  # "❖" and "➢" nest: one style per glyph
            return Marker(style, raw.strip(), len(raw))
    if ocr:
        m = _OCR_NUMBER.match(text)
        if m:
            return Marker("num_dot", m.group(0).strip().rstrip(",") + ".", len(m.group(0)))
    return None


def _as_roman(read: str) -> str:
    """The numeral OCR read as "H", "HI", "Il", "I1" …: "II", "III"."""
    return _OCR_ROMAN_READ.get(read) or read.replace("l", "I").replace("1", "I")


def caps_heading(text: str) -> bool:
    """A heading in capitals: its letters (a few at least) all upper case."""
    letters = [c for c in text[:40] if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def is_unnumbered(style: str) -> bool:
    """A bullet of any kind: "-", "+", "•", a symbol font's glyph."""
    return style in ("dash", "plus", "bullet") or style.startswith("glyph")


# what opens a bulleted line, whatever bullet a copy uses: "-", "–", "+", "•", a symbol glyph
BULLET_STARTS = "-–—+•·▪◦●✓" + _GLYPHS


def is_item_start(text: str) -> bool:
    return find_marker(text) is not None


_WRAPPED_RANGE_END = re.compile(r".*\b\d{4}$")
_WRAPPED_RANGE_START = re.compile(r"^[-–—]\s*\d{4}\b(?![-/.]\d)")


def continues_a_range(prev: str, line: str) -> bool:
    """ "… giai đoạn 2026" / "- 2030 …": a period wrapped at its dash, not a dash item."""
    return _WRAPPED_RANGE_END.match(prev) is not None and _WRAPPED_RANGE_START.match(line) is not None
