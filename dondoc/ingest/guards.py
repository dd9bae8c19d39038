"""Checks made on a file's bytes before any library decodes it: how many pixels an image
says it has, and what a PDF's compressed streams would inflate to.

A 170 KB JPEG can claim 65 500 × 65 500 pixels (12 GB to decode), a 1 MB PDF can hold a
content stream that inflates to a gigabyte; the decoders (PDFium, Tesseract's Leptonica)
would allocate first and fail later, inside whatever process called them. These checks
read only headers and dictionaries, and inflate with a bounded output, so a bomb is
refused with E_INPUT_TOO_COMPLEX in milliseconds. The reading itself still runs in a
process with a memory and time limit (isolation.py): these checks make the common bombs
fail fast and clearly, the limits catch the rest.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass

from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode

_INFLATE_STEP = 1 << 20


def too_complex(name: str, detail: str) -> DondocError:
    return DondocError(ErrorCode.INPUT_TOO_COMPLEX, name=name, detail=detail)


def _corrupt(name: str, kind: str, detail: str) -> DondocError:
    return DondocError(ErrorCode.INPUT_CORRUPT, name=name, kind=kind, detail=detail)


# --- images -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImageFacts:
    width: int
    height: int
    pages: int = 1  # a TIFF may hold several


def image_facts(data: bytes, kind: str, *, name: str) -> ImageFacts:
    """Width, height (and for TIFF the page count) from the header, never decoding."""
    if kind == "png":
        return _png(data, name)
    if kind == "jpeg":
        return _jpeg(data, name)
    if kind == "tiff":
        return _tiff(data, name)
    raise ValueError(f"not an image kind: {kind}")


def check_image(data: bytes, kind: str, *, name: str, settings: Settings) -> ImageFacts:
    facts = image_facts(data, kind, name=name)
    if facts.width <= 0 or facts.height <= 0:
        raise _corrupt(name, kind.upper(), "the image has no size")
    pixels = facts.width * facts.height
    if pixels > settings.max_image_pixels:
        raise too_complex(
            name,
            f"the image is {facts.width} × {facts.height} pixels, "
            f"over the limit of {settings.max_image_pixels} (DONDOC_MAX_IMAGE_PIXELS)",
        )
    if facts.pages > settings.max_ocr_pages:
        raise too_complex(
            name, f"{facts.pages} pages to read by OCR, over the limit of {settings.max_ocr_pages}"
        )
    return facts


def _png(data: bytes, name: str) -> ImageFacts:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise _corrupt(name, "PNG", "no image header")
    width, height = struct.unpack(">II", data[16:24])
    return ImageFacts(width, height)


# start-of-frame markers: they carry the image size (C4, C8 and CC are other segments)
_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})


def _jpeg(data: bytes, name: str) -> ImageFacts:
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise _corrupt(name, "JPEG", "a segment does not start with a marker")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if marker in _SOF:
            if pos + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return ImageFacts(width, height)
        if marker == 0xDA or length < 2:  # image data before any frame header
            break
        pos += 2 + length
    raise _corrupt(name, "JPEG", "no frame header")


_TIFF_TYPES = {3: ("H", 2), 4: ("I", 4)}  # SHORT, LONG


def _tiff(data: bytes, name: str) -> ImageFacts:
    """Walks the chain of image directories (a loop or an offset outside the file is a
    damaged file, not a reason to read forever); each page's size from its tags."""
    if len(data) < 8:
        raise _corrupt(name, "TIFF", "no header")
    order = "<" if data[:2] == b"II" else ">"
    magic, offset = struct.unpack(order + "HI", data[2:8])
    if magic != 42:
        raise _corrupt(name, "TIFF", "not a classic TIFF (BigTIFF is not read)")
    seen: set[int] = set()
    pages = 0
    width = height = 0
    while offset:
        if offset in seen:
            raise _corrupt(name, "TIFF", "its image directories form a loop")
        if offset + 2 > len(data):
            raise _corrupt(name, "TIFF", "an image directory lies outside the file")
        seen.add(offset)
        pages += 1
        if pages > 10_000:
            raise too_complex(name, "more than 10 000 image directories")
        (count,) = struct.unpack(order + "H", data[offset : offset + 2])
        end = offset + 2 + 12 * count
        if end + 4 > len(data):
            raise _corrupt(name, "TIFF", "an image directory runs past the end of the file")
        page_width = page_height = 0
        for k in range(count):
            entry = data[offset + 2 + 12 * k : offset + 14 + 12 * k]
            tag, kind = struct.unpack(order + "HH", entry[:4])
            if tag in (256, 257) and kind in _TIFF_TYPES:
                code, _ = _TIFF_TYPES[kind]
                (value,) = struct.unpack(order + code, entry[8 : 8 + struct.calcsize(code)])
                if tag == 256:
                    page_width = value
                else:
                    page_height = value
        # the largest page decides (each is decoded on its own)
        if page_width * page_height > width * height:
            width, height = page_width, page_height
        (offset,) = struct.unpack(order + "I", data[end : end + 4])
    if pages == 0:
        raise _corrupt(name, "TIFF", "no image directory")
    return ImageFacts(width, height, pages)


