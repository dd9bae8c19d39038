"""Text-layer PDF → text laid out as on the page, plus the page map of every line.

PDFium (pypdfium2) gives text runs with their boxes. Runs that share a baseline make a
line; on a line, a wide gap becomes a run of spaces, so that a two-column block (issuer
left, motto right; recipients left, signature right) reads like `pdftotext -layout`,
which the extractor understands. Lines that repeat at the top or bottom of most pages
(running headers such as "CÔNG BÁO/Số 271/…", page numbers) are left out of the text.
Every line kept is recorded in a PageLayout, so a span maps back to its page and box.
"""

from __future__ import annotations

import io
import itertools
import math
import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from dondoc.config import Settings
from dondoc.core.layout import PageLayout
from dondoc.core.text import SourceText
from dondoc.errors import DondocError, ErrorCode
from dondoc.ingest import ocr
from dondoc.ingest.encodings import blank_controls, page_reads_as_vietnamese
from dondoc.ingest.guards import check_pdf_streams, too_complex
from dondoc.ingest.pdf_geometry import PAGE_NUMBER, Line, Rules, Run
from dondoc.ingest.pdf_tables import TableState, mark_tables, markdown_rows, page_rules, ruled_lines

_DIGITS = re.compile(r"\d+")
_LETTER = re.compile(r"[^\W\d_]")
# fewer letters than this over a page's image: no text layer, only a stamp's words (an
# e-signature's "Ký bởi: …"); a page without an image is text however little it holds (a
# last page with the signer's name alone)
_MIN_LETTERS = 20
_PAGE_IMAGE = 0.25  # the share of a page an image covers to be the page's scan


def read_pdf(
    data: bytes, *, name: str, settings: Settings, on_pages: ocr.OnPages | None = None
) -> tuple[SourceText, PageLayout]:
    # images and compressed streams judged from their dictionaries, before PDFium inflates
    # or decodes anything
    check_pdf_streams(data, name=name, settings=settings)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise DondocError(ErrorCode.INPUT_ENCRYPTED, name=name, kind="PDF") from exc
        raise DondocError(ErrorCode.INPUT_CORRUPT, name=name, kind="PDF", detail=message) from exc
    try:
        pages = len(pdf)
        if pages > settings.max_pages:
            raise DondocError(ErrorCode.TOO_MANY_PAGES, name=name, pages=pages, limit=settings.max_pages)
        layout = PageLayout()
        by_page: list[list[Line]] = []
        tables = TableState()
        blank = 0
        for index in range(pages):
            page = _page(pdf, index, name)
            width, height = page.get_size()
            layout.page_sizes.append((width, height))
            textpage = page.get_textpage()
            letters = len(_LETTER.findall(textpage.get_text_range()))
            if letters == 0 or (letters < _MIN_LETTERS and _holds_a_page_image(page, width, height)):
                # a scan: its page content is an image (an e-signature stamp drawn over
                # it does not make a text layer); OCR reads it below. A page with nothing
                # drawn on it at all is blank: nothing to read
                if pdfium_c.FPDFPage_CountObjects(page.raw) > 0:
                    layout.pages_without_text.append(index)
                else:
                    blank += 1
                by_page.append([])
                textpage.close()
                page.close()
                continue
            if pdfium_c.FPDFPage_GetAnnotCount(page.raw) > 0:
                # form fields and stamps drawn over the page ("Số: 173", the date typed in
                # by the e-signing system) only join the text once flattened into it
                textpage.close()
                pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_NORMALDISPLAY)
                page.close()
                page = _page(pdf, index, name)
                textpage = page.get_textpage()
            try:
                page_lines = _page_lines(textpage, index, height, tables, page_rules(page, height))
            finally:
                textpage.close()
                page.close()
            if not page_reads_as_vietnamese(" ".join(r.text for ln in page_lines for r in ln.runs)):
                # a text layer that maps to garbage or lost its marks (a legacy font without
                # a Unicode map): read the page as an image instead
                layout.pages_without_text.append(index)
                layout.garbled_pages.append(index)
            by_page.append(page_lines)
        if blank == pages:
            raise DondocError(ErrorCode.NOTHING_READ, name=name)  # every page is empty
        confidence = _ocr_pages(pdf, by_page, layout, name=name, settings=settings, on_pages=on_pages)
    finally:
        pdf.close()
    lines = [ln for page_lines in by_page for ln in page_lines]
    kept = _drop_running_lines(lines, layout, pages)
    source = _assemble(kept, layout)
    notes = [f"page {i + 1}: the text layer is unreadable; read by OCR" for i in layout.garbled_pages]
    notes += [
        f"page {i + 1}: no text layer; read by OCR" for i in layout.ocr_pages if i not in layout.garbled_pages
    ]
    notes += [f"page {i + 1}: no text layer and no OCR; left out" for i in layout.pages_without_text]
    if confidence is not None or notes:
        encoding = "pdf+ocr" if confidence is not None else "pdf"
        source = SourceText(source.text, encoding, ocr_confidence=confidence, notes=tuple(notes))
    return source, layout


