"""Scanned pages and images → text lines with boxes and confidences, through Tesseract.

Pages are rendered by PDFium (at OCR_DPI) to 8-bit grey PGM files (no imaging library needed) and read
by the `tesseract` command with its Vietnamese model, one process per page, with
OMP_THREAD_LIMIT=1 (measured here: 1.8 s/page instead of 8–9.6 s with Tesseract's own
threads) and pages run side by side on the machine's cores. Tesseract's TSV output gives
every word with its box and confidence; words are grouped into its lines.

A page scanned askew reads badly (measured on a rasterised two-page resolution turned by
2°: task_f1 1.00 → 0.60; by 4°: 0.00), so the slope of Tesseract's own lines is measured
and a page tilted by more than MIN_SKEW_DEGREES is rendered again turned straight by PDFium
and read once more; its boxes are those of the straightened page (PageLayout turns them
back).
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageDraw

from dondoc.core.layout import turned_frame
from dondoc.errors import DondocError, ErrorCode
from dondoc.ingest import ocr_tables
from dondoc.ingest.encodings import blank_controls

# measured here (task_f1 of the extraction, s/page with two pages at a time):
#   200 dpi: scan 1.00, rasterised kh-173 0.84, 0.8 s;  300 dpi: 0.86, 0.92, 1.0 s;
#   400 dpi: 1.00, 0.94, 1.5 s. The best reading is worth half a second a page.
OCR_DPI = 400
# measured: read as it is, rasterised nq-113 tilted 1° still scores task_f1/lead_f1 1.00,
# at 1.5° lead_f1 drops to 0.78; the real scan's -0.48° gains nothing from a second reading
MIN_SKEW_DEGREES = 1.0
# a page with a ruled table is read straight from a smaller tilt: its rules must lie level
# for its rows and cells to be found (measured on a made-up plan: found at 0.3°, not at 1°;
# ocr_tables makes no table of rules sloping more than MAX_RULE_TILT_DEGREES)
MIN_RULED_SKEW_DEGREES = 0.2
MAX_SKEW_DEGREES = 10.0  # a steeper slope is no tilt but a page on its side
# a first reading less confident than this has its orientation checked (an upright page of
# the corpus reads at 85–93; sideways, Tesseract's guesses fall far below)
MIN_UPRIGHT_CONFIDENCE = 50.0


@dataclass
class OcrLine:
    text: str
    box: tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points
    confidence: float  # mean word confidence, 0–100
    word_confidences: tuple[float, ...] = ()  # one per word of text, in order


@dataclass
class OcrCell:
    """A cell of a ruled table: the words read inside its rules, in reading order."""

    text: str
    box: tuple[float, float, float, float]  # its rules' inner edges, in PDF points
    first: int  # the first table column it covers
    last: int  # one past the last
    word_confidences: tuple[float, ...] = ()

    @property
    def confidence(self) -> float:
        words = self.word_confidences
        return sum(words) / len(words) if words else 0.0


@dataclass
class OcrTable:
    columns: list[float]  # x of each vertical rule, borders included, in PDF points
    rows: list[list[OcrCell]]
    top: float
    bottom: float


@dataclass
class OcrPage:
    lines: list[OcrLine]
    width: float
    height: float
    skew: float = 0.0  # degrees the text lines fall to the right (negative: rise)
    turned: float = 0.0  # degrees the page was turned before reading (its boxes are in that frame)
    tables: list[OcrTable] = field(default_factory=list)  # ruled tables, their words not in lines
    ruled: bool = False  # long rules were seen that make no table as they lie (askew)

    @property
    def confidence(self) -> float:
        words = [ln.confidence for ln in self.lines]
        return sum(words) / len(words) if words else 0.0


def available() -> bool:
    return shutil.which("tesseract") is not None


def _require(name: str) -> None:
    if not available():
        raise DondocError(ErrorCode.NO_TEXT_LAYER, name=name, pages="all")


# told (pages read, pages to read) as OCR goes: a long scan takes minutes, and whoever
# uploaded it watches a progress bar
OnPages = Callable[[int, int], None]


# a page too large for max_pixels at OCR_DPI is rendered at a lower resolution, down to
# this one (small print still reads at 150 dpi); a page too large even then is refused
MIN_OCR_DPI = 150


def page_dpi(width: float, height: float, max_pixels: int, *, name: str, page: int) -> int:
    """The resolution a page of width × height points is rendered at for OCR: OCR_DPI, or
    less when that would make more than max_pixels."""
    inches = max(width, 1.0) * max(height, 1.0) / (72 * 72)
    dpi = min(OCR_DPI, int(math.sqrt(max_pixels / inches)))
    if dpi < MIN_OCR_DPI:
        raise DondocError(
            ErrorCode.INPUT_TOO_COMPLEX,
            name=name,
            detail=f"page {page + 1} is {width:.0f} × {height:.0f} points, too large to render for OCR "
            f"within {max_pixels} pixels (DONDOC_MAX_RENDER_PIXELS)",
        )
    return dpi


def ocr_pdf_pages(
    pdf: pdfium.PdfDocument,
    indexes: Sequence[int],
    *,
    name: str,
    languages: str,
    max_pixels: int,
    on_pages: OnPages | None = None,
) -> dict[int, OcrPage]:
    """OCR the given pages (0-based) of an open PDF, two at a time; askew pages twice."""
    _require(name)
    dpi: dict[int, int] = {}
    for index in indexes:
        width, height = pdf.get_page_size(index)
        dpi[index] = page_dpi(width, height, max_pixels, name=name, page=index)
    with tempfile.TemporaryDirectory(prefix="dondoc-ocr-") as tmp:
        results = _read_pages(pdf, [(i, 0.0, dpi[i]) for i in indexes], Path(tmp), languages, on_pages)
        askew = [
            (i, page.skew, dpi[i])
            for i, page in results.items()
            if abs(page.skew) >= (MIN_RULED_SKEW_DEGREES if page.ruled else MIN_SKEW_DEGREES)
        ]
        results.update(_read_pages(pdf, askew, Path(tmp), languages))
        return results


def _read_pages(
    pdf: pdfium.PdfDocument,
    pages: list[tuple[int, float, int]],
    tmp: Path,
    languages: str,
    on_pages: OnPages | None = None,
) -> dict[int, OcrPage]:
    """(page, angle) pairs rendered and read a few at a time: a page image at OCR_DPI is
    about 15 MB, so a 500-page scan must not sit on disk all at once."""
    workers = max(1, os.cpu_count() or 1)
    results: dict[int, OcrPage] = {}
    if on_pages is not None:
        on_pages(0, len(pages))
    for first in range(0, len(pages), workers * 2):
        # PDFium renders in this thread (it is not thread-safe); Tesseract runs in the pool
        jobs = [
            _render(pdf, index, tmp, angle, dpi) for index, angle, dpi in pages[first : first + workers * 2]
        ]
        try:
            results.update(_run_jobs(jobs, languages))
        finally:
            for job in jobs:
                job.path.unlink(missing_ok=True)
        if on_pages is not None:
            on_pages(len(results), len(pages))
    return results


@dataclass
class _Job:
    index: int
    path: Path
    width: float
    height: float
    angle: float  # degrees the page was turned to straighten it
    dpi: int  # the resolution it was rendered at


def _render(pdf: pdfium.PdfDocument, index: int, tmp: Path, angle: float, dpi: int) -> _Job:
    page = pdf[index]
    try:
        width, height = page.get_size()
        scale = dpi / 72
        bitmap = _render_turned(page, scale, angle) if angle else page.render(scale=scale, grayscale=True)
        path = tmp / f"page-{index}-{angle:.2f}.pgm"
        _write_pgm(path, bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride)
        return _Job(index, path, width, height, angle, dpi)
    finally:
        page.close()


def _render_turned(page: pdfium.PdfPage, scale: float, angle: float) -> pdfium.PdfBitmap:
    """The page rendered grey at ``scale``, turned by ``angle`` degrees counter-clockwise
    about its centre (positive undoes a tilt that makes lines fall to the right), on a
    frame that holds the whole turned page."""
    page_width, page_height = (d * scale for d in page.get_size())
    frame_width, frame_height = turned_frame(page_width, page_height, angle)
    width, height = math.ceil(frame_width), math.ceil(frame_height)
    bitmap = pdfium.PdfBitmap.new_native(width, height, pdfium_c.FPDFBitmap_Gray)
    bitmap.fill_rect((255, 255, 255, 255), 0, 0, width, height)
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    # the page centre goes to the frame centre
    px, py, cx, cy = page_width / 2, page_height / 2, frame_width / 2, frame_height / 2
    # device (y down): scale, then turn about the centre; x' = a·x + c·y + e, y' = b·x + d·y + f
    matrix = pdfium_c.FS_MATRIX(
        scale * cos,
        -scale * sin,
        scale * sin,
        scale * cos,
        cx - (cos * px + sin * py),
        cy - (-sin * px + cos * py),
    )
    clip = pdfium_c.FS_RECTF(0, 0, width, height)
    pdfium_c.FPDF_RenderPageBitmapWithMatrix(bitmap.raw, page.raw, matrix, clip, pdfium_c.FPDF_GRAYSCALE)
    return bitmap


def _run_jobs(jobs: list[_Job], languages: str) -> dict[int, OcrPage]:
    if not jobs:
        return {}
    with ThreadPoolExecutor(max_workers=max(1, min(len(jobs), os.cpu_count() or 1))) as pool:
        return dict(pool.map(lambda job: (job.index, _read_job(job, languages)), jobs))


def _read_job(job: _Job, languages: str) -> OcrPage:
    scale = job.dpi / 72
    page = _read_image(job.path, job.width, job.height, scale, languages)
    # the boxes stay in the straightened page, where lines are level and the reader can
    # rebuild rows; PageLayout turns them back when a span is located
    if job.angle:
        page.skew, page.turned = 0.0, job.angle
    elif page.confidence < MIN_UPRIGHT_CONFIDENCE or abs(page.skew) > MAX_SKEW_DEGREES:
        # read badly, or along steep lines: perhaps a page scanned sideways or upside down
        quarter = _orientation(job.path)
        if quarter or abs(page.skew) > MAX_SKEW_DEGREES:
            page.skew = float(quarter)
    return page


def _orientation(path: Path) -> int:
    """Tesseract's orientation detection (osd, shipped with tesseract-ocr): the turn in
    degrees, counter-clockwise, that sets the page upright (0 when unsure)."""
    result = subprocess.run(
        ["tesseract", str(path), "stdout", "--psm", "0"],
        capture_output=True,
        env=_tesseract_env(),
        check=False,
        timeout=120,
    )
    out = result.stdout.decode("utf-8", "replace")
    rotate = re.search(r"^Rotate:\s*(\d+)", out, re.M)
    confidence = re.search(r"^Orientation confidence:\s*([\d.]+)", out, re.M)
    if result.returncode != 0 or rotate is None or confidence is None or float(confidence.group(1)) < 2.0:
        return 0
    # Tesseract says how far to turn clockwise; the renderer's angles run counter-clockwise
    return (360 - int(rotate.group(1))) % 360


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


def _tesseract_env() -> dict[str, str]:
    # one thread per tesseract: the pages run side by side instead (see the module notes)
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def _read_image(path: Path, width: float, height: float, scale: float, languages: str) -> OcrPage:
    tables, cleaned, ruled = _ruled_tables(path, scale * 72)
    if cleaned is None:
        tsv = _tesseract_tsv(path, languages, "3")
    else:
        with _saved(cleaned) as clean_path:
            tsv = _tesseract_tsv(clean_path, languages, "3")
    words = _tsv_words(tsv)
    words = _with_missed_lines(cleaned if cleaned is not None else path, words, tables, languages)
    cells: dict[tuple[int, int, int], list[_Word]] = {}
    free: list[_Word] = []
    for word in words:
        place = _cell_of(tables, word)
        if place is None:
            free.append(word)
        else:
            cells.setdefault(place, []).append(word)
    lines = _lines(free, scale)
    if not width:
        width = max((ln.box[2] for ln in lines), default=0.0)
        height = max((ln.box[3] for ln in lines), default=0.0)
    page_tables = _tables(tables, cells, scale)
    if cleaned is not None:
        _reread_numbers(cleaned, tables, page_tables)
    return OcrPage(lines, width, height, _skew(tsv), tables=page_tables, ruled=ruled and not tables)


# Ink Tesseract's page layout skipped: a header's "Số: 12/CT-TTg" between the short rules
# under the issuer went unread on made-up scans (5 of 122), and with it the number. A band of
# ink no word covers, as tall as a line of text and several times wider, is read on its own.
_MISSED_MIN_HEIGHT = 0.6  # of the page's median word height: not a rule, a dot or a dash
_MISSED_MAX_HEIGHT = 2.5  # ... nor a stamp, a signature or a picture
_MISSED_MIN_WIDTH = 2.0  # the band's width to its height: a word or more, not a speck
_MISSED_MIN_CONFIDENCE = 70.0  # a word read there is kept when Tesseract is this sure of it
_MISSED_MAX_BANDS = 8  # a page with more is no page of text with a line left out
_MISSED_PAD = 0.3  # of the median height, around a word's box: its marks above and below
_GUESS_CONFIDENCE = 30.0  # a word read less surely is a guess: its ink is read again
_RULE_HEIGHT = 0.25  # of the median height: a guess no taller is a rule read as letters
_MISSED_NEIGHBOUR = 1.5  # of the median height: a confident word this near on its row is its line's


def _with_missed_lines(
    image_or_path: Image.Image | Path, words: list[_Word], tables: list[ocr_tables.Table], languages: str
) -> list[_Word]:
    """The page's words with those of the lines Tesseract's layout analysis left out (or
    read as a guess it gives no confidence to: "~-.,Ô" for "Số: 12/CT-TTg"), read one band
    at a time; a guess the band's reading replaces is dropped."""
    if not words:
        return words
    heights = sorted(w[4] - w[2] for w in words)
    line = heights[len(heights) // 2]
    if line < 4:
        return words
    try:
        if isinstance(image_or_path, Image.Image):
            grey = image_or_path.convert("L")
        else:
            with Image.open(image_or_path) as image:
                grey = image.convert("L")
    except (OSError, ValueError, Image.DecompressionBombError):
        return words
    ink = ocr_tables.ink_of(grey)
    draw = ImageDraw.Draw(ink)
    pad = line * _MISSED_PAD
    for w in words:
        if w[5] >= _GUESS_CONFIDENCE:
            draw.rectangle((w[1] - pad, w[2] - pad, w[3] + pad, w[4] + pad), fill=0)
    for t in tables:
        draw.rectangle((t.left, t.top, t.right, t.bottom), fill=0)
    bands = _ink_bands(ink, line)
    if len(bands) > _MISSED_MAX_BANDS:
        return words
    found: list[_Word] = []
    replaced: list[tuple[int, int, int, int]] = []
    margin = round(line * 0.5)
    for n, (left, top, right, bottom) in enumerate(bands):
        if any(
            top <= (w[2] + w[4]) / 2 <= bottom
            and min(abs(w[1] - right), abs(left - w[3])) < line * _MISSED_NEIGHBOUR
            for w in words
            if w[5] >= _GUESS_CONFIDENCE
        ):
            continue  # a word inside a line read around it: re-read alone, it reads worse
        box = (max(0, left - margin), max(0, top - margin), right + margin, bottom + margin)
        try:
            with _saved(grey.crop(box)) as crop:
                read = _tsv_words(_tesseract_tsv(crop, languages, "7"))
        except DondocError:
            continue  # a second look that fails loses nothing the first reading has
        kept = [
            (text, x0 + box[0], y0 + box[1], x1 + box[0], y1 + box[1], confidence, ("missed", str(n), "1"))
            for text, x0, y0, x1, y1, confidence, _ in read
            if confidence >= _MISSED_MIN_CONFIDENCE and any(c.isalnum() for c in text)
        ]
        if kept:
            found.extend(kept)
            replaced.append(box)
    # a guess gives way to the reading of its band, and a guess no taller than a rule is a
    # rule read as letters ("Nnng" for the "-------" under the issuer)
    guesses = [
        w
        for w in words
        if w[5] < _GUESS_CONFIDENCE
        and (
            w[4] - w[2] < _RULE_HEIGHT * line
            or any(b[0] <= (w[1] + w[3]) / 2 <= b[2] and b[1] <= (w[2] + w[4]) / 2 <= b[3] for b in replaced)
        )
    ]
    return [w for w in words if w not in guesses] + found


def _ink_bands(ink: Image.Image, line: float) -> list[tuple[int, int, int, int]]:
    """The boxes of the bands of rows holding ink, each as tall as a line of text."""
    width, height = ink.size
    rows = ink.resize((1, height), Image.Resampling.BOX).tobytes()  # a byte a row: its mean ink
    bands: list[tuple[int, int, int, int]] = []
    y = 0
    while y < height:
        if not rows[y]:
            y += 1
            continue
        start = y
        while y < height and rows[y]:
            y += 1
        box = ink.crop((0, start, width, y)).getbbox()
        if box is None:
            continue
        left, _, right, _ = box
        tall = y - start
        if (
            _MISSED_MIN_HEIGHT * line <= tall <= _MISSED_MAX_HEIGHT * line
            and right - left >= _MISSED_MIN_WIDTH * tall
        ):
            bands.append((left, start, right, y))
    return bands


def _tesseract_tsv(path: Path, languages: str, psm: str, *extra: str) -> str:
    result = subprocess.run(
        ["tesseract", str(path), "stdout", "-l", languages, "--psm", psm, *extra, "tsv"],
        capture_output=True,
        env=_tesseract_env(),
        check=False,
        timeout=300,
    )
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["tesseract failed"]
        raise DondocError(ErrorCode.INPUT_CORRUPT, name=str(path), kind="image", detail=detail[0])
    return result.stdout.decode("utf-8", "replace")


@contextlib.contextmanager
def _saved(image: Image.Image) -> Iterator[Path]:
    """The image in a temporary grey PGM file (fast to write, read by Tesseract)."""
    handle, name = tempfile.mkstemp(prefix="dondoc-ocr-", suffix=".pgm")
    os.close(handle)
    try:
        image.save(name)
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def _ruled_tables(path: Path, dpi: float) -> tuple[list[ocr_tables.Table], Image.Image | None, bool]:
    """The page's ruled tables, the page with their rules erased (None when the page has
    no table: it is read as it is), and whether it has long rules at all."""
    try:
        with Image.open(path) as image:
            grey = image.convert("L")
    except (OSError, ValueError, Image.DecompressionBombError):
        return [], None, False  # Tesseract reads it, or says why it cannot
    ink = ocr_tables.ink_of(grey)
    tables = ocr_tables.find_tables(ink, dpi)
    if not tables:
        return [], None, ocr_tables.has_rules(ink, dpi)
    return tables, ocr_tables.erase_rules(grey, tables), True


# a row's number in a table's first column: "1", "12", "2.3", "I", "IV", "a", "1)"
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*|[IVX]{1,5}|[a-zđ])[.)]?$")
# Tesseract's Vietnamese model reads a number alone in a cell badly or not at all (on a
# made-up scan, "II" as "H", "3" as "5", most digits dropped); the English model, told to
# expect only the characters of a row number, reads them
_NUMBER_HEAD = re.compile(r"(?i)^s?tt\.?$")  # the column's own label
_NUMBER_CHARS = "0123456789IVXivxabcdđ.)ST"  # S and T: the column's label, "STT"
_NUMBER_INK_HEIGHT = 30  # pixels: a row number is scaled to about this height to be read
_NARROW_FIRST_COLUMN = 0.12  # share of the table's width under which a first column holds numbers


