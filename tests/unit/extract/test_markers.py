"""Item markers: trying only the patterns a line's first character allows finds what
trying every pattern finds."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dondoc.extract.markers import (
    _OCR_ROMAN_DIGIT,
    _PATTERNS,
    _UPPER_LETTER,
    Marker,
    caps_heading,
    find_marker,
)

_LINE = st.text(alphabet="0123456789IVXLCPMĐđabcx()./-–+•: ĐiềuPhầnChươngMụcviiATo»Ø§ü➢>S", max_size=14)


def _every_pattern(text: str) -> Marker | None:
    """Every pattern, in order, with no look at the first character. A part lettered in
    capitals ("A. SỞ NỘI VỤ") is a rule of its own before the table, where no roman
    numeral ("I.", "V.") stands."""
    if (m := _OCR_ROMAN_DIGIT.match(text)) and caps_heading(text[m.end() :]):
        return Marker("roman", m.group(1).replace("l", "I").replace("1", "I") + ".", len(m.group(0)))
    if text[1:2] == "." and text[:1] not in "IVXL" and (m := _UPPER_LETTER.match(text)):
        return Marker("upper_letter", m.group(0).strip(), len(m.group(0)))
    for style, pattern in _PATTERNS:
        m = pattern.match(text)
        if m and m.end() > 0:
            raw = m.group(0)
            if style == "roman" and not m.group(1):
                continue
            if style in ("glyph", "ocr_glyph", "font_glyph"):
                style = f"glyph{text[:1]}"  # a level per glyph
            return Marker(style, raw.strip(), len(raw))
    return None


@settings(max_examples=3000, deadline=None)
@given(_LINE)
@example("M. A")  # a capital with its dot: the lettered part's rule, found by this test
def test_first_character_dispatch_changes_nothing(text: str) -> None:
    assert find_marker(text) == _every_pattern(text)


def test_markers_of_every_style() -> None:
    cases = {
        "Phần I. NHIỆM VỤ": "part",
        "CHƯƠNG II. QUY ĐỊNH CHUNG": "part",
        "Mục 2: Nhiệm vụ": "part",
        "XIV. KIẾN NGHỊ": "roman",
        "LX. KIẾN NGHỊ": "roman",
        "Điều 3. Tổ chức": "article",
        "II.1. Nội dung": "roman_num",
        "1.2.3. Việc": "num3",
        "1.2. Việc": "num2",
        "IV. TỔ CHỨC": "roman",
        "3. Sở Y tế": "num_dot",
        "3- Sở Y tế": "num_dash",
        "3) Sở Y tế": "num_paren",
        "b) Sở Y tế": "letter",
        "2/ Sở Y tế": "num_slash",
        "b/ Sở Y tế": "letter_slash",
        "b. Sở Y tế": "letter_dot",
        "(ii) Sở Y tế": "paren",
        "- Sở Y tế": "dash",
        "+ Sở Y tế": "plus",
        "• Sở Y tế": "bullet",
    }
    # a word processor's bullets, also as text copied without its symbol font shows them
    cases |= {f"{g} Sở Y tế": f"glyph{g}" for g in "➢»→o\uf0b7Ø§ü"}
    for text, style in cases.items():
        found = find_marker(text)
        assert found is not None and found.style == style, text
    assert find_marker("Các sở, ban, ngành") is None
    assert find_marker("o tiếp tục") is None  # the letter "o" before a lower-case word: no bullet