def _holds_a_page_image(page: pdfium.PdfPage, width: float, height: float) -> bool:
    """Does an image cover a good part of the page (a scan under a stamp's few words)?"""
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) >= _PAGE_IMAGE * width * height:
            return True
    return False


def _page(pdf: pdfium.PdfDocument, index: int, name: str) -> pdfium.PdfPage:
    try:
        return pdf[index]
    except pdfium.PdfiumError as exc:
        raise DondocError(
            ErrorCode.INPUT_CORRUPT, name=name, kind="PDF", detail=f"page {index + 1} cannot be loaded"
        ) from exc


def read_scanned_image(
    path: str, *, name: str, settings: Settings, kind: str = "png"
) -> tuple[SourceText, PageLayout]:
    """A photo or scan (PNG, JPEG, TIFF) as one page read by OCR.

    A JPEG (what phones and most scanners give) is placed on a one-page PDF, its pixels
    as points at OCR_DPI, and read as a scanned PDF: PDFium can then turn an askew photo
    straight. PNG and TIFF, which PDFium cannot load, go to Tesseract as they are."""
    if kind == "jpeg":
        return _read_jpeg(path, name=name, settings=settings)
    page = ocr.ocr_image(Path(path), name=name, languages=settings.ocr_languages)
    layout = PageLayout(page_sizes=[(page.width, page.height)], ocr_pages=[0])
    lines = _ocr_lines(page, 0, TableState())
    if not lines:
        raise DondocError(ErrorCode.NOTHING_READ, name=name)
    source = _assemble(lines, layout)
    return SourceText(source.text, "image+ocr", ocr_confidence=round(page.confidence, 1)), layout


def _read_jpeg(path: str, *, name: str, settings: Settings) -> tuple[SourceText, PageLayout]:
    pdf = pdfium.PdfDocument.new()
    try:
        image = pdfium.PdfImage.new(pdf)
        try:
            image.load_jpeg(path, inline=True)
        except pdfium.PdfiumError as exc:
            raise DondocError(ErrorCode.INPUT_CORRUPT, name=name, kind="JPEG", detail=str(exc)) from exc
        px_width, px_height = image.get_px_size()
        if px_width <= 0 or px_height <= 0:
            raise DondocError(ErrorCode.INPUT_CORRUPT, name=name, kind="JPEG", detail="no image size")
        width, height = px_width * 72 / ocr.OCR_DPI, px_height * 72 / ocr.OCR_DPI
        page = pdf.new_page(width, height)
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        page.insert_obj(image)
        page.gen_content()
        buffer = io.BytesIO()
        pdf.save(buffer)
    finally:
        pdf.close()
    source, layout = read_pdf(buffer.getvalue(), name=name, settings=settings)
    if not source.text.strip():
        # a truncated or blank photo: nothing was read, which must not pass for a
        # directive without tasks
        raise DondocError(ErrorCode.NOTHING_READ, name=name)
    return SourceText(source.text, "image+ocr", ocr_confidence=source.ocr_confidence), layout


def _ocr_run(line: ocr.OcrLine) -> Run:
    return Run(*line.box, line.text, word_confidences=line.word_confidences)


