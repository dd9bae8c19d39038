"""Line cleaning: the fast path for plain lines gives what collapsing every run of
whitespace gives, whatever the space characters; offsets point at the content."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dondoc.extract.lines import _clean, split_lines

_CHARS = "aăâbcdđeêoơuưyÀẾỡỹ0123456789.,:;-()/" + "     \t\xa0\u2009\r"
_PLAIN = st.text(alphabet=_CHARS, max_size=60)


@settings(max_examples=300, deadline=None)
@given(_PLAIN)
def test_plain_line_is_collapsed_with_its_content_offsets(raw: str) -> None:
    text, first, last, bold = _clean(raw)
    assert text == " ".join(raw.split())
    assert not bold
    if text:
        assert (first, last) == (len(raw) - len(raw.lstrip()), len(raw.rstrip()))


@settings(max_examples=200, deadline=None)
@given(st.lists(_PLAIN, min_size=1, max_size=8))
def test_lines_keep_their_offsets(rows: list[str]) -> None:
    text = "\n".join(rows)
    lines = split_lines(text)
    assert len(lines) == len(rows)
    for ln, row in zip(lines, rows, strict=True):
        assert ln.raw == row.removesuffix("\r")
        assert text[ln.start : ln.start + ln.length] == ln.raw
        if ln.text:
            assert " ".join(text[ln.cstart : ln.cend].split()) == ln.text
