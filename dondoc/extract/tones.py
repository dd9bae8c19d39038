"""Vietnamese words without their tone marks, as a scan's OCR may leave them.

Tesseract puts a tone mark on the wrong vowel, adds one or drops one ("MỤC TIỂU" for "MỤC
TIÊU", "Trân" for "Trần"); it keeps the marks of a vowel's quality (â, ê, ô, ơ, ư, ă) and
"đ" far more often. A word compared without its tone marks is recognised through that damage.
"""

from __future__ import annotations

import re
import unicodedata

# grave, acute, hook, tilde, dot below: the tones, not the marks of a vowel's quality
_TONES = "\u0300\u0301\u0309\u0303\u0323"
_TONE_MARKS = dict.fromkeys(map(ord, _TONES))
# each base vowel as a class of itself with any tone ("i" → "[iìíỉĩị]")
_ANY_TONE = {
    vowel: "[" + vowel + "".join(unicodedata.normalize("NFC", vowel + tone) for tone in _TONES) + "]"
    for vowel in "aăâeêioôơuưy"
}


def toneless(text: str) -> str:
    """`text` with its tone marks dropped ("Mục tiểu" → "Muc tiêu"), its other marks kept."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_TONE_MARKS))


def any_tone(word: str) -> str:
    """A pattern for `word` (lower case) whatever tone marks its vowels carry: "đinh"
    matches "Đỉnh" (with IGNORECASE)."""
    return "".join(_ANY_TONE.get(toneless(c), re.escape(c)) for c in word)
