"""The web app under load at province size; prints JSON.

Usage: python bench/web_bench.py [--tasks 20000] [--units 2000] [--updates 100000]
       [--connections 200,50] [--seconds 15] [--writes-per-s 1]

Builds a SQLite install with bench/store_bench.py's generator, adds an office user and a
commune's focal point, starts `dondoc serve --workers 2` (uvicorn processes) and drives it with wrk,
then with ApacheBench (Debian packages `wrk` and `apache2-utils`, installed by scripts/setup):
the dashboard (office session), the task list API (bearer token, 50 tasks a page) and a
unit inbox (the focal point's session), each for --seconds with each number of
--connections concurrent clients in turn; then the dashboard again while an admin posts
--writes-per-s progress reports through the API (each one changes the data version; the
dashboard, keyed only on events that can move a bucket, should stay cached). Reports
p50/p95/p99 latency, requests per second and errors (non-2xx/3xx answers and socket
errors) from each tool.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from sqlalchemy import select  # noqa: E402

from bench.store_bench import _generate  # noqa: E402
from dondoc.config import Settings  # noqa: E402
from dondoc.services.context import SYSTEM, Store  # noqa: E402
from dondoc.services.users import create_token, create_user  # noqa: E402
from dondoc.store import migrate  # noqa: E402
from dondoc.store.records import AssignmentRecord, DirectiveRecord, TaskRecord  # noqa: E402
from dondoc.tracking.permissions import Role  # noqa: E402

PASSWORD = "bench-password"
LUA = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("JSON {\\"p50_ms\\": %.1f, \\"p95_ms\\": %.1f, \\"p99_ms\\": %.1f, "
    .. "\\"requests\\": %d, \\"req_per_s\\": %.1f, \\"errors\\": %d}\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.requests / (summary.duration / 1e6), errors))
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _login(base: str, user: str) -> str:
    with httpx.Client(base_url=base) as client:
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
        assert token is not None
        r = client.post("/login", data={"csrf": token.group(1), "username": user, "password": PASSWORD})
        assert r.status_code in (200, 303), r.status_code
        return f"dondoc_session={client.cookies['dondoc_session']}"


def _drain(base: str) -> None:
    """Wait until the server has worked off the previous run's backlog."""
    for _ in range(600):
        try:
            if httpx.get(f"{base}/login", timeout=0.5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)


def _load(url: str, command: list[str]) -> str:
    """Run a load tool on `url` once the server has worked off the previous run; its output."""
    _drain(url.split("/", 3)[0] + "//" + url.split("/", 3)[2])
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _wrk(url: str, header: str, args: argparse.Namespace, script: Path) -> dict[str, float]:
    out = _load(
        url,
        [
            "wrk",
            "-t2",
            f"-c{args.clients}",
            f"-d{args.seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            "-H",
            header,
            url,
        ],
    )
    line = next(x for x in out.splitlines() if x.startswith("JSON "))
    result: dict[str, float] = json.loads(line[5:])
    print(args.clients, url.split("?")[0], result, file=sys.stderr)
    return result


def _ab(url: str, header: str, args: argparse.Namespace) -> dict[str, float]:
    """The same load from ApacheBench (keep-alive), as a second opinion on latency: wrk's
    tail on this 2-core VM, shared with the server, is at times far above what its own
    throughput allows (Little's law: mean latency = clients / req/s), while ab and a
    per-connection client see every connection served in turn."""
    out = _load(
        url,
        [
            "ab",
            "-k",
            "-q",
            "-c",
            str(args.clients),
            "-t",
            str(args.seconds),
            "-n",
            "10000000",
            "-H",
            header,
            url,
        ],
    )
    pct = {int(m.group(1)): float(m.group(2)) for m in re.finditer(r"^\s+(\d+)%\s+(\d+)", out, re.M)}
    rate = re.search(r"Requests per second:\s+([\d.]+)", out)
    failed = re.search(r"Failed requests:\s+(\d+)", out)
    non2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
    result = {
        "p50_ms": pct[50],
        "p95_ms": pct[95],
        "p99_ms": pct[99],
        "req_per_s": float(rate.group(1)) if rate else 0.0,
        "errors": (int(failed.group(1)) if failed else 0) + (int(non2xx.group(1)) if non2xx else 0),
    }
    print(args.clients, url.split("?")[0], "ab", result, file=sys.stderr)
    return result


