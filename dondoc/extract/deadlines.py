"""Time phrases → the last day they allow (ISO date), or a recurrence.

Conventions (shared/corpus/README.md): quarter/month/year → its last day; "trước ngày D" →
D − 1 with D as an alternative; "từ X đến Y" → Y; several bounds in one item → the
earliest; recurring or open-ended phrases → no date, the phrase kept as `recurrence`.
Lunar dates (Tết Nguyên đán) go through lunar-vn, which follows the Vietnamese calendar.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from lunar_vn import convert_lunar_to_solar

from dondoc.core.directive import Deadline
from dondoc.extract.spacing import single_spaced

_ROMAN_Q = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_DMY = r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})"
_DMY_WORDS = r"(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|/|-)\s*(\d{4})"
_DATE = rf"(?:ngày\s+)?(?:{_DMY}|{_DMY_WORDS})"
_MONTH = r"tháng\s+(\d{1,2})\s*(?:/|-|năm)\s*(\d{4})"
_QUARTER = r"qu[ýíy]\s+(iv|i{1,3}|[1-4])\s*(?:/|-|năm|,)?\s*(?:năm\s+)?(\d{4})"
_HALF = r"6\s+tháng\s+(đầu|cuối)\s+năm\s+(\d{4})"
_TET = r"tết\s+nguyên\s+đán(?:\s+[A-ZĐa-zà-ỹ]+\s+[A-ZĐa-zà-ỹ]+)?\s*(?:năm\s+)?(\d{4})"
_YEAR = r"năm\s+(\d{4})"
_LUNAR_MONTH = r"(\d{1,2}|[Gg]iêng|[Cc]hạp)"
# "ngày 10 tháng 3 âm lịch năm 2025", "ngày 10/3 (âm lịch)", "Rằm tháng Giêng năm 2026"
_LUNAR = (
    rf"(?:ngày\s+(\d{{1,2}})\s*(?:tháng\s+|/){_LUNAR_MONTH}|[Rr]ằm\s+tháng\s+{_LUNAR_MONTH})"
    r"\s*(?:\(\s*)?(âm\s+lịch)?(?:\s*\))?(?:\s*(?:năm\s+)?(\d{4}))?"
)


@dataclass(frozen=True)
class _Rule:
    """A time pattern, with what lets it skip most of a text.

    `anchors` are words (lower case) that every match holds, at most `back` characters
    after its start in single-spaced text, and `firsts` the characters a match can start
    with. Instead of trying the pattern at every character, `_matches` tries it only where
    one of `firsts` stands in the `back` characters before an anchor: the same matches,
    for a fraction of the cost. Patterns are written in lower case so that they can run
    case-sensitively on lower-cased text (`lower`); `folded` ignores case and serves any
    other text.
    """

    kind: str
    folded: re.Pattern[str]
    lower: re.Pattern[str]
    anchors: tuple[str, ...]
    back: int
    firsts: str


def _rule(kind: str, source: str, anchors: tuple[str, ...], back: int, firsts: str = "") -> _Rule:
    # with no lead-in (back 0) a match starts at its anchor: firsts is its first letter
    return _Rule(kind, re.compile(source, re.I), re.compile(source), anchors, back, firsts or anchors[0][0])


def _fast(text: str, low: str) -> bool:
    """Can `_matches` skip ahead in this text? Its offsets must survive lower-casing and
    its whitespace come one character at a time (so `\\s+` before an anchor is one)."""
    return len(low) == len(text) and single_spaced(text) and text == text.strip()


def _matches(rule: _Rule, text: str, low: str, fast: bool) -> list[re.Match[str]]:
    """rule.folded.finditer(text), tried only where a match can start (see _Rule)."""
    if not fast:
        return list(rule.folded.finditer(text))
    found: list[re.Match[str]] = []
    starts: list[int] = []
    for word in rule.anchors:
        i = low.find(word)
        while i >= 0:
            starts.append(i)
            i = low.find(word, i + 1)
    starts.sort()
    pos = 0  # matches do not overlap, as with finditer
    tried = -1
    match = rule.lower.match
    for a in starts:
        s = max(pos, a - rule.back, tried + 1)
        while s <= a:
            if low[s] not in rule.firsts:
                s += 1  # no match starts with this character: spare the call
                continue
            m = match(low, s)
            if m is None:
                s += 1
                continue
            found.append(m)
            pos = s = m.end()  # never empty: every pattern holds its anchor
        tried = max(tried, a)
    return found


_RECURRENCE = [
    _rule("monthly", r"\b(?:hằng|hàng)\s+tháng\b", ("hằng", "hàng"), 0),
    _rule("quarterly", r"\b(?:hằng|hàng)\s+quý\b", ("hằng", "hàng"), 0),
    _rule("yearly", r"\b(?:hằng|hàng)\s+năm\b", ("hằng", "hàng"), 0),
    _rule("weekly", r"\b(?:hằng|hàng)\s+tuần\b", ("hằng", "hàng"), 0),
    _rule("continuous", r"\bthường\s+xuyên\b", ("thường",), 0),
    _rule("as_planned", r"\btheo\s+kế\s+hoạch(?:\s+riêng)?\b", ("theo",), 0),
    _rule("periodic", r"\bđịnh\s+kỳ\b", ("định",), 0),
]


def _last_of_month(y: int, m: int) -> date | None:
    if not (1 <= m <= 12 and 1900 <= y <= 2200):
        return None
    return date(y, m, calendar.monthrange(y, m)[1])


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def tet(year: int) -> date | None:
    """Day one of the lunar year that falls in `year` (Vietnamese calendar)."""
    if not 1900 <= year <= 2100:
        return None
    result: date = convert_lunar_to_solar(1, 1, year, 0)
    return result


_LUNAR_MONTH_NAMES = {"giêng": 1, "chạp": 12}


def _lunar(g: tuple[str | None, ...], doc_date: date | None, *, rằm: bool) -> date | None:
    """(cue, day, month, rằm-month, âm lịch, year) → the solar date of that lunar day."""
    _, day, month, full_moon_month, lunar_word, year = g
    if not rằm and not lunar_word:
        return None  # a plain "ngày 10/3" is solar: the "day" pattern reads it
    raw_month = full_moon_month if rằm else month
    if raw_month is None:
        return None
    m = _LUNAR_MONTH_NAMES.get(raw_month.lower()) or int(raw_month)
    d = 15 if rằm else int(day or 0)
    y = int(year) if year else (doc_date.year if doc_date else None)
    if y is None or not (1 <= m <= 12 and 1 <= d <= 30 and 1900 <= y <= 2100):
        return None
    try:
        result: date = convert_lunar_to_solar(d, m, y, 0)
    except (ValueError, KeyError, IndexError):
        return None
    return result


def _date_from(m: re.Match[str], offset: int) -> date | None:
    g = m.groups()[offset : offset + 6]
    if g[0]:
        return _safe_date(int(g[2]), int(g[1]), int(g[0]))
    if g[3]:
        return _safe_date(int(g[5]), int(g[4]), int(g[3]))
    return None


class _Found:
    """A plain class, not a dataclass: compiled (setup.py), a dataclass is built several
    times slower than a class with its own __init__."""

    __slots__ = ("alternatives", "end", "start", "when")

    def __init__(self, start: int, end: int, when: date, alternatives: tuple[date, ...] = ()) -> None:
        self.start = start
        self.end = end
        self.when = when
        self.alternatives = alternatives


_ASCII_DIGIT = re.compile("[0-9]")
# Every decimal digit beyond ASCII (what "\d" matches) lies in these ranges, which leave
# out the blocks of Vietnamese letters and of punctuation: a character test by range is
# far cheaper for the regex engine than the Unicode digit test.
_MAYBE_OTHER_DIGIT = re.compile("[\u0660-\u1dff\u1f00-\u1fff\u2c00-\U0010ffff]")


def _may_hold_time(text: str, low: str) -> bool:
    """Can a dated pattern match? They all need a digit, a quarter, Tết or a full moon."""
    return (
        "qu" in low
        or "tết" in low
        or "rằm" in low
        or _ASCII_DIGIT.search(text) is not None
        or (not text.isascii() and _MAYBE_OTHER_DIGIT.search(text) is not None)
    )


# Phrases with an explicit bound word, each with its anchors, how far before them a match
# can start and with which letters (see _Rule): "hoàn thành trong " is the longest lead-in.
_BEFORE = (
    r"(?:xong\s+|hoàn\s+thành\s+)?(?:trước|chậm\s+nhất(?:\s+là|\s+vào)?(?:\s+đến)?|hạn\s+chót(?:\s+là)?)\s+"
)
_STRICT = [
    _rule("before", rf"{_BEFORE}{_DATE}", ("trước", "chậm", "hạn"), 11, "xhtc"),
    _rule(
        "range",
        rf"\btừ\s+(?:ngày\s+)?[\d/.\s]+(?:tháng\s+\d+\s+)?(?:năm\s+\d{{4}}\s+)?đến\s+(?:hết\s+)?(?:ngày\s+)?(?:{_DMY}|{_DMY_WORDS}|{_YEAR})",
        ("từ",),
        0,
    ),
    _rule(
        "month",
        rf"\b(?:trong|vào|hoàn\s+thành\s+trong|đến\s+hết|đến|hết|cuối)\s+{_MONTH}",
        ("tháng",),
        17,
        "tvhđc",
    ),
    _rule(
        "quarter",
        rf"\b(?:trong|vào|hoàn\s+thành\s+trong|đến\s+hết|đến|hết|cuối|trước)\s+{_QUARTER}",
        ("quý ", "quí ", "quy "),
        17,
        "tvhđc",
    ),
    _rule("half", rf"\b(?:trong\s+)?{_HALF}", ("tháng",), 8, "t6"),
    _rule("tet", rf"\b(?:trong|trước|dịp)\s+(?:dịp\s+)?{_TET}", ("tết",), 10, "td"),
    _rule("lunar", rf"\b(trước|trong|vào|dịp|đến|nhân)\s+(?:dịp\s+)?{_LUNAR}", ("ngày", "rằm"), 10, "tvdđn"),
    # "trước ngày 15/12" without a year: the document's year (or the next, if already past)
    _rule(
        "before_no_year",
        rf"{_BEFORE}(?:ngày\s+)?(\d{{1,2}})\s*/\s*(\d{{1,2}})(?!\s*[/.\-]\s*\d)(?!\d)(?!\s+(?:năm|âm))",
        ("trước", "chậm", "hạn"),
        11,
        "xhtc",
    ),
    _rule("year", rf"(?<!được giao )\b(?:trong|đến\s+hết|hết|cuối|trước)\s+{_YEAR}", ("năm",), 8, "tđhc"),
    _rule("day", rf"\b(?:vào|trong)\s+ngày\s+(?:{_DMY}|{_DMY_WORDS})", ("ngày",), 6, "vt"),
    _rule(
        "relative",
        r"\btrong\s+(?:vòng|thời\s+hạn)?\s*(\d{1,3})\s+ngày(?:\s+làm\s+việc)?,?\s+kể\s+từ\s+ngày\s+(?:ký|ban\s+hành)",
        ("trong",),
        0,
    ),
]
# A word each pattern cannot match without (lower case).
_NEEDS = {
    "before": ("trước", "chậm", "chót"),
    "range": ("từ",),
    "month": ("tháng",),
    "quarter": ("qu",),
    "half": ("tháng",),
    "tet": ("tết",),
    "lunar": ("âm lịch", "rằm"),
    "before_no_year": ("trước", "chậm", "chót"),
    "year": ("năm",),
    "day": ("ngày",),
    "relative": ("từ",),
}
_NEEDED = frozenset(w for words in _NEEDS.values() for w in words)
_HOAN_THANH_YEAR = _rule("year", r"hoàn\s+thành\b[^.;:()]{0,80}?\bnăm\s+(\d{4})\b", ("hoàn",), 0)
_DURING = re.compile(r"được\s+giao\s+(?:trong\s+)?$", re.I)


def _strictly_before(m: re.Match[str]) -> bool:
    """ "trước ngày D" ends the day before D; "chậm nhất (đến) ngày D" and "hạn chót" allow D."""
    return "trước" in m.group(0).lower()


def _resolve(kind: str, m: re.Match[str], doc_date: date | None) -> _Found | None:
    g = m.groups()
    when: date | None = None
    alts: tuple[date, ...] = ()
    if kind == "before":
        d = _date_from(m, 0)
        if d and _strictly_before(m):
            when, alts = d - timedelta(days=1), (d,)
        elif d:
            when = d  # "chậm nhất ngày D", "hạn chót D": D is still allowed
    elif kind == "range":
        if g[0]:
            when = _safe_date(int(g[2]), int(g[1]), int(g[0]))
        elif g[3]:
            when = _safe_date(int(g[5]), int(g[4]), int(g[3]))
        elif g[6]:
            when = date(int(g[6]), 12, 31)
    elif kind == "month":
        when = _last_of_month(int(g[1]), int(g[0]))
    elif kind == "quarter":
        q = _ROMAN_Q[g[0].upper()]
        when = _last_of_month(int(g[1]), q * 3)
    elif kind == "half":
        when = date(int(g[1]), 6 if g[0].lower() == "đầu" else 12, 30 if g[0].lower() == "đầu" else 31)
    elif kind == "tet":
        when = tet(int(g[0]))
        if when and m.group(0).lower().startswith("trước"):
            when, alts = when - timedelta(days=1), (when,)  # "trước Tết": the eve, or Tết itself
    elif kind == "lunar":
        when = _lunar(g, doc_date, rằm=g[3] is not None)
        if when and g[0].lower() == "trước":
            when, alts = when - timedelta(days=1), (when,)
    elif kind == "before_no_year" and doc_date is not None:
        d = _safe_date(doc_date.year, int(g[1]), int(g[0]))
        if d is not None and d < doc_date:
            d = _safe_date(doc_date.year + 1, int(g[1]), int(g[0]))
        if d is not None and _strictly_before(m):
            when, alts = d - timedelta(days=1), (d,)
        elif d is not None:
            when = d
    elif kind == "year":
        if _DURING.search(m.string[max(0, m.start() - 20) : m.start()]):
            return None
        when = date(int(g[0]), 12, 31)
    elif kind == "day":
        when = _date_from(m, 0)
    elif kind == "relative" and doc_date is not None:
        when = doc_date + timedelta(days=int(g[0]))
    if when is None:
        return None
    return _Found(m.start(), m.end(), when, alts)


# "… và các năm tiếp theo", "… và những năm sau": the bound opens onto the years after it
_YEARS_AFTER = r"(?:và|,)\s+(?:các|những)\s+năm\s+(?:tiếp\s+theo|sau|tới)"
_AND_AFTER = re.compile(rf"^[\s,]*{_YEARS_AFTER}", re.I)
_AND_AFTER_ANY = re.compile(_YEARS_AFTER, re.I)
# a cycle's word before a day and month without a year ("định kỳ báo cáo … trước ngày 20/11")
_CYCLE_BEFORE = re.compile(r"\b(?:định\s+kỳ|hằng\s+năm|hàng\s+năm)\b", re.I)


def _recurrence_after(text: str, end: int) -> tuple[str, int] | None:
    """A period word right after a date ("trước ngày 01/6 và 15/11 hằng năm") or the years
    after it ("giai đoạn 2026-2030 và những năm tiếp theo"): (name, its end)."""
    tail = text[end : end + 40]
    for rule in _RECURRENCE[:4]:
        m = rule.folded.search(tail)
        if m and m.start() < 12:
            return rule.kind, end + m.end()
    after = _AND_AFTER.match(tail)
    if after:
        return "open_ended", end + after.end()
    return None


def _cycle_before(text: str, start: int) -> bool:
    """A day and month with no year, in a clause that names a cycle: every year's date."""
    clause = re.split(r"[.;]", text[max(0, start - 80) : start])[-1]
    return _CYCLE_BEFORE.search(clause) is not None