def _reread_numbers(page: Image.Image, tables: list[ocr_tables.Table], read: list[OcrTable]) -> None:
    """Each table's number cells that the page's reading left empty or garbled, read again
    together: cropped to their ink, scaled, stacked one under another on a blank strip,
    and read in one pass as a block of lines of row-number characters."""
    crops: list[tuple[OcrCell, Image.Image]] = []
    for table, table_read in zip(tables, read, strict=True):
        if (
            table.columns[1] - table.columns[0]
            > (table.columns[-1] - table.columns[0]) * _NARROW_FIRST_COLUMN
        ):
            continue
        for row, row_read in zip(table.rows, table_read.rows, strict=True):
            for cell, cell_read in zip(row.cells, row_read, strict=True):
                if (
                    cell.first != 0
                    or cell.last != 1
                    or _ROW_NUMBER.match(cell_read.text)
                    or _NUMBER_HEAD.match(cell_read.text)
                ):
                    continue
                crop = page.crop(cell.box)
                ink = ocr_tables.ink_of(crop).getbbox()
                if ink is None:
                    continue
                glyphs = crop.crop(ink)
                factor = _NUMBER_INK_HEIGHT / max(glyphs.height, 1)
                if factor < 1:
                    glyphs = glyphs.resize(
                        (max(1, round(glyphs.width * factor)), _NUMBER_INK_HEIGHT), Image.Resampling.LANCZOS
                    )
                crops.append((cell_read, glyphs))
    if not crops:
        return
    gap = _NUMBER_INK_HEIGHT * 2
    strip = Image.new(
        "L", (max(g.width for _, g in crops) + 2 * gap, sum(g.height + gap for _, g in crops) + gap), 255
    )
    places: list[tuple[int, int, OcrCell]] = []
    y = gap
    for cell_read, glyphs in crops:
        strip.paste(glyphs, (gap, y))
        places.append((y - gap // 2, y + glyphs.height + gap // 2, cell_read))
        y += glyphs.height + gap
    with _saved(strip) as strip_path:
        try:
            tsv = _tesseract_tsv(strip_path, "eng", "6", "-c", f"tessedit_char_whitelist={_NUMBER_CHARS}")
        except DondocError:
            return  # no English model here: the numbers stay as the page's reading gave them
    found: dict[int, list[_Word]] = {}
    for word in _tsv_words(tsv):
        middle = (word[2] + word[4]) / 2
        k = next((k for k, (top, bottom, _) in enumerate(places) if top <= middle < bottom), None)
        if k is not None:
            found.setdefault(k, []).append(word)
    for k, words in found.items():
        text = "".join(w[0] for w in sorted(words, key=lambda w: w[1]))
        cell_read = places[k][2]
        if _ROW_NUMBER.match(text) or _NUMBER_HEAD.match(text):
            cell_read.text = text
            cell_read.word_confidences = (min(max(w[5], 0.0) for w in words),)


def _skew(tsv: str) -> float:
    """The page's tilt in degrees: the median slope of the word bottoms along Tesseract's
    lines of four words or more (it finds lines even on a tilted page)."""
    lines: dict[tuple[str, ...], list[tuple[float, float]]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip() or float(cols[10]) < 50:
            continue
        left, top, w, h = (float(c) for c in cols[6:10])
        lines.setdefault((cols[1], cols[2], cols[3], cols[4]), []).append((left + w / 2, top + h))
    slopes = []
    for points in lines.values():
        if len(points) < 4:
            continue
        mx = sum(p[0] for p in points) / len(points)
        my = sum(p[1] for p in points) / len(points)
        sxx = sum((p[0] - mx) ** 2 for p in points)
        if sxx > 0:
            slopes.append(sum((p[0] - mx) * (p[1] - my) for p in points) / sxx)
    if len(slopes) < 3:
        return 0.0
    return math.degrees(math.atan(statistics.median(slopes)))


# a word read: text, left, top, right, bottom (pixels), confidence, and the Tesseract line
# (block, paragraph, line) it belongs to
_Word = tuple[str, float, float, float, float, float, tuple[str, str, str]]


def _tsv_words(tsv: str) -> list[_Word]:
    """Tesseract TSV rows of level 5 (a word), in its reading order."""
    out: list[_Word] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        left, top, w, h = (float(c) for c in cols[6:10])
        key = (cols[2], cols[3], cols[4])
        word = _one_d(blank_controls(cols[11])).translate(_OCR_SLASHES)
        out.append((word, left, top, left + w, top + h, float(cols[10]), key))
    return out


# Tesseract reads the slash of a number's symbol now and then as a fraction or division
# slash ("05⁄CT-BNNMT"): no directive writes either
_OCR_SLASHES = str.maketrans({"\u2044": "/", "\u2215": "/"})


# Tesseract reads a "Đ" now and then as that letter and the Icelandic eth side by side
# ("118/CĐÐ-TTg", "45-CTr/ÐĐU"): one letter, read twice; no word writes an eth
_D_TWICE = re.compile("[ĐÐ]*Ð[ĐÐ]*|[đð]*ð[đð]*")


def _one_d(word: str) -> str:
    if "Ð" not in word and "ð" not in word:
        return word
    return _D_TWICE.sub(lambda m: "Đ" if m.group(0)[0] in "ĐÐ" else "đ", word)


def _cell_of(tables: list[ocr_tables.Table], word: _Word) -> tuple[int, int, int] | None:
    x, y = (word[1] + word[3]) / 2, (word[2] + word[4]) / 2
    for t, table in enumerate(tables):
        place = table.cell_at(x, y)
        if place is not None:
            return (t, *place)
    return None


def _tables(
    tables: list[ocr_tables.Table], cells: dict[tuple[int, int, int], list[_Word]], scale: float
) -> list[OcrTable]:
    out = []
    for t, table in enumerate(tables):
        rows = []
        for r, row in enumerate(table.rows):
            row_cells = []
            for c, cell in enumerate(row.cells):
                words = _reading_order([w for w in cells.get((t, r, c), []) if not _RULE_TRACE.match(w[0])])
                row_cells.append(
                    OcrCell(
                        " ".join(w[0] for w in words),
                        tuple(v / scale for v in cell.box),  # type: ignore[arg-type]
                        cell.first,
                        cell.last,
                        tuple(max(w[5], 0.0) for w in words),
                    )
                )
            rows.append(row_cells)
        _join_merged(table, rows)
        out.append(
            OcrTable([x / scale for x in table.columns], rows, table.top / scale, table.bottom / scale)
        )
    return out


def _join_merged(table: ocr_tables.Table, rows: list[list[OcrCell]]) -> None:
    """A cell merged down over several rows is read for each of them: its words, wherever
    they stand in it, put in each row's cell of that column (never the first column's: the
    rows of one number are one item)."""
    for column in range(1, len(table.columns) - 1):
        group = [0]
        for k in range(1, len(rows) + 1):
            if k < len(rows) and column in table.rows[k].merged_above:
                group.append(k)
                continue
            if len(group) > 1:
                cells = [next((c for c in rows[g] if c.first == column), None) for g in group]
                text = " ".join(c.text for c in cells if c is not None and c.text)
                words = tuple(w for c in cells if c is not None for w in c.word_confidences)
                for cell in cells:
                    if cell is not None:
                        cell.text, cell.word_confidences = text, words
            group = [k]


# what is left of a rule at a cell's edge once erased, read as a word of its own ("|", "/",
# "_"): no word of a cell is written so
_RULE_TRACE = re.compile(r"^[|/\\_~]+$")


def _reading_order(words: list[_Word]) -> list[_Word]:
    """A cell's words line by line (by their vertical middles), each line left to right."""
    lines: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (w[2] + w[4]) / 2):
        middle = (word[2] + word[4]) / 2
        if lines:
            last = lines[-1]
            top, bottom = min(w[2] for w in last), max(w[4] for w in last)
            if abs(middle - (top + bottom) / 2) < max(bottom - top, word[4] - word[2]) * 0.5:
                last.append(word)
                continue
        lines.append([word])
    ordered = [w for line in lines for w in sorted(line, key=lambda w: w[1])]
    # a rule's trace glued to a word ("_Các cơ quan"): no Vietnamese word starts so
    return [(w[0].lstrip("_|"), *w[1:]) for w in ordered if w[0].lstrip("_|")]


def _lines(words: list[_Word], scale: float) -> list[OcrLine]:
    """Words outside the tables grouped by Tesseract's block, paragraph and line."""
    groups: dict[tuple[str, str, str], list[tuple[str, float, float, float, float, float]]] = {}
    order: list[tuple[str, str, str]] = []
    for text, left, top, right, bottom, confidence, key in words:
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append((text, left, top, right, bottom, confidence))
    out = []
    for key in order:
        for segment in _segments(groups[key]):
            text = " ".join(w[0] for w in segment)
            box = (
                min(w[1] for w in segment) / scale,
                min(w[2] for w in segment) / scale,
                max(w[3] for w in segment) / scale,
                max(w[4] for w in segment) / scale,
            )
            confidences = [w[5] for w in segment if w[5] >= 0]
            mean = sum(confidences) / len(confidences) if confidences else 0.0
            out.append(OcrLine(text, box, mean, tuple(max(w[5], 0.0) for w in segment)))
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
