"""Hostile files through the real CLI, each in its own process: a one-line error, exit 1,
within the limits docs/errors.md states (10 s wall, 500 MB peak memory for the whole
process tree: the CLI, its reading child and what that starts)."""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.support.memory import run_measured

pytestmark = pytest.mark.serial  # measures time or load: runs alone, after the parallel part (scripts/test)

WALL_SECONDS = 10.0
PEAK_MB = 500.0
DATA = Path(__file__).parents[2] / "data"

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(document: bytes | str, size: int = 0) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        if size:
            with z.open("word/document.xml", "w") as fh:
                chunk = b" " * (1 << 20)
                for _ in range(size >> 20):
                    fh.write(chunk)
        else:
            z.writestr("word/document.xml", document)
    return buf.getvalue()


def _truncated_pdf(shared: Path, out: Path) -> None:
    out.write_bytes((shared / "corpus/dev/kh-173-ubnd-hanoi-2026.pdf").read_bytes()[:20_000])


def _many_pages(_: Path, out: Path) -> None:
    pdf = pdfium.PdfDocument.new()
    for _ in range(10_000):
        pdf.new_page(595, 842)
    pdf.save(out)
    pdf.close()


def _zip_bomb(_: Path, out: Path) -> None:
    out.write_bytes(_docx(b"", size=1 << 30))  # 1 GB of spaces, about 1 MB compressed


def _external_entity(_: Path, out: Path) -> None:
    evil = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f"<w:document {NS}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    out.write_bytes(_docx(evil))


def _one_gigabyte(_: Path, out: Path) -> None:
    with out.open("wb") as fh:
        fh.truncate(1 << 30)


def _encrypted(_: Path, out: Path) -> None:
    out.write_bytes((DATA / "encrypted.pdf").read_bytes())


CASES: list[tuple[str, Callable[[Path, Path], None], str]] = [
    ("truncated.pdf", _truncated_pdf, "E_INPUT_CORRUPT"),
    ("encrypted.pdf", _encrypted, "E_INPUT_ENCRYPTED"),
    ("pages.pdf", _many_pages, "E_TOO_MANY_PAGES"),
    ("bomb.docx", _zip_bomb, "E_INPUT_UNSAFE"),
    ("entity.docx", _external_entity, "E_INPUT_UNSAFE"),
    ("huge.pdf", _one_gigabyte, "E_TOO_LARGE"),
]


@pytest.mark.parametrize(("name", "make", "code"), CASES, ids=[c[0] for c in CASES])
def test_hostile_file_is_refused_within_limits(
    name: str, make: Callable[[Path, Path], None], code: str, shared_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / name
    make(shared_dir, path)
    result = run_measured([sys.executable, "-m", "dondoc", "extract", str(path)])
    errors = [ln for ln in result.stderr.splitlines() if ln]
    peak_mb = result.peak_bytes / (1024 * 1024)
    assert result.returncode == 1 and result.stdout == ""
    assert len(errors) == 1 and errors[0].startswith(f"error [{code}]"), result.stderr
    assert "Traceback" not in result.stderr
    assert result.seconds < WALL_SECONDS, f"{name}: {result.seconds:.1f} s"
    assert peak_mb < PEAK_MB, f"{name}: {peak_mb:.0f} MB"
    print(f"{name}: {code} in {result.seconds:.2f} s, peak {peak_mb:.0f} MB")