def find_in_text(text: str, doc_date: date | None = None) -> Deadline | None:
    """The earliest explicit time bound in a task's text, or None."""
    low = text.lower()
    if not _may_hold_time(text, low):
        return _recurrence_only(text, low)  # spare the dated patterns
    found: list[_Found] = []
    # the characters already part of a match: a later match starting inside one is part
    # of it (a flag per character, not a list of spans to search: a text of thousands of
    # dates would make that quadratic)
    covered = bytearray(len(text))
    recurring: tuple[str, str] | None = None
    fast = _fast(text, low)
    present = {w for w in _NEEDED if w in low}
    for rule in _STRICT:
        kind = rule.kind
        if present.isdisjoint(_NEEDS[kind]):
            continue  # the pattern cannot match: spare the regex engine its slow scan
        for m in _matches(rule, text, low, fast):
            if covered[m.start()]:
                continue
            f = _resolve(kind, m, doc_date)
            if f is None:
                continue
            covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            rec = _recurrence_after(text, m.end())
            if rec is None and kind == "before_no_year" and _cycle_before(text, m.start()):
                rec = ("yearly", m.end())
            if rec:
                recurring = recurring or (text[m.start() : rec[1]].strip(), rec[0])
                continue
            found.append(f)
    for m in _matches(_HOAN_THANH_YEAR, text, low, fast):
        y = int(m.group(1))
        if not (m.end() > 0 and covered[m.end() - 1]):
            # the phrase is "năm YYYY", in whatever case it is written ("HOÀN THÀNH NĂM 2025")
            year_at = low.rfind("năm", m.start(), m.end())
            found.append(_Found(year_at if year_at >= 0 else m.start(), m.end(), date(y, 12, 31)))
    if found:
        best = min(found, key=lambda f: (f.when, f.start))
        phrase = text[best.start : best.end].strip(" ,.;()")
        return Deadline(phrase, best.when, None, best.alternatives)
    if recurring:
        return Deadline(recurring[0], None, recurring[1])
    return _recurrence_only(text, low)


