"""A day's reminders on a province-size install; prints JSON.

Usage: python bench/remind_bench.py [--engine sqlite|postgresql|both] [--units 2000]
       [--tasks 200000] [--pg-url URL]

The install of bench/store_bench.py (units, directives, tasks with deadlines over 900
days, half of them done, extensions, progress updates), plus a focal point per unit, a
leader per district and five office users. Then, for one working day:
- `plan`: what `dondoc remind --dry-run` does: read every open task with its deadline,
  apply the rule, group the notices into one digest per recipient and render them;
- `run`: the real run: the plan written (notices, outbox) and every in-app message
  delivered, each in its own transaction as it goes (the crash-safe way).
- `report_*`: the province-wide periodic report as of the same day: the data gathered
  (every task classified, the reasons, the extensions), then each format rendered.
Targets (issue 15): a day's reminders computed in ≤ 10 s; the province-wide report
rendered in ≤ 30 s.
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

from sqlalchemy import create_engine, func, select, text  # noqa: E402

from bench.pg import throwaway_database  # noqa: E402
from bench.store_bench import _generate, _units  # noqa: E402
from dondoc.config import Settings  # noqa: E402
from dondoc.services import reminders, reports  # noqa: E402
from dondoc.services.context import Store  # noqa: E402
from dondoc.store import migrate  # noqa: E402
from dondoc.store.records import OutboxRecord, ReminderNoticeRecord  # noqa: E402
from dondoc.tracking.permissions import Actor, Role  # noqa: E402

ADMIN = Actor(user_id=0, name="bench", role=Role.ADMIN)
DAY = dt.date(2025, 6, 30)  # a Monday, in the middle of the deadlines


def _users(url: str, n_units: int) -> int:
    units = _units(n_units)
    rows = []
    uid = 0
    for unit_id, code, _name, kind, _parent, _path in units:
        uid += 1
        role = "leader" if kind in ("province", "district") else "reporter"
        rows.append((uid, f"u-{code.lower()}", f"Đầu mối {code}", "x", role, unit_id, True, DAY))
    for k in range(5):
        uid += 1
        rows.append((uid, f"office-{k}", f"Văn phòng {k}", "x", "office", None, True, DAY))
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (id, username, full_name, password_hash, role, unit_id, active,"
                " created_at) VALUES (:id, :u, :f, :p, :r, :unit, :a, :c)"
            ),
            [dict(zip(("id", "u", "f", "p", "r", "unit", "a", "c"), r, strict=True)) for r in rows],
        )
    engine.dispose()
    return len(rows)


def bench(url: str, args: argparse.Namespace, data_dir: Path) -> dict[str, object]:
    settings = Settings(database_url=url, data_dir=data_dir, reminder_check_minutes=0)
    store = Store.open(settings)
    migrate.upgrade(store.engine)
    figures: dict[str, object] = _generate(url, args.units, args.tasks, args.tasks * 2)
    figures["users"] = _users(url, args.units)
    t0 = time.perf_counter()
    planned = reminders.run(store, ADMIN, day=DAY, dry_run=True)
    figures["plan_s"] = round(time.perf_counter() - t0, 2)
    figures["notices"] = planned.notices
    figures["messages"] = len(planned.messages)
    t0 = time.perf_counter()
    done = reminders.run(store, ADMIN, day=DAY, channels={})
    figures["run_s"] = round(time.perf_counter() - t0, 2)
    with store.reading() as s:
        figures["notices_written"] = s.scalar(select(func.count()).select_from(ReminderNoticeRecord))
        figures["sent"] = s.scalar(
            select(func.count()).select_from(OutboxRecord).where(OutboxRecord.state == "sent")
        )
    assert done.notices == planned.notices
    t0 = time.perf_counter()
    doc = reports.periodic(store, ADMIN, as_of=DAY, issuer_code="P")
    figures["report_data_s"] = round(time.perf_counter() - t0, 2)
    for fmt in ("docx", "xlsx", "pdf"):
        t0 = time.perf_counter()
        data = reports.render(doc, fmt)
        figures[f"report_{fmt}_s"] = round(time.perf_counter() - t0, 2)
        figures[f"report_{fmt}_kb"] = len(data) // 1024
    figures["report_overdue_rows"] = next(
        (len(t.rows) for t in doc.tables if t.title.startswith("Bảng 3")), 0
    )
    figures["report_units_rows"] = next(
        (len(t.rows) for t in doc.appendix if t.title.startswith("Bảng 1")), 0
    )
    store.engine.dispose()
    return figures


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--units", type=int, default=2000)
    ap.add_argument("--tasks", type=int, default=200_000)
    ap.add_argument("--pg-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = ap.parse_args()
    out: dict[str, object] = {"units": args.units, "tasks": args.tasks, "day": DAY.isoformat()}
    with tempfile.TemporaryDirectory() as tmp:
        if args.engine in ("sqlite", "both"):
            out["sqlite"] = bench(f"sqlite:///{tmp}/remind.sqlite3", args, Path(tmp))
        if args.engine in ("postgresql", "both"):
            with throwaway_database(args.pg_url, "dondoc_remind_bench") as url:
                out["postgresql"] = bench(url, args, Path(tmp))
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