def _ocr_lines(page: ocr.OcrPage, index: int, tables: TableState) -> list[Line]:
    """A page read by OCR as lines: its text lines as runs like any other (side-by-side
    columns become one row), each ruled table row as one line. A table goes on from the
    one before (on this page or the last) only when no text stands between them but a
    running header or footer."""
    lines = _rows([_ocr_run(line) for line in page.lines], index)
    body = [ln for ln in lines if page.height * _EDGE < ln.top and ln.bottom < page.height * (1 - _EDGE)]
    last_bottom = 0.0
    rows: list[Line] = []
    for table in sorted(page.tables, key=lambda t: t.top):
        if any(last_bottom <= ln.top < table.top for ln in body):
            tables.grid = None  # text between: a new table
        rows.extend(ruled_lines(table, index, tables))
        last_bottom = table.bottom
    if any(ln.top >= last_bottom for ln in body):
        tables.grid = None  # text after the page's last table: it does not go on overleaf
    lines.extend(rows)
    lines.sort(key=lambda ln: ln.top)
    return lines


def _ocr_pages(
    pdf: pdfium.PdfDocument,
    by_page: list[list[Line]],
    layout: PageLayout,
    *,
    name: str,
    settings: Settings,
    on_pages: ocr.OnPages | None = None,
) -> float | None:
    """Pages without a text layer, read by OCR in place; the mean word confidence, if any."""
    todo = list(layout.pages_without_text)
    if not todo:
        return None
    if len(todo) > settings.max_ocr_pages:
        raise too_complex(
            name,
            f"{len(todo)} scanned pages to read by OCR, over the limit of {settings.max_ocr_pages} "
            "(DONDOC_MAX_OCR_PAGES)",
        )
    if not settings.ocr or not ocr.available():
        if len(todo) == len(by_page):
            raise DondocError(ErrorCode.NO_TEXT_LAYER, name=name, pages=f"{len(todo)} of {len(by_page)}")
        for index in layout.garbled_pages:
            by_page[index] = []  # garbage would only mislead the extractor
        return None  # the text pages are read; the others wait for OCR
    results = ocr.ocr_pdf_pages(
        pdf,
        todo,
        name=name,
        languages=settings.ocr_languages,
        max_pixels=settings.max_render_pixels,
        on_pages=on_pages,
    )
    confidences: list[float] = []
    tables = TableState()  # a ruled table goes on from one scanned page to the next
    for index in sorted(results):
        page = results[index]
        by_page[index] = _ocr_lines(page, index, tables)
        confidences.extend(line.confidence for line in page.lines)
        confidences.extend(
            cell.confidence for table in page.tables for row in table.rows for cell in row if cell.text
        )
        if page.turned:
            layout.page_turns[index] = page.turned
    layout.pages_without_text = []
    layout.ocr_pages = sorted(results)
    return round(sum(confidences) / len(confidences), 1) if confidences else 0.0


def _page_lines(
    textpage: pdfium.PdfTextPage, index: int, height: float, tables: TableState, rules: Rules
) -> list[Line]:
    """The page's text as visual lines, each from runs with their boxes.

    PDFium gives the text in content order, one line per row of characters it sees, and
    a few rectangles per line (not one call per character). A line whose rectangles
    stand far apart (two columns, or a number typed into a gap) is split into runs; runs
    are then grouped by height on the page, so what sits side by side reads side by side.
    """
    lines = _group_lines(textpage, index, height)
    mark_tables(lines, textpage, height, tables, rules)
    return lines


def _group_lines(textpage: pdfium.PdfTextPage, index: int, height: float) -> list[Line]:
    runs: list[Run] = []
    # U+FFFE is PDFium's mark for a hyphen that ended a line ("QĐ-" / "UBND")
    text = blank_controls(textpage.get_text_range().replace("\ufffe", "-"))
    body = _body_font_size(textpage, text)
    pos = 0
    for raw in text.split("\n"):
        content = raw.rstrip("\r")
        if content.strip():
            runs.extend(_line_runs(textpage, pos, content, height, body))
        pos += len(raw) + 1
    lines = _rows(runs, index)
    for line in lines:
        line.runs = _splice_inner_runs(line.runs, textpage)
    return lines


def _rows(runs: list[Run], index: int) -> list[Line]:
    """Runs grouped into rows by their vertical middles, each row left to right."""
    runs.sort(key=lambda r: ((r.top + r.bottom) / 2, r.x0))
    lines: list[Line] = []
    for run in runs:
        middle = (run.top + run.bottom) / 2
        if lines:
            last = lines[-1]
            size = max(min(last.bottom - last.top, run.bottom - run.top), 1.0)
            if abs(middle - (last.top + last.bottom) / 2) < size * 0.5:
                last.runs.append(run)
                continue
        lines.append(Line(index, [run]))
    for line in lines:
        line.runs.sort(key=lambda r: r.x0)
    return lines


