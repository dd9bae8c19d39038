"""Physical lines of a directive, cleaned of markup and page furniture.

Text reaches us from PDF tools, OCR and web pages, so a line may carry markdown emphasis,
table pipes, form feeds, page numbers, running headers or e-signature stamps. Each `Line`
keeps the offsets of its content in the (NFC view of the) source, so every piece of text
built from lines can point back to where it came from.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from dondoc.extract.lexicon import table, words
from dondoc.extract.markers import BULLET_STARTS
from dondoc.extract.spacing import single_spaced

_EMPHASIS = re.compile(r"[*_]{1,3}")
_RULE = re.compile(r"^[\s*_\-=–—.…|#]*$")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
_DIGITS = re.compile(r"\d+")


class Line:
    """One line. Offsets are kept as the line start plus small in-line offsets (cheap
    integers) and the raw text is sliced from the shared source on demand: a document
    has tens of thousands of lines, and memory per line is the extractor's main cost.
    A plain class, not a dataclass: compiled (setup.py), a dataclass is built several
    times slower than a class with its own __init__."""

    __slots__ = ("bold", "first", "indent", "index", "kind", "last", "length", "src", "start", "text")

    def __init__(
        self,
        index: int,
        start: int,  # offset of the raw line in the text
        length: int,  # of the raw line, line end excluded
        src: str,  # the whole text (shared)
        text: str,  # content without markup, inner whitespace collapsed
        first: int,  # in-line offset of the first content character
        last: int,  # in-line offset just after the last content character
        indent: int,
        bold: bool,
        kind: str,  # "text", "blank", "pipe" (a table/layout separator), "rule", "noise"
    ) -> None:
        self.index = index
        self.start = start
        self.length = length
        self.src = src
        self.text = text
        self.first = first
        self.last = last
        self.indent = indent
        self.bold = bold
        self.kind = kind

    def __repr__(self) -> str:
        return f"Line({self.index}, {self.kind}, {self.text!r})"

    @property
    def end(self) -> int:
        return self.start + self.length

    @property
    def cstart(self) -> int:
        return self.start + self.first

    @property
    def cend(self) -> int:
        return self.start + self.last

    @property
    def raw(self) -> str:
        """The line as written, without its line end."""
        return self.src[self.start : self.start + self.length]

    @property
    def is_text(self) -> bool:
        return self.kind == "text"


_HEADING_HASHES = re.compile(r"^\s*#+\s+")
_MD_BULLET = re.compile(r"^\s*\*\s+(?=[^\s*])")
_SPACES = re.compile(r"\s+")


_MARKUP = ("*", "_", "\\", "#", "\f")


def _clean(raw: str, markup: bool = True) -> tuple[str, int, int, bool]:
    """Content of a raw line: (text, first content index, end index, bold). `markup`: may
    the line hold a markup character? (False when the whole text holds none.)"""
    if not (markup and any(c in raw for c in _MARKUP)):
        # the common case: plain text, no markup to strip
        stripped = raw.strip()
        if not stripped:
            return "", len(raw), len(raw), False
        first = len(raw) - len(raw.lstrip())
        # already collapsed: splitting it into words would only cost time
        if single_spaced(stripped):
            return stripped, first, first + len(stripped), False
        return " ".join(stripped.split()), first, first + len(stripped), False
    stripped = raw.replace("\f", " ")
    bullet = _MD_BULLET.match(stripped)
    if bullet:
        # "* Sở Y tế …": a markdown list's item (emphasis never opens with a space), read as
        # the bullet "•" it stands for; the marker starts at the asterisk
        rest = stripped[bullet.end() :]
        text, _, last, bold = _clean(" " * bullet.end() + rest)
        return "• " + text, bullet.end() - len(bullet.group(0).lstrip()), last, bold
    bold = stripped.lstrip().startswith("**") or stripped.lstrip().startswith("__")
    text = _EMPHASIS.sub("", stripped)
    text = text.replace("\\", "")
    text = _HEADING_HASHES.sub("", text)
    # first/last content characters of the raw line (skipping markup)
    first = 0
    while first < len(raw) and (raw[first].isspace() or raw[first] in "*_#\f"):
        first += 1
    last = len(raw)
    while last > first and (raw[last - 1].isspace() or raw[last - 1] in "*_"):
        last -= 1
    return _SPACES.sub(" ", text).strip(), first, last, bold


def _fully_bold(line: str, in_bold: bool) -> bool:
    if not in_bold:
        if not line.startswith("**"):
            return False
        line = line[2:]
    close = line.find("**")
    return close < 0 or line[close:].strip("*_ ") == ""  # no close, or it closes at the end


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    i = 0
    in_bold = False
    # five searches of the whole text, not of each of its lines: most texts have no markup
    markup = any(c in text for c in _MARKUP)
    # one line at a time, not text.split("\n"): that would copy the whole text at once
    while True:
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        raw_line = text[pos:end]
        if raw_line.endswith("\r"):
            raw_line = raw_line[:-1]
        cleaned, first, last, bold = _clean(raw_line, markup)
        # bold means the whole line is bold; a run may span lines
        # ("**7. Các sở, ban, ngành tỉnh,\nỦy ban nhân dân các xã, phường**"), and a bold
        # marker alone ("**1.** Bộ Chính trị …") does not make the line bold
        has_stars = markup and "**" in raw_line
        bold = bool(cleaned) and (in_bold or has_stars) and _fully_bold(raw_line.strip(), in_bold)
        if has_stars and raw_line.count("**") % 2:
            in_bold = not in_bold
        indent = len(raw_line) - len(raw_line.lstrip(" \t\f")) if raw_line[:1] in (" ", "\t", "\f") else 0
        if not cleaned:
            kind = "pipe" if raw_line.strip() == "|" else "blank"
        elif cleaned[0].isalnum():
            kind = "text"  # the common case: a rule line has no letters or digits
        elif _RULE.match(raw_line) and not _PAGE_NUMBER.match(raw_line):
            kind = "pipe" if raw_line.strip() == "|" else "rule"
        else:
            kind = "text"
        lines.append(Line(i, pos, len(raw_line), text, cleaned, first, max(first, last), indent, bold, kind))
        if nl < 0:
            return lines
        pos = nl + 1
        i += 1


_BATCH = 64


@cache
def _lowered(key: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in words("noise", key))


# a page's mark in any form a converter or a scanner's software writes, never an item's text:
# "=== Trang 3 ===" / "--- Page 2 ---" (an OCR tool's page separator), "Trang 4/5" or
# "Trang 4" alone, a number between dashes ("- 5 -"), a file's name with its page ("VB45.DOC 3")
_PAGE_MARK = re.compile(
    r"^(?:[=\-–—*#_~]{2,}\s*(?:trang|page)\s+\d{1,3}(?:\s*/\s*\d{1,3})?\s*[=\-–—*#_~]{2,}"
    r"|(?:trang|page)\s+\d{1,3}(?:\s*(?:/|of|trên)\s*\d{1,3})?"
    r"|[-–—]\s*\d{1,3}\s*[-–—]"
    r"|[\w\-]{1,40}\.(?:docx?|pdf|rtf|odt)(?:\s+\d{1,3})?)$",
    re.I,
)
_PAGE_MARK_CHARS = 50

# a bulleted or parenthesised line is an item, however often its shape recurs ("– Thời gian:
# ngày 12/9/2027." under each event of a programme), never a running header
_NOT_HEADERS = BULLET_STARTS + "("

# the official gazette's running header, noise even on a single page (a one-page scan)
_GAZETTE = re.compile(r"^công báo\s*/\s*số\s*\d+\s*/\s*ngày\b", re.I)


def mark_noise(lines: list[Line]) -> None:
    """Mark page numbers, running headers, e-signature stamps and site chrome as noise."""
    # Stamps, site chrome and gazette headers are rare, and matched ignoring case: each
    # kind is looked for line by line only when its words occur somewhere in the text
    # (lower-cased a few lines at a time: lower() takes 12 bytes a character while it works).
    stamp_words, chrome_words = _lowered("signature_stamp_starts"), _lowered("chrome_lines")
    texts = [ln for ln in lines if ln.is_text]
    stamps = chrome = gazette = False
    for k in range(0, len(texts), _BATCH):
        part = "\n".join(ln.text for ln in texts[k : k + _BATCH]).lower()
        stamps = stamps or any(w in part for w in stamp_words)
        chrome = chrome or any(w in part for w in chrome_words)
        gazette = gazette or "công báo" in part
    # running headers: the same short line (digits aside) on several pages, with a "/"
    # ("CÔNG BÁO/Số 271/Ngày 12-05-2026"); only such lines need their shape
    shape_of = {
        ln.index: _DIGITS.sub("#", ln.text)
        for ln in texts
        # with words: a date alone on its line ("25/4/2027.") is a sentence's end, twice or not
        if 8 <= len(ln.text) <= 70 and "/" in ln.text and any(c.isalpha() for c in ln.text)
    }
    shapes = Counter(shape_of.values())
    furniture = stamps or chrome or gazette
    bare: list[Line] = []  # numbers alone on their lines, page numbers or not
    for ln in texts:
        text = ln.text
        low = text.lower() if furniture else ""
        if furniture and (
            (stamps and low.startswith(stamp_words))
            or (chrome and any(w in low for w in chrome_words))
            or (gazette and low.startswith("công báo") and _GAZETTE.match(text))
        ):
            ln.kind = "noise"
        elif len(text) <= _PAGE_MARK_CHARS and _PAGE_MARK.match(text):
            ln.kind = "noise"  # "=== Trang 3 ===", "Trang 4/5", "- 5 -", "VB45.DOC 3"
        # a line that opens in lower case goes on with a sentence: an item written twice in
        # a document ("… nhỏ và" / "vừa theo Nghị định số 80/2021/NĐ-CP …") is no running header
        elif ln.index in shape_of and text[:1] not in _NOT_HEADERS and not text[:1].islower():
            shape = shape_of[ln.index]
            if shapes[shape] >= 2 and "#" in shape and not _in_cell(lines, ln.index):
                ln.kind = "noise"
        elif len(text) <= 9 and _PAGE_NUMBER.match(ln.raw):
            bare.append(ln)
    pages = 0  # the last page number found: the next one follows it
    seen_one = False  # a "1" alone on its line: numbers alone are a table's, not pages
    for ln in bare:
        value = int(_DIGITS.search(ln.text).group(0))  # type: ignore[union-attr]
        if _is_page_number(lines, ln.index) or _between_pages(lines, ln.index, value, pages, seen_one):
            ln.kind = "noise"
            pages = value
            _mark_running_title(lines, ln.index)
        seen_one = seen_one or value == 1


def _mark_running_title(lines: list[Line], page: int) -> None:
    """A page's running title beside its number ("3" / "Kế hoạch số 1520/KH-SYT"), which a
    short document prints once, so no count of repeats finds it: the document's kind and
    number alone on the line next to the page number."""
    for step in (1, -1):
        near = _neighbour(lines, page, step)
        if near is not None and near.kind == "text" and _running_title().match(near.text):
            near.kind = "noise"


@cache
def _running_title() -> re.Pattern[str]:
    kinds = "|".join(
        re.escape(k) for k in sorted(set(table("documents", "types").values()), key=len, reverse=True)
    )
    return re.compile(rf"^(?:{kinds})\s+số\s*:?\s*\d{{1,5}}[\w./\-]*$", re.I)


def _neighbour(lines: list[Line], i: int, step: int) -> Line | None:
    j = i + step
    while 0 <= j < len(lines):
        if lines[j].kind in ("text", "pipe"):
            return lines[j]
        j += step
    return None


def _in_cell(lines: list[Line], i: int) -> bool:
    """Is line i a cell of a web page's table, between "|" lines? A running header is not
    ("Trước ngày 31/3/2027" in two rows of a deadline column has the shape of one)."""
    prev, nxt = _neighbour(lines, i, -1), _neighbour(lines, i, 1)
    return (prev is not None and prev.kind == "pipe") or (nxt is not None and nxt.kind == "pipe")


_SENTENCE_ENDS = (".", ";", ":", "!", "?", "…")
_PROSE_WORDS = 4  # words of a line of running text at least: a table's cell a line has fewer


def _between_pages(lines: list[Line], i: int, value: int, pages: int, seen_one: bool) -> bool:
    """A number alone between two lines of text, as a PDF's text layer puts a page's number
    between the pages' text: a page number when it cuts a sentence (the line before runs on,
    the line after goes on in lower case or a word runs on into a number), when it is the
    page after the last one found, or page 2 between two lines of running text.
    Not otherwise: a table laid out a cell per line has numbers alone between its cells."""
    if _in_cell(lines, i):
        return False
    before, after = _neighbour(lines, i, -1), _neighbour(lines, i, 1)
    if before is None or after is None or before.kind != "text" or after.kind != "text":
        return False
    if _reads_on(before.text, after.text):
        return False  # "Hà Nội, ngày" / "15" / "tháng 6 năm 2027": a day typed in its own field
    if (
        not before.text.endswith(_SENTENCE_ENDS)
        and (
            after.text[:1].islower()
            # "… theo Thông tư số" / "2" / "75/2024/TT-BTC ngày …": a word runs on into a number
            or (after.text[:1].isdigit() and before.text[-1:].islower())
        )
    ):
        return True
    if pages:
        return value == pages + 1
    # the first page number a copy prints is 2, between two lines of running text; a table
    # laid out a cell per line numbers its rows "1", "2", … alone on their lines, short cells
    return value == 2 and not seen_one and all(len(ln.text.split()) >= _PROSE_WORDS for ln in (before, after))


def _reads_on(before: str, after: str) -> bool:
    """Does a number between these lines read as part of their words: after a word that
    takes a number ("ngày", "số", "gồm") with no number after it, or before a unit ("tháng",
    "người", "%")? ("… Thông tư số" / "2" / "75/2024/TT-BTC": two numbers, no reading on.)"""
    last = before.rsplit(maxsplit=1)[-1].lower() if before.strip() else ""
    first = after.split(maxsplit=1)[0].lower().strip(".,;:") if after.strip() else ""
    if first[:1].isdigit():
        return False
    return last in words("noise", "number_takers") or first in words("noise", "number_units")


def _is_page_number(lines: list[Line], i: int) -> bool:
    """A bare number is a page number unless it sits inside a pipe table or a sentence."""
    if _in_cell(lines, i):
        return False
    line = lines[i]
    blank_before = i > 0 and lines[i - 1].kind != "text"
    blank_after = i + 1 < len(lines) and lines[i + 1].kind != "text"
    if "\f" in line.raw or "\f" in (lines[i - 1].raw if i > 0 else ""):
        return True
    if blank_before or blank_after:
        return True
    # layout text: page number far to the right or centred
    return line.indent >= 20
