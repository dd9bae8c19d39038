"""Time phrases → the last day they allow (ISO date), or a recurrence.

Conventions (shared/corpus/README.md): quarter/month/year → its last day; "trước ngày D" →
D − 1 with D as an alternative; "từ X đến Y" → Y; several bounds in one item → the
earliest; recurring or open-ended phrases → no date, the phrase kept as `recurrence`.
Lunar dates (Tết Nguyên đán) go through lunar-vn, which follows the Vietnamese calendar.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Final

from lunar_vn import convert_lunar_to_solar

from dondoc.core.directive import Deadline
from dondoc.core.workdays import WorkCalendar
from dondoc.extract.lexicon import table
from dondoc.extract.spacing import single_spaced
from dondoc.extract.tones import any_tone, toneless

_ROMAN_Q = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# also "15/6 năm 2026": a day and month in figures, the year in words
_DMY = r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*(?:[/.\-]|\s+năm\s+)\s*(\d{4})"
_DMY_WORDS = r"(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|/|-)\s*(\d{4})"
_DATE = rf"(?:ngày\s+)?(?:{_DMY}|{_DMY_WORDS})"
_NAMED_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)"
# a week or a weekday counted in a month ("tuần thứ hai", "thứ Bảy thứ 2 của tháng")
_NTH = r"thứ\s+(?:nhất|hai|ba|tư|[1-4])"
# a day of the week before its date ("vào thứ Sáu, ngày 15/6/2027", "vào Chủ nhật ngày …")
_ON_WEEKDAY = rf"(?:{_NAMED_WEEKDAY}\s*,?\s+)?"
# the part of the day after an hour ("7 giờ sáng", "2 giờ chiều")
_DAYTIME = r"(?:\s+(?:sáng|trưa|chiều|tối))?"
# the part of a day before its date ("vào sáng ngày 15/4", "vào buổi chiều thứ Năm, ngày …")
_PART_OF_DAY = r"(?:(?:buổi\s+)?(?:sáng|trưa|chiều|tối)\s+)?"
# a day of the week between an hour and its date ("trước 16 giờ 00, thứ Sáu, ngày 14/5/2027")
_WEEKDAY = rf"(?:,?\s+{_NAMED_WEEKDAY})?"
_M = r"tháng\s+"
_MONTH_YEAR = (
    r"\s*(?:/|-|năm|\.(?=\d{4}))\s*(\d{4})"  # the year after a month's number ("12/2026", "12.2026")
)
_MONTH = rf"{_M}(\d{{1,2}}){_MONTH_YEAR}"
# the first of two months or quarters ("tháng 11 và tháng 12/2027", "Quý II - III/2027"):
# its number (group 1) and the word that joins them (group 2)
_JOINER = r"(-|–|đến|và|,)"
_PAIR_FIRST = rf"(\d{{1,2}})\s*{_JOINER}\s*(?:{_M})?"
_Q = r"qu[ýíy]\s+"
# an OCR'd numeral may read "l" or "1" for "I" ("Quý Il/2026", "quý 11/2027"), and two
# serif capitals I that touch as one "H" ("Quý H/2027" for II, "IH", "HI" or "IIH" for III)
_NUMERAL_Q = r"(?:iv|lv|[il1h]{1,3}|[1-4])"
# the year after a quarter's numeral ("Quý II/2027", "quý II năm 2027", "quý IV.2026")
_QUARTER_YEAR = r"\s*(?:/|-|năm|,|\.(?=\d{4}))?\s*(?:năm\s+)?(\d{4})"
_QUARTER = rf"{_Q}({_NUMERAL_Q}){_QUARTER_YEAR}"
_SIX_MONTHS = r"(?:0?6\s+tháng|sáu\s+tháng|nửa)"  # "6 tháng", "06 tháng", "sáu tháng", "nửa"
_HALF = rf"{_SIX_MONTHS}\s+(đầu|cuối)\s+năm\s+(\d{{4}})"
# the year's stem and branch ("Đinh Mùi"): the year itself is read from the digits or the date
_STEMS = ("giáp", "ất", "bính", "đinh", "mậu", "kỷ", "canh", "tân", "nhâm", "quý")
_BRANCHES = ("tý", "sửu", "dần", "mão", "thìn", "tỵ", "tị", "ngọ", "mùi", "thân", "dậu", "tuất", "hợi")
_CAN_CHI = "(?:" + "|".join(map(any_tone, _STEMS)) + r")\s+(?:" + "|".join(map(any_tone, _BRANCHES)) + ")"
# "Tết Nguyên đán (Đinh Mùi) (năm) 2027", or Tết alone ("trước Tết", "trong dịp Tết"): then
# the first Tết after the document's date; never "Tết trồng cây", "Tết Trung thu"
_TET = rf"tết(?:\s+nguyên\s+đán)?(?:\s+({_CAN_CHI}))?(?:\s*(?:năm\s+)?(\d{{4}})|(?![\s-]*[\wà-ỹ]))"
_YEAR = r"năm\s+(\d{4})"
# the last year of a span after its first ("năm 2026 - 2027"): group 2 of a year's pattern
_LAST_YEAR = r"(?:\s*[-–]\s*((?:19|20)\d{2})(?!\d))?"
# after a month without its year: not a cycle's ("tháng 12 hằng năm"), a lunar month's, another
# period's or a span's ("tháng 11 và tháng 12/2027")
_NOT_A_CYCLE = r"(?!\s+(?:năm|âm|hằng|hàng|mỗi|các|và|đến|tới|của|trong))"
_LUNAR_MONTH = r"(\d{1,2}|[Gg]iêng|[Cc]hạp)"
# "ngày 10 tháng 3 âm lịch năm 2025", "ngày 10/3 (âm lịch)", "Rằm tháng Giêng năm 2026",
# "mùng 6 tháng Giêng", "ngày 23 tháng Chạp năm Bính Ngọ" (a month named so is the lunar one)
_LUNAR = (
    rf"(?:(?:ngày\s+(?:m[ùồ]ng\s+)?|m[ùồ]ng\s+)(\d{{1,2}})\s*(?:tháng\s+|/){_LUNAR_MONTH}"
    rf"|[Rr]ằm\s+tháng\s+{_LUNAR_MONTH})"
    rf"\s*(?:\(\s*)?(âm\s+lịch)?(?:\s*\))?(?:\s*(?:năm\s+)?(\d{{4}})|\s*năm\s+({_CAN_CHI}))?"
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
    # "hằng tháng", "mỗi tháng (một lần)"
    _rule("monthly", r"\b(?:hằng|hàng|(?<!bình\s)mỗi)\s+tháng\b", ("hằng", "hàng", "mỗi"), 0, "hm"),
    # ... and a quarter's first or last month ("trước ngày 20 của tháng cuối quý", "trước ngày
    # 10 của tháng đầu quý sau", "cuối mỗi quý")
    _rule(
        "quarterly",
        # (not "tháng đầu quý III/2027": one month)
        r"\b(?:hằng|hàng|(?<!bình\s)mỗi)\s+quý\b"
        rf"|\btháng\s+(?:cuối|đầu)\s+(?:của\s+)?(?:mỗi\s+)?quý\b(?!\s*{_NUMERAL_Q}\b)",
        ("hằng", "hàng", "mỗi", "tháng cuối", "tháng đầu"),
        0,
        "hmt",
    ),
    _rule("yearly", r"\b(?:hằng|hàng|(?<!bình\s)mỗi)\s+năm\b", ("hằng", "hàng", "mỗi"), 0, "hm"),
    _rule("weekly", r"\b(?:hằng|hàng|(?<!bình\s)mỗi)\s+tuần\b", ("hằng", "hàng", "mỗi"), 0, "hm"),
    _rule("daily", r"\b(?:hằng|hàng)\s+ngày\b", ("hằng", "hàng"), 0),
    _rule("continuous", r"\bthường\s+xuyên\b", ("thường",), 0),
    _rule("as_planned", r"\btheo\s+kế\s+hoạch(?:\s+riêng)?\b", ("theo",), 0),
    _rule("periodic", r"\bđịnh\s+kỳ\b", ("định",), 0),
    # a cell's frequency ("06 tháng/lần", "01 lần/năm"): read in cells only (parse_value), as
    # in a sentence it may count a target ("ít nhất 02 lần/tuần")
    _rule(
        "periodic",
        r"\b\d{1,2}\s*(?:tháng|quý|năm|tuần|ngày)\s*/\s*lần\b|\blần\s*/\s*(?:tháng|quý|năm|tuần|ngày)\b",
        ("lần",),
        12,
        "0123456789l",
    ),
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


def can_chi_year(name: str, near: date) -> int | None:
    """The year a stem and branch name ("Đinh Mùi" → 2027), the one of the sixty-year cycle
    from the year before `near` on; None for a name that is no such pair."""
    words = name.lower().split()
    if len(words) != 2:
        return None
    stem, branch = _cycle_index(words[0], _STEM_INDEX), _cycle_index(words[1], _BRANCH_INDEX)
    if stem is None or branch is None:
        return None
    # Giáp Tý is a year whose number ends in 4 and is 4 more than a multiple of 12 (1984)
    return next(
        (y for y in range(near.year - 1, near.year + 59) if (y - 4) % 10 == stem and (y - 4) % 12 == branch),
        None,
    )


def _cycle_index(word: str, index: dict[str, int]) -> int | None:
    """A stem's or branch's place in its cycle, as written, else by its letters alone when
    they name one only (a scan's "Dinh" is "Đinh"'s; "Ty" is "Tý" or "Tỵ", so neither)."""
    if word in index:
        return index[word]
    bare = toneless(word)
    places = {i for w, i in index.items() if toneless(w) == bare}
    return places.pop() if len(places) == 1 else None


_STEM_INDEX: Final = {w: i for i, w in enumerate(_STEMS)}
# "tỵ" and "tị" are one branch, the sixth
_BRANCH_INDEX: Final = {w: i - (i > 5) for i, w in enumerate(_BRANCHES)}


def _lunar(g: tuple[str | None, ...], doc_date: date | None, *, rằm: bool) -> date | None:
    """(cue, day, month, rằm-month, âm lịch, year, stem and branch) → the solar date of that
    lunar day; without a year, the coming one after the document's date."""
    _, day, month, full_moon_month, lunar_word, year, named = g
    raw_month = full_moon_month if rằm else month
    if raw_month is None:
        return None
    m = _LUNAR_MONTH_NAMES.get(raw_month.lower())
    if not rằm and not lunar_word and m is None:
        return None  # a plain "ngày 10/3" is solar: the "day" pattern reads it
    m = m or int(raw_month)
    d = 15 if rằm else int(day or 0)
    if not (1 <= m <= 12 and 1 <= d <= 30):
        return None
    if year:
        return _lunar_to_solar(d, m, int(year))
    if doc_date is None:
        return None
    if named:
        y = can_chi_year(named, doc_date)
        return _lunar_to_solar(d, m, y) if y else None
    # the lunar year still running early in a solar year ("trước 23 tháng Chạp" written in
    # January) or the one that began in it
    for y in (doc_date.year - 1, doc_date.year, doc_date.year + 1):
        found = _lunar_to_solar(d, m, y)
        if found is not None and found >= doc_date:
            return found
    return None


