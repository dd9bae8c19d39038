"""The units directory: CSV and XLSX import/export, paths, validity, all-or-nothing errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import units
from dondoc.services.context import SYSTEM, Store
from dondoc.store.records import UnitRecord
from dondoc.tracking.permissions import Role
from tests.support.tracking import load_cantho_units, make_user

D = dt.date
HEADER = "code,name,kind,parent_code,aliases,valid_from,valid_to,successor_code\n"


def _count(store: Store) -> int:
    with store.reading() as s:
        return s.scalar(select(func.count()).select_from(UnitRecord)) or 0


def test_units_import_builds_the_tree_and_exports_it_back(store: Store, tmp_path: Path) -> None:
    load_cantho_units(store)
    with store.reading() as s:
        by_code = {u.code: u for u in s.scalars(select(UnitRecord))}
    assert by_code["CT-CA"].path == f"/{by_code['CT'].id}/{by_code['CT-CA'].id}/"
    assert by_code["CT-SNV"].path.startswith(by_code["CT-UBND"].path)
    assert by_code["CT-SNNPTNT"].successor_id == by_code["CT-SNNMT"].id
    for suffix in ("csv", "xlsx"):
        out = tmp_path / f"units.{suffix}"
        assert units.export_units(store, out) == len(by_code)
        with store.reading() as s:
            before = units.export_rows(s)
        # importing the export changes nothing
        assert units.import_units(store, SYSTEM, out) == (0, len(by_code))
        with store.reading() as s:
            assert units.export_rows(s) == before


def test_units_import_xlsx_with_dates(store: Store, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        ["code", "name", "kind", "parent_code", "aliases", "valid_from", "valid_to", "successor_code"]
    )
    sheet.append(["HN", "Thành phố Hà Nội", "province", None, "Hà Nội", None, None, None])
    sheet.append(["HN-Q1", "UBND quận Hoàn Kiếm", "district", "HN", None, None, "2025-06-30", "HN-P1"])
    sheet.append(["HN-P1", "UBND phường Hoàn Kiếm", "commune", "HN", None, "2025-07-01", None, None])
    path = tmp_path / "hn.xlsx"
    book.save(path)
    assert units.import_units(store, SYSTEM, path) == (3, 0)
    with store.reading() as s:
        q1 = s.scalar(select(UnitRecord).where(UnitRecord.code == "HN-Q1"))
        assert q1 is not None and str(q1.valid_to) == "2025-06-30"


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("code,name\nA,B\n", "missing columns: kind"),
        (HEADER + "A,Tỉnh A,province,,,,,\nB,Sở B,department,ZZ,,,,\n", "row 3: no unit with code ZZ"),
        (HEADER + "A,Tỉnh A,province,,,31/12/2024,,\n", "row 2: valid_from '31/12/2024' is not a date"),
        (HEADER + "A,Tỉnh A,province,,,,,\nA,Tỉnh A,province,,,,,\n", "row 3: code A appears twice"),
        (HEADER + "A,Tỉnh A,province,B,,,,\nB,Sở B,department,A,,,,\n", "is its own ancestor"),
        (HEADER + ",Tỉnh A,province,,,,,\n", "row 2: code, name and kind are required"),
    ],
)
def test_units_import_errors_name_the_row_and_change_nothing(
    store: Store, tmp_path: Path, body: str, needle: str
) -> None:
    path = tmp_path / "units.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DondocError) as err:
        units.import_units(store, SYSTEM, path)
    assert err.value.code is ErrorCode.UNITS_FILE and needle in err.value.message
    assert _count(store) == 0


def test_units_import_rejects_binary_and_non_utf8(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_bytes(HEADER.encode() + "A,Tỉnh A,province,,,,,\n".encode("utf-16"))
    with pytest.raises(DondocError) as err:
        units.import_units(store, SYSTEM, path)
    assert err.value.code is ErrorCode.UNITS_FILE
    path.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(DondocError) as err:
        units.import_units(store, SYSTEM, path)
    assert err.value.code is ErrorCode.UNITS_FILE


def test_units_import_takes_any_line_end_and_refuses_what_csv_cannot_read(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "units.csv"
    path.write_bytes((HEADER + "A,Tỉnh A,province,,,,,\n").replace("\n", "\r").encode())
    assert units.import_units(store, SYSTEM, path) == (1, 0)  # old Mac line ends
    for body in (b"\r0", HEADER.encode() + b"B,S\x00B,department,A,,,,\n"):  # found by schemathesis
        path.write_bytes(body)
        with pytest.raises(DondocError) as err:
            units.import_units(store, SYSTEM, path)
        assert err.value.code is ErrorCode.UNITS_FILE
    assert _count(store) == 1


def test_units_import_needs_the_right(store: Store, tmp_path: Path) -> None:
    load_cantho_units(store)
    reporter = make_user(store, "congan", Role.REPORTER, "CT-CA")
    with pytest.raises(DondocError) as err:
        units.import_units(store, reporter, tmp_path / "x.csv")
    assert err.value.code is ErrorCode.FORBIDDEN


def _unit(code: str, **fields: object) -> units.UnitRow:
    values: dict[str, object] = {
        "code": code,
        "name": f"Đơn vị {code}",
        "kind": "ban",
        "parent_code": None,
        "aliases": (),
        "valid_from": None,
        "valid_to": None,
        "successor_code": None,
    }
    return units.UnitRow(**{**values, **fields})  # type: ignore[arg-type]


def test_a_unit_added_edited_and_moved_with_its_subtree(store: Store) -> None:
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    units.save_unit(store, office, _unit("CT-BTN", parent_code="CT-UBND", aliases=("Ban TN",)), new=True)
    units.save_unit(store, office, _unit("CT-BTN-1", parent_code="CT-BTN"), new=True)
    with pytest.raises(DondocError) as err:  # a code is added once
        units.save_unit(store, office, _unit("CT-BTN"), new=True)
    assert err.value.code is ErrorCode.RULE_VIOLATED
    # aliases replaced (not only added, as an import does); moved under the city party
    # committee with its sub-unit; ended, with a successor
    units.save_unit(
        store,
        office,
        _unit(
            "CT-BTN",
            name="Ban Thử nghiệm",
            parent_code="CT-TU",
            aliases=("Ban thử", "BTN"),
            valid_from=D(2020, 1, 1),
            valid_to=D(2025, 6, 30),
            successor_code="CT-UBND",
        ),
        new=False,
    )
    row = units.unit_row(store, "CT-BTN")
    assert (row.name, row.parent_code, row.aliases, row.successor_code) == (
        "Ban Thử nghiệm",
        "CT-TU",
        ("Ban thử", "BTN"),
        "CT-UBND",
    )
    with store.reading() as s:
        by_code = {u.code: u for u in s.scalars(select(UnitRecord))}
    assert (
        by_code["CT-BTN-1"].path == f"{by_code['CT-TU'].path}{by_code['CT-BTN'].id}/{by_code['CT-BTN-1'].id}/"
    )
    # refused: under its own sub-unit, a missing parent, a bad code, an end before the start
    for bad, code in (
        (_unit("CT-BTN", parent_code="CT-BTN-1"), ErrorCode.RULE_VIOLATED),
        (_unit("CT-BTN", parent_code="NO-SUCH"), ErrorCode.NOT_FOUND),
        (_unit("CT BTN"), ErrorCode.RULE_VIOLATED),
        (_unit("CT-BTN", valid_from=D(2025, 1, 2), valid_to=D(2025, 1, 1)), ErrorCode.RULE_VIOLATED),
        (_unit("CT-BTN", successor_code="CT-BTN"), ErrorCode.RULE_VIOLATED),
    ):
        with pytest.raises(DondocError) as err:
            units.save_unit(store, office, bad, new=False)
        assert err.value.code is code, bad
    assert units.unit_row(store, "CT-BTN").parent_code == "CT-TU"  # nothing of those landed
    with pytest.raises(DondocError) as err:
        units.save_unit(store, make_user(store, "ca", Role.REPORTER, "CT-CA"), _unit("X"), new=True)
    assert err.value.code is ErrorCode.FORBIDDEN


FORMULAS = ['=HYPERLINK("http://x","click")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]


def test_issue_13_m5_formulas_in_names_are_exported_inert_and_read_back_as_typed(
    store: Store, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    rows = "".join(
        f'F{k},"{name.replace(chr(34), 2 * chr(34))}",ban,,,,,\n' for k, name in enumerate(FORMULAS)
    )
    source = tmp_path / "in.csv"
    source.write_text(HEADER + rows, encoding="utf-8")
    units.import_units(store, SYSTEM, source)
    with store.reading() as s:
        names = {u.code: u.name for u in s.scalars(select(UnitRecord))}
    assert sorted(names.values()) == sorted(FORMULAS)
    # XLSX: each name a text cell shown as typed, never a formula
    units.export_units(store, tmp_path / "out.xlsx")
    sheet = load_workbook(tmp_path / "out.xlsx").active
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    for code, name in names.items():
        cell = cells[code]
        assert (cell.value, cell.data_type, cell.quotePrefix) == (name, "s", True), code
    # CSV: a leading apostrophe keeps a spreadsheet from evaluating it ...
    units.export_units(store, tmp_path / "out.csv")
    text = (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "\n=" not in text and ",=" not in text and ",+" not in text
    # ... and the import takes it off: the export reads back as it was
    assert units.import_units(store, SYSTEM, tmp_path / "out.csv") == (0, len(FORMULAS))
    with store.reading() as s:
        assert {u.code: u.name for u in s.scalars(select(UnitRecord))} == names


def test_issue_13_m5_tab_and_carriage_return_openings_are_quoted_too() -> None:
    from dondoc.services.cells import csv_cell, from_csv_cell

    for text in ("\t=1+1", "\r=1+1", "=1", "Sở Y tế", "'quoted", ""):
        assert from_csv_cell(csv_cell(text)) == text
    assert csv_cell("\t=1+1") == "'\t=1+1" and csv_cell("Sở Y tế") == "Sở Y tế"


def test_issue_13_an_xlsx_bomb_is_refused_from_its_zip_directory(store: Store, tmp_path: Path) -> None:
    import zipfile

    bomb = tmp_path / "units.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z, z.open("xl/sharedStrings.xml", "w") as fh:
        for _ in range(200):
            fh.write(b" " * (1 << 20))  # 200 MB of spaces, about 200 KB stored
    with pytest.raises(DondocError) as err:
        units.import_units(store, SYSTEM, bomb)
    assert err.value.code is ErrorCode.UNITS_FILE and "inflate" in err.value.message
    assert _count(store) == 0
