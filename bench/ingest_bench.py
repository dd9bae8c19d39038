"""Ingest speed: text-layer PDF pages/s beside pdftotext, OCR s/page beside bare tesseract.

Usage: python -m bench.ingest_bench [--repeat 5]  (from the checkout: it draws a scan with tests/support)
Prints one JSON line. Text PDFs: every dev PDF with a text layer, read `--repeat` times by
dondoc (layout, running headers, page map) and by `pdftotext -layout` in the same run; the
best time of each is kept.
OCR: the corpus scan, read by dondoc (pages side by side on all cores) and by `tesseract
-l vie` page by page on one core (OMP_THREAD_LIMIT=1), from the same renderings at OCR_DPI.
Ruled tables: a made-up plan drawn as a scan, read with and without finding its table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from dondoc.config import Settings
from dondoc.ingest.ocr import OCR_DPI
from dondoc.ingest.pdf_reader import read_pdf

SHARED = Path(os.environ.get("DONDOC_SHARED", Path(__file__).resolve().parents[2] / "shared"))
TEXT_PDFS = ["kh-173-ubnd-hanoi-2026.pdf", "nq-113-cp-2026.pdf"]
SCAN = "nq-115-cp-2026-scan.pdf"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    settings = Settings()
    # the text layer alone, as pdftotext reads it (kh-173's last page is a scan: OCR is timed below)
    text_only = Settings(ocr=False)
    files = [SHARED / "corpus/dev" / n for n in TEXT_PDFS]
    pages = sum(len(pdfium.PdfDocument(f)) for f in files)

    # each repetition times both readers back to back; the best of each is kept, as this
    # VM's timings vary by a factor of two from one run to the next
    ours = poppler = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for f in files:
            read_pdf(f.read_bytes(), name=f.name, settings=text_only)
        ours = min(ours, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for f in files:
            subprocess.run(["pdftotext", "-layout", str(f), "-"], capture_output=True, check=True)
        poppler = min(poppler, time.perf_counter() - t0)

    scan = SHARED / "corpus/dev" / SCAN
    scan_pages = len(pdfium.PdfDocument(scan))
    t0 = time.perf_counter()
    read_pdf(scan.read_bytes(), name=scan.name, settings=settings)
    ocr_ours = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        doc = pdfium.PdfDocument(scan)
        images = []
        for i in range(scan_pages):
            bitmap = doc[i].render(scale=OCR_DPI / 72, grayscale=True)
            path = Path(tmp) / f"p{i}.pgm"
            with path.open("wb") as fh:
                fh.write(f"P5\n{bitmap.width} {bitmap.height}\n255\n".encode())
                for row in range(bitmap.height):
                    fh.write(bytes(bitmap.buffer)[row * bitmap.stride : row * bitmap.stride + bitmap.width])
            images.append(path)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        t0 = time.perf_counter()
        for path in images:
            subprocess.run(
                ["tesseract", str(path), "stdout", "-l", "vie"], capture_output=True, env=env, check=True
            )
        ocr_bare = time.perf_counter() - t0

    ruled = _ruled_scan()
    print(
        json.dumps(
            {
                **ruled,
                "text_pdf_pages": pages,
                "text_pdf_pages_per_s": round(pages / ours, 1),
                "pdftotext_pages_per_s": round(pages / poppler, 1),
                "text_pdf_time_vs_pdftotext": round(ours / poppler, 2),
                "ocr_pages": scan_pages,
                "ocr_s_per_page": round(ocr_ours / scan_pages, 2),
                "bare_tesseract_one_core_s_per_page": round(ocr_bare / scan_pages, 2),
                "ocr_vs_bare_tesseract": round(ocr_ours / ocr_bare, 2),
                "cores": os.cpu_count(),
            }
        )
    )


def _ruled_scan() -> dict[str, float]:
    """A made-up plan with a ruled task table, drawn as a scan (tests/support/scanmake.py):
    the seconds a page with its table found, its rules erased and its row numbers read
    again, beside the same pages read with table finding switched off (best of three)."""
    from dondoc.ingest import ocr
    from tests.support.scan_docs import SCAN_SETTINGS, SCANS
    from tests.support.scanmake import make_scan

    name = "kh-huyen-scan-bang"
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = make_scan(Path(tmp) / f"{name}.pdf", SCANS[name], dpi=SCAN_SETTINGS[name][0])
        data = pdf.read_bytes()
        pages = len(pdfium.PdfDocument(pdf))
        with_tables = without = float("inf")
        keep = ocr._ruled_tables
        for _ in range(3):
            t0 = time.perf_counter()
            read_pdf(data, name=name, settings=settings)
            with_tables = min(with_tables, time.perf_counter() - t0)
            ocr._ruled_tables = lambda path, dpi: ([], None, False)  # type: ignore[assignment]
            try:
                t0 = time.perf_counter()
                read_pdf(data, name=name, settings=settings)
                without = min(without, time.perf_counter() - t0)
            finally:
                ocr._ruled_tables = keep
    return {
        "ruled_scan_pages": pages,
        "ruled_scan_s_per_page": round(with_tables / pages, 2),
        "ruled_scan_s_per_page_tables_off": round(without / pages, 2),
    }


if __name__ == "__main__":
    main()
