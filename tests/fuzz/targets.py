"""What the fuzzer feeds: each reader in this process, the way dispatch.py calls it (OCR
off: a scan is refused rather than read, Tesseract being a program of its own), and the
extractor on whatever text a reader gives back.

A target may refuse its input with a DondocError: that is the answer to a bad file. Any
other exception is a defect, as is an E_INTERNAL refusal. Time and memory are bounded by
the fuzzer (-timeout, -rss_limit_mb).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dondoc.config import Settings
from dondoc.core.text import SourceText
from dondoc.errors import DondocError, ErrorCode
from dondoc.extract.pipeline import extract
from dondoc.ingest.detect import detect_format
from dondoc.ingest.docx_reader import read_docx
from dondoc.ingest.encodings import decode
from dondoc.ingest.guards import check_image
from dondoc.ingest.pdf_reader import read_pdf

SETTINGS = Settings(ocr=False, data_dir=Path("/nonexistent-fuzz"))
# the extractor's time grows with its input: the fuzzer's inputs stay within what the
# readers would hand it from a file of max_len bytes
MAX_TEXT = 200_000


def _extract(text: str) -> None:
    if len(text) <= MAX_TEXT:
        extract(SourceText(text))


def text(data: bytes) -> None:
    decoded, _ = decode(data, name="fuzz.txt")
    _extract(decoded)


def pdf(data: bytes) -> None:
    source, _layout = read_pdf(data, name="fuzz.pdf", settings=SETTINGS)
    _extract(source.text)


def docx(data: bytes) -> None:
    _extract(read_docx(data, name="fuzz.docx", settings=SETTINGS).text)


def image(data: bytes) -> None:
    kind = detect_format(data, name="fuzz.img")
    if kind in ("png", "jpeg", "tiff"):
        check_image(data, kind, name="fuzz.img", settings=SETTINGS)


def extractor(data: bytes) -> None:
    _extract(data.decode("utf-8", "replace"))


TARGETS: dict[str, Callable[[bytes], None]] = {
    "text": text,
    "pdf": pdf,
    "docx": docx,
    "image": image,
    "extract": extractor,
}

# the corpus files each target starts from (by suffix)
SEEDS = {
    "text": (".txt",),
    "pdf": (".pdf",),
    "docx": (".docx",),
    "image": (".png", ".jpg", ".tif"),
    "extract": (".txt",),
}


def run_one(target: str, data: bytes) -> None:
    """The target on one input: a refusal is fine, anything else raises."""
    try:
        TARGETS[target](data)
    except DondocError as exc:
        if exc.code is ErrorCode.INTERNAL:
            raise AssertionError(f"E_INTERNAL: {exc.message}") from exc
