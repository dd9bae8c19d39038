"""Small PDFs drawn text object by text object, for layout cases the corpus lacks
(footnotes, tables): each piece of text is placed at a position and font size, as a
word processor's PDF export places it."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# Debian's fonts-dejavu-core (installed by scripts/setup): a TrueType font with Vietnamese
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
A4 = (595.0, 842.0)


@dataclass(frozen=True)
class Put:
    text: str
    x: float
    y: float  # baseline, from the page bottom
    size: float = 11.0


def make_pdf(path: Path, pages: list[list[Put]]) -> Path:
    pdf = pdfium.PdfDocument.new()
    data = FONT.read_bytes()
    buf = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    font = pdfium_c.FPDFText_LoadFont(pdf.raw, buf, len(data), pdfium_c.FPDF_FONT_TRUETYPE, True)
    keep = []  # the text buffers must outlive the calls that read them
    for puts in pages:
        page = pdf.new_page(*A4)
        for put in puts:
            obj = pdfium_c.FPDFPageObj_CreateTextObj(pdf.raw, font, put.size)
            text = ctypes.create_string_buffer((put.text + "\x00").encode("utf-16-le"))
            keep.append(text)
            pdfium_c.FPDFText_SetText(obj, ctypes.cast(text, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
            pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, put.x, put.y)
            pdfium_c.FPDFPage_InsertObject(page.raw, obj)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
    pdf.save(path)
    pdf.close()
    return path


def lines_from(
    top: float, texts: list[str], *, x: float = 60.0, size: float = 11.0, step: float = 18.0
) -> list[Put]:
    return [Put(t, x, top - k * step, size) for k, t in enumerate(texts)]
