"""Made-up directives typed in Word (tests/support/word_docs.py), read from the DOCX and
from the PDF LibreOffice prints of it, scored against their gold files with score.py: a
lead cell merged down over several tasks holds for each of them, in both."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from dondoc.config import Settings
from dondoc.ingest.reader import read_document
from tests.support.scoring import score_against_gold
from tests.support.word_docs import WORD_DOCS

GOLD = Path(__file__).parent / "word"


def _scores(name: str, path: Path, shared_dir: Path, tmp_path: Path) -> tuple[dict[str, float], str]:
    doc = read_document(path, Settings())
    return score_against_gold(name, doc.source, GOLD / f"{name}.gold.json", shared_dir, tmp_path)


def _assert_read_right(scores: dict[str, float]) -> None:
    for metric in ("task_f1", "lead_f1", "support_f1", "deadline_acc", "refs_f1", "meta_acc", "section_acc"):
        assert scores[metric] == 1.0, metric


@pytest.mark.parametrize("name", sorted(WORD_DOCS))
def test_a_word_document_reads_as_on_paper(name: str, shared_dir: Path, tmp_path: Path) -> None:
    docx = WORD_DOCS[name](tmp_path / f"{name}.docx")
    scores, seen = _scores(name, docx, shared_dir, tmp_path)
    print(seen)
    _assert_read_right(scores)


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice not installed (scripts/setup installs it)"
)
@pytest.mark.parametrize("name", sorted(WORD_DOCS))
def test_its_pdf_reads_as_its_docx(name: str, shared_dir: Path, tmp_path: Path) -> None:
    """The PDF keeps the table's rules: where a rule between two rows stops short of a
    column, the cells are one; the rules' extent also ends the table before the heading
    under it."""
    docx = WORD_DOCS[name](tmp_path / f"{name}.docx")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    scores, seen = _scores(name, tmp_path / f"{name}.pdf", shared_dir, tmp_path)
    print(seen)
    _assert_read_right(scores)
