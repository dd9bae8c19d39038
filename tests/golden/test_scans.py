"""Made-up directives drawn as scans (tests/support/scan_docs.py): their ruled task tables
read by OCR row by row and cell by cell, scored against their gold files with the corpus's
score.py, straight and fed askew."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dondoc.config import Settings
from dondoc.core.contract import to_json
from dondoc.extract.pipeline import extract
from dondoc.ingest.reader import read_document
from tests.support.scan_docs import SCAN_SETTINGS, SCANS
from tests.support.scanmake import make_scan

GOLD = Path(__file__).parent / "scans"

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract not installed (scripts/setup installs it)"
)


def _scores(name: str, pdf: Path, shared_dir: Path, tmp_path: Path) -> tuple[dict[str, float], str]:
    doc = read_document(pdf, Settings())
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir(exist_ok=True)
    pred.mkdir(exist_ok=True)
    shutil.copy(GOLD / f"{name}.gold.json", gold)
    (pred / f"{name}.json").write_text(to_json(extract(doc.source)), encoding="utf-8")
    args = [
        sys.executable,
        str(shared_dir / "eval/score.py"),
        "--gold",
        str(gold),
        "--pred",
        str(pred),
        "--json",
    ]
    result = subprocess.run(args, capture_output=True, text=True, check=True)
    scores: dict[str, float] = json.loads(next(ln for ln in result.stdout.splitlines() if ln.startswith("{")))
    diff = subprocess.run(
        [sys.executable, str(shared_dir / "eval/diff.py"), "--gold", str(gold), "--pred", str(pred)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return scores, doc.source.text + "\n" + diff


@pytest.mark.parametrize("name", sorted(SCANS))
def test_a_scanned_task_table_reads_row_by_row(name: str, shared_dir: Path, tmp_path: Path) -> None:
    dpi, quality = SCAN_SETTINGS[name]
    pdf = make_scan(tmp_path / f"{name}.pdf", SCANS[name], dpi=dpi, quality=quality)
    scores, seen = _scores(name, pdf, shared_dir, tmp_path)
    print(seen)  # the text read and the differences, shown when a floor fails
    assert scores["task_f1"] == 1.0
    assert scores["lead_f1"] >= 0.95
    assert scores["support_f1"] >= 0.9
    assert scores["deadline_acc"] >= 0.95
    assert scores["meta_acc"] == 1.0
    # the table reached the text as rows, not as lines of interleaved cells
    assert "|---|" in seen


@pytest.mark.slow
@pytest.mark.parametrize("tilt", [1.5, -0.6])
def test_a_scanned_table_fed_askew_is_read_straight(tilt: float, shared_dir: Path, tmp_path: Path) -> None:
    """A page a degree and a half off, or less than the tilt a page of text is turned
    straight for: its rules must lie level to be read, so it is turned all the same."""
    name = "kh-huyen-scan-bang"
    pdf = make_scan(tmp_path / f"{name}.pdf", SCANS[name], dpi=200, tilt=tilt)
    doc = read_document(pdf, Settings())
    assert doc.layout is not None and doc.layout.page_turns  # read again, turned straight
    scores, seen = _scores(name, pdf, shared_dir, tmp_path)
    print(seen)
    assert scores["task_f1"] == 1.0
    assert scores["lead_f1"] >= 0.95
    # Tesseract may read one "Quý III" as "Quý II" on a page turned back by interpolation
    assert scores["deadline_acc"] >= 0.85
