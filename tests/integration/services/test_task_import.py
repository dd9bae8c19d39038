"""Issue #16 (Excel in): a task list imported the way offices keep it, on both engines:
every bad row reported (row, column, reason) before anything is written, all or nothing,
the same list imported twice changes nothing, an export of dondoc reads back unchanged."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import exports, task_import
from dondoc.services.context import Store
from dondoc.store.records import AssignmentRecord, BodyMentionRecord, TaskRecord, UnitRecord
from dondoc.tracking.permissions import Role
from tests.support.tracking import confirmed_seed, ingest_seed, load_cantho_units, make_user

D = dt.date(2024, 10, 7)
UNITS = ["CT-CA", "Sở Y tế", "so tai chinh", "UBND phường Ninh Kiều", "CT-STP", "Công an thành phố"]
HEAD = [
    "STT",
    "Mã",
    "Nội dung nhiệm vụ",
    "Lĩnh vực",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời hạn",
    "Sản phẩm",
]


def _rows(n: int) -> list[list[object]]:
    return [
        [
            i,
            f"KH-{i:05d}",
            f"Triển khai nhiệm vụ số {i} về chuyển đổi số tại địa phương",
            "Chuyển đổi số" if i % 2 else "Cải cách hành chính",
            UNITS[i % len(UNITS)],
            "Sở Tư pháp; CT-SYT" if i % 3 == 0 else "",
            dt.datetime(2025, 1 + i % 12, 1 + i % 28)
            if i % 4
            else f"Quý {['I', 'II', 'III', 'IV'][i % 4]}/2025",
            "Báo cáo kết quả" if i % 5 == 0 else None,
        ]
        for i in range(1, n + 1)
    ]


def _xlsx(path: Path, rows: list[list[object]], *, title: str | None = "DANH MỤC NHIỆM VỤ NĂM 2025") -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    if title:
        ws.append([title])  # a title row above the heading, as offices make them
    ws.append(HEAD)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _count(store: Store, model: type) -> int:
    with store.reading() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_a_large_list_with_bad_rows_reports_them_all_and_writes_nothing(store: Store, tmp_path: Path) -> None:
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    directive_id, _ = confirmed_seed(store, office, on=D)
    rows = _rows(10_000)
    bad: dict[int, str] = {}  # spreadsheet row → the column that is wrong
    for k in range(20):
        i = 37 + k * 499  # spread through the list
        r = rows[i]
        if k % 4 == 0:
            r[2] = "   "
            bad[i + 3] = "Nội dung nhiệm vụ"
        elif k % 4 == 1:
            r[4] = "Sở Không Có Thật"
            bad[i + 3] = "Đơn vị chủ trì"
        elif k % 4 == 2:
            r[6] = "31/02/2025"
            bad[i + 3] = "Thời hạn"
        else:
            r[1] = rows[0][1]  # the id of the first row again
            bad[i + 3] = "Mã"
    path = _xlsx(tmp_path / "ds.xlsx", rows)
    tasks_before = _count(store, TaskRecord)
    result = task_import.import_tasks(store, office, path, directive_id, today=D)
    assert not result.written and len(result.errors) == 20
    assert {(e.row, e.column) for e in result.errors} == set(bad.items())
    assert all(e.reason for e in result.errors)
    assert _count(store, TaskRecord) == tasks_before  # nothing written
    # the same rows put right: all written at once
    good = _rows(10_000)
    result = task_import.import_tasks(store, office, _xlsx(tmp_path / "ok.xlsx", good), directive_id, today=D)
    assert result.written and result.new == 10_000 and not result.errors
    assert _count(store, TaskRecord) == tasks_before + 10_000
    with store.reading() as s:
        t = s.scalars(select(TaskRecord).where(TaskRecord.external_id == "KH-00004")).one()
        assert t.original_deadline == dt.date(2025, 3, 31) and t.deadline_text == "Quý I/2025"
        t1 = s.scalars(select(TaskRecord).where(TaskRecord.external_id == "KH-00001")).one()
        lead = s.scalars(
            select(UnitRecord.code)
            .join(AssignmentRecord, AssignmentRecord.unit_id == UnitRecord.id)
            .where(AssignmentRecord.task_id == t1.id, AssignmentRecord.role == "lead")
        ).one()
        assert lead == "CT-SYT"  # "Sở Y tế" by name
        t3 = s.scalars(select(TaskRecord).where(TaskRecord.external_id == "KH-00003")).one()
        support = set(
            s.scalars(
                select(UnitRecord.code)
                .join(AssignmentRecord, AssignmentRecord.unit_id == UnitRecord.id)
                .where(AssignmentRecord.task_id == t3.id, AssignmentRecord.role == "support")
            )
        )
        assert support == {"CT-STP", "CT-SYT"}
    # again: nothing changes; one row edited: one change
    again = task_import.import_tasks(store, office, _xlsx(tmp_path / "ok.xlsx", good), directive_id, today=D)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 10_000)
    good[9][2] = "Triển khai nhiệm vụ số 10, sửa lại"
    once = task_import.import_tasks(store, office, _xlsx(tmp_path / "ok.xlsx", good), directive_id, today=D)
    assert (once.new, once.changed) == (0, 1) and _count(store, TaskRecord) == tasks_before + 10_000


def test_a_dry_run_previews_and_an_export_reads_back_unchanged(store: Store, tmp_path: Path) -> None:
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    directive_id, _ = confirmed_seed(store, office, on=D)
    path = _xlsx(tmp_path / "ds.xlsx", _rows(30), title=None)
    dry = task_import.import_tasks(store, office, path, directive_id, today=D, dry_run=True)
    assert (dry.new, dry.written) == (30, False) and _count(store, BodyMentionRecord) > 0
    assert dry.columns["text"] == "Nội dung nhiệm vụ" and dry.columns["external_id"] == "Mã"
    # a list exported from dondoc: every task found again, nothing to change
    table = exports.directive_tasks(store, office, directive_id, as_of=D)
    out = tmp_path / "export.xlsx"
    out.write_bytes(exports.workbook(table))
    back = task_import.import_tasks(store, office, out, directive_id, today=D)
    assert (back.new, back.changed, back.unchanged) == (0, 0, len(table.rows))


def test_a_draft_gets_the_units_as_the_reviews_mappings(store: Store, tmp_path: Path) -> None:
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    draft = ingest_seed(store, office).directive_id
    path = tmp_path / "ds.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["noi dung", "don vi chu tri", "han"])  # headings without diacritics
        w.writerow(["Rà soát thủ tục hành chính", "Sở Tư pháp", "trước ngày 15/12/2024"])
    result = task_import.import_tasks(store, office, path, draft, today=D)
    assert result.new == 1
    with store.reading() as s:
        task = s.get(TaskRecord, result.task_ids[0])
        assert task is not None and task.original_deadline == dt.date(2024, 12, 14)
        mentions = s.scalars(select(BodyMentionRecord).where(BodyMentionRecord.task_id == task.id)).all()
        assert [(m.role, m.phrase, m.method) for m in mentions] == [("lead", "Sở Tư pháp", "manual")]
        assert not s.scalars(select(AssignmentRecord).where(AssignmentRecord.task_id == task.id)).all()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"a,b\n1,2\n", "no heading row"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"PK\x03\x04broken zip", "unreadable XLSX"),
        ("Nhiệm vụ,Thời hạn\n".encode(), "no task rows"),
    ],
)
def test_a_file_that_is_not_a_task_list_is_refused_whole(
    store: Store, tmp_path: Path, content: bytes, reason: str
) -> None:
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    directive_id, _ = confirmed_seed(store, office, on=D)
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(DondocError) as err:
        task_import.import_tasks(store, office, path, directive_id, today=D)
    assert err.value.code in (ErrorCode.TASKS_FILE, ErrorCode.INPUT_EMPTY) and reason in err.value.message


def test_only_the_office_imports(store: Store, tmp_path: Path) -> None:
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    police = make_user(store, "congan", Role.REPORTER, "CT-CA")
    directive_id, _ = confirmed_seed(store, office, on=D)
    with pytest.raises(DondocError) as err:
        task_import.import_tasks(store, police, _xlsx(tmp_path / "ds.xlsx", _rows(2)), directive_id, today=D)
    assert err.value.code is ErrorCode.FORBIDDEN