# --- PDF streams --------------------------------------------------------------------------

_STREAM = re.compile(rb">>\s*stream\r?\n")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_FIRST_FILTER = re.compile(rb"/Filter\s*\[?\s*/(\w+)")
_WIDTH = re.compile(rb"/Width\s+(\d+)")
_HEIGHT = re.compile(rb"/Height\s+(\d+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image")


def check_pdf_streams(data: bytes, *, name: str, settings: Settings) -> None:
    """Every stream of the file, as stored (incremental updates included): an image whose
    dictionary declares more pixels than allowed, a Flate stream that would inflate past
    the per-stream limit, or streams that together would pass the document's limit, are
    refused. Inflating is bounded (at most one step past the limit, its output dropped);
    a stream that does not inflate (damaged, encrypted) is left to PDFium."""
    total = 0
    for m in _STREAM.finditer(data):
        head = _dictionary(data, m.start() + 2)
        if head is None:
            continue
        if _IMAGE.search(head):
            width, height = _WIDTH.search(head), _HEIGHT.search(head)
            if width and height and int(width.group(1)) * int(height.group(1)) > settings.max_image_pixels:
                raise too_complex(
                    name,
                    f"an image of {int(width.group(1))} × {int(height.group(1))} pixels, over the "
                    f"limit of {settings.max_image_pixels} (DONDOC_MAX_IMAGE_PIXELS)",
                )
        flt = _FIRST_FILTER.search(head)
        if flt is None or flt.group(1) not in (b"FlateDecode", b"Fl"):
            continue
        start = m.end()
        length = _LENGTH.search(head)
        end = start + int(length.group(1)) if length else -1
        if end < 0 or end > len(data):
            found = data.find(b"endstream", start)
            end = found if found >= 0 else len(data)
        inflated = _inflated_size(data, start, end, settings.max_stream_bytes)
        if inflated > settings.max_stream_bytes:
            raise too_complex(
                name,
                f"a compressed stream inflates past {settings.max_stream_bytes} bytes "
                "(DONDOC_MAX_STREAM_BYTES)",
            )
        total += inflated
        if total > settings.max_inflated_bytes:
            raise too_complex(
                name,
                f"its compressed streams inflate past {settings.max_inflated_bytes} bytes in all "
                "(DONDOC_MAX_INFLATED_BYTES)",
            )


def _dictionary(data: bytes, close: int) -> bytes | None:
    """The dictionary whose closing '>>' ends just before `close`: found backwards by
    balancing '<<' and '>>' (DecodeParms nest); None past 16 KB."""
    floor = max(0, close - 16_384)
    depth = 0
    pos = close
    while True:
        opening = data.rfind(b"<<", floor, pos)
        closing = data.rfind(b">>", floor, pos)
        if opening < 0 and closing < 0:
            return None
        if closing > opening:
            depth += 1
            pos = closing
        else:
            depth -= 1
            if depth == 0:
                return data[opening:close]
            pos = opening


def _inflated_size(data: bytes, start: int, end: int, limit: int) -> int:
    inflater = zlib.decompressobj()
    pending = memoryview(data)[start:end]
    size = 0
    try:
        while pending.nbytes and not inflater.eof:
            out = inflater.decompress(pending, _INFLATE_STEP)
            size += len(out)
            if size > limit:
                return size
            tail = inflater.unconsumed_tail
            if not out and len(tail) == pending.nbytes:
                break  # no progress: needs more input than the stream holds
            pending = memoryview(tail)
    except zlib.error:
        pass  # damaged: what inflated so far counts, PDFium decides on the rest
    return size
