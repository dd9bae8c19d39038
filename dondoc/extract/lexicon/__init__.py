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


@cache
def load(name: str) -> dict[str, Any]:
    data = resources.files(__name__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(data)


@cache
def words(name: str, key: str) -> tuple[str, ...]:
    value = load(name)[key]
    return tuple(str(v) for v in value)
