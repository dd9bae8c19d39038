"""An official document as DOCX (python-docx): editable, since the office numbers and
signs it. A4, margins and type as NĐ 30/2020 (Phụ lục I) and HD 36-HD/VPTW set them:
Times New Roman, 13–14 pt body; header blocks side by side; Nơi nhận and the signature
block side by side at the end."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from dondoc.reports import chart
from dondoc.reports.layout import PARTY_MOTTO, STATE_MOTTO, date_line, number_line
from dondoc.reports.model import Chart, Heading, OfficialDocument, Paragraph, Table

FONT = "Times New Roman"


def render(doc: OfficialDocument) -> bytes:
    d = Document()
    section = d.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = d.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    # East Asian and complex scripts too, or Word falls back for some characters
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)

    _header(d, doc)
    if doc.kind:
        _line(d, doc.kind, bold=True, size=14, align="center", before=12)
        _line(d, doc.title, bold=True, size=14, align="center")
        _line(d, "_______________", size=14, align="center")
    if doc.addressees:
        _line(d, "Kính gửi: " + "; ".join(doc.addressees) + ".", size=14, align="center", before=12, after=12)
    for block in doc.body:
        if isinstance(block, Heading):
            _line(d, block.text, bold=True, size=14, before=6, after=3)
        elif isinstance(block, Paragraph):
            p = _line(d, block.text, italic=block.italic, size=14, align="justify", after=3)
            p.paragraph_format.first_line_indent = Cm(1)
        elif isinstance(block, Table):
            _table(d, block)
        elif isinstance(block, Chart):
            d.add_picture(io.BytesIO(chart.png(block)), width=Cm(15))
            d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _closing(d, doc)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _line(
    d: object,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float = 14,
    align: str = "left",
    before: float = 0,
    after: float = 0,
) -> DocxParagraph:
    p: DocxParagraph = d.add_paragraph()  # type: ignore[attr-defined]
    _run(p, text, bold=bold, italic=italic, underline=underline, size=size)
    _format(p, align, before, after)
    return p


def _run(
    p: DocxParagraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float = 14,
) -> None:
    run = p.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    run.font.name = FONT


_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _format(p: DocxParagraph, align: str, before: float = 0, after: float = 0) -> None:
    p.alignment = _ALIGN[align]
    p.paragraph_format.space_before = Pt(before)
    p.paragraph_format.space_after = Pt(after)


def _cell_line(cell: _Cell, text: str, *, first: bool = False, **style: object) -> DocxParagraph:
    p: DocxParagraph = cell.paragraphs[0] if first else cell.add_paragraph()
    _run(p, text, **style)  # type: ignore[arg-type]
    _format(p, "center")
    return p


def _borderless(table: object) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)  # type: ignore[attr-defined]


def _header(d: object, doc: OfficialDocument) -> None:
    issuer = doc.issuer
    t = d.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    _borderless(t)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = t.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    first = True
    if issuer.parent:
        _cell_line(left, issuer.parent.upper(), first=True, size=13)
        first = False
    _cell_line(left, issuer.name.upper(), first=first, bold=True, size=13)
    _cell_line(left, "*" if issuer.party else "_______", size=13)
    _cell_line(left, number_line(issuer, doc.kind_code, doc.number), size=13 if not issuer.party else 14)
    if not doc.kind:  # a letter: its subject under the number
        _cell_line(left, f"V/v {doc.title}", size=12)
    if issuer.party:
        _cell_line(right, PARTY_MOTTO, first=True, bold=True, underline=True, size=15)
        _cell_line(right, "", size=8)
    else:
        _cell_line(right, STATE_MOTTO[0], first=True, bold=True, size=12)
        _cell_line(right, STATE_MOTTO[1], bold=True, size=13)
        _cell_line(right, "_______________________", size=13)
    p = _cell_line(right, date_line(issuer.place, doc.date), italic=True, size=14)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table(d: object, table: Table) -> None:
    if table.title:
        _line(d, table.title, italic=True, size=13, before=6, after=3)
    rows = list(table.rows) + ([table.total] if table.total else [])
    t = d.add_table(rows=1 + len(rows), cols=len(table.columns))  # type: ignore[attr-defined]
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(table.widths) if table.widths else 0
    widths = [Cm(16 * w / total) for w in table.widths] if total else []
    # the cells written as XML: python-docx's cell and run objects cost ~10 ms a row of
    # ten cells (a province's list has thousands); the XML is what they would write
    for i, tr in enumerate(t._tbl.tr_lst):
        values = table.columns if i == 0 else rows[i - 1]
        bold = i == 0 or (table.total is not None and i == len(rows))
        for j, tc in enumerate(tr.tc_lst):
            value = values[j]
            text = "" if value is None else str(value)
            number = i > 0 and (isinstance(value, (int, float)) or text.endswith("%"))
            _cell_xml(tc, text, bold=bold, align="center" if i == 0 else "right" if number else None)
            if widths:
                tc.width = widths[j]
    if table.note:
        _line(d, table.note, italic=True, size=12, before=3)


def _cell_xml(tc: object, text: str, *, bold: bool, align: str | None, half_points: int = 24) -> None:
    p = tc.p_lst[0]  # type: ignore[attr-defined]
    if align is not None:
        ppr = p.get_or_add_pPr()
        jc = OxmlElement("w:jc")
        jc.set(qn("w:val"), align)
        ppr.append(jc)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    if bold:
        rpr.append(OxmlElement("w:b"))
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(half_points))
    rpr.append(size)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    p.append(run)


def _closing(d: object, doc: OfficialDocument) -> None:
    t = d.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    _borderless(t)
    left, right = t.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(8.5)
    party = doc.issuer.party
    p = left.paragraphs[0]
    _run(p, "Nơi nhận:", bold=not party, italic=not party, underline=party, size=12 if not party else 14)
    _format(p, "left", before=12)
    for r in doc.recipients:
        q = left.add_paragraph()
        _run(q, f"- {r}", size=11 if not party else 12)
        _format(q, "left")
    first = True
    for line in doc.signature.authority:
        if line:
            _cell_line(right, line, first=first, bold=True, size=14)
            if first:
                right.paragraphs[0].paragraph_format.space_before = Pt(12)
            first = False
    _cell_line(right, doc.signature.title, first=first, bold=True, size=14)
    for _ in range(4):
        _cell_line(right, "", size=14)
    _cell_line(right, doc.signature.name, bold=True, size=14)