def _lunar_to_solar(d: int, m: int, y: int) -> date | None:
    if not 1900 <= y <= 2100:
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
    """Can a dated pattern match? They all need a digit, a quarter, Tết or its eve, a full
    moon, the year's end or this year."""
    return (
        "qu" in low
        or "tết" in low
        or "rằm" in low
        or "giao thừa" in low
        or "cuối năm" in low
        or "năm nay" in low
        or _ASCII_DIGIT.search(text) is not None
        or (not text.isascii() and _MAYBE_OTHER_DIGIT.search(text) is not None)
    )


# What a phrase's resolver gives: the last day it allows and the other days a reader may take
# ("trước ngày D": D − 1, or D itself), or None when the words name no real day.
Resolved = tuple[date, tuple[date, ...]] | None


def _strictly_before(m: re.Match[str]) -> bool:
    """ "trước ngày D" ends the day before D; "chậm nhất (đến) ngày D" and "hạn chót" allow D."""
    return "trước" in m.group(0).lower()


def _until(d: date | None, m: re.Match[str]) -> Resolved:
    if d is None:
        return None
    return (d - timedelta(days=1), (d,)) if _strictly_before(m) else (d, ())


def _before(m: re.Match[str], doc_date: date | None) -> Resolved:
    return _until(_date_from(m, 0), m)


def _before_month(m: re.Match[str], doc_date: date | None) -> Resolved:
    month, year = int(m.group(1)), int(m.group(2))
    first = _safe_date(year, month, 1)
    if first is None:
        return None
    return first - timedelta(days=1), (first,)


def _range(m: re.Match[str], doc_date: date | None) -> Resolved:
    g = m.groups()
    if g[0]:
        d = _safe_date(int(g[2]), int(g[1]), int(g[0]))
    elif g[3]:
        d = _safe_date(int(g[5]), int(g[4]), int(g[3]))
    else:
        d = date(int(g[6]), 12, 31) if g[6] else None
    return (d, ()) if d else None


def _month(m: re.Match[str], doc_date: date | None) -> Resolved:
    d = _last_of_month(int(m.group(2)), int(m.group(1)))
    return (d, ()) if d else None


_SPAN_WORDS: Final = frozenset({"-", "–", "đến"})


def _pair(first: date | None, last: date | None, joiner: str) -> Resolved:
    """A span ends with its last period; two bounds give the earlier, the later kept as an
    alternative (CONVENTIONS rule 10)."""
    if first is None or last is None or last < first:
        return None
    if joiner.lower() in _SPAN_WORDS:
        return last, ()
    return first, (last,)


def _month_or_pair(m: re.Match[str], doc_date: date | None) -> Resolved:
    if m.re.groups < 4:
        return _month(m, doc_date)  # a cell's own pattern (_CELL_SPANS, _BARE_MONTH): month, year
    year = int(m.group(4))
    last = _last_of_month(year, int(m.group(3)))
    if m.group(1) is None:
        return (last, ()) if last else None
    return _pair(_last_of_month(year, int(m.group(1))), last, m.group(2))


def _quarter_number(numeral: str) -> int | None:
    up = numeral.upper()
    if up in _ROMAN_Q:
        return _ROMAN_Q[up]
    strokes = up.replace("L", "I").replace("1", "I").replace("H", "II")
    if strokes.strip("I"):
        return None
    # "IIH": three strokes read as four, no fourth quarter without its V
    return min(len(strokes), _STROKES_MAX)


_STROKES_MAX = 3


def _quarter_or_pair(m: re.Match[str], doc_date: date | None) -> Resolved:
    if m.re.groups < 4:
        # a cell's own pattern (_CELL_SPANS, _BARE_QUARTER): numeral, year
        q = _quarter_number(m.group(1))
        d = _last_of_month(int(m.group(2)), q * 3) if q else None
        return (d, ()) if d else None
    year, last_q = int(m.group(4)), _quarter_number(m.group(3))
    last = _last_of_month(year, last_q * 3) if last_q else None
    if m.group(1) is None and last_q and m.group(0)[:5].lower() == "trước":
        # "trước quý III/2027": before the quarter opens, as "trước tháng 8" (the day before
        # its first day, that first day as the alternative)
        first = date(year, last_q * 3 - 2, 1)
        return first - timedelta(days=1), (first,)
    if m.group(1) is None:
        return (last, ()) if last else None
    first_q = _quarter_number(m.group(1))
    return _pair(_last_of_month(year, first_q * 3) if first_q else None, last, m.group(2))


def _half(m: re.Match[str], doc_date: date | None) -> Resolved:
    first = m.group(1).lower() == "đầu"
    return date(int(m.group(2)), 6 if first else 12, 30 if first else 31), ()


_MONTH_COUNTS: Final = {"ba": 3, "chín": 9}


def _months_of_year(m: re.Match[str], doc_date: date | None) -> Resolved:
    count = m.group(1).lower()
    if m.group(2).lower() == "cuối":
        return date(int(m.group(3)), 12, 31), ()
    last = _last_of_month(int(m.group(3)), _MONTH_COUNTS.get(count) or int(count))
    return (last, ()) if last else None


def _tet(m: re.Match[str], doc_date: date | None) -> Resolved:
    named, year = m.group(1), m.group(2)
    if year:
        d = tet(int(year))
    elif doc_date is None:
        return None
    elif named and (y := can_chi_year(named, doc_date)):
        d = tet(y)  # "Tết Nguyên đán Đinh Mùi": the year its name gives
    else:
        d = tet(doc_date.year)  # the coming Tết: this year's, or next year's once it is past
        if d is not None and d < doc_date:
            d = tet(doc_date.year + 1)
    if d is None:
        return None
    # "trước Tết": the eve, or Tết itself
    return (d - timedelta(days=1), (d,)) if m.group(0).lower().startswith("trước") else (d, ())


def _new_years_eve(m: re.Match[str], doc_date: date | None) -> Resolved:
    """ "vào đêm Giao thừa (Tết Nguyên đán Đinh Mùi)": the last day of the lunar year, the eve
    of the Tết the words name or the coming one."""
    found = _tet(m, doc_date)
    if found is None:
        return None
    tet_day = found[1][0] if found[1] else found[0]
    eve = tet_day - timedelta(days=1)
    return (eve - timedelta(days=1), (eve,)) if m.group(0).lower().startswith("trước") else (eve, ())


def _new_year(m: re.Match[str], doc_date: date | None) -> Resolved:
    if m.group(1):
        d = date(int(m.group(1)), 1, 1)
    elif doc_date is None:
        return None
    else:
        d = date(doc_date.year + 1, 1, 1)  # the coming one: 1 January is past once the year began
    # "trước Tết Dương lịch": New Year's Eve (CONVENTIONS rule 10: "trước ngày D" → D − 1)
    return (d - timedelta(days=1), (d,)) if m.group(0).lower().startswith("trước") else (d, ())


def _lunar_day(m: re.Match[str], doc_date: date | None) -> Resolved:
    g = m.groups()
    d = _lunar(g, doc_date, rằm=g[3] is not None)
    if d is None:
        return None
    return (d - timedelta(days=1), (d,)) if g[0].lower() == "trước" else (d, ())


def _coming(month: int, day: int, after: date) -> date | None:
    """A day and month written without a year: in `after`'s year, or the next once past."""
    d = _safe_date(after.year, month, day)
    if d is not None and d < after:
        d = _safe_date(after.year + 1, month, day)  # already past: next year's
    return d


def _before_no_year(m: re.Match[str], doc_date: date | None) -> Resolved:
    if doc_date is None:
        return None
    return _until(_coming(int(m.group(2)), int(m.group(1)), doc_date), m)


# "báo cáo (định kỳ) 6 tháng và cuối năm": a report each half-year and each year, a cycle
_CYCLE_BEFORE_YEAR_END = re.compile(r"định\s+kỳ|(?:6|sáu)\s+tháng|hằng|hàng\s+(?:năm|quý|tháng)|quý", re.I)


_WORK_SPAN_YEARS = 5  # a span of work is short: "(20/11/1982 - 20/11/2024)" is an anniversary


def _day_range_end(m: re.Match[str], doc_date: date | None) -> Resolved:
    first_year = m.group(1)
    g = m.groups()[-3:]  # the span's last day: the pattern's last date
    d = _safe_date(int(g[2]), int(g[1]), int(g[0]))
    if d is None or (first_year is not None and not 0 <= d.year - int(first_year) <= _WORK_SPAN_YEARS):
        return None
    return d, ()


def _last_of_days(m: re.Match[str], doc_date: date | None) -> Resolved:
    d = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return (d, ()) if d is not None else None


def _year_end(m: re.Match[str], doc_date: date | None) -> Resolved:
    if doc_date is None or _CYCLE_BEFORE_YEAR_END.search(_clause_before(m.string, m.start())):
        return None
    return date(doc_date.year, 12, 31), ()


def _this_year(m: re.Match[str], doc_date: date | None) -> Resolved:
    return (date(doc_date.year, 12, 31), ()) if doc_date is not None else None


def _month_no_year(m: re.Match[str], doc_date: date | None) -> Resolved:
    month = int(m.group(1))
    return _month_end_no_year(m, doc_date, month) if 1 <= month <= 12 else None


# the last day a part of a month allows: its first ten days ("đầu", "thượng tuần"), its
# middle ("giữa": the 15th, as a reader dates it), its second ten days ("trung tuần"); "hạ
# tuần", the last ten, ends with the month. A week counts seven days from the first ("tuần
# đầu" the 7th, "tuần thứ hai" the 14th …); "tuần cuối" ends with the month
_MONTH_PART_DAY: Final = {"đầu": 10, "thượng": 10, "giữa": 15, "trung": 20}
_WEEK_OF_MONTH: Final = {
    "đầu": 1,
    "tiên": 1,
    "nhất": 1,
    "1": 1,
    "hai": 2,
    "2": 2,
    "ba": 3,
    "3": 3,
    "tư": 4,
    "4": 4,
}


def _part_day(part: str) -> int | None:
    """The last day of the month's part `part` allows, None for the month's end."""
    words = part.lower().split()
    if words[0] == "nửa":  # "nửa đầu tháng": its first half, to the 15th; "nửa cuối": the month
        return 15 if words[-1] == "đầu" else None
    if words[0] == "tuần":
        week = _WEEK_OF_MONTH.get(words[-1])
        return None if week is None else 7 * week
    return _MONTH_PART_DAY.get(words[0])