def _splice_inner_runs(runs: list[Run], textpage: pdfium.PdfTextPage) -> list[Run]:
    """A run drawn inside another's extent ("173" typed into "Số: /KH-UBND", the day into
    "ngày … tháng") goes into that run's text, before the first word that starts right of it."""
    out: list[Run] = []
    for run in runs:
        host = next((h for h in out if h.x0 < run.x0 and run.x1 <= h.x1 + 1), None)
        if host is None:
            out.append(run)
            continue
        if host.words is None:
            host.words = [
                (
                    m.start(),
                    textpage.get_charbox(host.first_char + m.start())[0] if host.first_char >= 0 else host.x1,
                )
                for m in re.finditer(r"(?<=\s)\S", host.text)
            ]
        k = next((i for i, (_, x) in enumerate(host.words) if x > run.x0), len(host.words))
        cut = host.words[k][0] if k < len(host.words) else len(host.text)
        insert = f"{run.text} "
        host.text = host.text[:cut] + insert + host.text[cut:]
        host.words = host.words[:k] + [(off + len(insert), x) for off, x in host.words[k:]]
    return out


def _body_font_size(textpage: pdfium.PdfTextPage, text: str) -> float:
    """The page's usual font size: the median size of each line's first letter (one query
    per line), so a line set smaller than the body (a footnote) can be told apart."""
    sizes: list[float] = []
    pos = 0
    for raw in text.split("\n"):
        letter = _LETTER.search(raw)
        if letter is not None:
            sizes.append(pdfium_c.FPDFText_GetFontSize(textpage.raw, pos + letter.start()))
        pos += len(raw) + 1
    sizes.sort()
    return sizes[len(sizes) // 2] if sizes else 0.0


def _line_runs(
    textpage: pdfium.PdfTextPage, start: int, content: str, height: float, body: float
) -> list[Run]:
    count = textpage.count_rects(start, len(content))
    boxes = sorted((textpage.get_rect(k) for k in range(count)), key=lambda b: b[0])
    if not boxes:
        return []
    # a character is about half as wide as it is tall: gaps wider than 2.5 of them part columns
    char = max(max(b[3] - b[1] for b in boxes) * 0.5, 2.0)
    groups: list[list[tuple[float, float, float, float]]] = [[boxes[0]]]
    for box in boxes[1:]:
        if box[0] - groups[-1][-1][2] > char * 2.5:
            groups.append([box])
        else:
            groups[-1].append(box)
    if len(groups) == 1:
        at_foot = max(b[3] for b in boxes) < height / 3
        marked = _mark_footnotes(textpage, start, content, body if at_foot else 0.0)
        whole = _run(groups[0], marked, height)
        whole.first_char = start if marked == content else -1
        whole.bold = _is_bold(textpage, start, content)
        return [whole]
    # far apart: give each character to the group under it (one box query per character,
    # only on these few lines), so each group keeps exactly its own text
    spans = [(min(b[0] for b in g), max(b[2] for b in g)) for g in groups]
    texts: list[list[str]] = [[] for _ in groups]
    firsts = [-1] * len(groups)
    current = 0
    for k, ch in enumerate(content):
        if not ch.isspace():
            left, _, right, _ = textpage.get_charbox(start + k)
            middle = (left + right) / 2
            current = next((i for i, (a, b) in enumerate(spans) if a - 1 <= middle <= b + 1), current)
            if firsts[current] < 0:
                firsts[current] = start + k
        texts[current].append(ch)
    out = []
    for group, chars, first in zip(groups, texts, firsts, strict=True):
        piece = "".join(chars).strip()
        if piece:
            run = _run(group, piece, height)
            run.first_char = first if "".join(chars).lstrip() == "".join(chars) else -1
            out.append(run)
    return out


_DIGITS_RUN = re.compile(r"\d{1,2}")


def _is_bold(textpage: pdfium.PdfTextPage, start: int, content: str) -> bool:
    """Bold from the font weight of the first and last letters (two queries a line)."""
    letters = [m.start() for m in _LETTER.finditer(content)]
    if not letters:
        return False
    return all(
        pdfium_c.FPDFText_GetFontWeight(textpage.raw, start + k) >= 600 for k in (letters[0], letters[-1])
    )


def _mark_footnotes(textpage: pdfium.PdfTextPage, start: int, content: str, foot_body: float) -> str:
    """Footnote numbers are set small: in a line of text ("đầu tư¹;") they become "[1]", as
    the extractor reads footnote markers. A line in the lower third of the page set smaller
    than the page's body (``foot_body``, 0 elsewhere) and opening with a number is the note
    itself: "[1] …". Font sizes are asked for digits only."""
    first_letter = _LETTER.search(content)
    if first_letter is None or not _DIGITS.search(content):
        return content
    letter = first_letter.start()
    line_size = pdfium_c.FPDFText_GetFontSize(textpage.raw, start + letter)
    if line_size <= 0:
        return content
    out = content
    for m in reversed(list(_DIGITS_RUN.finditer(content))):
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, start + m.start())
        opens_line = content[: m.start()].strip() == ""
        if opens_line and m.end() <= letter:
            small_note = foot_body > 0 and line_size < foot_body * 0.9 and 0 < size <= line_size
            if small_note or 0 < size < line_size * 0.75:
                out = f"[{m.group()}] " + out[m.end() :].lstrip()
        elif 0 < size < line_size * 0.75 and not opens_line:
            out = out[: m.start()].rstrip() + f"[{m.group()}]" + out[m.end() :]
    return out


