"""As-of bucket queries on a province-size install; prints JSON.

Usage: python bench/store_bench.py [--engine sqlite|postgresql|both] [--units 2000]
       [--tasks 200000] [--updates 1000000] [--pg-url URL] [--repeat 5] [--writes 300]
       [--only-writes]

Generates the install straight into the tables (a migrated, empty database: SQLite in a
temporary folder, or a throwaway PostgreSQL database), then times `buckets_as_of` — the
query behind `dondoc status` and the dashboards — for one unit (a commune-level unit, a
district-level unit with its sub-units) and for the whole tree. Best and median of
--repeat runs, after one warm-up run.

Then the cost of a write: --writes progress reports, each one use case (a transaction
with its update row and audit event, committed), made one after the other on the demo
install; on SQLite with `synchronous=FULL` (dondoc's setting: a commit is on disk when it
returns) and, for comparison, `NORMAL` (the last commits may be lost in a power cut).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine  # noqa: E402

from bench.pg import throwaway_database  # noqa: E402
from dondoc.config import Settings  # noqa: E402
from dondoc.services.context import Store  # noqa: E402
from dondoc.services.dashboards import buckets_as_of  # noqa: E402
from dondoc.store import migrate  # noqa: E402
from dondoc.tracking.permissions import Actor, Role  # noqa: E402

ADMIN = Actor(user_id=0, name="bench", role=Role.ADMIN)
D0 = dt.date(2024, 1, 1)


def _units(n: int) -> list[tuple[int, str, str, str, int | None, str]]:
    """A province: the root, about √n district-level units, communes under them."""
    rows = [(1, "P", "Tỉnh", "province", None, "/1/")]
    districts = max(1, int(n**0.5))
    for d in range(districts):
        uid = 2 + d
        rows.append((uid, f"D{d}", f"Huyện {d}", "district", 1, f"/1/{uid}/"))
    uid = 2 + districts
    while len(rows) < n:
        parent = rows[1 + (uid % districts)]
        rows.append((uid, f"C{uid}", f"Xã {uid}", "commune", parent[0], f"{parent[5]}{uid}/"))
        uid += 1
    return rows


def _generate(url: str, n_units: int, n_tasks: int, n_updates: int, seed: int = 7) -> dict[str, float]:
    rnd = random.Random(seed)
    engine = create_engine(url)
    t0 = time.perf_counter()
    units = _units(n_units)
    directives = max(1, n_tasks // 1000)
    tasks, assigns, exts, updates = [], [], [], []
    ext_id = upd_id = 0
    for tid in range(1, n_tasks + 1):
        did = 1 + (tid - 1) % directives
        deadline = D0 + dt.timedelta(days=rnd.randrange(0, 900))
        done = verified = None
        if rnd.random() < 0.5:
            done = deadline + dt.timedelta(days=rnd.randrange(-60, 30))
            verified = done + dt.timedelta(days=rnd.randrange(0, 10))
        current = deadline
        if rnd.random() < 0.1:
            ext_id += 1
            current = deadline + dt.timedelta(days=60)
            decided = deadline - dt.timedelta(days=rnd.randrange(1, 20))
            exts.append(
                (
                    ext_id,
                    tid,
                    0,
                    decided - dt.timedelta(days=3),
                    "bench",
                    current,
                    deadline,
                    "approved",
                    decided,
                )
            )
        tasks.append((tid, did, tid, f"Nhiệm vụ {tid}", deadline, current, done, verified))
        lead = units[rnd.randrange(1, len(units))][0]
        assigns.append((2 * tid - 1, tid, lead, "lead", D0))
        support = units[rnd.randrange(1, len(units))][0]
        if support != lead:
            assigns.append((2 * tid, tid, support, "support", D0))
    per_task = max(1, n_updates // n_tasks)
    for tid in range(1, n_tasks + 1):
        for k in range(per_task):
            upd_id += 1
            updates.append(
                (upd_id, tid, assigns[0][2], D0 + dt.timedelta(days=30 * k), "in_progress", 20.0 * k)
            )
    gen_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    with engine.begin() as conn:
        tables = _tables(units, directives, tasks, assigns, exts, updates)
        if engine.dialect.name == "sqlite":
            _load_sqlite(conn, tables)
        else:
            _load_postgresql(conn, tables)
    load_s = time.perf_counter() - t0
    engine.dispose()
    return {"generate_s": round(gen_s, 1), "load_s": round(load_s, 1)}


def _tables(units, directives, tasks, assigns, exts, updates):  # type: ignore[no-untyped-def]
    """(table, columns, rows) in load order, every column given."""
    blobs = [(f"b{d}", 0, D0) for d in range(1, directives + 1)]
    directive_rows = [
        (d, f"b{d}", "f", "text", "", "utf-8", "{}", "0", "confirmed", D0, D0, 1)
        for d in range(1, directives + 1)
    ]
    return [
        ("units", ("id", "code", "name", "kind", "parent_id", "path"), units),
        ("blobs", ("sha256", "size", "created_at"), blobs),
        (
            "directives",
            (
                "id",
                "source_sha256",
                "file_name",
                "source_kind",
                "source_text",
                "encoding",
                "extraction",
                "extractor_version",
                "state",
                "created_at",
                "confirmed_on",
                "version",
            ),
            directive_rows,
        ),
        (
            "tasks",
            (
                "id",
                "directive_id",
                "position",
                "text",
                "original_deadline",
                "current_deadline",
                "done_on",
                "verified_on",
                "is_key",
                "weight",
                "status_key",
                "version",
            ),
            [(*t, False, 1.0, "in_progress", 1) for t in tasks],
        ),
        ("assignments", ("id", "task_id", "unit_id", "role", "assigned_on"), assigns),
        (
            "extension_requests",
            (
                "id",
                "task_id",
                "unit_id",
                "requested_on",
                "reason",
                "proposed_deadline",
                "previous_deadline",
                "state",
                "decided_on",
                "version",
            ),
            [(e[0], e[1], 1, *e[3:], 1) for e in exts],
        ),
        (
            "progress_updates",
            (
                "id",
                "task_id",
                "unit_id",
                "reported_on",
                "status_key",
                "percent",
                "narrative",
                "difficulties",
                "proposals",
                "review",
                "created_at",
                "version",
            ),
            [(*u, "", "", "", "none", D0, 1) for u in updates],
        ),
    ]


def _load_sqlite(conn, tables) -> None:  # type: ignore[no-untyped-def]
    cur = conn.connection.driver_connection.cursor()
    for table, columns, rows in tables:
        marks = ", ".join("?" * len(columns))
        cur.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
    cur.execute("ANALYZE")


def _load_postgresql(conn, tables) -> None:  # type: ignore[no-untyped-def]
    with conn.connection.driver_connection.cursor() as cur:
        for table, columns, rows in tables:
            with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        cur.execute("ANALYZE")


def _time(fn, repeat: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    fn()  # warm-up: connection, caches
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t0) * 1000)
    return {"best_ms": round(min(runs), 1), "median_ms": round(statistics.median(runs), 1)}


def bench(url: str, args: argparse.Namespace, data_dir: Path) -> dict[str, object]:
    store = Store.open(Settings(database_url=url, data_dir=data_dir))
    migrate.upgrade(store.engine)
    figures: dict[str, object] = _generate(url, args.units, args.tasks, args.updates)
    as_of = dt.date(2025, 6, 30)
    whole = buckets_as_of(store, ADMIN, as_of)
    figures["tasks_in_tree"] = sum(whole.totals.values())
    figures["unit_commune"] = _time(
        lambda: buckets_as_of(store, ADMIN, as_of, unit_code=f"C{args.units // 2}"), args.repeat
    )
    figures["unit_district_subtree"] = _time(
        lambda: buckets_as_of(store, ADMIN, as_of, unit_code="D3"), args.repeat
    )
    figures["whole_tree"] = _time(lambda: buckets_as_of(store, ADMIN, as_of), args.repeat)
    store.engine.dispose()
    return figures


def _writes(url: str, data_dir: Path, n: int, synchronous: str | None) -> dict[str, float]:
    """n progress reports in a row on the demo; milliseconds per report."""
    from sqlalchemy import event

    from dondoc.services import progress
    from dondoc.services.demo import load_demo
    from dondoc.services.progress import Report
    from dondoc.services.users import actor_by_name
    from dondoc.store.records import AssignmentRecord, TaskRecord, UnitRecord

    store = Store.open(Settings(database_url=url, data_dir=data_dir))
    if synchronous is not None:  # after dondoc's own pragmas, on every new connection
        event.listen(store.engine, "connect", lambda c, _r: c.execute(f"PRAGMA synchronous = {synchronous}"))
    migrate.upgrade(store.engine)
    load_demo(store)
    reporter = actor_by_name(store, "ct-ca")
    with store.reading() as s:
        from sqlalchemy import select

        police = s.scalar(select(UnitRecord.id).where(UnitRecord.code == "CT-CA"))
        task = s.scalar(
            select(AssignmentRecord.task_id)
            .join(TaskRecord, TaskRecord.id == AssignmentRecord.task_id)
            .where(AssignmentRecord.unit_id == police, TaskRecord.verified_on.is_(None))
        )
    day = dt.date(2025, 1, 15)
    times = []
    for k in range(n):
        t0 = time.perf_counter()
        progress.report_progress(
            store, reporter, task, Report("in_progress", percent=float(k % 100)), today=day
        )
        times.append((time.perf_counter() - t0) * 1000)
    store.engine.dispose()
    times.sort()
    return {
        "writes": n,
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * (n - 1))], 2),
        "per_second": round(1000 * n / sum(times), 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--units", type=int, default=2000)
    ap.add_argument("--tasks", type=int, default=200_000)
    ap.add_argument("--updates", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pg-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    ap.add_argument(
        "--keep", action="store_true", help="keep the PostgreSQL database dondoc_bench afterwards"
    )
    ap.add_argument("--writes", type=int, default=300, help="progress reports timed one by one")
    ap.add_argument("--only-writes", action="store_true", help="skip the bucket queries")
    args = ap.parse_args()
    out: dict[str, object] = {"units": args.units, "tasks": args.tasks, "updates": args.updates}
    if args.writes and args.engine in ("sqlite", "both"):
        for mode in ("FULL", "NORMAL"):
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite:///{tmp}/writes.sqlite3"
                out[f"sqlite_writes_synchronous_{mode.lower()}"] = _writes(
                    url, Path(tmp), args.writes, None if mode == "FULL" else mode
                )
    if args.only_writes:
        print(json.dumps(out, indent=2))
        return
    with tempfile.TemporaryDirectory() as tmp:
        if args.engine in ("sqlite", "both"):
            out["sqlite"] = bench(f"sqlite:///{tmp}/bench.sqlite3", args, Path(tmp))
        if args.engine in ("postgresql", "both"):
            with throwaway_database(args.pg_url, "dondoc_bench", keep=args.keep) as url:
                out["postgresql"] = bench(url, args, Path(tmp))
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
