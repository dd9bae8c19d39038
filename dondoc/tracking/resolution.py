"""Body resolution: which unit of the directory an extracted body phrase names.

A phrase resolves only when the answer is certain: its folded form equals a unit's name
or alias (after abbreviations are expanded and a place qualifier of the issuer's scope is
dropped), and exactly one unit valid on the directive's date has it, inside the issuer's
scope first. Everything else is flagged for the office, never guessed: several units
with the name (ambiguous), a group ("các sở, ban, ngành"), a close but inexact spelling
(fuzzy: a suggestion to confirm), or nothing at all (unknown). A unit that had ceased to
exist by the directive's date gives its successor, flagged too.

Folding makes old and new tone placement equal ("Uỷ ban" = "Ủy ban", "hoá" = "hóa"):
each syllable's tone mark is moved to its end, so no two different words become one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources

_PARENTHESIS = re.compile(r"\s*\( [^()]* \)$")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_WORD = re.compile(r"[^\W_]+(?:[&.][^\W_]+)*\.?|[&,;:()\-–/]")


class Method(StrEnum):
    EXACT = "exact"  # the unit's name
    ALIAS = "alias"  # one of its aliases or abbreviations
    SUCCESSOR = "successor"  # a unit that had ceased to exist; its successor (flagged)
    FUZZY = "fuzzy"  # a close spelling (flagged, a suggestion)
    AMBIGUOUS = "ambiguous"  # several units (flagged)
    GROUP = "group"  # a group of bodies, not one unit (flagged)
    UNKNOWN = "unknown"  # no unit (flagged)


# kinds of unit that are a territory's authority: a directive's bodies are looked for in
# the territory of its issuer (a ministry's directive: the nation; a province's: the province)
JURISDICTIONS = frozenset({"nation", "province", "district", "commune"})

# resolutions the office must look at before they count
FLAGGED = frozenset({Method.SUCCESSOR, Method.FUZZY, Method.AMBIGUOUS, Method.GROUP, Method.UNKNOWN})


@dataclass(frozen=True)
class UnitEntry:
    id: int
    name: str
    path: str
    aliases: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None  # last day it existed
    successor_id: int | None = None

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class Resolution:
    phrase: str
    method: Method
    unit_id: int | None = None
    candidates: tuple[int, ...] = ()  # for ambiguous and fuzzy: the units to choose from

    @property
    def flagged(self) -> bool:
        return self.method in FLAGGED


@cache
def _data() -> dict[str, dict[str, object]]:
    raw = resources.files("dondoc.tracking").joinpath("abbreviations.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


def _syllable(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = "".join(c for c in decomposed if c in _TONES)
    base = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", base + tones)


def fold(phrase: str) -> str:
    """The comparison key of a phrase: abbreviations expanded, tones placed canonically,
    lower case, punctuation spaced out, whitespace collapsed."""
    expand: dict[str, str] = _data()["expand"]  # type: ignore[assignment]  # TOML table of str
    words: list[str] = []
    for w in _WORD.findall(unicodedata.normalize("NFC", phrase)):
        w = expand.get(w, w)
        words.extend(_syllable(x).lower() for x in w.split())
    return " ".join(words).replace("–", "-")


def is_group(phrase: str) -> bool:
    group: dict[str, list[str]] = _data()["group"]  # type: ignore[assignment]  # TOML table of lists
    low = " " + fold(phrase) + " "
    return any(low.startswith(" " + fold(s) + " ") for s in group["starts"]) or any(
        " " + fold(c) + " " in low for c in group["contains"]
    )


@dataclass
class Directory:
    """The units known on a date, indexed by every folded name and alias."""

    units: dict[int, UnitEntry]
    by_key: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, units: list[UnitEntry]) -> Directory:
        d = cls({u.id: u for u in units})
        for u in units:
            for name in (u.name, *u.aliases):
                for key in {fold(name), _without_place(fold(name))}:
                    ids = d.by_key.setdefault(key, [])
                    if u.id not in ids:
                        ids.append(u.id)
        return d


def _without_place(key: str, places: tuple[str, ...] = ()) -> str:
    """Drop a trailing place qualifier: "sở tài chính thành phố hà nội" → "sở tài chính"."""
    words: list[str] = _data()["place"]["words"]  # type: ignore[assignment]  # TOML list of str
    for name in sorted((fold(p) for p in places), key=len, reverse=True):
        if key.endswith(" " + name):
            key = key[: -len(name) - 1]
            break
    for w in {fold(x) for x in words}:
        if key.endswith(" " + w):
            return key[: -len(w) - 1]
    return key


def resolve(
    phrase: str,
    directory: Directory,
    *,
    on: dt.date | None,
    scope: str | None = None,
    places: tuple[str, ...] = (),
) -> Resolution:
    """The unit a body phrase names, on the directive's date, preferring the issuer's scope
    (a unit path) and ignoring a trailing place name of that scope (`places`)."""
    key = fold(phrase)
    # "Sở Nội vụ (Ban Thi đua Khen thưởng)": the unit, with the part of it that will act
    bare = _PARENTHESIS.sub("", key).strip()
    # "Ủy ban nhân dân tỉnh" in a Lào Cai directive: "Ủy ban nhân dân tỉnh Lào Cai"
    literal = {key, bare, *_in_scope(key, places), *_in_scope(bare, places)}
    ids: list[int] = []
    tries = (key, *_in_scope(key, places), _without_place(key, places))
    tries += (bare, *_in_scope(bare, places), _without_place(bare, places))
    for k in dict.fromkeys(tries):
        ids = directory.by_key.get(k, [])
        if ids:
            break
    if ids:
        return _choose(phrase, literal, ids, directory, on=on, scope=scope)
    if is_group(phrase):
        return Resolution(phrase, Method.GROUP)
    return _fuzzy(phrase, key, directory, on=on, scope=scope)


def _in_scope(key: str, places: tuple[str, ...]) -> tuple[str, ...]:
    """A phrase ending in a bare place word ("… tỉnh", "… thành phố") completed with the
    issuer's territory, which that word names: "ủy ban nhân dân tỉnh lào cai"."""
    stripped = _without_place(key)
    if stripped == key:
        return ()
    return tuple(f"{stripped} {fold(p)}" for p in places)


