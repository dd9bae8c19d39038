"""PDF pages as pictures for the review screen: page sizes and a page rendered to PNG.

The PNG is written here (grey, zlib, the PNG chunk format) from PDFium's bitmap, so no
imaging library is needed, as for OCR.
"""

from __future__ import annotations

import struct
import zlib

import pypdfium2 as pdfium

from dondoc.errors import DondocError, ErrorCode


def _open(data: bytes, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise DondocError(ErrorCode.INPUT_CORRUPT, name=name, kind="PDF", detail=str(exc)) from exc


def page_sizes(data: bytes, *, name: str = "source") -> list[tuple[float, float]]:
    """(width, height) of every page, in PDF points."""
    pdf = _open(data, name)
    try:
        return [tuple(pdf[i].get_size()) for i in range(len(pdf))]
    finally:
        pdf.close()


def _png(width: int, height: int, rows: bytes) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    # filter byte 0 (none) before each row of 8-bit grey pixels
    raw = b"".join(b"\x00" + rows[y * width : (y + 1) * width] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )


# a page picture has at most this many pixels (a page far taller than wide is drawn narrower)
MAX_PICTURE_PIXELS = 4_000_000


def render_png(data: bytes, index: int, *, width_px: int = 1000, name: str = "source") -> bytes:
    """Page `index` (0-based) rendered `width_px` wide (narrower for a very tall page), grey,
    as PNG bytes. Run in a child process with limits (see services/source_pages.py)."""
    pdf = _open(data, name)
    try:
        if not 0 <= index < len(pdf):
            raise DondocError(ErrorCode.NOT_FOUND, kind="page", key=index + 1)
        try:
            page = pdf[index]
        except pdfium.PdfiumError as exc:
            raise DondocError(
                ErrorCode.INPUT_CORRUPT, name=name, kind="PDF", detail=f"page {index + 1} cannot be loaded"
            ) from exc
        width, height = (max(d, 1.0) for d in page.get_size())
        scale = min(width_px / width, (MAX_PICTURE_PIXELS / (width * height)) ** 0.5)
        bitmap = page.render(scale=scale, grayscale=True)
        w, h, stride = bitmap.width, bitmap.height, bitmap.stride
        buffer = bytes(bitmap.buffer)
        rows = buffer if stride == w else b"".join(buffer[y * stride : y * stride + w] for y in range(h))
        return _png(w, h, rows)
    finally:
        pdf.close()
