"""Snapshot tests: each corpus document's extraction, exactly, against a reviewed file.

The scorer's floors (test_corpus.py) say "good enough"; these say "unchanged". A change in
the extractor that alters any output fails here with a field-by-field diff; when the change
is intended, regenerate with `DONDOC_REGEN_GOLDEN=1 pytest tests/golden`, review the diff
of `tests/golden/expected/` and commit it. CI refuses to regenerate.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dondoc.config import Settings
from dondoc.core.contract import to_dict
from dondoc.extract.pipeline import extract
from dondoc.ingest.reader import read_document
from tests.golden.report import snapshot_diff

EXPECTED = Path(__file__).parent / "expected"
SHARED = Path(os.environ.get("DONDOC_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
DOCUMENTS = sorted(
    (corpus, p) for corpus in ("seed", "dev") for p in (SHARED / "corpus" / corpus).glob("*.txt")
)


@pytest.mark.parametrize(("corpus", "path"), DOCUMENTS, ids=[p.stem for _, p in DOCUMENTS])
def test_extraction_matches_snapshot(corpus: str, path: Path) -> None:
    got = to_dict(extract(read_document(path, Settings()).source))
    snapshot = EXPECTED / corpus / f"{path.stem}.json"
    if os.environ.get("DONDOC_REGEN_GOLDEN"):
        if os.environ.get("CI"):
            pytest.fail("DONDOC_REGEN_GOLDEN is refused in CI: regenerate locally and commit the review")
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(
            json.dumps(got, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        pytest.skip("snapshot regenerated")
    assert snapshot.is_file(), f"no snapshot {snapshot}: run DONDOC_REGEN_GOLDEN=1 pytest tests/golden"
    expected = json.loads(snapshot.read_text(encoding="utf-8"))
    if expected != got:
        pytest.fail(f"{path.name} differs from its snapshot:\n{snapshot_diff(expected, got)}", pytrace=False)


def test_snapshots_have_no_orphans() -> None:
    wanted = {(c, p.stem) for c, p in DOCUMENTS}
    present = {(f.parent.name, f.stem) for f in EXPECTED.glob("*/*.json")}
    assert present <= wanted, f"snapshots without a document: {sorted(present - wanted)}"