def _choose(
    phrase: str,
    literal: set[str],
    ids: list[int],
    directory: Directory,
    *,
    on: dt.date | None,
    scope: str | None,
) -> Resolution:
    units = [directory.units[i] for i in ids]
    if scope is not None:
        # a name that ends in a bare place word ("… tỉnh", "… thành phố"), or a match made by
        # dropping one, holds only in the issuer's territory, which that word names:
        # "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh" in a Lào Cai directive is not another
        # province's front, nor "Công an thành phố" in a Huế one Cần Thơ's police
        placed = [u for u in units if not any(_without_place(n) == n for n in literal & _names(u))]
        outside = [u for u in placed if not u.path.startswith(scope)]
        if outside:
            units = [u for u in units if u not in outside]
            if not units:
                return Resolution(phrase, Method.UNKNOWN, None, tuple(u.id for u in outside))
    current = [u for u in units if u.valid_on(on)]
    if not current:
        # a unit gone by then (merged, dissolved): its successor, for the office to confirm
        successors = {u.successor_id for u in units if u.successor_id is not None}
        if len(successors) == 1:
            (succ,) = successors
            return Resolution(phrase, Method.SUCCESSOR, succ, (succ,))
        return Resolution(phrase, Method.UNKNOWN, None, tuple(ids))
    if scope is not None and len(current) > 1:
        inside = [u for u in current if u.path.startswith(scope)]
        current = inside or current
    if len(current) > 1:
        return Resolution(phrase, Method.AMBIGUOUS, None, tuple(u.id for u in current))
    unit = current[0]
    named = literal | {_without_place(k) for k in literal}
    method = Method.EXACT if fold(unit.name) in named else Method.ALIAS
    return Resolution(phrase, method, unit.id, (unit.id,))


def _names(unit: UnitEntry) -> set[str]:
    return {fold(n) for n in (unit.name, *unit.aliases)}


def _fuzzy(
    phrase: str, key: str, directory: Directory, *, on: dt.date | None, scope: str | None
) -> Resolution:
    keys = list(directory.by_key)
    close = difflib.get_close_matches(key, keys, n=3, cutoff=0.88)
    ids = [
        i
        for k in close
        for i in directory.by_key[k]
        if directory.units[i].valid_on(on) and (scope is None or directory.units[i].path.startswith(scope))
    ]
    ids = list(dict.fromkeys(ids))
    if not ids:
        return Resolution(phrase, Method.UNKNOWN)
    return Resolution(phrase, Method.FUZZY, ids[0] if len(ids) == 1 else None, tuple(ids))
