"""Vietnamese cue words as data files, loaded by name.

The extraction code keeps no Vietnamese vocabulary of its own: what a body looks like,
which sections hold no tasks, which lines are page furniture all live in the TOML files
beside this module, so that a reviewer can extend them without reading code.
"""

from __future__ import annotations

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
    """A list of words or phrases."""
    READ.add((name, key))
    value = load(name)[key]
    return tuple(str(v) for v in value)


@cache
def table(name: str, key: str) -> dict[str, Any]:
    """A table: phrase → what it stands for (document kinds, column names …)."""
    READ.add((name, key))
    value = load(name)[key]
    if not isinstance(value, dict):
        raise TypeError(f"lexicon {name}.{key} is a list, not a table")
    return value
