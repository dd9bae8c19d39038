"""Made-up directives drawn as scans (tests/support/scan_docs.py): their ruled task tables
read by OCR row by row and cell by cell, scored against their gold files with the corpus's
score.py, straight and fed askew."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dondoc.config import Settings
from dondoc.ingest.reader import read_document
from tests.support.scan_docs import SCAN_SETTINGS, SCANS
from tests.support.scanmake import make_scan
from tests.support.scoring import score_against_gold

GOLD = Path(__file__).parent / "scans"

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract not installed (scripts/setup installs it)"
)


def _scores(name: str, path: Path, shared_dir: Path, tmp_path: Path) -> tuple[dict[str, float], str]:
    doc = read_document(path, Settings())
    return score_against_gold(name, doc.source, GOLD / f"{name}.gold.json", shared_dir, tmp_path)


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
