"""SourceText → Extraction. Pure: no I/O, no clock, no database, no parsing libraries
(only this file reads files: the package's own, once, at import, to choose its modules).

The modules of this package may run compiled by mypyc (setup.py), which writes the hash
of every source it compiled to `compiled.json`. A compiled module is only trusted while
its source is unchanged: after an edit (in an editable install) the whole package loads
from source, since compiled modules call one another directly and cannot be mixed with
plain ones. `COMPILED` says which of the two runs.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import logging
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

_HERE = Path(__file__).parent
# set to "1", the package runs from source even where a current compiled build stands
SOURCE_ENV = "DONDOC_EXTRACT_SOURCE"
_log = logging.getLogger(__name__)


def _compiled_modules() -> list[str]:
    return sorted(
        {
            p.name.split(".", 1)[0]
            for suffix in importlib.machinery.EXTENSION_SUFFIXES
            for p in _HERE.glob(f"*{suffix}")
        }
    )


def _stale(names: list[str]) -> list[str]:
    """The compiled modules whose source differs from what was compiled."""
    try:
        built = json.loads((_HERE / "compiled.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        built = {}
    stale = []
    for name in names:
        source = _HERE / f"{name}.py"
        if not source.exists():
            continue  # an install that ships the compiled module alone
        if built.get(name) != hashlib.sha256(source.read_bytes()).hexdigest():
            stale.append(name)
    return stale


class _SourceFirst:
    """Meta path finder: this package's modules from their .py files, not the compiled ones."""

    def __init__(self, names: list[str]) -> None:
        self.names = {f"{__name__}.{n}" for n in names}

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in self.names:
            return None
        return importlib.util.spec_from_file_location(fullname, _HERE / f"{fullname.rsplit('.', 1)[1]}.py")


def _choose() -> bool:
    names = _compiled_modules()
    if not names:
        return False
    if os.environ.get(SOURCE_ENV) == "1":
        # asked for the plain modules (a test that patches a module's function, a debugger)
        sys.meta_path.insert(0, _SourceFirst(names))
        return False
    stale = _stale(names)
    if not stale:
        return True
    _log.warning(
        "compiled extractor is older than its sources (%s): running from source; "
        "rebuild with `bash scripts/setup`",
        ", ".join(stale),
    )
    sys.meta_path.insert(0, _SourceFirst(names))
    return False


COMPILED = _choose()
