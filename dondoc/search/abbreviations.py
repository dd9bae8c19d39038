"""Abbreviations offices write (UBND, HĐND, MTTQ…) and what they stand for
(abbreviations.toml), both folded: the index holds an abbreviation wherever a text spells
it out, so a query for either form is one word to look up, not a phrase to match."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from dondoc.search.text import terms


@cache
def abbreviations() -> dict[str, tuple[str, ...]]:
    """Folded abbreviation → the folded words it stands for."""
    raw = tomllib.loads(resources.files("dondoc.search").joinpath("abbreviations.toml").read_text("utf-8"))
    return {k: tuple(terms(v)) for k, v in raw["abbreviations"].items()}


@cache
def _by_first() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for short, words in abbreviations().items():
        out.setdefault(words[0], []).append((words, short))
    return out


def index_terms(text: str) -> str:
    """The text as the engines index it: its folded words joined by single spaces, then
    the abbreviations it spells out ("uy ban nhan dan" adds "ubnd"). Added at the end,
    they move no word: phrases still match where they stand."""
    words = terms(text)
    spelled: list[str] = []
    first = _by_first()
    for i, w in enumerate(words):
        for expansion, short in first.get(w, ()):
            if tuple(words[i : i + len(expansion)]) == expansion and short not in spelled:
                spelled.append(short)
    return " ".join(words + spelled)