def _run(group: list[tuple[float, float, float, float]], text: str, height: float) -> Run:
    left, bottom = min(b[0] for b in group), min(b[1] for b in group)
    right, top = max(b[2] for b in group), max(b[3] for b in group)
    return Run(left, height - top, right, height - bottom, text)


_EDGE = 0.08  # share of a page's height at top and bottom where running headers and footers sit
_POINTS_PER_COLUMN = 4.0  # one character column of the text per 4 pt across the page
_FEW_LINES = 8  # a page with fewer lines sets no left margin of its own


def _line_text(line: Line, margin: float = 0.0) -> str:
    """The row as text, laid out like pdftotext -layout: the first run indented from the
    page's margin, and a run beyond a wide gap put at its own column, so that columns
    (recipients | signature) line up from row to row."""
    out = ""
    prev: Run | None = None
    for run in line.runs:
        piece = " ".join(run.text.split())
        column = max(0, int((run.x0 - margin) / _POINTS_PER_COLUMN))
        if prev is None:
            out = " " * min(column, 80)
        else:
            char = max((prev.x1 - prev.x0) / max(len(prev.text), 1), 2.0)
            if run.x0 - prev.x1 > char * 2.5:
                out = out.rstrip()
                out += " " * max(3, column - len(out))  # a column gap
            elif not out.endswith(" "):
                out += " "
        out += piece
        prev = run
    return out.rstrip()


