"""A report's tables as an XLSX workbook (openpyxl): one sheet per table, Vietnamese column
names, the header row frozen and filtered, widths that fit, every row (the DOCX and PDF
may list only the first ones of a long list)."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dondoc.reports.layout import date_line, number_line
from dondoc.reports.model import OfficialDocument, Table

_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


def render(doc: OfficialDocument) -> bytes:
    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = "Thông tin"
    issuer = doc.issuer
    lines = [
        (issuer.parent or "").upper(),
        issuer.name.upper(),
        number_line(issuer, doc.kind_code, doc.number),
        date_line(issuer.place, doc.date),
        doc.kind or "",
        doc.title,
    ]
    for i, line in enumerate(x for x in lines if x):
        first.cell(row=i + 1, column=1, value=line).font = Font(bold=i in (1, 4, 5))
    first.column_dimensions["A"].width = 90
    names: set[str] = {first.title}
    # the full lists (appendix) stand for the body's shortened ones of the same title
    full = {t.title for t in doc.appendix}
    tables = [t for t in doc.tables if t.title not in full or any(t is a for a in doc.appendix)]
    for table in tables:
        _sheet(wb, table, names)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def table_workbook(table: Table) -> bytes:
    """A task list as a workbook of one sheet: the list a page shows, every row, to filter
    and sort in Excel."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    _sheet(wb, table, set())
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheet_name(title: str, names: set[str]) -> str:
    base = _BAD_SHEET.sub(" ", title).strip()[:28] or "Bảng"
    name, k = base, 2
    while name in names:
        name, k = f"{base[:25]} ({k})", k + 1
    names.add(name)
    return name


def _sheet(wb: Workbook, table: Table, names: set[str]) -> None:
    ws = wb.create_sheet(_sheet_name(table.title, names))
    bold = Font(bold=True)
    ws.append(list(table.columns))
    for cell in ws[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        ws.append(list(row))
    if table.total:
        ws.append(list(table.total))
        for cell in ws[ws.max_row]:
            cell.font = bold
    ws.freeze_panes = "A2"
    last = get_column_letter(len(table.columns))
    ws.auto_filter.ref = f"A1:{last}{1 + len(table.rows)}"
    for j, name in enumerate(table.columns, start=1):
        longest = max([len(name)] + [len(str(r[j - 1] or "")) for r in table.rows[:500]])
        ws.column_dimensions[get_column_letter(j)].width = min(max(8, longest + 2), 80)
        if longest > 80:
            for row_cells in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                for cell in row_cells:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    # printed as offices print a table: landscape A4, the columns fitted to the page's
    # width (as many pages down as it takes), the header row repeated on every page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"
