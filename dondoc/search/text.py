"""Folding and terms: how a text and a query are compared.

`fold` maps every character to one character (lower case, without its diacritics, đ as
d), so an offset in the folded text is the same offset in the text: hits found in the
folded text are marked on the original. `đ` must be folded by hand: it has no Unicode
decomposition, and "dang" must find "Đảng".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# the searchable words: letters and digits; "12-CT/TU" is 12 | ct | tu on both engines
_TERM = re.compile(r"[^\W_]+")


def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)[0]
    low = base.lower()
    return low if len(low) == 1 else c


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    # ASCII, Latin-1, Latin Extended and Vietnamese's precomposed letters (U+1E00–U+1EFF);
    # combining marks stay as they are (terms() reads NFC text, and marks are not words)
    out: dict[int, str] = {}
    for cp in range(0x41, 0x2000):
        c = chr(cp)
        if unicodedata.category(c) == "Mn":
            continue
        f = _fold_char(c)
        if f != c:
            out[cp] = f
    return out


def fold(text: str) -> str:
    """Lower case, no diacritics, đ as d; as long as `text`, character for character."""
    return text.translate(_table())


def terms(text: str) -> list[str]:
    """The words of a text as the index keeps them: folded, in order, repeats kept."""
    return _TERM.findall(fold(unicodedata.normalize("NFC", text)))
