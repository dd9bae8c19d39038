"""Joining wrapped lines: the one-pass join gives what joining part by part gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dondoc.extract.structure import join_parts


def _part_by_part(parts: list[str]) -> str:
    out = ""
    for p in parts:
        if not out:
            out = p
        elif len(out) > 1 and out[-1] == "-" and out[-2].isalnum() and p[:1].isalnum():  # noqa: SIM114
            out += p
        elif p[:1] in ",;.:)…":
            out += p
        else:
            out += " " + p
    return out


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet="a7-.,;:)… Đ", max_size=4), max_size=8))
def test_join_is_the_fold(parts: list[str]) -> None:
    assert join_parts(parts) == _part_by_part(parts)


def test_wrapped_symbol_and_punctuation() -> None:
    assert join_parts(["Kết luận 75-", "KL/TW", ", ngày 1/1"]) == "Kết luận 75-KL/TW, ngày 1/1"
