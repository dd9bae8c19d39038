"""Scanned pages and images → text lines with boxes and confidences, through Tesseract.

Pages are rendered by PDFium (at OCR_DPI) to 8-bit grey PGM files (no imaging library needed) and read
by the `tesseract` command with its Vietnamese model, one process per page, with
OMP_THREAD_LIMIT=1 (measured here: 1.8 s/page instead of 8–9.6 s with Tesseract's own
threads) and pages run side by side on the machine's cores. Tesseract's TSV output gives
every word with its box and confidence; words are grouped into its lines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from dondoc.errors import DondocError, ErrorCode

# measured here (task_f1 of the extraction, s/page with two pages at a time):
#   200 dpi: scan 1.00, rasterised kh-173 0.84, 0.8 s;  300 dpi: 0.86, 0.92, 1.0 s;
#   400 dpi: 1.00, 0.94, 1.5 s. The best reading is worth half a second a page.
OCR_DPI = 400


@dataclass
class OcrLine:
    text: str
    box: tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points
    confidence: float  # mean word confidence, 0–100


@dataclass
class OcrPage:
    lines: list[OcrLine]
    width: float
    height: float

    @property
    def confidence(self) -> float:
        words = [ln.confidence for ln in self.lines]
        return sum(words) / len(words) if words else 0.0


def available() -> bool:
    return shutil.which("tesseract") is not None


def _require(name: str) -> None:
    if not available():
        raise DondocError(ErrorCode.NO_TEXT_LAYER, name=name, pages="all")


def ocr_pdf_pages(
    pdf: pdfium.PdfDocument, indexes: Sequence[int], *, name: str, languages: str
) -> dict[int, OcrPage]:
    """OCR the given pages (0-based) of an open PDF, two at a time."""
    _require(name)
    with tempfile.TemporaryDirectory(prefix="dondoc-ocr-") as tmp:
        jobs: list[tuple[int, Path, float, float, float]] = []
        for index in indexes:
            page = pdf[index]
            width, height = page.get_size()
            scale = OCR_DPI / 72
            bitmap = page.render(scale=scale, grayscale=True)
            path = Path(tmp) / f"page-{index}.pgm"
            _write_pgm(path, bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride)
            page.close()
            jobs.append((index, path, width, height, scale))
        with ThreadPoolExecutor(max_workers=max(1, min(len(jobs), os.cpu_count() or 1))) as pool:
            results = pool.map(
                lambda job: (job[0], _read_image(job[1], job[2], job[3], job[4], languages)), jobs
            )
            return dict(results)


def ocr_image(path: Path, *, name: str, languages: str) -> OcrPage:
    """OCR a PNG, JPEG or TIFF file; its pixels are taken as points at OCR_DPI."""
    _require(name)
    page = _read_image(path, 0.0, 0.0, OCR_DPI / 72, languages)
    return page


def _write_pgm(path: Path, data: bytes, width: int, height: int, stride: int) -> None:
    with path.open("wb") as fh:
        fh.write(f"P5\n{width} {height}\n255\n".encode())
        if stride == width:
            fh.write(data)
        else:
            for row in range(height):
                fh.write(data[row * stride : row * stride + width])


def _read_image(path: Path, width: float, height: float, scale: float, languages: str) -> OcrPage:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    result = subprocess.run(
        ["tesseract", str(path), "stdout", "-l", languages, "--psm", "3", "tsv"],
        capture_output=True,
        env=env,
        check=False,
        timeout=300,
    )
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["tesseract failed"]
        raise DondocError(ErrorCode.INPUT_CORRUPT, name=str(path), kind="image", detail=detail[0])
    lines = _tsv_lines(result.stdout.decode("utf-8", "replace"), scale)
    if not width:
        width = max((ln.box[2] for ln in lines), default=0.0)
        height = max((ln.box[3] for ln in lines), default=0.0)
    return OcrPage(lines, width, height)


def _tsv_lines(tsv: str, scale: float) -> list[OcrLine]:
    """Tesseract TSV rows (level 5 = word) grouped by block, paragraph and line."""
    groups: dict[tuple[str, str, str], list[tuple[str, float, float, float, float, float]]] = {}
    order: list[tuple[str, str, str]] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        key = (cols[2], cols[3], cols[4])
        left, top, w, h = (float(c) for c in cols[6:10])
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append((cols[11], left, top, left + w, top + h, float(cols[10])))
    out = []
    for key in order:
        for words in _segments(groups[key]):
            text = " ".join(w[0] for w in words)
            box = (
                min(w[1] for w in words) / scale,
                min(w[2] for w in words) / scale,
                max(w[3] for w in words) / scale,
                max(w[4] for w in words) / scale,
            )
            confidences = [w[5] for w in words if w[5] >= 0]
            out.append(OcrLine(text, box, sum(confidences) / len(confidences) if confidences else 0.0))
    return out


def _segments(
    words: list[tuple[str, float, float, float, float, float]],
) -> list[list[tuple[str, float, float, float, float, float]]]:
    """A Tesseract line split where a wide gap parts two columns (issuer | motto)."""
    widths = sorted((w[3] - w[1]) / max(len(w[0]), 1) for w in words)
    char = widths[len(widths) // 2] if widths else 10.0
    out = [[words[0]]]
    for word in words[1:]:
        if word[1] - out[-1][-1][3] > char * 4:
            out.append([word])
        else:
            out[-1].append(word)
    return out
