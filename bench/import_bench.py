"""Importing an office's task list of --rows rows (XLSX) into a confirmed directive; prints JSON.

Usage: python bench/import_bench.py [--rows 10000] [--engine sqlite|postgresql|both] [--pg-url URL]

The list has a title row, the usual headings, a unit by code or by name on every row, a
second unit on a third of them, a date or a "Quý …/2025" deadline. Timed: the preview
(read and check every row, nothing written) and the import (the same, then every task,
its assignments and its search entry written in one transaction), then the same list
imported again (nothing to change).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402

from bench.pg import throwaway_database  # noqa: E402
from dondoc.config import Settings  # noqa: E402
from dondoc.services import task_import  # noqa: E402
from dondoc.services.context import Store  # noqa: E402
from dondoc.store import migrate  # noqa: E402
from dondoc.tracking.permissions import Role  # noqa: E402
from tests.support.tracking import confirmed_seed, load_cantho_units, make_user  # noqa: E402

UNITS = ["CT-CA", "Sở Y tế", "so tai chinh", "UBND phường Ninh Kiều", "CT-STP", "Công an thành phố"]


def write_list(path: Path, n: int) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["DANH MỤC NHIỆM VỤ NĂM 2025"])
    ws.append(["STT", "Mã", "Nội dung nhiệm vụ", "Lĩnh vực", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"])
    for i in range(1, n + 1):
        ws.append(
            [
                i,
                f"KH-{i:05d}",
                f"Triển khai nhiệm vụ số {i} về chuyển đổi số, cải cách hành chính tại địa phương",
                "Chuyển đổi số" if i % 2 else "Cải cách hành chính",
                UNITS[i % len(UNITS)],
                "Sở Tư pháp; CT-SYT" if i % 3 == 0 else "",
                dt.datetime(2025, 1 + i % 12, 1 + i % 28) if i % 4 else "Quý IV/2025",
            ]
        )
    wb.save(path)
    return path


def bench(url: str, rows: int, tmp: Path) -> dict[str, float]:
    store = Store.open(Settings(database_url=url, data_dir=tmp / "data"))
    migrate.upgrade(store.engine)
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    directive_id, _ = confirmed_seed(store, office, on=dt.date(2024, 10, 7))
    path = write_list(tmp / "list.xlsx", rows)
    day = dt.date(2024, 10, 8)
    out: dict[str, float] = {}
    t0 = time.perf_counter()
    preview = task_import.import_tasks(store, office, path, directive_id, today=day, dry_run=True)
    out["preview_s"] = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    done = task_import.import_tasks(store, office, path, directive_id, today=day)
    out["import_s"] = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    again = task_import.import_tasks(store, office, path, directive_id, today=day)
    out["again_s"] = round(time.perf_counter() - t0, 2)
    assert preview.new == done.new == rows and again.unchanged == rows
    store.engine.dispose()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--pg-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = ap.parse_args()
    out: dict[str, object] = {"rows": args.rows}
    with tempfile.TemporaryDirectory() as tmp:
        if args.engine in ("sqlite", "both"):
            out["sqlite"] = bench(f"sqlite:///{tmp}/import.sqlite3", args.rows, Path(tmp))
        if args.engine in ("postgresql", "both"):
            with throwaway_database(args.pg_url, "dondoc_import_bench") as url:
                out["postgresql"] = bench(url, args.rows, Path(tmp))
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