class Writer:
    """Progress reports posted through the API at a steady rate while the load runs: each
    one changes the data version (the inbox and the task API are computed again) but moves
    no timeliness bucket (the dashboard should stay cached)."""

    def __init__(self, base: str, token: str, task_id: int, per_second: float) -> None:
        self.base, self.token, self.task_id, self.period = base, token, task_id, 1 / per_second
        self.stop = threading.Event()
        self.posted = self.failed = 0
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        headers = {"Authorization": f"Bearer {self.token}"}
        with httpx.Client(base_url=self.base, headers=headers, timeout=30) as client:
            percent = 0
            while not self.stop.wait(self.period):
                percent = (percent + 1) % 100
                r = client.post(f"/api/v1/tasks/{self.task_id}/progress", json={"percent": percent})
                if r.status_code == 201:
                    self.posted += 1
                else:
                    self.failed += 1

    def __enter__(self) -> Writer:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=20_000)
    ap.add_argument("--units", type=int, default=2000)
    ap.add_argument("--updates", type=int, default=100_000)
    ap.add_argument(
        "--connections", default="200,50", help="concurrent clients; a comma-separated list runs each in turn"
    )
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--workers", type=int, default=2, help="server processes (dondoc serve --workers)")
    ap.add_argument(
        "--writes-per-s",
        type=float,
        default=1.0,
        help="progress reports per second during a second dashboard run (0: skip that run)",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/web.sqlite3"
        settings = Settings(database_url=url, data_dir=Path(tmp))
        store = Store.open(settings)
        migrate.upgrade(store.engine)
        _generate(url, args.units, args.tasks, args.updates)
        create_user(store, SYSTEM, username="office", full_name="Office", password=PASSWORD, role=Role.OFFICE)
        commune = f"C{args.units // 2}"
        create_user(
            store,
            SYSTEM,
            username="unit",
            full_name="Unit",
            password=PASSWORD,
            role=Role.REPORTER,
            unit_code=commune,
        )
        token = create_token(store, SYSTEM, username="office", name="bench")
        create_user(store, SYSTEM, username="writer", full_name="Writer", password=PASSWORD, role=Role.ADMIN)
        writer_token = create_token(store, SYSTEM, username="writer", name="bench writes")
        with store.reading() as s:
            written_task = s.scalar(
                select(TaskRecord.id)
                .join(DirectiveRecord)
                .join(AssignmentRecord)
                .where(DirectiveRecord.state == "confirmed", TaskRecord.verified_on.is_(None))
                .order_by(TaskRecord.id)
                .limit(1)
            )
        assert written_task is not None
        store.engine.dispose()
        port = _free_port()
        env = {**os.environ, "DONDOC_DATABASE_URL": url, "DONDOC_DATA_DIR": tmp}
        server = subprocess.Popen(
            [sys.executable, "-m", "dondoc", "serve", "--port", str(port), "--workers", str(args.workers)],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    httpx.get(f"{base}/login", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.2)
            script = Path(tmp) / "report.lua"
            script.write_text(LUA)
            office, unit = _login(base, "office"), _login(base, "unit")
            results: dict[str, object] = {
                "tasks": args.tasks,
                "units": args.units,
                "seconds": args.seconds,
                "workers": args.workers,
            }
            for clients in (int(c) for c in str(args.connections).split(",")):
                args.clients = clients
                endpoints = {
                    "dashboard": (f"{base}/dashboard?as_of=2025-06-30", f"Cookie: {office}"),
                    "task_list_api": (f"{base}/api/v1/tasks?limit=50", f"Authorization: Bearer {token}"),
                    "unit_inbox": (f"{base}/inbox", f"Cookie: {unit}"),
                }
                row: dict[str, object] = {
                    name: {"wrk": _wrk(url, header, args, script), "ab": _ab(url, header, args)}
                    for name, (url, header) in endpoints.items()
                }
                if args.writes_per_s > 0:
                    url, header = endpoints["dashboard"]
                    mixed: dict[str, object] = {}
                    for tool in ("wrk", "ab"):
                        with Writer(base, writer_token, written_task, args.writes_per_s) as w:
                            mixed[tool] = (
                                _wrk(url, header, args, script) if tool == "wrk" else _ab(url, header, args)
                            )
                        mixed[f"{tool}_writes"] = {"posted": w.posted, "failed": w.failed}
                    row["dashboard_with_writes"] = mixed
                results[f"{clients}_clients"] = row
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:  # requests still queued after wrk's timeouts
                server.kill()
                server.wait()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
