"""Issue 13: every reproducer of the security probe (../shared/security/repro/) through the
real CLI, each in its own process: a clear outcome within 10 s and under 500 MB for the
whole process tree (the reading child and its OCR included).

Three of them are documents with out-of-range list numbering (a start of 10⁹ or 10¹², a
level that is not a number): Word's bounds apply (levels 0–8, starts up to 32 767) and
they are read, as Word opens them, instead of refused."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.support.memory import run_measured

pytestmark = pytest.mark.serial  # measures time or load: runs alone, after the parallel part (scripts/test)

WALL_SECONDS = 10.0
PEAK_MB = 500.0

# the outcome of each file: an error code, or "read" (a document, exit 0)
EXPECTED = {
    "R01_docx_bad_deflate.docx": "E_INPUT_CORRUPT",
    "R02_pdf_page_fails_to_load.pdf": "E_INPUT_CORRUPT",
    "R03_docx_roman_numbering_hang.docx": "read",
    "R03b_docx_roman_start_1e12.docx": "read",
    "R04_pdf_giant_page_6GB.pdf": "E_NOTHING_READ",
    "R05_jpeg_forged_65500sq_8GB.jpg": "E_INPUT_TOO_COMPLEX",
    "R06_jpeg_forged_20000sq.jpg": "E_INPUT_TOO_COMPLEX",
    "R08_docx_xml_utf7_decl.docx": "E_INPUT_CORRUPT",
    "R09_docx_xml_unknown_encoding.docx": "E_INPUT_CORRUPT",
    "R10_docx_encrypted_entry.docx": "E_INPUT_ENCRYPTED",
    "R11_docx_numbering_nonint.docx": "read",
    "R12_docx_unsupported_compression.docx": "E_INPUT_CORRUPT",
    "R14_pdf_500_scanned_pages_270KB.pdf": "E_INPUT_TOO_COMPLEX",
    "R14b_pdf_500_blank_pages_62KB.pdf": "E_NOTHING_READ",
    "R15_tiff_ifd_loop.tif": "E_INPUT_CORRUPT",
    "R16_pdf_flate_bomb_2GB.pdf": "E_INPUT_TOO_COMPLEX",
    "R17_text_with_one_NUL.txt": "E_INPUT_BINARY",
}


def repro_dir(shared: Path) -> Path:
    return shared / "security" / "repro"


def test_every_reproducer_has_an_expected_outcome(shared_dir: Path) -> None:
    assert {p.name for p in repro_dir(shared_dir).iterdir()} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_issue_13_reproducer_through_the_cli(name: str, shared_dir: Path) -> None:
    path = repro_dir(shared_dir) / name
    result = run_measured([sys.executable, "-m", "dondoc", "extract", str(path)])
    expected = EXPECTED[name]
    peak_mb = result.peak_bytes / (1024 * 1024)
    print(f"{name}: {expected} in {result.seconds:.2f} s, tree peak {peak_mb:.0f} MB")
    assert "Traceback" not in result.stderr and "E_INTERNAL" not in result.stderr
    if expected == "read":
        assert result.returncode == 0, result.stderr
        assert isinstance(json.loads(result.stdout)["tasks"], list)
    else:
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 1 and result.stdout == ""
        assert len(lines) == 1 and lines[0].startswith(f"error [{expected}]"), result.stderr
    assert result.seconds < WALL_SECONDS, f"{name}: {result.seconds:.1f} s"
    assert peak_mb < PEAK_MB, f"{name}: {peak_mb:.0f} MB"


def test_issue_13_without_the_stream_check_the_memory_limit_still_holds(shared_dir: Path) -> None:
    """The checks made before decoding are the fast path; the reading child's own limits
    are what holds when a file slips past them: here the flate bomb with the stream
    limits lifted, so PDFium itself inflates until its address space runs out."""
    import os

    env = {**os.environ, "DONDOC_MAX_STREAM_BYTES": str(1 << 40), "DONDOC_MAX_INFLATED_BYTES": str(1 << 40)}
    path = repro_dir(shared_dir) / "R16_pdf_flate_bomb_2GB.pdf"
    result = run_measured([sys.executable, "-m", "dondoc", "extract", str(path)], env=env)
    peak_mb = result.peak_bytes / (1024 * 1024)
    print(f"R16 unchecked: {result.stderr.strip()} in {result.seconds:.2f} s, tree peak {peak_mb:.0f} MB")
    assert result.returncode == 1 and result.stderr.startswith("error [E_INPUT_TOO_COMPLEX]")
    assert "MB of memory" in result.stderr
    assert result.seconds < WALL_SECONDS and peak_mb < PEAK_MB


def test_issue_13_a_reading_past_its_time_is_stopped(shared_dir: Path) -> None:
    import os

    env = {**os.environ, "DONDOC_READ_TIMEOUT_SECONDS": "1"}
    scan = shared_dir / "corpus/dev/nq-115-cp-2026-scan.pdf"
    result = run_measured([sys.executable, "-m", "dondoc", "extract", str(scan)], env=env)
    assert result.returncode == 1 and "reading took longer than 1 s" in result.stderr, result.stderr
    assert result.seconds < 5