# a weekday by its name or number ("thứ Bảy", "thứ 7", "Chủ nhật"): Monday is 0, as date.weekday()
_WEEKDAY_NUMBER: Final = {"hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5, "nhật": 6}


def _weekday_of_month(m: re.Match[str], doc_date: date | None) -> Resolved:
    """ "(vào) ngày Chủ nhật cuối cùng của tháng 3/2027", "thứ Bảy đầu tiên của tháng 6":
    that day, counted in the month (the first, second … or last such weekday)."""
    last = _month_named(m, doc_date, 3)
    if last is None:
        return None
    month = last.month
    name = m.group(1).lower().split()[-1]
    weekday = _WEEKDAY_NUMBER.get(name, int(name) - 2 if name.isdigit() else -1)
    which = m.group(2).lower().split()
    if weekday < 0:
        return None
    if which[0] == "cuối":
        return last - timedelta(days=(last.weekday() - weekday) % 7), ()
    week = _WEEK_OF_MONTH.get(which[-1])
    if week is None:
        return None
    first = last.replace(day=1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (week - 1))
    return (day, ()) if day.month == month else None


def _month_named(m: re.Match[str], doc_date: date | None, group: int) -> date | None:
    """The last day of the month in group `group`, its year in the next group or, when the
    phrase gives none, the document's (or the next year's, for a month already past)."""
    month = int(m.group(group))
    if not 1 <= month <= 12:
        return None
    if m.group(group + 1):
        return _last_of_month(int(m.group(group + 1)), month)
    end = _month_end_no_year(m, doc_date, month)
    return end[0] if end else None


def _month_part(m: re.Match[str], doc_date: date | None) -> Resolved:
    last = _month_named(m, doc_date, 2)
    if last is None:
        return None
    day = _part_day(m.group(1))
    return (last if day is None else last.replace(day=day)), ()


def _month_end_no_year(m: re.Match[str], doc_date: date | None, month: int) -> Resolved:
    """The last day of a month a phrase names without its year: in the document's year when
    the phrase says "năm nay" or the month is still to come, else in the next."""
    if doc_date is None:
        return None
    this_year = m.group(0).endswith("nay") or month >= doc_date.month
    d = _last_of_month(doc_date.year if this_year else doc_date.year + 1, month)
    return (d, ()) if d else None


def _year_part(m: re.Match[str], doc_date: date | None) -> Resolved:
    """The last day a part of a year or a quarter allows, as a reader dates it: the start of
    a year ("đầu năm") its first quarter, its middle ("giữa năm") its first half; the start
    of a quarter ("đầu quý III") its first month, its middle ("giữa quý") the middle of its
    second month, as "giữa tháng" is the 15th."""
    early = m.group(1).lower() == "đầu"
    if m.group(2):
        end = _last_of_month(int(m.group(2)), 3 if early else 6)
        return (end, ()) if end else None
    q = _quarter_number(m.group(3))
    if q is None:
        return None
    last = _last_of_month(int(m.group(4)), q * 3 - (2 if early else 1))
    if last is None:
        return None
    return (last if early else last.replace(day=15)), ()


def _quarter_no_year(m: re.Match[str], doc_date: date | None) -> Resolved:
    q = _quarter_number(m.group(1))
    return _month_end_no_year(m, doc_date, q * 3) if q is not None else None


def _phase_span(m: re.Match[str], doc_date: date | None) -> Resolved:
    first, last = int(m.group(1)), int(m.group(2))
    if not 0 <= last - first <= _WORK_SPAN_YEARS or _AND_AFTER_ANY.match(m.string, m.end()):
        return None
    if _clause_before(m.string, m.start()).strip(" *_-–+•:,()"):
        # "… kế hoạch đầu tư công trong giai đoạn …", "chuyển nguồn … sang thực hiện trong
        # giai đoạn …": the period of a thing named, not the bound of the sentence's work
        return None
    return date(last, 12, 31), ()


def _half_no_year(m: re.Match[str], doc_date: date | None) -> Resolved:
    return _month_end_no_year(m, doc_date, 6 if m.group(1).lower() == "đầu" else 12)


_DURING = re.compile(r"được\s+giao\s+(?:trong\s+)?$", re.I)


def _year(m: re.Match[str], doc_date: date | None) -> Resolved:
    if _DURING.search(m.string[max(0, m.start() - 20) : m.start()]):
        return None  # "được giao trong năm 2025": the year of the assignment, not a bound
    year = int(m.group(1))
    if m.re.groups >= 2 and m.group(2) and int(m.group(2)) > year:
        year = int(m.group(2))  # "trong năm 2026 - 2027": a span ends with its last year
    if m.group(0)[:5].lower() == "trước":
        # "trước năm 2027": before the year opens, as "trước tháng 8" and "trước quý III"
        return date(year - 1, 12, 31), (date(year, 1, 1),)
    return date(year, 12, 31), ()


def _day(m: re.Match[str], doc_date: date | None) -> Resolved:
    d = _date_from(m, 0)
    return (d, ()) if d else None


def _holiday_days(m: re.Match[str], doc_date: date | None) -> Resolved:
    """ "trong dịp lễ 30/4 và 01/5/2027": the occasion's last day, its year written or the
    document's (the next, once past); the first day a reader may take too."""
    first_day, first_month, day, month, year = m.groups()
    if year:
        last = _safe_date(int(year), int(month), int(day))
    elif doc_date is not None:
        last = _coming(int(month), int(day), doc_date)
    else:
        return None
    if last is None:
        return None
    first = _safe_date(last.year, int(first_month), int(first_day)) if first_day and first_month else None
    return (last, (first,)) if first is not None and first < last else (last, ())


def _relative(m: re.Match[str], doc_date: date | None) -> Resolved:
    """So many days, working days, weeks or months from the signing. Working days are the
    statutory calendar's (weekends, public holidays with Tết by the lunar calendar, days off
    in lieu): an office's own bridge days are not known to the text."""
    if doc_date is None:
        return None
    n, unit = int(m.group(1)), m.group(2).lower()
    if unit == "tháng":
        month = doc_date.month - 1 + n
        year, month = doc_date.year + month // 12, month % 12 + 1
        return date(year, month, min(doc_date.day, calendar.monthrange(year, month)[1])), ()
    if unit == "tuần":
        return doc_date + timedelta(weeks=n), ()
    if m.group(3):  # "10 ngày làm việc": weekends and holidays not counted
        return _STATUTORY.add_working_days(doc_date, n), ()
    return doc_date + timedelta(days=n), ()


_STATUTORY: Final = WorkCalendar()

# "Ngày 15 tháng 11 năm 2026, Chủ tịch … chủ trì cuộc họp giao ban tháng 11 năm 2026.": a
# sentence opened by its date tells what happened that day (the meeting held), not a bound
DATED_EVENT: Final = re.compile(
    r"^(?:vào\s+)?ngày\s+(\d{1,2})(?:\s*[/.\-]\s*|\s+tháng\s+)(\d{1,2})"
    r"(?:\s*(?:[/.\-]|\s+năm\s+)\s*(\d{4}))?",
    re.I,
)


def tells_the_past(text: str, doc_date: date | None) -> bool:
    """Does `text` open with a day on or before the document's own ("Ngày 20/8/2027, Ủy ban
    nhân dân tỉnh ban hành …" in a letter of 5 October 2027): what was done that day."""
    m = DATED_EVENT.match(text)
    if m is None or doc_date is None:
        return False
    day = _safe_date(int(m.group(3) or doc_date.year), int(m.group(2)), int(m.group(1)))
    return day is not None and day <= doc_date


@dataclass(frozen=True)
class Phrase:
    """One dated time phrase, declared once: its pattern with the lead-ins it takes and what
    lets the scan skip text (`rule`, see _Rule), a word it cannot match without (`needs`),
    how its date is read (`resolve`), and an example with the date it means in a document
    dated EXAMPLE_DATE (the tests read every example)."""

    rule: _Rule
    needs: tuple[str, ...]
    resolve: Callable[[re.Match[str], date | None], Resolved]
    example: str
    means: date


EXAMPLE_DATE = date(2026, 3, 5)

# "trong (vòng | thời hạn | thời gian)", "chậm nhất (là)", "không quá": the lead-ins of a span of
# days counted from an event or from the signing ("… 30 ngày kể từ …")
_WITHIN = r"(?:trong(?:\s+(?:vòng|thời\s+(?:hạn|gian)))?|chậm\s+nhất(?:\s+là)?|không\s+quá)"
# "hoàn thành trước", "chậm nhất (là|vào) (đến)", "hạn chót (là)": the lead-ins of a last day
_BEFORE = (
    r"(?:xong\s+|hoàn\s+thành\s+)?"
    r"(?:trước|(?:chậm|muộn)\s+nhất(?:\s+là|\s+vào)?(?:\s+đến)?|hạn\s+chót(?:\s+là)?"
    r"|không\s+(?:quá|muộn\s+hơn|chậm\s+hơn))\s+"
)
# "trong", "vào", "hoàn thành (trong)", "đến (hết)", "hết", "cuối": the lead-ins of a period's end
_IN = r"(?:trong|vào|hoàn\s+thành(?:\s+trong)?|đến\s+hết|đến|hết|cuối)"
_SOON = ("trước", "chậm", "chót", "không quá", "không muộn", "muộn nhất")
# the words every match of a phrase led in by _BEFORE holds, and the letters it may open with
_BEFORE_ANCHORS = ("trước", "chậm", "hạn", "không quá", "không muộn", "muộn nhất")
_BEFORE_FIRSTS = "xhtckm"

# In the order they are tried: a later match inside an earlier one is part of it.
PHRASES: Final[tuple[Phrase, ...]] = (
    # "… tổng hợp, báo cáo. Thời hạn: 15/8/2027.": a deadline label inside an item's text,
    # its date bare after the colon (a label on its own line is a field: fields.py)
    Phrase(
        _rule(
            "labelled",
            rf"\b(?:(?:thời\s+hạn|hạn(?:\s+cuối|\s+chót)?|thời\s+gian)(?:\s+hoàn\s+thành)?|hoàn\s+thành)\s*:\s*"
            rf"(?:ngày\s+)?(?:{_DMY}|{_DMY_WORDS})",
            ("hạn", "hoàn thành", "thời gian"),
            10,
            "th",
        ),
        ("hạn", "hoàn thành", "thời gian"),
        _day,
        "báo cáo kết quả. Thời hạn: 15/8/2026",
        date(2026, 8, 15),
    ),
    # "trước 17 giờ ngày 26/11/2026": an hour of that day, so the day itself; an occasion's
    # hour ("tham dự vào lúc 8 giờ ngày 20/11/2026") the same (CONVENTIONS rule 10: an event
    # "ngày D" → D)
    Phrase(
        _rule(
            "hour",
            rf"\b(?:trước|chậm\s+nhất(?:\s+là|\s+vào)?|hạn\s+chót(?:\s+là)?|(?:vào\s+)?lúc|vào)\s+\d{{1,2}}\s*giờ"
            rf"(?:\s*\d{{1,2}}(?:\s*phút)?)?{_DAYTIME}{_WEEKDAY},?\s+(?:ngày\s+)?(?:{_DMY}|{_DMY_WORDS})",
            ("giờ",),
            24,
            "tchvl",
        ),
        ("giờ",),
        _day,
        "hoàn thành trước 17 giờ ngày 26/3/2026",
        date(2026, 3, 26),
    ),
    # "trước 17h00 ngày 26/11/2026", "chậm nhất 10h ngày …": the hour written short
    Phrase(
        _rule(
            "hour_short",
            rf"{_BEFORE}\d{{1,2}}\s*h(?:\s*\d{{2}})?(?:\s*phút)?{_WEEKDAY},?\s+(?:ngày\s+)?"
            rf"(?:{_DMY}|{_DMY_WORDS})",
            _BEFORE_ANCHORS,
            11,
            _BEFORE_FIRSTS,
        ),
        # its lead-in's words, already looked for by "before" (ten searches for "0h"…"9h"
        # cost 3 % of a pass over the corpus; the anchored scan is as quick either way)
        _SOON,
        _day,
        "hoàn thành trước 17h00 ngày 26/3/2026",
        date(2026, 3, 26),
    ),
    Phrase(
        _rule("before", rf"{_BEFORE}{_DATE}", _BEFORE_ANCHORS, 11, _BEFORE_FIRSTS),
        _SOON,
        _before,
        "hoàn thành trước ngày 15/3/2026",
        date(2026, 3, 14),
    ),
    Phrase(
        _rule(
            "range",
            rf"\btừ\s+(?:(?:ngày\s+)?[\d/.\s]+(?:tháng\s+\d+\s+)?(?:năm\s+\d{{4}}\s+)?|năm\s+\d{{4}},?\s+)"
            rf"đến\s+(?:hết\s+)?(?:ngày\s+)?(?:{_DMY}|{_DMY_WORDS}|{_YEAR})",
            ("từ",),
            0,
        ),
        ("từ",),
        _range,
        "từ ngày 01/4/2026 đến ngày 30/9/2026",
        date(2026, 9, 30),
    ),
    # "Từ 01/4 - 30/6/2026", "01/4 – 30/6/2026" (a table's time cell): a span of days, its end
    Phrase(
        _rule(
            "dash_range",
            rf"(?:\btừ\s+)?(?:ngày\s+)?(?<![\d/])\d{{1,2}}\s*/\s*\d{{1,2}}(?:\s*/\s*(\d{{4}}))?\s*[-–]\s*(?:ngày\s+)?{_DMY}",
            ("/",),
            13,
            "tn0123456789",
        ),
        ("/",),
        _day_range_end,
        "tổ chức từ 01/4 - 30/6/2026",
        date(2026, 6, 30),
    ),
    # "trong 02 ngày 11 và 12/6/2027", "vào các ngày 11, 12 và 13/6/2027", "từ ngày 11 - 13/6/2027":
    # an occasion over days of one month, its last day
    Phrase(
        _rule(
            "days_of_month",
            r"\b(?:(?:vào|trong|từ)\s+(?:(?:các|\d{1,2}|hai|ba)\s+)?|(?:các|hai|ba)\s+)ngày\s+"
            r"\d{1,2}(?:\s*(?:,|và|-|–)\s*\d{1,2})*\s*(?:,|và|-|–)\s*(\d{1,2})"
            r"\s*(?:/\s*|\s+tháng\s+)(\d{1,2})\s*(?:/|-|\s+năm\s+)\s*(\d{4})",
            ("ngày",),
            14,  # "trong các | ngày", "vào 02 | ngày"
            "vtchb",
        ),
        ("ngày",),
        _last_of_days,
        "tổ chức vào các ngày 11, 12 và 13/6/2026",
        date(2026, 6, 13),
    ),
    # "vào giữa tháng 6/2026", "đầu tháng 7", "trung tuần tháng 8/2027": a part of a month,
    # the last day that part allows (see _month_part); without a year, as "trong tháng 10"
    Phrase(
        _rule(
            "month_part",
            rf"\b(?:{_IN}\s+)?(tuần\s+(?:đầu(?:\s+tiên)?|cuối(?:\s+cùng)?|{_NTH})"
            rf"|nửa\s+(?:đầu|cuối)|đầu|giữa|thượng\s+tuần|trung\s+tuần|hạ\s+tuần)\s+(?:của\s+)?{_M}(\d{{1,2}})(?!\d)"
            rf"(?:{_MONTH_YEAR}|(?!\s*[/.\-–]\s*\d)(?:\s+năm\s+nay\b|{_NOT_A_CYCLE}))",
            ("tháng",),
            36,  # "hoàn thành trong tuần thứ nhất của | tháng"
            "tvhđcgn",
        ),
        ("tháng",),
        _month_part,
        "tổ chức vào giữa tháng 6/2026",
        date(2026, 6, 15),
    ),
    # "vào ngày Chủ nhật cuối cùng của tháng 3/2027", "thứ Bảy đầu tiên của tháng 6": a
    # weekday counted in a month, that day (see _weekday_of_month)
    Phrase(
        _rule(
            "weekday_of_month",
            rf"\b(?:{_IN}\s+)?(?:ngày\s+)?({_NAMED_WEEKDAY})\s+"
            rf"(đầu\s+tiên|cuối(?:\s+cùng)?|{_NTH})\s+(?:của\s+|trong\s+)?{_M}(\d{{1,2}})(?!\d)"
            rf"(?:{_MONTH_YEAR}|(?!\s*[/.\-–]\s*\d)(?:\s+năm\s+nay\b|{_NOT_A_CYCLE}))",
            ("tháng",),
            48,  # "hoàn thành trong ngày Chủ nhật cuối cùng của | tháng"
            "tvhđcgn",
        ),
        ("tháng",),
        _weekday_of_month,
        "ra quân vào ngày Chủ nhật cuối cùng của tháng 3/2026",
        date(2026, 3, 29),
    ),
    # also "trong tháng 6 - 9/2027" (a span: its last month) and "vào tháng 11 và tháng
    # 12/2027" (two bounds: the earlier, the later as an alternative), in the same pass
    Phrase(
        _rule("month", rf"\b{_IN}\s+{_M}(?:{_PAIR_FIRST})?(\d{{1,2}}){_MONTH_YEAR}", ("tháng",), 17, "tvhđc"),
        ("tháng",),
        _month_or_pair,
        "sơ kết vào tháng 11 và tháng 12/2026",
        date(2026, 11, 30),
    ),
    # "hoàn thành trong tháng 10" without a year: the document's year (or the next, if that
    # month is already past); never a yearly cycle ("vào tháng 12 hằng năm")
    Phrase(
        _rule(
            "month_no_year",
            rf"\b{_IN}\s+{_M}(\d{{1,2}})(?!\d)(?!\s*[/.\-–]\s*\d)(?:\s+năm\s+nay\b|{_NOT_A_CYCLE})",
            ("tháng",),
            17,
            "tvhđc",
        ),
        ("tháng",),
        _month_no_year,
        "hoàn thành trong tháng 10",
        date(2026, 10, 31),
    ),
    # "tổng kết vào cuối năm", "đến cuối năm nay": the end of the document's year (not "cuối
    # năm học", "cuối năm 2027", a cycle's "cuối năm hằng năm", nor an event's name without
    # its lead-in: "hội nghị … cuối năm", "kỳ họp cuối năm" are occasions the text leaves undated)
    Phrase(
        _rule(
            "year_end",
            r"\b(?:vào|đến|trước|trong\s+tháng\s+12|tháng\s+12)\s+cuối\s+năm(?:\s+nay)?"
            r"(?![\w\d])(?!\s*(?:\d|học|hằng|hàng|sau|tới|trước|tài\s+chính))",
            ("cuối năm",),
            18,
            "vđtc",
        ),
        ("cuối năm",),
        _year_end,
        "tổ chức tổng kết vào cuối năm",
        date(2026, 12, 31),
    ),
    # "hoàn thành trong năm nay", "đến hết năm nay", "trong suốt năm nay": the year the
    # document is signed in ends the work (read from the signing, as "năm nay" says)
    Phrase(
        _rule("this_year", rf"\b(?:{_IN}|trong\s+(?:cả|suốt))\s+năm\s+nay\b", ("năm nay",), 18, "tvhđc"),
        ("năm nay",),
        _this_year,
        "hoàn thành trong năm nay",
        date(2026, 12, 31),
    ),
    # "báo cáo Chính phủ tại phiên họp thường kỳ tháng 12 năm 2027", "tại cuộc họp giao ban
    # tháng 12 năm 2026": a meeting in that month
    Phrase(
        _rule(
            "meeting_month",
            rf"\b(?:phiên\s+họp|kỳ\s+họp|cuộc\s+họp|hội\s+nghị)"
            rf"(?:\s+(?:thường\s+kỳ|thường\s+lệ|định\s+kỳ|giao\s+ban|Chính\s+phủ))*\s+{_MONTH}",
            ("tháng",),
            40,
            "pkch",
        ),
        ("phiên họp", "kỳ họp", "cuộc họp", "hội nghị"),
        _month,
        "báo cáo tại phiên họp thường kỳ tháng 6 năm 2026",
        date(2026, 6, 30),
    ),
    # "vào đầu năm 2027", "giữa năm 2026", "đầu quý III/2026": a part of a year or a quarter,
    # the last day that part allows (see _year_part)
    Phrase(
        _rule(
            "year_part",
            # never a start ("từ đầu năm 2026", "đầu năm 2026 đến nay": what was done since),
            # nor a half-year's words ("6 tháng đầu năm 2027", "nửa đầu năm": _HALF), nor a
            # session or a conference ("kỳ họp giữa năm 2027": an event the text does not date)
            r"\b(?<!từ )(?<!tháng )(?<!nửa )(?<!họp )(?<!nghị )"
            rf"(?:{_IN}\s+)?(đầu|giữa)\s+(?:năm\s+(\d{{4}})\b|{_Q}({_NUMERAL_Q}){_QUARTER_YEAR}\b)"
            r"(?!\s*(?:đến|tới)\s+nay)",
            ("đầu năm ", "giữa năm ", "đầu qu", "giữa qu"),
            17,
            "tvhđcg",
        ),
        ("đầu", "giữa"),
        _year_part,
        "tổ chức vào đầu quý III/2026",
        date(2026, 7, 31),
    ),
    # also "trong Quý II - III/2027" (a span: its last quarter) and "Quý II và Quý III năm
    # 2027" (two bounds: the earlier, the later as an alternative), in the same pass
    Phrase(
        _rule(
            "quarter",
            rf"\b(?:{_IN}|trước)\s+(?:các\s+)?{_Q}(?:({_NUMERAL_Q})\s*{_JOINER}\s*(?:{_Q})?)?({_NUMERAL_Q}){_QUARTER_YEAR}",
            ("quý ", "quí ", "quy "),
            22,
            "tvhđc",
        ),
        ("qu",),
        _quarter_or_pair,
        "trong Quý II - III/2026",
        date(2026, 9, 30),
    ),
    Phrase(
        _rule("half", rf"\b(?:trong\s+)?{_HALF}", ("tháng", "nửa"), 10, "t06sn"),
        ("tháng", "nửa"),
        _half,
        "trong 6 tháng đầu năm 2026",
        date(2026, 6, 30),
    ),
    # "trong 9 tháng đầu năm 2026", "03 tháng cuối năm 2026": the year's first months end
    # with the last of them, its last months with the year
    Phrase(
        _rule(
            "months_of_year",
            r"\b(?:trong\s+)?(0?[1-9]|1[01]|ba|chín)\s+tháng\s+(đầu|cuối)\s+năm\s+(\d{4})",
            ("tháng",),
            12,
            "t0123456789bc",
        ),
        ("tháng",),
        _months_of_year,
        "trong 9 tháng đầu năm 2026",
        date(2026, 9, 30),
    ),
    # "hoàn thành trong quý III", "trong quý IV năm nay": as a month without its year (rule
    # 10: a quarter's last day); never "quý I hằng năm", "quý II và quý III", "quý I/2027"
    Phrase(
        _rule(
            "quarter_no_year",
            rf"\b{_IN}\s+{_Q}(iv|i{{1,3}}|[1-4])(?!\w)"
            rf"(?!\s*[/.\-–,]\s*(?:\d|qu[ýíy]|(?:{_NUMERAL_Q}|v)(?!\w)))"
            rf"(?:\s+năm\s+nay\b|(?!\s+(?:năm|hằng|hàng|mỗi|các|và|đến|tới|của|trong|hoặc)))",
            ("quý ", "quí ", "quy "),
            17,
            "tvhđc",
        ),
        ("qu",),
        _quarter_no_year,
        "hoàn thành trong quý III",
        date(2026, 9, 30),
    ),
    # "hoàn thành trong 6 tháng đầu năm (nay)": the document's half-year, after a lead-in only
    # ("sơ kết 6 tháng đầu năm" names a review, "báo cáo 6 tháng và cuối năm" is a cycle)
    Phrase(
        _rule(
            "half_no_year",
            rf"\b{_IN}\s+{_SIX_MONTHS}\s+(đầu|cuối)\s+năm(?:\s+nay\b|(?![\w\d])(?!\s*(?:\d|học|hằng|hàng|sau|tới|trước|tài\s+chính|và)))",
            ("tháng", "nửa"),
            21,  # "hoàn thành trong sáu | tháng"
            "tvhđc",
        ),
        ("tháng", "nửa"),
        _half_no_year,
        "hoàn thành trong 6 tháng đầu năm",
        date(2026, 6, 30),
    ),
    # "Trong giai đoạn 2026 - 2030, …" or "Thực hiện trong giai đoạn 2026 - 2030" opening a
    # sentence: the work's period, its end (rule 10); never a plan or a programme named for
    # its period ("xây dựng kế hoạch đầu tư công trong giai đoạn 2026 - 2030", rule 12)
    Phrase(
        _rule(
            "phase_span",
            r"\b(?:(?:thực\s+hiện|hoàn\s+thành|triển\s+khai)\s+)?trong\s+giai\s+đoạn\s+"
            r"((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?!\d)",
            ("giai đoạn",),
            26,
            "thtg",
        ),
        ("giai đoạn",),
        _phase_span,
        "đúng hạn. Thực hiện trong giai đoạn 2026 - 2030",  # at a sentence's start
        date(2030, 12, 31),
    ),
    Phrase(
        _rule("tet", rf"\b(?:trong|trước|dịp|vào|nhân)\s+(?:dịp\s+)?{_TET}", ("tết",), 10, "tdvn"),
        ("tết",),
        _tet,
        "trước Tết Nguyên đán năm 2027",
        date(2027, 2, 5),
    ),
    # "trong dịp lễ 30/4 và 01/5/2027", "vào dịp nghỉ lễ 2/9": a holiday named by its days
    Phrase(
        _rule(
            "holiday",
            r"\b(?:trong|vào|nhân)\s+dịp\s+(?:nghỉ\s+)?(?:lễ\s+)?(?:(\d{1,2})\s*/\s*(\d{1,2})\s*(?:và|,|-|–)\s*)?"
            r"(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?(?![\d/])",
            ("dịp",),
            6,
            "tvn",
        ),
        ("dịp",),
        _holiday_days,
        "trực trong dịp lễ 30/4 và 01/5/2026",
        date(2026, 5, 1),
    ),
    # "vào đêm Giao thừa", "trước thời khắc Giao thừa Tết Nguyên đán Đinh Mùi": the eve of Tết
    Phrase(
        _rule(
            "new_years_eve",
            rf"\b(?:trong|trước|vào|dịp|nhân)\s+(?:(?:đêm|thời\s+khắc|dịp|lúc)\s+)?giao\s+thừa"
            rf"(?:\s+tết(?:\s+nguyên\s+đán)?)?(?:\s+({_CAN_CHI}))?(?:\s*(?:năm\s+)?(\d{{4}}))?",
            ("giao thừa",),
            18,
            "tdvn",
        ),
        ("giao thừa",),
        _new_years_eve,
        "bắn pháo hoa vào đêm Giao thừa Tết Nguyên đán năm 2027",
        date(2027, 2, 5),
    ),
    # "trước Tết Dương lịch 2027": the solar New Year, 1 January (the lunar Tết above never
    # takes a word after "Tết"); without its year, the next one after the document's date
    Phrase(
        _rule(
            "new_year",
            r"\b(?:trong|trước|dịp|vào|nhân)\s+(?:dịp\s+)?tết\s+dương\s+lịch(?:\s*(?:năm\s+)?(\d{4}))?",
            ("tết",),
            10,
            "tdvn",
        ),
        ("tết",),
        _new_year,
        "tổ chức trước Tết Dương lịch 2027",
        date(2026, 12, 31),
    ),
    Phrase(
        _rule(
            "lunar",
            rf"\b(trước|trong|vào|dịp|đến|nhân)\s+(?:dịp\s+|hết\s+)?{_LUNAR}",
            ("ngày", "rằm", "mùng", "mồng"),
            10,
            "tvdđn",
        ),
        ("âm lịch", "rằm", "tháng giêng", "tháng chạp"),
        _lunar_day,
        "trước Rằm tháng Giêng năm 2027",
        date(2027, 2, 19),
    ),
    # "trước ngày 15/12" without a year: the document's year (or the next, if already past)
    Phrase(
        _rule(
            "before_no_year",
            rf"{_BEFORE}(?:ngày\s+)?(\d{{1,2}})\s*/\s*(\d{{1,2}})(?!\s*[/.\-]\s*\d)(?!\d)(?!\s+(?:năm|âm))",
            _BEFORE_ANCHORS,
            11,
            _BEFORE_FIRSTS,
        ),
        _SOON,
        _before_no_year,
        "chậm nhất ngày 20/12",
        date(2026, 12, 20),
    ),
    # "phấn đấu đến năm 2030 có 30% …": the year a target is to be reached by (not "định
    # hướng đến năm 2030", "tầm nhìn đến năm 2045": a horizon)
    Phrase(
        # anchored on its rare first words, not on "năm" (in nearly every item)
        _rule("target_year", rf"\bphấn\s+đấu\s+(?:đến|tới)\s+(?:hết\s+)?{_YEAR}", ("phấn đấu",), 0),
        ("phấn đấu",),
        _year,
        "phấn đấu đến năm 2030 có 30% hợp tác xã tham gia liên kết chuỗi",
        date(2030, 12, 31),
    ),
    # "trong các năm 2026, 2027", "trong hai năm 2026 và 2027": the years listed, the work's
    # span: its end, as "trong các năm 2026 - 2027"
    Phrase(
        _rule(
            "years_listed",
            r"\b(?:trong|đến\s+hết|hết|(?:trong\s+)?suốt)\s+(?:các|0?2|hai|0?3|ba)\s+năm\s+((?:19|20)\d{2})"
            r"\s*(?:,|và)\s*((?:19|20)\d{2})(?![\d/])",
            ("các năm ", "hai năm ", "ba năm ", "2 năm ", "3 năm "),
            15,
            "tđhs",
        ),
        ("năm",),
        _year,
        "tổ chức các hoạt động trong các năm 2026, 2027",
        date(2027, 12, 31),
    ),
    Phrase(
        # "(trong) suốt năm 2027": the work runs through the year; "những tháng cuối năm 2025"
        # names a period the work is for, no bound
        _rule(
            "year",
            rf"(?<!được giao )(?<!tháng )\b(?:trong|đến\s+hết|hết|cuối|trước|(?:trong\s+)?suốt)\s+"
            rf"(?:(?:các|0?2|hai|0?3|ba)\s+)?{_YEAR}{_LAST_YEAR}",
            ("năm",),
            15,  # "trong các | năm"
            "tđhcs",
        ),
        ("năm",),
        _year,
        "đến hết năm 2027",
        date(2027, 12, 31),
    ),
    # "… báo cáo. Thời gian thực hiện: 2026 - 2027.", "Tiến độ: năm 2027": a time label inside
    # an item's text, its year or its years bare after the colon (rule 10: a span, its end)
    Phrase(
        _rule(
            "labelled_years",
            rf"\b(?:thời\s+gian(?:\s+thực\s+hiện)?|thời\s+hạn|tiến\s+độ)\s*:\s*(?:(?:trong\s+)?(?:các\s+)?năm\s+)?"
            rf"((?:19|20)\d{{2}}){_LAST_YEAR}(?![\d/])",
            ("thời gian", "thời hạn", "tiến độ"),
            0,
            "t",
        ),
        ("thời gian", "thời hạn", "tiến độ"),
        _year,
        "báo cáo kết quả. Thời gian thực hiện: 2026 - 2027",
        date(2027, 12, 31),
    ),
    Phrase(
        # "đến ngày D", "hoàn thành (vào) ngày D", "đúng ngày D": that day; "số liệu tính đến ngày D" is the
        # date the figures run to, no bound on the work
        _rule(
            "day",
            rf"\b(?:vào|trong|đúng|(?<!tính\s)đến|(?:hoàn\s+thành|xong)(?:\s+vào)?)\s+{_PART_OF_DAY}"
            rf"(?:{_ON_WEEKDAY}ngày\s+|ngày\s+{_NAMED_WEEKDAY}\s*,?\s+(?:ngày\s+)?)(?:{_DMY}|{_DMY_WORDS})",
            ("ngày",),
            48,  # "hoàn thành vào buổi chiều thứ Năm, | ngày"
            "vtđhx",
        ),
        ("ngày",),
        _day,
        "tổ chức vào sáng ngày 19 tháng 5 năm 2026",
        date(2026, 5, 19),
    ),
    # "tổ chức vào 15/4/2026", "vào chiều thứ Năm, 15/4/2026": a day written bare after "vào"
    Phrase(
        _rule("day_bare", rf"\bvào\s+{_PART_OF_DAY}{_ON_WEEKDAY}{_DMY}", ("vào",), 0),
        ("vào",),
        _day,
        "tổ chức hội nghị vào 15/4/2026",
        date(2026, 4, 15),
    ),
    # "đến 31/12/2027", "đến hết ngày 30/9/2027": that day (never "tính đến", the date
    # figures run to)
    Phrase(
        _rule(
            "until",
            rf"\b(?<!tính\s)đến\s+(?:hết\s+)?(?:ngày\s+)?(?:{_DMY}|{_DMY_WORDS})",
            ("đến",),
            0,
        ),
        ("đến",),
        _day,
        "hoàn thành đến 31/12/2026",
        date(2026, 12, 31),
    ),
    # "trước tháng 8/2027": before that month opens, so the last day of the month before it
    Phrase(
        _rule("before_month", rf"\btrước\s+{_MONTH}", ("tháng",), 7, "t"),
        ("tháng",),
        _before_month,
        "hoàn thành trước tháng 8/2026",
        date(2026, 7, 31),
    ),
    # "trước ngày 15 tháng 6" without a year: the document's year (or the next, if past)
    Phrase(
        _rule(
            "before_no_year_words",
            rf"{_BEFORE}(?:ngày\s+)?(\d{{1,2}})\s+tháng\s+(\d{{1,2}})(?!\s*(?:năm|/|-)\s*\d)(?!\d)(?!\s+âm)",
            _BEFORE_ANCHORS,
            11,
            _BEFORE_FIRSTS,
        ),
        _SOON,
        _before_no_year,
        "chậm nhất ngày 20 tháng 12",
        date(2026, 12, 20),
    ),
    Phrase(
        _rule(
            "relative",
            # "chậm nhất (là) sau 15 ngày", "sau 15 ngày kể từ …": within that time
            rf"\b(?:{_WITHIN}\s*(?:sau\s+)?|sau\s+)"
            r"(\d{1,3})\s+(ngày|tuần|tháng)(\s+làm\s+việc)?,?\s+kể\s+từ\s+ngày\s+"
            # "kể từ ngày Kế hoạch (này) được ban hành": the document's own signing
            r"(?:(?:kế\s+hoạch|văn\s+bản|quyết\s+định|chỉ\s+thị|công\s+văn|thông\s+báo)(?:\s+này)?\s+(?:được\s+)?)?"
            r"(?:ký(?:\s+ban\s+hành)?|ban\s+hành)",
            ("trong", "chậm", "không quá", "sau"),
            0,
            "tcks",
        ),
        ("từ",),
        _relative,
        "chậm nhất 30 ngày kể từ ngày Kế hoạch được ban hành",
        date(2026, 4, 4),
    ),
)
_STRICT: Final = [p.rule for p in PHRASES]
_BY_KIND: Final = {p.rule.kind: p for p in PHRASES}
_NEEDED: Final = frozenset(w for p in PHRASES for w in p.needs)
# "hoàn thành … năm 2025" (a year, far after its verb): tried after the others, see find_in_text
_HOAN_THANH_YEAR = _rule("year", r"hoàn\s+thành\b[^.;:()]{0,80}?\bnăm\s+(\d{4})\b", ("hoàn",), 0)
# "Để hoàn thành (thắng lợi) các mục tiêu …": a purpose clause, whose year names the goal
_PURPOSE_GOAL = re.compile(
    r"\s?để\s+hoàn\s+thành\s+(?:thắng\s+lợi\s+|tốt\s+)?(?:các\s+)?(?:mục\s+tiêu|chỉ\s+tiêu|nhiệm\s+vụ)\b"
)


def _resolve(kind: str, m: re.Match[str], doc_date: date | None) -> _Found | None:
    got = _BY_KIND[kind].resolve(m, doc_date)
    if got is None:
        return None
    return _Found(m.start(), m.end(), got[0], got[1])


# "… và các năm tiếp theo", "… và những năm sau": the bound opens onto the years after it
_YEARS_AFTER = r"(?:và|,)\s+(?:các|những)\s+năm\s+(?:tiếp\s+theo|sau|tới)"
_AND_AFTER = re.compile(rf"^[\s,]*{_YEARS_AFTER}", re.I)
_AND_AFTER_ANY = re.compile(_YEARS_AFTER, re.I)
# a cycle's word before a day and month without a year ("định kỳ báo cáo … trước ngày 20/11")
_CYCLE_BEFORE = re.compile(r"\b(?:định\s+kỳ|hằng\s+năm|hàng\s+năm)\b", re.I)


_YEAR_DIGITS = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _recurrence_after(
    text: str, end: int, *, cycles: bool = True, dated: bool = False
) -> tuple[str, int] | None:
    """A period word right after a date ("trước ngày 01/6 và 15/11 hằng năm") or the years
    after it ("giai đoạn 2026-2030 và những năm tiếp theo"): (name, its end). Without
    `cycles`, only the years after it: a phase's cycle ("Trong giai đoạn 2027 - 2028, định
    kỳ hằng tháng …") is how often the work recurs inside it, the phase its bound. A `dated`
    bound (its year written) then "và hằng năm" is a first time, then a cycle: its date holds
    (rule 11), as "trước ngày 30/6/2026; định kỳ hằng tháng …" does."""
    more = _MORE_DAYS.match(text, end) if not dated else None
    if more is not None:
        end = more.end()  # "trước ngày 15 tháng 6 và ngày 15 tháng 12 | hằng năm": each day's
    tail = text[end : end + 40]
    for rule in _RECURRENCE[:4] if cycles else ():
        m = rule.folded.search(tail)
        # "…; định kỳ hằng tháng báo cáo" opens a clause of its own (CONVENTIONS rule 11)
        if m and m.start() < 12 and not any(c in tail[: m.start()] for c in ";."):
            if dated and tail[: m.start()].strip().lower().startswith(("và", ",")):
                continue  # "tháng 12/2026 và hằng năm": December 2026 first
            return rule.kind, end + m.end()
    after = _AND_AFTER.match(tail)
    if after:
        return "open_ended", end + after.end()
    return None


# more days and months without a year after the first ("… và ngày 15 tháng 12", ", 15/11")
_MORE_DAYS = re.compile(
    r"(?:\s*(?:và|,)\s*(?:ngày\s+)?\d{1,2}\s*(?:/\s*\d{1,2}|\s+tháng\s+\d{1,2})(?!\s*[/.\-]\s*\d)(?!\d))+",
    re.I,
)
# a cut-off day without a year: "trước ngày 15/11", "trước ngày 01/6 và 15/11", "trước
# ngày 15 tháng 11", "trước ngày 20 hằng tháng"
_CUTOFF = re.compile(
    rf"{_BEFORE}(?:ngày\s+)?\d{{1,2}}(?:\s*/\s*\d{{1,2}}|\s+tháng\s+\d{{1,2}})?"
    r"(?:\s*(?:và|,)\s*\d{1,2}\s*/\s*\d{1,2})*(?!\s*[/.\-]\s*\d)(?!\d)",
    re.I,
)


def period_phrase(text: str) -> Deadline | None:
    """A report's rhythm and its cut-off as one phrase: "Định kỳ báo cáo … hằng năm (trước
    ngày 15 tháng 11)" → ("hằng năm (trước ngày 15 tháng 11)", "yearly"); None without a
    calendar period ("định kỳ" alone names none)."""
    period = None
    for rule in _RECURRENCE[:4]:
        m = rule.folded.search(text)
        if m is not None and (period is None or m.start() < period[1]):
            period = (rule.kind, m.start(), m.end())
    if period is None:
        return None
    kind, start, end = period
    cut = _CUTOFF.search(text)
    if cut is not None:
        # "hằng năm (trước ngày 15 tháng 11)", "trước ngày 01/6 và 15/11 hằng năm": one
        # phrase; a period word further off belongs to something else ("kế hoạch chi tiết
        # hằng năm và định kỳ báo cáo … trước ngày 20/11"): the cut-off alone is the phrase
        if 0 <= cut.start() - end <= 3 or 0 <= start - cut.end() <= 3:
            start, end = min(start, cut.start()), max(end, cut.end())
        else:
            start, end = cut.start(), cut.end()
    phrase = text[start:end].strip(" ,;")
    if phrase.count("(") > phrase.count(")"):
        phrase += ")"
    return Deadline(phrase, None, kind)


def _cycle_before(text: str, start: int) -> bool:
    """A day and month with no year, in a clause that names a cycle: every year's date."""
    return _CYCLE_BEFORE.search(_clause_before(text, start)) is not None


def _clause_before(text: str, start: int) -> str:
    """The clause that runs up to `start`: back to its ".", ";" or 80 characters."""
    return re.split(r"[.;]", text[max(0, start - 80) : start])[-1]


@cache
def _ocr_repairs() -> tuple[re.Pattern[str], dict[str, str]]:
    repairs = {k.lower(): v for k, v in table("noise", "ocr_time_words").items()}
    if any(len(k) != len(v) for k, v in repairs.items()):
        raise ValueError("an OCR repair must keep the word's length (spans are offsets)")
    return re.compile(r"\b(?:" + "|".join(map(re.escape, repairs)) + r")\b", re.I), repairs


def repair_ocr(text: str, low: str | None = None) -> str:
    """Time words as OCR misreads them, put right ("lrong quý II" → "trong quý II"), each
    by a word of the same length: every offset stays, so the phrase found is sliced from
    the text as written. `low`, the text in lower case, when the caller has it."""
    pattern, repairs = _ocr_repairs()
    low = text.lower() if low is None else low
    if not any(word in low for word in repairs):
        return text  # no misread word is here: spare the pattern's scan (tested against it)
    return pattern.sub(lambda m: _same_case(m.group(0), repairs[m.group(0).lower()]), text)


def _same_case(written: str, repaired: str) -> str:
    return repaired.capitalize() if written[:1].isupper() else repaired


def reading_date(doc_date: date | None, work_year: int | None) -> date | None:
    """The date a phrase without its year is read from: the document's, or the first day of
    the year its work is for when that is the next one (a plan for 2027 signed in December
    2026: its "Quý IV", "tháng 12", "cuối năm" are 2027's)."""
    if doc_date is not None and work_year is not None and work_year == doc_date.year + 1:
        return date(work_year, 1, 1)
    return doc_date


def title_year(title: str | None) -> int | None:
    """The one year a document's title names ("Kế hoạch công tác năm 2027", "Chương trình
    công tác quý I/2027"), or None (no year, several, a span of years)."""
    years = {int(y) for y in _YEAR_DIGITS.findall(title or "")}
    return years.pop() if len(years) == 1 else None


# the phrases counted from the document's signing, whatever year its work is for
_FROM_SIGNING: Final = frozenset({"relative", "this_year"})


def find_in_text(text: str, doc_date: date | None = None, work_year: int | None = None) -> Deadline | None:
    """The earliest explicit time bound in a task's text, or None. `work_year`: the year the
    document's work is for, when its title names one (see `reading_date`)."""
    read_from = reading_date(doc_date, work_year)
    written = text
    low = text.lower()
    text = repair_ocr(text, low)
    if text is not written:
        low = text.lower()
    if not _may_hold_time(text, low):
        # spare the dated patterns
        return (
            _recurrence_only(text, low, written)
            or _season(text, low, written)
            or _occasion(text, low, written)
        )
    found: list[_Found] = []
    # the characters already part of a match: a later match starting inside one is part
    # of it (a flag per character, not a list of spans to search: a text of thousands of
    # dates would make that quadratic)
    covered = bytearray(len(text))
    recurring: tuple[str, str] | None = None
    fast = _fast(text, low)
    present = {w for w in _NEEDED if w in low}
    for declared in PHRASES:
        rule = declared.rule
        kind = rule.kind
        if present.isdisjoint(declared.needs):
            continue  # the pattern cannot match: spare the regex engine its slow scan
        for m in _matches(rule, text, low, fast):
            if covered[m.start()]:
                continue
            f = _resolve(kind, m, doc_date if kind in _FROM_SIGNING else read_from)
            if f is None:
                continue
            covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            rec = _recurrence_after(
                text, m.end(), cycles=kind != "phase_span", dated=_YEAR_DIGITS.search(m.group(0)) is not None
            )
            if rec is None and kind.startswith("before_no_year") and _cycle_before(text, m.start()):
                rec = ("yearly", m.end())
            if rec:
                recurring = recurring or (written[m.start() : rec[1]].strip(), rec[0])
                continue
            found.append(f)
    seasons = _season_years(text, low)
    for m in _matches(_HOAN_THANH_YEAR, text, low, fast):
        y = int(m.group(1))
        if any(a < m.end() <= b for a, b in seasons):
            continue  # "hoàn thành trước mùa mưa bão năm 2027": the season's year
        if _PURPOSE_GOAL.match(low, max(0, m.start() - 4)):
            continue  # "Để hoàn thành mục tiêu … kế hoạch vốn năm 2027, …": the goal's year
        if not (m.end() > 0 and covered[m.end() - 1]):
            # the phrase is "năm YYYY", in whatever case it is written ("HOÀN THÀNH NĂM 2025")
            year_at = low.rfind("năm", m.start(), m.end())
            found.append(_Found(year_at if year_at >= 0 else m.start(), m.end(), date(y, 12, 31)))
    if found:
        best = min(found, key=lambda f: (f.when, f.start))
        phrase = written[best.start : best.end].strip(" ,.;()")
        return Deadline(phrase, best.when, None, best.alternatives)
    if recurring:
        return Deadline(recurring[0], None, recurring[1])
    return (
        _recurrence_only(text, low, written)
        or _season(text, low, written)
        or _undated(text, low, written)
        or _occasion(text, low, written)
    )


# A bound the text gives no last day for (CONVENTIONS rule 11: null date, phrase kept): a start
# that opens onto the years after it ("từ Quý IV/2026 và các năm tiếp theo", "từ năm 2026 trở
# đi"), and a time counted from an event it does not date ("trong vòng 15 ngày kể từ ngày nhận
# được văn bản", "sau 10 ngày kể từ khi kết thúc đợt kiểm tra"); the signing is dated: "relative")
_OPEN_START = re.compile(
    rf"\b(?:từ\s+)?(?:năm\s+\d{{4}}|{_Q}{_NUMERAL_Q}{_QUARTER_YEAR}|{_M}\d{{1,2}}\s*/\s*\d{{4}})"
    rf"\s*(?:{_YEARS_AFTER}|(?<=\d)\s+trở\s+đi)\b",
    re.I,
)
_FROM_EVENT = re.compile(
    rf"\b(?:{_WITHIN}|sau)\s*\d{{1,3}}\s+(?:ngày|tuần|tháng)"
    r"(?:\s+làm\s+việc)?,?\s+(?:kể\s+)?từ\s+(?:ngày|khi)\s+[^.;,()]{1,60}",
    re.I,
)


def _undated(text: str, low: str, written: str) -> Deadline | None:
    # the words each pattern cannot match without, looked for first (in a text spaced one
    # way only): most texts hold none, and a pattern with no word to start from is tried at
    # every character
    spaced = not single_spaced(text)
    if (spaced or "tiếp theo" in low or "trở đi" in low or "năm sau" in low or "năm tới" in low) and (
        m := _OPEN_START.search(text)
    ):
        return Deadline(written[m.start() : m.end()], None, "open_ended")
    if (spaced or "từ ngày" in low or "từ khi" in low) and (m := _FROM_EVENT.search(text)):
        return Deadline(written[m.start() : m.end()].rstrip(), None, EVENT)
    return None


# "trước mùa mưa bão năm 2027", "trước vụ Đông Xuân 2026 - 2027": a season, whose days
# the text does not give, is the task's own bound without a date (CONVENTIONS rule 11),
# not the end of its year; a date given beside it wins. Only "trước" bounds: "nhất là
# trong mùa mưa lũ" says when the work matters most, not by when it is due.
_SEASON = re.compile(
    r"\btrước\s+(?:"
    r"mùa\s+(?:mưa|khô|lũ|bão|nắng\s+nóng|hanh\s+khô|cạn)(?:\s+(?:bão|lũ|mưa))?"
    r"|vụ\s+(?:Đông\s+Xuân|Hè\s+Thu|Thu\s+Đông|Mùa|Xuân\s+Hè))"
    r"(?:\s+(?:năm\s+)?(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?)?",
    re.I,
)
EVENT = "event"  # a Deadline.recurrence: the bound is an occasion the text does not date

# "trước kỳ họp thứ 5 của Hội đồng nhân dân tỉnh", "trước ngày khai giảng năm học mới",
# "trước khi tổ chức Hội nghị": an occasion the text does not date bounds the task
# (CONVENTIONS rule 11: null date, phrase kept; the document's default does not replace it)
_OCCASION = re.compile(
    r"\btrước\s+(?:khi\s+)?(?:(?:tổ\s+chức|diễn\s+ra|bắt\s+đầu|khai\s+mạc|bước\s+vào)\s+)?(?:ngày\s+)?"
    r"(?:kỳ\s+họp|phiên\s+họp|hội\s+nghị|đại\s+hội|lễ\s+khai\s+giảng|khai\s+giảng|năm\s+học\s+mới)\b"
    r"[^.;,()]{0,60}",
    re.I,
)


# the occasion's day in brackets right after it: "trước ngày khai giảng năm học mới (05/9/2027)"
_OCCASION_DAY = re.compile(r"\s*\((?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\)", re.I)


def _occasion(text: str, low: str, written: str) -> Deadline | None:
    m = _OCCASION.search(text) if "trước" in low else None
    if m is None:
        return None
    day = _OCCASION_DAY.match(text, m.end())
    when = _safe_date(int(day.group(3)), int(day.group(2)), int(day.group(1))) if day else None
    if day is not None and when is not None:
        # the text dates the occasion: before it is the day before (CONVENTIONS rule 10)
        return Deadline(written[m.start() : day.end()].strip(), when - timedelta(days=1), None, (when,))
    return Deadline(written[m.start() : m.end()].rstrip(), None, EVENT)


def _season(text: str, low: str, written: str) -> Deadline | None:
    m = _SEASON.search(text) if ("mùa" in low or "vụ" in low) else None
    if m is None:
        return None
    return Deadline(written[m.start() : m.end()], None, EVENT)


def _season_years(text: str, low: str) -> list[tuple[int, int]]:
    """The spans of season phrases: a year inside one is the season's, not a deadline."""
    if "mùa" not in low and "vụ" not in low:
        return []
    return [(m.start(), m.end()) for m in _SEASON.finditer(text)]


def _recurrence_only(text: str, low: str, written: str) -> Deadline | None:
    if (
        "hằng" not in low
        and "hàng" not in low
        and "định kỳ" not in low
        and "thường xuyên" not in low
        and "mỗi" not in low
        and "cuối quý" not in low
        and "đầu quý" not in low
    ):
        return None  # none of the period words: spare the patterns
    fast = _fast(text, low)
    for rule in _FREE_RECURRENCE:
        for m in _matches(rule, text, low, fast):
            if _NOUN_BEFORE.search(text[max(0, m.start() - 14) : m.start()]):
                continue  # "chỉ tiêu … nhiệm vụ hằng năm": a kind of task, not this task's rhythm
            # "trước 16 giờ thứ Sáu hằng tuần": the cycle's cut-off hour is part of its phrase
            cut = _HOUR_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
            start = m.start() - len(cut.group(0)) if cut else m.start()
            return Deadline(written[start : m.end()].strip(" ,.;"), None, rule.kind)
    return None


_NOUN_BEFORE = re.compile(r"(?:nhiệm vụ|chỉ tiêu|kế hoạch|mục tiêu)\s+$", re.I)
_HOUR_BEFORE = re.compile(
    rf"\b(?:trước|chậm\s+nhất(?:\s+là)?)\s+\d{{1,2}}\s*(?:giờ|h)(?:\s*\d{{2}}(?:\s*phút)?)?{_WEEKDAY}\s+$",
    re.I,
)


# In running text only unambiguous period words make a task recurring ("báo cáo định kỳ
# hằng tháng"); "thường xuyên" counts only as the clause's last word ("…, thực hiện
# thường xuyên.") or before a span it fills ("thực hiện thường xuyên trong suốt mùa đông
# xuân"), not as an adverb ("thường xuyên kiểm tra").
_FREE_RECURRENCE = [
    *_RECURRENCE[:5],
    _rule(
        "continuous",
        r"\bthường\s+xuyên(?:,?\s+liên\s+tục)?(?:\s*(?:[.;]|$)|\s+(?:trong\s+)?suốt\b)",
        ("thường",),
        0,
    ),
    _rule("periodic", r"\bđịnh\s+kỳ\b", ("định",), 0),
]


_SPAN_JOIN = r"\s*(?:,|-|–|và|đến)\s*"
_FROM = r"^(?:từ\s+)?"
_SLASH_YEAR = r"\s*/\s*\d{4}"
_SLASH_LAST_YEAR = r"\s*/\s*(\d{4})$"
_LAST_Q = rf"(?:{_Q})?({_NUMERAL_Q})"
_LAST_M = rf"(?:{_M})?(\d{{1,2}})"
# a table cell's spans and short forms, the last period in group 1 and its year in group 2
_CELL_SPANS: Final = (
    (re.compile(rf"^{_Q}{_NUMERAL_Q}{_SPAN_JOIN}{_LAST_Q}{_QUARTER_YEAR}$", re.I), "quarter"),
    (
        re.compile(rf"{_FROM}{_Q}{_NUMERAL_Q}{_SLASH_YEAR}{_SPAN_JOIN}{_LAST_Q}{_SLASH_LAST_YEAR}", re.I),
        "quarter",
    ),
    (re.compile(rf"^{_M}\d{{1,2}}{_SPAN_JOIN}{_LAST_M}{_MONTH_YEAR}$", re.I), "month"),
    (re.compile(rf"{_FROM}{_M}\d{{1,2}}{_SLASH_YEAR}{_SPAN_JOIN}{_LAST_M}{_SLASH_LAST_YEAR}", re.I), "month"),
    (re.compile(r"^T\s?(\d{1,2})\s*/\s*(\d{4})$"), "month"),
    (re.compile(r"^Q\s?([1-4])\s*/\s*(\d{4})$"), "quarter"),
)
_ROUND_LABEL = re.compile(r"^(?:đợt|lần|giai\s+đoạn|bước)\s+\d{1,2}\s*[:.)\-–]\s*", re.I)


_BARE_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b")
_BARE_YEAR = re.compile(r"^\s*(?:(?:cả|trong|suốt)\s+)?(?:năm\s+)?((?:19|20)\d{2})\s*$", re.I)
# "Cả năm", "Trong năm", "Suốt năm (nay)": a cell for work that runs the whole year of the
# plan, which ends it (CONVENTIONS rule 10: a year → its last day)
_WHOLE_YEAR = re.compile(r"^\s*(?:cả|trong|suốt)\s+năm(?:\s+nay)?\s*$", re.I)
_BARE_QUARTER = re.compile(rf"^\s*{_QUARTER}", re.I)
_BARE_MONTH = re.compile(rf"^\s*{_MONTH}", re.I)
_BARE_DATE = re.compile(rf"^\s*{_DATE}", re.I)
# a day and month alone in a cell ("31/12", "Ngày 30/6"), its year the plan's
_BARE_DAY_MONTH = re.compile(r"^\s*(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*$", re.I)
# a month and year alone in a cell ("12/2027", "06/2027")
_BARE_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})\s*/\s*((?:19|20)\d{2})\s*$")
# "Từ năm 2026": a start, no end (not "Từ 01/4 - 30/6/2026", a span with its end)
_FROM_ONLY = re.compile(r"^\s*từ\b(?!.*(?:\bđến\b|\d\s*[-–]\s*(?:ngày\s+)?\d))", re.I)


