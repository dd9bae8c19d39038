"""The report documents from the demo's data, on SQLite and PostgreSQL, read back: the
figures are those of `dondoc status` for the same day; the overdue list carries the
units' reasons; the letter lists a unit's late tasks; every format opens."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import reports, users
from dondoc.services.context import SYSTEM, Store
from dondoc.services.dashboards import buckets_as_of
from dondoc.services.demo import load_demo
from dondoc.tracking.timeliness import BUCKETS, Bucket

D = dt.date
DAY = D(2025, 1, 7)


def _tables(data: bytes) -> list[list[list[str]]]:
    d = Document(io.BytesIO(data))
    return [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]


def test_the_periodic_report_says_what_status_says(store: Store) -> None:
    load_demo(store)
    office = users.actor_by_name(store, "vanphong")
    doc = reports.periodic(store, office, as_of=DAY)
    assert doc.issuer.name == "Văn phòng Thành ủy" and doc.issuer.party  # HD 36: a Party office
    tables = _tables(reports.render(doc, "docx"))
    header = tables[0][0][0].splitlines()
    assert header == ["THÀNH ỦY CẦN THƠ", "VĂN PHÒNG THÀNH ỦY", "*", "Số       -BC/VPTU"]
    by_unit = tables[1]
    status = buckets_as_of(store, office, DAY)
    expected = {u.name: [str(u.total), *(str(u.counts[b]) for b in BUCKETS)] for u in status.units}
    got = {row[1]: row[2:9] for row in by_unit[1:-1]}
    assert got == expected
    assert by_unit[-1][2:9] == [str(sum(status.totals.values())), *(str(status.totals[b]) for b in BUCKETS)]
    # the overdue list: each task overdue that day, with its unit's last stated reason
    overdue = tables[3]
    assert len(overdue) - 1 == status.totals[Bucket.OVERDUE]
    assert any(row[5] not in ("", "Chưa báo cáo lý do") for row in overdue[1:])
    # the workbook holds the same tables
    wb = load_workbook(io.BytesIO(reports.render(doc, "xlsx")))
    assert wb.sheetnames[0] == "Thông tin" and len(wb.sheetnames) == 1 + 4  # four tables
    ws = wb[wb.sheetnames[1]]
    assert [c.value for c in ws[ws.max_row]][2] == sum(status.totals.values())


def test_a_directive_or_a_unit_narrows_the_report(store: Store) -> None:
    loaded = load_demo(store)
    one = reports.periodic(store, SYSTEM, as_of=DAY, directive_id=loaded.directive_id)
    assert "theo" in one.title
    police = reports.periodic(store, SYSTEM, as_of=DAY, unit_code="CT-CA")
    units = _tables(reports.render(police, "docx"))[1]
    assert [row[1] for row in units[1:-1]] == ["Công an thành phố"]
    assert "của Công an thành phố" in police.title
    with pytest.raises(DondocError) as missing:
        reports.periodic(store, SYSTEM, as_of=DAY, directive_id=999)
    assert missing.value.code is ErrorCode.NOT_FOUND
    # a unit's focal point may report on their own unit only
    with pytest.raises(DondocError) as other:
        reports.periodic(store, users.actor_by_name(store, "ct-ca"), as_of=DAY, unit_code="CT-UBND")
    assert other.value.code is ErrorCode.FORBIDDEN


def test_the_reminder_letter_to_a_late_unit(store: Store, tmp_path: Path) -> None:
    load_demo(store)
    office = users.actor_by_name(store, "vanphong")
    letter = reports.letter(store, office, unit_code="CT-UBND", as_of=DAY, number="15")
    data = reports.render(letter, "docx")
    d = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "Kính gửi: Ủy ban nhân dân thành phố." in text
    assert "trước ngày 14/01/2025" in text  # five working days after 7/1/2025
    tables = _tables(data)
    assert tables[0][0][0].splitlines()[-2:] == ["Số 15-CV/VPTU", "V/v đôn đốc thực hiện nhiệm vụ"]
    # the unit's own tasks (not its departments'): its own row in `status`
    own = next(u for u in buckets_as_of(store, office, DAY, unit_code="CT-UBND").units if u.code == "CT-UBND")
    late = tables[1]
    assert late[0][:2] == ["STT", "Nhiệm vụ"] and len(late) - 1 == own.counts[Bucket.OVERDUE]
    path = tmp_path / "letter.pdf"
    path.write_bytes(reports.render(letter, "pdf"))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Kính gửi: Ủy ban nhân dân thành phố." in " ".join(text.split())
    # a focal point does not write the office's letters
    with pytest.raises(DondocError) as refused:
        reports.letter(store, users.actor_by_name(store, "ct-ca"), unit_code="CT-CA", as_of=DAY)
    assert refused.value.code is ErrorCode.FORBIDDEN


def test_a_long_table_lists_the_worst_rows_and_the_workbook_all_of_them() -> None:
    from dondoc.reports.model import Issuer, OfficialDocument, Signature
    from dondoc.services.reports import LIST_ROWS, _bucket_table

    rows = [(f"Xã {i:04d}", {b: (i % 7 if b is Bucket.OVERDUE else 1) for b in BUCKETS}) for i in range(250)]
    shown, full = _bucket_table("Bảng 1", "Đơn vị", rows)
    assert full is not None and len(full.rows) == 250 and len(shown.rows) == LIST_ROWS
    assert [r[7] for r in shown.rows[:3]] == [6, 6, 6]  # the most overdue first
    assert shown.total == full.total and shown.total[2] == 250 * 5 + sum(i % 7 for i in range(250))
    assert "trong tệp Excel" in shown.note
    doc = OfficialDocument(
        Issuer("Văn phòng", "Tỉnh", False, "VP", "Lào Cai"),
        "BÁO CÁO",
        "BC",
        None,
        DAY,
        "t",
        (shown,),
        ("Lưu: VT.",),
        Signature((), "CHÁNH VĂN PHÒNG"),
        appendix=(full,),
    )
    wb = load_workbook(io.BytesIO(reports.render(doc, "xlsx")))
    assert wb.sheetnames == ["Thông tin", "Bảng 1"]  # the full table only, once
    assert wb["Bảng 1"].max_row == 1 + 250 + 1
    d = Document(io.BytesIO(reports.render(doc, "docx")))
    assert len(d.tables[1].rows) == 1 + LIST_ROWS + 1
    total = d.tables[1].rows[-1].cells[1].paragraphs[0].runs[0]
    assert total.text == "Tổng cộng" and total.bold
    number = d.tables[1].rows[1].cells[2].paragraphs[0]
    assert number.alignment is not None and number.alignment.name == "RIGHT"


def test_a_periods_report_counts_the_directives_issued_in_it(store: Store) -> None:
    load_demo(store)
    everything = reports.periodic(store, SYSTEM, as_of=DAY)
    later = reports.periodic(store, SYSTEM, as_of=DAY, since=D(2025, 1, 1))  # the demo's is from 2024
    assert "ban hành từ ngày 01/01/2025" in later.title
    all_units = _tables(reports.render(everything, "docx"))[1]
    none = _tables(reports.render(later, "docx"))[1]
    assert int(all_units[-1][2]) == sum(buckets_as_of(store, SYSTEM, DAY).totals.values()) > 0
    assert none[-1][2] == "0"  # no directive issued since: nothing counted
    assert sum(buckets_as_of(store, SYSTEM, DAY, issued_since=D(2025, 1, 1)).totals.values()) == 0
