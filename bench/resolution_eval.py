"""Body resolution precision and recall on the corpus; prints JSON.

Usage: python bench/resolution_eval.py
Resolves every body phrase (lead, support and their optional forms) of the seed and dev
gold annotations against the unit tree tests/data/resolution/corpus-units.csv (in a
throwaway SQLite store) and compares with the hand labels tests/data/resolution/labels.csv.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dondoc.config import Settings  # noqa: E402
from dondoc.services.context import Store  # noqa: E402
from dondoc.store import migrate  # noqa: E402
from tests.support.resolution_eval import evaluate  # noqa: E402

SHARED = Path(os.environ.get("DONDOC_SHARED", ROOT.parent / "shared"))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Settings(database_url=f"sqlite:///{tmp}/eval.sqlite3", data_dir=Path(tmp)))
        migrate.upgrade(store.engine)
        figures = evaluate(store, SHARED)
        store.engine.dispose()
    summary = figures.summary()
    summary["misses"] = [
        {"doc": o.doc, "phrase": o.phrase, "expected": o.expected, "method": o.method.value, "got": o.got}
        for o in figures.outcomes
        if o.expected is not None and o.got != o.expected
    ]
    print(json.dumps(summary, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
