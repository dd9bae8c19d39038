"""Scanned pages drawn from scratch: a directive laid out as an office types it (header in
two columns, centred title, justified paragraphs, a ruled task table whose cells wrap, the
signature block) and printed to page images, as a scanner gives them (JPEG pages in a PDF,
no text layer). For the layouts the corpus's scans lack, above all ruled tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

# Debian's fonts-liberation2 (installed by scripts/setup): metric twin of Times New Roman,
# the font of NĐ 30/2020 documents, with every Vietnamese letter
FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
A4_MM = (210.0, 297.0)


@dataclass(frozen=True)
class Para:
    """A paragraph: wrapped to the text width, its first line indented unless centred."""

    text: str
    align: str = "justify"  # justify | left | center
    bold: bool = False
    size: float = 13.0
    indent_mm: float = 10.0


@dataclass(frozen=True)
class TwoColumns:
    """The header (issuer | national motto) or the closing (recipients | signature): two
    columns of centred or left-aligned lines, side by side."""

    left: list[str]
    right: list[str]
    left_align: str = "center"
    size: float = 12.0
    bold_left: tuple[int, ...] = ()
    bold_right: tuple[int, ...] = ()


@dataclass(frozen=True)
class Table:
    """A ruled table: a header row and rows of cells; a row given as a pair is a group row
    merged across the table ("I | Phát triển hạ tầng số" as ("I", "Phát triển …")); a cell
    given as None is merged with the one above (no rule between them)."""

    widths_mm: list[float]
    header: list[str]
    rows: list[list[str | None] | tuple[str, str]] = field(default_factory=list)
    size: float = 11.0
    repeat_header: bool = False  # printed again on each page the table runs onto


Block = Para | TwoColumns | Table


class _Pen:
    def __init__(self, dpi: int) -> None:
        self.dpi = dpi
        self.pages: list[Image.Image] = []
        self.width = round(A4_MM[0] / 25.4 * dpi)
        self.height = round(A4_MM[1] / 25.4 * dpi)
        self.left = self.mm(30)
        self.right = self.width - self.mm(15)
        self.top = self.mm(20)
        self.bottom = self.height - self.mm(20)
        self.new_page()

    def mm(self, value: float) -> int:
        return round(value / 25.4 * self.dpi)

    def new_page(self) -> None:
        self.page = Image.new("L", (self.width, self.height), 255)
        self.draw = ImageDraw.Draw(self.page)
        self.pages.append(self.page)
        self.y = self.top

    def font(self, size: float, bold: bool = False) -> ImageFont.FreeTypeFont:
        name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
        return ImageFont.truetype(str(FONT_DIR / name), round(size / 72 * self.dpi))

    def line_height(self, size: float) -> int:
        return round(size * 1.35 / 72 * self.dpi)

    def wrap(
        self, text: str, font: ImageFont.FreeTypeFont, width: float, first_indent: float = 0
    ) -> list[str]:
        lines: list[str] = []
        current = ""
        for word in text.split():
            trial = f"{current} {word}".strip()
            room = width - (first_indent if not lines else 0)
            if current and self.draw.textlength(trial, font=font) > room:
                lines.append(current)
                current = word
            else:
                current = trial
        if current:
            lines.append(current)
        return lines

    def text_line(self, x: float, text: str, font: ImageFont.FreeTypeFont, justify_to: float = 0) -> None:
        words = text.split()
        if justify_to and len(words) > 1:
            natural = sum(self.draw.textlength(w, font=font) for w in words)
            gap = (justify_to - natural) / (len(words) - 1)
            for word in words:
                self.draw.text((x, self.y), word, font=font, fill=0)
                x += self.draw.textlength(word, font=font) + gap
        else:
            self.draw.text((x, self.y), text, font=font, fill=0)


def _para(pen: _Pen, para: Para) -> None:
    font = pen.font(para.size, para.bold)
    width = pen.right - pen.left
    indent = 0 if para.align == "center" else pen.mm(para.indent_mm)
    lines = pen.wrap(para.text, font, width, indent)
    step = pen.line_height(para.size)
    for k, text in enumerate(lines):
        if pen.y + step > pen.bottom:
            pen.new_page()
        if para.align == "center":
            x = pen.left + (width - pen.draw.textlength(text, font=font)) / 2
            pen.text_line(x, text, font)
        else:
            x = pen.left + (indent if k == 0 else 0)
            last = k == len(lines) - 1
            justify = pen.right - x if para.align == "justify" and not last else 0
            pen.text_line(x, text, font, justify)
        pen.y += step
    pen.y += step // 4


def _two_columns(pen: _Pen, block: TwoColumns) -> None:
    step = pen.line_height(block.size)
    split = pen.left + (pen.right - pen.left) * 0.42
    top = pen.y
    for column, lines, bold, x0, x1 in (
        (0, block.left, block.bold_left, pen.left - pen.mm(10), split),
        (1, block.right, block.bold_right, split, pen.right),
    ):
        pen.y = top
        for k, text in enumerate(lines):
            font = pen.font(block.size, k in bold)
            if column == 0 and block.left_align == "left":
                pen.text_line(x0 + pen.mm(10), text, font)
            else:
                pen.text_line(x0 + (x1 - x0 - pen.draw.textlength(text, font=font)) / 2, text, font)
            pen.y += step
    pen.y = top + step * max(len(block.left), len(block.right)) + step // 2


def _table(pen: _Pen, table: Table) -> None:
    font = pen.font(table.size)
    bold = pen.font(table.size, True)
    step = pen.line_height(table.size)
    pad = pen.mm(1.5)
    lefts = [pen.left - pen.mm(10)]
    for w in table.widths_mm:
        lefts.append(lefts[-1] + pen.mm(w))
    rule = max(1, round(pen.dpi / 150))

    def cells_of(row: list[str | None] | list[str] | tuple[str, str]) -> list[tuple[int, int, str]]:
        if isinstance(row, tuple):  # a group row: its number, then one cell across the rest
            return [(0, 1, row[0]), (1, len(table.widths_mm), row[1])]
        return [(k, k + 1, text or "") for k, text in enumerate(row)]

    def draw_row(row: list[str | None] | list[str] | tuple[str, str], face: ImageFont.FreeTypeFont) -> None:
        cells = cells_of(row)
        wrapped = [pen.wrap(text, face, lefts[b] - lefts[a] - 2 * pad) for a, b, text in cells]
        height = max(len(w) for w in wrapped) * step + 2 * pad
        if pen.y + height > pen.bottom:
            pen.new_page()
            if table.repeat_header:
                draw_row(table.header, bold)
        top = pen.y
        for (a, b, _), lines in zip(cells, wrapped, strict=True):
            pen.y = top + pad
            for text in lines:
                centred = a == 0 or (b - a == 1 and a >= len(table.widths_mm) - 2) or face is bold
                x = lefts[a] + pad
                if centred:
                    x = lefts[a] + (lefts[b] - lefts[a] - pen.draw.textlength(text, font=face)) / 2
                pen.text_line(x, text, face)
                pen.y += step
        pen.draw.rectangle((lefts[0], top, lefts[-1], top + height), outline=0, width=rule)
        for a, _, _ in cells[1:]:
            pen.draw.line((lefts[a], top, lefts[a], top + height), fill=0, width=rule)
        if isinstance(row, list):
            for k, text in enumerate(row):
                if text is None:  # merged with the cell above: the rule between left out
                    pen.draw.rectangle(
                        (lefts[k] + rule + 1, top - rule, lefts[k + 1] - rule - 1, top + rule), fill=255
                    )
        pen.y = top + height

    draw_row(table.header, bold)
    for row in table.rows:
        draw_row(row, bold if isinstance(row, tuple) else font)
    pen.y += step // 2


def make_scan(
    path: Path, blocks: list[Block], *, dpi: int = 200, quality: int = 80, tilt: float = 0.0
) -> Path:
    """The blocks laid out on A4 pages, saved as JPEG page images in a PDF; each page turned
    by ``tilt`` degrees (counter-clockwise) as a sheet fed askew."""
    pen = _Pen(dpi)
    for block in blocks:
        if isinstance(block, Para):
            _para(pen, block)
        elif isinstance(block, TwoColumns):
            _two_columns(pen, block)
        else:
            _table(pen, block)
    doc = pdfium.PdfDocument.new()
    for k, image in enumerate(pen.pages):
        jpeg = path.with_name(f"{path.stem}-{k}.jpg")
        if tilt:
            image = image.rotate(tilt, resample=Image.Resampling.BICUBIC, fillcolor=255)
        image.save(jpeg, "JPEG", quality=quality)
        pdf_image = pdfium.PdfImage.new(doc)
        pdf_image.load_jpeg(str(jpeg), inline=True)
        width, height = image.width * 72 / dpi, image.height * 72 / dpi
        pdf_image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        page = doc.new_page(width, height)
        page.insert_obj(pdf_image)
        page.gen_content()
        jpeg.unlink()
    doc.save(path)
    doc.close()
    return path
