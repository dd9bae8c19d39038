"""Spreadsheet cells written so that no text becomes a formula.

A unit named `=HYPERLINK("http://…","bấm vào đây")` (or any text a user typed that opens
with =, +, -, @, a tab or a carriage return) would run as a formula in the office's Excel
or LibreOffice when an export is opened. XLSX cells are written as text with Excel's
"quote prefix" (shown as typed, not evaluated even when the cell is edited); CSV cells,
which have no types, get a leading apostrophe, which the units import takes off again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def from_csv_cell(value: str) -> str:
    """A cell as `csv_cell` wrote it, back to the text it holds."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


def append_inert(sheet: Any, rows: Iterable[list[str]]) -> None:
    """Append rows of text to an openpyxl worksheet, every cell as plain text."""
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl makes a formula of text opening with "="
                if cell.value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True
