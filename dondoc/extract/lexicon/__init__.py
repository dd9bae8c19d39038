"""Vietnamese cue words as data files, loaded by name.

The extraction code keeps no Vietnamese vocabulary of its own: what a body looks like,
which sections hold no tasks, which lines are page furniture all live in the TOML files
beside this module, so that a reviewer can extend them without reading code.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any

# every (file, key) the code has asked for in this process: a test checks that no key of
# the files is left unread (vocabulary nobody reads is vocabulary a reviewer edits in vain)
READ: set[tuple[str, str]] = set()


@cache
def load(name: str) -> dict[str, Any]:
    """A whole file, for the tests and the tools; the extractor asks by key (`words`, `table`)."""
    data = resources.files(__name__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(data)


def names() -> tuple[str, ...]:
    """The lexicon files, by name."""
    return tuple(
        sorted(
            f.name.removesuffix(".toml")
            for f in resources.files(__name__).iterdir()
            if f.name.endswith(".toml")
        )
    )


@cache
def words(name: str, key: str) -> tuple[str, ...]:
    """A list of words or phrases, each also in the other placement of its tone mark
    ("Ủy ban" and "Uỷ ban", "hòa" and "hoà": both are written today), after the ones
    listed, so that a list's first entry stays first."""
    READ.add((name, key))
    listed = [str(v) for v in load(name)[key]]
    return tuple(dict.fromkeys([*listed, *(other_tone_style(w) for w in listed)]))


# a tone mark on the first or the second vowel of "oa", "oe", "uy" at a syllable's end
_NEW_STYLE = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}  # fmt: skip
_SWAP = {**_NEW_STYLE, **{v: k for k, v in _NEW_STYLE.items()}}
_SWAP |= {k[0].upper() + k[1:]: v[0].upper() + v[1:] for k, v in list(_SWAP.items())}
_TONE_PAIR = re.compile("(?:" + "|".join(_SWAP) + r")(?![a-zà-ỹ])")


def other_tone_style(word: str) -> str:
    """The word with its tone marks in the other style ("Ủy ban" ↔ "Uỷ ban"); the word
    itself when it has no syllable the styles write differently. "qu" keeps its mark
    where it is ("quý")."""
    return _TONE_PAIR.sub(lambda m: m.group(0) if _after_q(word, m.start()) else _SWAP[m.group(0)], word)


def _after_q(word: str, at: int) -> bool:
    return at > 0 and word[at - 1] in "qQ"


@cache
def table(name: str, key: str) -> dict[str, Any]:
    """A table: phrase → what it stands for (document kinds, column names …)."""
    READ.add((name, key))
    value = load(name)[key]
    if not isinstance(value, dict):
        raise TypeError(f"lexicon {name}.{key} is a list, not a table")
    return value