def _recurrence_only(text: str, low: str) -> Deadline | None:
    if "hằng" not in low and "hàng" not in low and "định kỳ" not in low and "thường xuyên" not in low:
        return None  # none of the period words: spare the patterns
    fast = _fast(text, low)
    for rule in _FREE_RECURRENCE:
        for m in _matches(rule, text, low, fast):
            if _NOUN_BEFORE.search(text[max(0, m.start() - 14) : m.start()]):
                continue  # "chỉ tiêu … nhiệm vụ hằng năm": a kind of task, not this task's rhythm
            return Deadline(text[m.start() : m.end()].strip(" ,.;"), None, rule.kind)
    return None


_NOUN_BEFORE = re.compile(r"(?:nhiệm vụ|chỉ tiêu|kế hoạch|mục tiêu)\s+$", re.I)


# In running text only unambiguous period words make a task recurring ("báo cáo định kỳ
# hằng tháng"); "thường xuyên" counts only as the clause's last word ("…, thực hiện
# thường xuyên."), not as an adverb ("thường xuyên kiểm tra").
_FREE_RECURRENCE = [
    *_RECURRENCE[:4],
    _rule("continuous", r"\bthường\s+xuyên\s*(?:[.;]|$)", ("thường",), 0),
    _rule("periodic", r"\bđịnh\s+kỳ\b", ("định",), 0),
]


