"""Rows of a spreadsheet an office sends (CSV in UTF-8, or XLSX), read safely: an XLSX is
judged from its zip directory before anything is inflated, a CSV must be UTF-8 (with or
without its BOM), a cell an export protected from spreadsheets ("'=…") reads as it was.
Errors name the file and carry the caller's error code (a units file, a tasks file)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from dondoc.errors import DondocError, ErrorCode
from dondoc.services.cells import from_csv_cell

# an XLSX is a zip: judged from its directory before openpyxl inflates anything (a file
# of 10 000 rows is a few MB of XML)
MAX_XLSX_INFLATED = 64 * 1024 * 1024
MAX_XLSX_RATIO = 200


def read_records(path: Path, *, code: ErrorCode, max_rows: int, max_bytes: int) -> list[list[object]]:
    """Every row of the file (the first sheet of a workbook), header included, up to
    max_rows + 1 (the caller says "too many" when it gets more than max_rows + 1)."""
    name = str(path)
    if not path.is_file():
        raise DondocError(ErrorCode.INPUT_NOT_FOUND, name=name)
    size = path.stat().st_size
    if size > max_bytes:
        raise DondocError(ErrorCode.TOO_LARGE, name=name, size=size, limit=max_bytes)
    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04":
        return _xlsx_records(data, name, code, max_rows)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DondocError(code, name=name, detail="not UTF-8 CSV nor XLSX") from None
    try:
        # newline="" lets the csv module take \r, \n and \r\n alike as line ends
        rows = []
        for r in csv.reader(io.StringIO(text, newline="")):
            rows.append([from_csv_cell(v) for v in r])
            if len(rows) > max_rows + 1:
                break
        return rows  # type: ignore[return-value]
    except csv.Error as exc:  # a NUL byte, an unterminated quote at the end, …
        raise DondocError(code, name=name, detail=f"not a CSV file: {exc}") from None


def _check_zip(data: bytes, name: str, code: ErrorCode) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DondocError(code, name=name, detail=f"unreadable XLSX ({exc})") from exc
    total = sum(i.file_size for i in infos)
    bomb = any(
        i.file_size > 1_000_000 and i.file_size / max(i.compress_size, 1) > MAX_XLSX_RATIO for i in infos
    )
    if total > MAX_XLSX_INFLATED or bomb:
        raise DondocError(code, name=name, detail=f"refused: it would inflate to {total} bytes")


def _xlsx_records(data: bytes, name: str, code: ErrorCode, max_rows: int) -> list[list[object]]:
    from openpyxl import load_workbook  # only for XLSX files: keeps CLI start-up light

    _check_zip(data, name, code)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise DondocError(code, name=name, detail=f"unreadable XLSX ({type(exc).__name__})") from exc
    try:
        sheet = book.worksheets[0]
        out: list[list[object]] = []
        for row in sheet.iter_rows(values_only=True):
            out.append(list(row))
            if len(out) > max_rows + 1:
                break
        return out
    except Exception as exc:  # a damaged sheet inside a sound zip
        raise DondocError(code, name=name, detail=f"unreadable XLSX ({type(exc).__name__})") from exc
    finally:
        book.close()