_PHASE = re.compile(r"\bgiai\s+đoạn\s+((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b", re.I)


def phase_end(text: str) -> Deadline | None:
    """A phase named by its years ("giai đoạn 2026 - 2030") → its last day."""
    m = _PHASE.search(text)
    if m is None or int(m.group(2)) < int(m.group(1)) or _AND_AFTER_ANY.search(text, m.end()):
        return None
    return Deadline(m.group(0), date(int(m.group(2)), 12, 31))


# "Giai đoạn 2 (năm 2028):", "Đợt 1: quý III/2027": a phase heading's period, in brackets or
# after its colon, that is a period and nothing else
_BRACKETED = re.compile(r"[(:]\s*([^():]{3,40}?)\s*\)?\s*:?\s*$")
# ... or in brackets before the phase's name ("Giai đoạn 2 (quý III/2026): Triển khai")
_IN_BRACKETS = re.compile(r"\(\s*([^()]{3,40}?)\s*\)")
_PERIOD_ONLY = re.compile(
    r"^(?:năm\s+\d{4}|(?:tháng|quý|quí)\s+[\dIVX]{1,4}\s*(?:/|\s+năm\s+)\s*\d{4})$", re.I
)


def bracketed_period(heading: str, doc_date: date | None = None) -> Deadline | None:
    """The bound a phase heading's bracketed period sets ("Giai đoạn 2 (năm 2028):" → 31
    December 2028), or None."""
    m = _BRACKETED.search(heading)
    periods = [m.group(1)] if m is not None else []
    periods += [b.group(1) for b in _IN_BRACKETS.finditer(heading)]
    for period in periods:
        if _PERIOD_ONLY.match(period):
            value = parse_value(period, doc_date)
            if value.date is not None:
                return value
    return None


_FIRST_THEN = re.compile(r"^(.+?)(?:\s*,|\s+và)\s*$", re.I)
_BARE_NO_YEAR = re.compile(r"^(?:qu[ýíy]|tháng|6\s+tháng|nửa|cuối\s+năm)(?!\w)", re.I)


# an hour before the day a value names ("14 giờ 00,", "lúc 8h30", "07 giờ 30 phút, thứ Hai,")
_HOUR_FIRST = re.compile(
    rf"(?:(?:vào\s+)?lúc\s+)?\d{{1,2}}\s*(?:giờ|h)(?:\s*\d{{1,2}}(?:\s*phút)?)?{_DAYTIME}{_WEEKDAY}\s*,?\s*(?=\S)",
    re.I,
)


_CLOCK = r"\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?"
# "7 giờ 30 - 8 giờ 00: Đón tiếp đại biểu", "14h00: Khai mạc": a running order's line
_AGENDA_LINE = re.compile(rf"(?:từ\s+)?{_CLOCK}(?:\s*(?:-|–|đến)\s*{_CLOCK})?{_DAYTIME}\s*:", re.I)


def opens_with_a_time_of_day(text: str) -> bool:
    """Does `text` open with a time of day or a span of them, then a colon? A ceremony's or a
    conference's running order ("7 giờ 30 - 8 giờ 00: Đón tiếp đại biểu"), never a task."""
    return _AGENDA_LINE.match(text.lstrip(" *_")) is not None


def parse_value(value: str, doc_date: date | None = None, work_year: int | None = None) -> Deadline:
    """A deadline cell or a 'Thời gian: …' value, read permissively (`work_year`: see
    `find_in_text`)."""
    read_from = reading_date(doc_date, work_year)
    text = " ".join(value.split()).strip(" .;,")
    while text.endswith(")") and text.count(")") > text.count("("):
        # the close of the parenthesis the value stood in ("(Sở Y tế chủ trì; thời gian:
        # tháng 9/2027)"), none of its own
        text = text[:-1].rstrip(" .;,")
    if not text:
        return Deadline()
    repaired = repair_ocr(text)
    if repaired is not text:
        # "thường xuyển" (OCR): read as its words put right, shown as written
        return replace(parse_value(repaired, doc_date, work_year), text=text)
    for rule in _RECURRENCE:
        cycle = rule.folded.search(text)
        if cycle:
            first = _FIRST_THEN.match(text[: cycle.start()])
            if first and _YEAR_DIGITS.search(first.group(1)):
                # "Tháng 12/2026 và hằng năm": a first time, then a cycle; its date holds (rule 11)
                once = parse_value(first.group(1), doc_date, work_year)
                if once.date is not None:
                    return Deadline(text, once.date, None, once.alternatives)
            return Deadline(text, None, rule.kind)
    if _AND_AFTER_ANY.search(text):
        return Deadline(text, None, "open_ended")  # "… và những năm tiếp theo": no last day
    if _FROM_ONLY.match(text):
        return Deadline(text, None, None)
    hour = _HOUR_FIRST.match(text)
    if hour and hour.end() < len(text):
        # "14 giờ 00, ngày 15/5/2027 (thứ Bảy)", "14h00, ngày 15/5/2027": a meeting's hour, then
        # its day
        on = parse_value(text[hour.end() :], doc_date, work_year)
        if on.date is not None:
            return Deadline(text, on.date, None, on.alternatives)
    label = _ROUND_LABEL.match(text)
    if label and label.end() < len(text):
        # "Đợt 1: tháng 4/2027": the round's own bound
        return replace(parse_value(text[label.end() :], doc_date, work_year), text=text)
    for pattern, kind in _CELL_SPANS:
        m = pattern.match(text)
        if m:
            # "Quý I - II/2027", "tháng 01-02/2027", "Tháng 12/2026 - 01/2027", "T3/2027":
            # a span of work ends with its last period (CONVENTIONS rule 10, "từ X đến Y")
            f = _resolve(kind, m, read_from)
            if f:
                return Deadline(text, f.when)
    strict = find_in_text(text, doc_date, work_year)
    if strict and strict.date:
        return Deadline(text, strict.date, None, strict.alternatives)
    if _BARE_NO_YEAR.match(text):
        # "Quý III", "Tháng 10 năm nay", "6 tháng đầu năm", "Cuối năm": a period without its
        # year, read as the same words after a lead-in are in a sentence
        inside = find_in_text("vào " + text, doc_date, work_year)
        if inside is not None and inside.date is not None and (inside.text or "").endswith(text):
            return Deadline(text, inside.date, None, inside.alternatives)
    m = _BARE_RANGE.search(text)
    if m:
        return Deadline(text, date(int(m.group(2)), 12, 31))
    for pattern, kind in ((_BARE_QUARTER, "quarter"), (_BARE_MONTH, "month"), (_BARE_DATE, "day")):
        m = pattern.match(text)
        if m:
            f = _resolve(kind, m, read_from)
            if f:
                return Deadline(text, f.when)
    m = _BARE_MONTH_YEAR.match(text)
    if m:
        last = _last_of_month(int(m.group(2)), int(m.group(1)))
        if last is not None:
            return Deadline(text, last)
    m = _BARE_DAY_MONTH.match(text)
    if m and read_from is not None:
        # "31/12", "Ngày 30/6": a day of the plan's year (the next one's, if already past)
        d = _coming(int(m.group(2)), int(m.group(1)), read_from)
        if d is not None:
            return Deadline(text, d)
    m = _BARE_YEAR.match(text)
    if m:
        return Deadline(text, date(int(m.group(1)), 12, 31))
    if _WHOLE_YEAR.match(text) and read_from is not None:
        return Deadline(text, date(read_from.year, 12, 31))
    return Deadline(text, None, None)