_BARE_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b")
_BARE_YEAR = re.compile(r"^\s*(?:năm\s+)?((?:19|20)\d{2})\s*$", re.I)
_BARE_QUARTER = re.compile(rf"^\s*{_QUARTER}", re.I)
_BARE_MONTH = re.compile(rf"^\s*{_MONTH}", re.I)
_BARE_DATE = re.compile(rf"^\s*{_DATE}", re.I)
_FROM_ONLY = re.compile(r"^\s*từ\b(?!.*\bđến\b)", re.I)


_PHASE = re.compile(r"\bgiai\s+đoạn\s+((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b", re.I)


def phase_end(text: str) -> Deadline | None:
    """A phase named by its years ("giai đoạn 2026 - 2030") → its last day."""
    m = _PHASE.search(text)
    if m is None or int(m.group(2)) < int(m.group(1)) or _AND_AFTER_ANY.search(text, m.end()):
        return None
    return Deadline(m.group(0), date(int(m.group(2)), 12, 31))


def parse_value(value: str, doc_date: date | None = None) -> Deadline:
    """A deadline cell or a 'Thời gian: …' value, read permissively."""
    text = " ".join(value.split()).strip(" .;,")
    if not text:
        return Deadline()
    for rule in _RECURRENCE:
        if rule.folded.search(text):
            return Deadline(text, None, rule.kind)
    if _AND_AFTER_ANY.search(text):
        return Deadline(text, None, "open_ended")  # "… và những năm tiếp theo": no last day
    if _FROM_ONLY.match(text):
        return Deadline(text, None, None)
    strict = find_in_text(text, doc_date)
    if strict and strict.date:
        return Deadline(text, strict.date, None, strict.alternatives)
    m = _BARE_RANGE.search(text)
    if m:
        return Deadline(text, date(int(m.group(2)), 12, 31))
    for pattern, kind in ((_BARE_QUARTER, "quarter"), (_BARE_MONTH, "month"), (_BARE_DATE, "day")):
        m = pattern.match(text)
        if m:
            f = _resolve(kind, m, doc_date)
            if f:
                return Deadline(text, f.when)
    m = _BARE_YEAR.match(text)
    if m:
        return Deadline(text, date(int(m.group(1)), 12, 31))
    return Deadline(text, None, None)
