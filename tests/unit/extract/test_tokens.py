"""The tokenizer's shortcuts (whole words without a regex, offsets counted in single-spaced
text, the first words of a line) give the tokens and offsets of the plain regex scan."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dondoc.extract.bodies import _TOKEN, _tokens, starts_with_verb

_TEXT = st.text(alphabet="ab1ếĐ,.-/&()_“ \t\n\xa0", max_size=40)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_tokens_are_those_of_the_regex(text: str) -> None:
    expected = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    assert [(t.text, t.start, t.end) for t in _tokens(text)] == expected


def test_a_line_opening_with_a_verb() -> None:
    assert starts_with_verb("Tổ chức quán triệt, triển khai thực hiện Chỉ thị số 35-CT/TW")
    assert starts_with_verb("TỔ CHỨC THỰC HIỆN")
    assert not starts_with_verb("Sở Y tế chủ trì, phối hợp với các đơn vị liên quan")
    assert not starts_with_verb("")
