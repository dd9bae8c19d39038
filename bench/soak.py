"""The install as a province runs it, under a steady crowd; prints JSON.

Usage: python bench/soak.py [--users 200] [--minutes 10] [--servers 4] [--workers 2]
       [--pg postgresql://postgres@127.0.0.1:5432/test] [--think 0.5,3.5]

On a PostgreSQL database of its own (bench/pg.py): the demo, stored files in the
database, one `dondoc serve --workers SERVERS` (uvicorn processes) and WORKERS
`dondoc worker` processes, every server checking the day's reminders every minute. Then
USERS simulated people for MINUTES, each acting and then thinking for a random time:
offices (a fifth: their desk, the task list, search, the dashboard, uploads of texts and
now and then a scan), units' focal points (three fifths: their tasks, a task, progress
reports with a piece of evidence) and leaders (a fifth: the dashboard and its task lists
as pages, in a logged-in browser session). Afterwards the queue is left to drain.

Reports per route p50/p95/p99 and counts, errors (5xx, unexpected 4xx, connection
failures), and the checks: every upload read exactly once (its queue job done on its
first attempt, one directive for its bytes), the reminder run done once for the day.
Targets (issue 17, this 2-core machine, load generator included): reads p95 ≤ 300 ms,
writes p95 ≤ 500 ms, 0 errors.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import datetime as dt
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402

from bench.pg import throwaway_database  # noqa: E402
from dondoc.config import Settings  # noqa: E402
from dondoc.services import reminders, users  # noqa: E402
from dondoc.services.context import SYSTEM, Store  # noqa: E402
from dondoc.services.demo import DEMO_PASSWORD, load_demo, seed_path  # noqa: E402
from dondoc.store import migrate  # noqa: E402
from dondoc.store.records import DirectiveRecord, JobRecord, ReadingJobRecord, ReminderRunRecord  # noqa: E402
from dondoc.tracking.permissions import Role  # noqa: E402

SHARED = Path(os.environ.get("DONDOC_SHARED", ROOT.parent / "shared"))
WORDS = ["giải ngân", "chuyển đổi số", "an ninh", "dang uy", "UBND", "kiểm tra", "quý IV", "ngân sách"]


@dataclass
class Results:
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    samples: list[str] = field(default_factory=list)
    uploads: dict[int, str] = field(default_factory=dict)  # reading job → sha256

    def record(
        self, route: str, started: float, response: httpx.Response | None, ok: tuple[int, ...]
    ) -> None:
        self.latency[route].append((time.perf_counter() - started) * 1000)
        if response is None or response.status_code not in ok:
            self.errors[route] += 1
            if len(self.samples) < 20:
                status = "no answer" if response is None else f"{response.status_code} {response.text[:200]}"
                self.samples.append(f"{route}: {status}")


@dataclass
class People:
    office: str  # API token
    reporters: list[tuple[str, list[int]]]  # (token, the unit's task ids)
    leaders: list[str]  # user names: each leader logs in with an account of their own
    leader_password: str


def _prepare(store: Store, n_leaders: int) -> People:
    migrate.upgrade(store.engine)
    load_demo(store)
    # reminders may go out at any hour of this run (the day's run is what is checked)
    reminders.set_setting(store, SYSTEM, "hours", {"start": "00:00", "end": "23:59"})
    today = dt.datetime.now(reminders.VIETNAM).date()  # and on any day, weekends too
    reminders.set_setting(store, SYSTEM, "calendar", {"extra_workdays": [today.isoformat()]})
    office = users.create_token(store, SYSTEM, username="vanphong", name="soak")
    with store.reading() as s:
        rows = s.execute(
            text(
                "SELECT u.code, a.task_id FROM assignments a JOIN units u ON u.id = a.unit_id "
                "WHERE a.role = 'lead' ORDER BY u.code, a.task_id"
            )
        ).all()
    by_unit: dict[str, list[int]] = defaultdict(list)
    for code, task_id in rows:
        by_unit[code].append(task_id)
    reporters = []
    for code, tasks in by_unit.items():
        name = f"soak-{code.lower()}"
        users.create_user(
            store,
            SYSTEM,
            username=name,
            full_name=name,
            password=DEMO_PASSWORD,
            role=Role.REPORTER,
            unit_code=code,
        )
        reporters.append((users.create_token(store, SYSTEM, username=name, name="soak"), tasks))
    leaders = []
    for n in range(max(1, n_leaders)):
        name = f"soak-leader-{n}"
        users.create_user(
            store,
            SYSTEM,
            username=name,
            full_name=name,
            password=DEMO_PASSWORD,
            role=Role.LEADER,
            unit_code="CT",
        )
        leaders.append(name)
    return People(office, reporters, leaders, DEMO_PASSWORD)


async def _call(
    client: httpx.AsyncClient,
    results: Results,
    route: str,
    method: str,
    url: str,
    *,
    ok: tuple[int, ...] = (200,),
    **kw: object,
) -> httpx.Response | None:
    started = time.perf_counter()
    try:
        response = await client.request(method, url, **kw)  # type: ignore[arg-type]
    except httpx.HTTPError:
        results.record(route, started, None, ok)
        return None
    results.record(route, started, response, ok)
    return response


async def _office(
    base: str, people: People, results: Results, until: float, rng: random.Random, think: tuple[float, float]
) -> None:
    seed = seed_path().read_bytes()
    scan = (SHARED / "corpus/dev/nq-115-cp-2026-scan.pdf").read_bytes()
    headers = {"Authorization": f"Bearer {people.office}"}
    async with httpx.AsyncClient(base_url=f"{base}/api/v1", headers=headers, timeout=60) as c:
        while time.monotonic() < until:
            roll = rng.random()
            if roll < 0.02:  # an upload now and then; one in five a scan (OCR)
                is_scan = rng.random() < 0.2
                tail = f"\n% soak {rng.random()}\n".encode()
                data = (scan if is_scan else seed) + tail
                name, kind = ("scan.pdf", "application/pdf") if is_scan else ("ct.txt", "text/plain")
                r = await _call(
                    c,
                    results,
                    "POST /api/v1/directives",
                    "POST",
                    "/directives",
                    ok=(200, 201, 202),
                    files={"file": (name, data, kind)},
                )
                if r is not None and r.status_code in (200, 201, 202):
                    results.uploads[r.json()["id"]] = hashlib.sha256(data).hexdigest()
            elif roll < 0.3:
                await _call(c, results, "GET /api/v1/desk", "GET", "/desk")
            elif roll < 0.55:
                await _call(c, results, "GET /api/v1/tasks", "GET", "/tasks", params={"limit": 50})
            elif roll < 0.75:
                await _call(
                    c, results, "GET /api/v1/search", "GET", "/search", params={"q": rng.choice(WORDS)}
                )
            else:
                await _call(c, results, "GET /api/v1/dashboard", "GET", "/dashboard")
            await asyncio.sleep(rng.uniform(*think))


async def _reporter(
    base: str, people: People, results: Results, until: float, rng: random.Random, think: tuple[float, float]
) -> None:
    token, tasks = rng.choice(people.reporters)
    async with httpx.AsyncClient(
        base_url=f"{base}/api/v1", headers={"Authorization": f"Bearer {token}"}, timeout=60
    ) as c:
        while time.monotonic() < until:
            roll = rng.random()
            task = rng.choice(tasks)
            if roll < 0.35:
                await _call(c, results, "GET /api/v1/tasks", "GET", "/tasks", params={"limit": 20})
            elif roll < 0.75:
                await _call(c, results, "GET /api/v1/tasks/{id}", "GET", f"/tasks/{task}")
            else:
                evidence = f"%PDF-1.4 biên bản {rng.random()}".encode()
                await _call(
                    c,
                    results,
                    "POST /api/v1/tasks/{id}/progress",
                    "POST",
                    f"/tasks/{task}/progress",
                    ok=(201, 422),  # 422: the task was claimed done and awaits the office
                    json={
                        "percent": rng.randrange(10, 90),
                        "narrative": "Đơn vị đã triển khai, đang tổng hợp kết quả.",
                        "evidence": [
                            {"name": "bien-ban.pdf", "content_base64": base64.b64encode(evidence).decode()}
                        ],
                    },
                )
            await asyncio.sleep(rng.uniform(*think))


async def _leader(
    base: str, people: People, results: Results, until: float, rng: random.Random, think: tuple[float, float]
) -> None:
    leader = rng.choice(people.leaders)
    async with httpx.AsyncClient(base_url=base, timeout=60) as c:
        for _ in range(5):  # a login that failed (a time-out) is tried again, as a person would
            login = await _call(c, results, "GET /login", "GET", "/login")
            token = re.search(r'name="csrf" value="([^"]+)"', login.text if login is not None else "")
            if token is None:
                continue
            r = await _call(
                c,
                results,
                "POST /login",
                "POST",
                "/login",
                ok=(303,),
                data={"csrf": token.group(1), "username": leader, "password": people.leader_password},
            )
            if r is not None and r.status_code == 303:
                break
        while time.monotonic() < until:
            if rng.random() < 0.6:
                await _call(c, results, "GET /dashboard", "GET", "/dashboard")
            else:
                bucket = rng.choice(["overdue", "due_soon", "open_in_term", "done_on_time"])
                await _call(
                    c, results, "GET /dashboard/tasks", "GET", "/dashboard/tasks", params={"bucket": bucket}
                )
            await asyncio.sleep(rng.uniform(*think))


async def _crowd(base: str, people: People, n: int, seconds: float, think: tuple[float, float]) -> Results:
    results = Results()
    until = time.monotonic() + seconds
    tasks = []
    for i in range(n):
        rng = random.Random(i)
        role = _office if i % 5 == 0 else _leader if i % 5 == 1 else _reporter
        tasks.append(asyncio.create_task(role(base, people, results, until, rng, think)))
        await asyncio.sleep(min(0.05, seconds / n / 4))  # people arrive over the first seconds
    await asyncio.gather(*tasks)
    return results


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * p / 100))], 1) if values else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--servers", type=int, default=4)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument(
        "--pg",
        default=os.environ.get("DONDOC_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    )
    ap.add_argument(
        "--think", default="3,12", help="seconds a person reads before the next action (uniform: min,max)"
    )
    ap.add_argument("--log", type=Path, help="keep the servers' and workers' log here")
    args = ap.parse_args()
    think = tuple(float(x) for x in args.think.split(","))
    assert len(think) == 2
    with (
        throwaway_database(args.pg, "dondoc_soak") as url,
        tempfile.TemporaryDirectory(prefix="dondoc-soak-") as tmp,
    ):
        data = Path(tmp) / "data"
        settings = Settings(database_url=url, data_dir=data, file_store="database", background="workers")
        store = Store.open(settings)
        people = _prepare(store, args.users // 5 + 1)
        metrics_dir = Path(tmp) / "metrics"
        metrics_dir.mkdir()
        port = _free_port()
        env = {
            **os.environ,
            "DONDOC_DATABASE_URL": url,
            "DONDOC_DATA_DIR": str(data),
            "DONDOC_FILE_STORE": "database",
            "DONDOC_BACKGROUND": "workers",
            "DONDOC_REMINDER_CHECK_MINUTES": "1",
            "DONDOC_LOG_LEVEL": "warning",
            "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
        }
        log = open(Path(tmp) / "processes.log", "wb")  # noqa: SIM115 (open for the processes' lifetime)
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "dondoc",
                    "serve",
                    "--port",
                    str(port),
                    "--workers",
                    str(args.servers),
                ],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        ]
        procs += [
            subprocess.Popen(
                [sys.executable, "-m", "dondoc", "worker"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            for _ in range(args.workers)
        ]
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("the servers did not start")
                time.sleep(0.2)
            started = time.monotonic()
            results = asyncio.run(_crowd(base, people, args.users, args.minutes * 60, think))
            elapsed = time.monotonic() - started
            # the queue drains: what was uploaded is read
            drained_in = _drain(store)
            checks = _checks(store, results)
        finally:
            for p in procs:
                if p.poll() is None:
                    os.killpg(p.pid, signal.SIGTERM)
            for p in procs:
                try:
                    p.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)
            log.close()
            if args.log:
                shutil.copy(Path(tmp) / "processes.log", args.log)
            store.engine.dispose()
        routes = {
            route: {
                "requests": len(v),
                "p50_ms": _pct(v, 50),
                "p95_ms": _pct(v, 95),
                "p99_ms": _pct(v, 99),
                "errors": results.errors.get(route, 0),
            }
            for route, v in sorted(results.latency.items())
        }
        total = sum(len(v) for v in results.latency.values())
        reads = [x for r, v in results.latency.items() if r.startswith("GET") for x in v]
        writes = [x for r, v in results.latency.items() if not r.startswith("GET") for x in v]
        print(
            json.dumps(
                {
                    "users": args.users,
                    "seconds": round(elapsed),
                    "servers": args.servers,
                    "workers": args.workers,
                    "requests": total,
                    "req_per_s": round(total / elapsed, 1),
                    "errors": sum(results.errors.values()),
                    "error_samples": results.samples,
                    "reads_p95_ms": _pct(reads, 95),
                    "writes_p95_ms": _pct(writes, 95),
                    "routes": routes,
                    "queue_drained_in_s": drained_in,
                    **checks,
                },
                ensure_ascii=False,
                indent=1,
            )
        )


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _drain(store: Store) -> float:
    started = time.monotonic()
    while time.monotonic() - started < 600:
        with store.reading() as s:
            left = s.scalar(
                select(func.count()).select_from(JobRecord).where(JobRecord.state.in_(("queued", "running")))
            )
        if not left:
            return round(time.monotonic() - started, 1)
        time.sleep(0.5)
    return -1.0


def _checks(store: Store, results: Results) -> dict[str, object]:
    with store.reading() as s:
        once = 0
        problems = []
        for job_id, sha in results.uploads.items():
            reading = s.get(ReadingJobRecord, job_id)
            queued = s.get(JobRecord, reading.queue_job_id) if reading is not None else None
            directives = s.scalar(
                select(func.count()).select_from(DirectiveRecord).where(DirectiveRecord.source_sha256 == sha)
            )
            if (
                reading is not None
                and reading.state == "done"
                and queued is not None
                and queued.state == "done"
                and queued.attempts == 1
                and directives == 1
            ):
                once += 1
            elif len(problems) < 10:
                problems.append(
                    {
                        "job": job_id,
                        "reading": reading and reading.state,
                        "queue": queued and (queued.state, queued.attempts),
                        "directives": directives,
                    }
                )
        today = dt.datetime.now(reminders.VIETNAM).date()
        runs = s.scalar(
            select(func.count()).select_from(ReminderRunRecord).where(ReminderRunRecord.day == today)
        )
    return {
        "uploads": len(results.uploads),
        "uploads_read_exactly_once": once,
        "upload_problems": problems,
        "reminder_runs_today": runs,
        "reminders_vietnam_day": today.isoformat(),
    }


if __name__ == "__main__":
    main()
