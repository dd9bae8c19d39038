"""The NFC view maps every one of its offsets back to the source: characters outside the
recomposed clusters one to one, a cluster's characters to the cluster's start."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dondoc.core.text import _ODD_SPACES, SourceText, nfc_view

_TEXT = st.text(alphabet="aeoAE ,.\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031bđĐ", max_size=40)


def _per_character(source: str) -> list[int]:
    """The source offset of each view character, cluster by cluster (and of the end)."""
    if unicodedata.is_normalized("NFC", source):
        return list(range(len(source) + 1))  # the view is the source
    out: list[int] = []
    i = 0
    while i < len(source):
        j = i + 1
        while j < len(source) and unicodedata.combining(source[j]):
            j += 1
        piece = unicodedata.normalize("NFC", source[i:j]) if j > i + 1 else source[i]
        out.extend([i] * len(piece) if j > i + 1 else [i])
        i = j
    return [*out, len(source)]


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_every_view_offset_maps_to_its_source_character(source: str) -> None:
    view = nfc_view(source)
    if not unicodedata.is_normalized("NFC", source):
        assert view.text == "".join(unicodedata.normalize("NFC", c) for c in _clusters(source))
    assert [view.source_offset(o) for o in range(len(view.text) + 1)] == _per_character(source)


def _clusters(source: str) -> list[str]:
    out: list[str] = []
    for ch in source:
        if out and unicodedata.combining(ch):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def test_a_view_of_nfc_text_is_the_text() -> None:
    view = nfc_view("Thành ủy Cần Thơ")
    assert view.anchors is None and view.source_offset(5) == 5


@pytest.mark.parametrize(
    "source",
    ["Sở Y tế chủ trì.", "Sở\u00a0Y tế chủ\u202ftrì.", "Sở Y te\u0301\u00a0chu\u0309 trì.", "", "\u2009"],
)
def test_odd_spaces_read_as_spaces_like_the_plain_translation(source: str) -> None:
    # the view replaces only the kinds of odd space present (a speed shortcut): it must
    # equal the plain version, the NFC text translated whatever it holds, offsets unchanged
    view = SourceText(source).view
    plain = nfc_view(source).text.translate(_TRANSLATION)
    assert view.text == plain
    assert len(view.text) == len(nfc_view(source).text)


_TRANSLATION = str.maketrans(dict.fromkeys(_ODD_SPACES, " "))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=f"aá {_ODD_SPACES}\u0301", max_size=60))
def test_any_mix_of_odd_spaces_reads_as_the_plain_translation(source: str) -> None:
    assert SourceText(source).view.text == nfc_view(source).text.translate(_TRANSLATION)