def _drop_running_lines(lines: list[Line], layout: PageLayout, pages: int) -> list[Line]:
    """Page furniture: a line near the top or bottom whose shape recurs on several pages,
    or a bare page number there."""

    def edge(line: Line) -> bool:
        height = layout.page_sizes[line.page][1]
        return line.top < height * 0.1 or line.bottom > height * 0.9

    shapes = Counter(_DIGITS.sub("#", _line_text(ln).strip()) for ln in lines if edge(ln))
    repeated = {s for s, n in shapes.items() if pages >= 2 and n >= max(2, pages // 2)}
    kept = []
    for ln in lines:
        text = _line_text(ln).strip()
        if edge(ln) and (_DIGITS.sub("#", text) in repeated or PAGE_NUMBER.match(text)):
            continue
        kept.append(ln)
    return kept


def _assemble(lines: list[Line], layout: PageLayout) -> SourceText:
    # each page's left margin: indentation is kept relative to it, in spaces, as
    # pdftotext -layout does (a first-line indent marks a new paragraph)
    margins: dict[int, float] = {}
    few: list[int] = []
    for page in {ln.page for ln in lines}:
        lefts = sorted(min(r.x0 for r in ln.runs) for ln in lines if ln.page == page)
        margins[page] = lefts[len(lefts) // 10]
        if len(lefts) < _FEW_LINES:
            few.append(page)
    full = sorted(m for p, m in margins.items() if p not in few)
    for page in few:
        if full:
            # a last page that holds only the signer's name (centred in the right column)
            # sets no margin of its own: the other pages' does
            margins[page] = min(margins[page], full[len(full) // 2])
    pitch = _line_pitch(lines)
    parts: list[str] = []
    pos = 0
    prev: Line | None = None
    for block in _blocks(lines):
        first = block[0]
        if prev is not None:
            # a blank line where the page turns, a paragraph gap opens or a table starts or ends
            gap = first.top - prev.bottom
            table_edge = (first.grid is None) != (prev.grid is None)
            if (
                table_edge
                or first.page != prev.page
                or gap > (prev.bottom - prev.top) * 1.2
                or (
                    _centre(first) - _centre(prev) > pitch * _PARAGRAPH_PITCH
                    and _line_text(prev).rstrip(" *").endswith(_SENTENCE_ENDS)
                )
            ):
                parts.append("")
                pos += 1
        if first.grid is None:
            text = _line_text(first, margins[first.page])
            if len(first.runs) == 1 and first.runs[0].bold:
                # a bold line is a heading candidate (a unit that leads the items below it,
                # a part title): marked as Markdown bold, which the extractor reads
                body = text.lstrip()
                text = f"{text[: len(text) - len(body)]}**{body}**"
            rows = [(text, [first])]
        else:
            rows = markdown_rows(block)
        for text, sources in rows:
            if sources:
                indent = len(text) - len(text.lstrip())
                page = sources[0].page
                box = (
                    min(r.x0 for ln in sources for r in ln.runs),
                    min(ln.top for ln in sources),
                    max(r.x1 for ln in sources for r in ln.runs),
                    max(ln.bottom for ln in sources),
                )
                layout.add_line(pos + indent, pos + len(text), page, box)
                _add_word_confidences(layout, text, pos, sources)
            parts.append(text)
            pos += len(text) + 1
        prev = block[-1]
    return SourceText("\n".join(parts) + "\n", "pdf")


# a paragraph's gap: the next line's centre this much further down than the text's own pitch
_PARAGRAPH_PITCH = 1.3
# ... after a line that ends a sentence: a header's lines, spaced as they please, end none
_SENTENCE_ENDS = (".", ";", ":", "!", "?")
_PITCH_STEPS = 4  # fewer steps between lines say nothing of the pitch
_BODY_HEIGHT = 0.8  # of the median line's box: a line this tall or taller is the body's


def _centre(line: Line) -> float:
    return (line.top + line.bottom) / 2


def _line_pitch(lines: list[Line]) -> float:
    """How far apart the centres of a paragraph's lines stand: the lower quartile of the
    steps between lines that follow one another on a page (paragraph gaps lengthen only
    some steps). The tops and bottoms of a line's box move with its marks ("ngày 10/5/2027."
    stands lower than "Công an tỉnh"), its centre less; a paragraph gap of about one blank
    line, as Word puts after a paragraph, falls under the box's height and only shows in
    the pitch. Infinite when too few lines say it."""
    text_lines = [ln for ln in lines if ln.grid is None]
    heights = sorted(ln.bottom - ln.top for ln in text_lines)
    if not heights:
        return math.inf
    # the body's own lines: a footnote's or a small table's, closer set, would shorten it
    least = heights[len(heights) // 2] * _BODY_HEIGHT
    steps = sorted(
        _centre(b) - _centre(a)
        for a, b in itertools.pairwise(text_lines)
        if a.page == b.page
        and min(a.bottom - a.top, b.bottom - b.top) >= least
        and 0 < _centre(b) - _centre(a) < (a.bottom - a.top) * 3
    )
    return steps[len(steps) // 4] if len(steps) >= _PITCH_STEPS else math.inf


def _add_word_confidences(layout: PageLayout, text: str, pos: int, sources: list[Line]) -> None:
    """OCR words: each found in the line's text in turn, with its confidence."""
    cursor = 0
    for line in sources:
        for run in line.runs:
            for word, confidence in zip(run.text.split(), run.word_confidences, strict=False):
                at = text.find(word, cursor)
                if at < 0:
                    continue
                layout.add_word(pos + at, pos + at + len(word), confidence)
                cursor = at + len(word)


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Each line alone, but a table's lines (same grid, across pages) together."""
    blocks: list[list[Line]] = []
    for line in lines:
        if line.grid is not None and blocks and blocks[-1][0].grid is line.grid:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks
