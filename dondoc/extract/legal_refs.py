"""Citations of other documents: kind, number/symbol, date, span; one per number.

Both styles: Party ("Chỉ thị số 35-CT/TW, ngày 14/6/2024 của Bộ Chính trị") and State
("Nghị định số 146/2018/NĐ-CP ngày 17 tháng 10 năm 2018"), with or without "số". PDF text
breaks symbols across lines ("75-\\nKL/TW") and drops hyphens ("5969/QĐUBND"): both are
repaired in the reported number, while the span still covers the text as written.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from functools import cache

from dondoc.core.directive import LegalRef
from dondoc.core.span import Span
from dondoc.extract.lexicon import table

_UP = "A-ZĐÂĂÊÔƠƯ"
# the first digit comes first and the look-behind after it (the character before that digit
# is no letter, digit, "/", "." or "-"): a pattern that opens with a digit lets the regex
# engine skip to the digits, where one that opens with a look-behind tries every position
_NUMBER = re.compile(
    rf"(\d(?<![\w/.\-]\d)\d{{0,4}}[a-z]?(?:/\d{{4}})?(?:\s*[/\-]\s*|/)[{_UP}][\w&]*(?:(?:-\s*\n?\s*|/|-\s|(?<=&)\s)[{_UP}0-9][\w&]*)*)"
)
_GLUED = re.compile(r"^(\d+[a-z]?(?:/\d{4})?/)([A-ZĐ][A-Za-zĐ]*)$")
_TWO_LETTERS = re.compile(r"[A-Za-zĐđ]{2}")
# "số", or "so" as a scan's OCR reads it without its tone ("Chỉ thị so 41-CT/TW")
_SO_BEFORE = re.compile(r"(?<!\w)s[ốo]\s*:?\s*$")
_AND_SO_BEFORE = re.compile(r"(?:,|và)\s*s[ốo]\s*:?\s*$")
# "các văn bản số: 10894/VPCP-CN ngày 8/11/2025, 8563/VPCP-CN ngày 12/9/2025": the list goes on
_LIST_GOES_ON = re.compile(r"^\s*(?:,|;|và)\s*$")
_DATE_AFTER = re.compile(
    r"^[\s,]*(?:ngày|ngay)\s+(?:(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))"
)


@cache
def _kind_patterns() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(pattern, canonical kind, the kind's last word): the pattern cannot match a text
    without that word, and a substring test is far cheaper than the search."""
    kinds = table("documents", "kinds")
    pats = []
    for word, canonical in sorted(kinds.items(), key=lambda kv: -len(kv[0])):
        parts = str(word).split()
        body = r"\s+".join(re.escape(w) for w in parts)
        # the kind word must sit right before the number: "Nghị định số 146/…", "Kết luận 75-KL/TW"
        pats.append((re.compile(rf"{body}\s*(?:s[ốo]\s*:?\s*)?$"), str(canonical), parts[-1]))
    return tuple(pats)


def _blanked(text: str, lo: int, hi: int, blank: tuple[tuple[int, int], ...]) -> str:
    """text[lo:hi] with the parts of the `blank` spans inside it as spaces."""
    piece = text[lo:hi]
    k = bisect.bisect_left(blank, (lo, lo)) - 1  # a span may open before lo
    for a, b in blank[max(k, 0) :]:
        if a >= hi:
            break
        if b > lo:
            x, y = max(a, lo) - lo, min(b, hi) - lo
            piece = piece[:x] + " " * (y - x) + piece[y:]
    return piece


def normalize_number(raw: str) -> str:
    number = "".join(raw.split())
    symbols = table("documents", "symbols")
    # "5969/QĐUBND" → "5969/QĐ-UBND": a type code glued to the issuer code
    m = _GLUED.match(number)
    if m and "-" not in m.group(2):
        for code in sorted(symbols, key=len, reverse=True):
            rest = m.group(2)[len(code) :]
            if m.group(2).startswith(code) and len(rest) >= 2 and rest[:1].isupper():
                return f"{m.group(1)}{code}-{rest}"
    return number


def number_key(number: str) -> str:
    return "".join(number.upper().replace("Đ", "D").replace(".", "").split())


def find_legal_refs(
    text: str,
    *,
    start: int = 0,
    end: int | None = None,
    exclude: tuple[str, ...] = (),
    blank: tuple[tuple[int, int], ...] = (),
) -> list[LegalRef]:
    """Citations in text[start:end], deduplicated by number, minus the excluded numbers.
    `blank`: sorted spans read as spaces (a page's number between "Thông tư số" and
    "75/2024/TT-BTC"), without a copy of the text."""
    end = len(text) if end is None else end
    seen = {number_key(e) for e in exclude if e}
    refs: list[LegalRef] = []
    last_kind: str | None = None
    last_end = -1
    for m in _NUMBER.finditer(text, start, end):
        number = normalize_number(m.group(1))
        if not _TWO_LETTERS.search(number):
            continue
        lo = max(start, m.start() - 60)
        before = _blanked(text, lo, m.start(), blank) if blank else text[lo : m.start()]
        kind: str | None = None
        ref_start = m.start()
        for pattern, canonical, last_word in _kind_patterns():
            if last_word not in before:
                continue
            km = pattern.search(before)
            if km:
                kind, ref_start = canonical, m.start() - len(before) + km.start()
                break
        if kind is None:
            so = _SO_BEFORE.search(before)
            if so is not None:
                ref_start = m.start() - len(before) + so.start()
                if _AND_SO_BEFORE.search(before) and m.start() - last_end < 60:
                    kind = last_kind
            elif last_end >= 0 and _LIST_GOES_ON.match(text[last_end : m.start()]):
                kind = last_kind  # the next number of a list that opened with "số"
            else:
                continue
        ref_end = m.end()
        when: date | None = None
        dm = _DATE_AFTER.match(text[m.end() : m.end() + 40])
        if dm:
            g = dm.groups()
            d, mo, y = (g[0], g[1], g[2]) if g[0] else (g[3], g[4], g[5])
            try:
                when = date(int(y), int(mo), int(d))
                ref_end = m.end() + dm.end()
            except ValueError:
                when = None
        last_kind, last_end = kind, ref_end
        key = number_key(number)
        if key in seen:
            continue
        seen.add(key)
        cited = " ".join(text[ref_start:ref_end].split())
        refs.append(LegalRef(cited, kind, number, when, Span(ref_start, ref_end)))
    return refs
