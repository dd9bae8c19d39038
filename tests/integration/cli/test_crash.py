"""Crash safety with real processes, on SQLite (WAL) and PostgreSQL: a server and a worker
are killed (SIGKILL, with their process groups) at random moments while a client sends
progress reports with evidence and uploads directives, and restarted each time. At the
end, every write the client saw acknowledged is there with its file and its audit event,
every acknowledged upload was read exactly once (one directive for its bytes, its queue
job done), and the database passes its integrity checks.

`DONDOC_CRASH_POINTS` kill points per engine (default 8 in CI; the README's figure is 50)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select, text

from dondoc.config import Settings
from dondoc.services import users
from dondoc.services.context import SYSTEM, Store
from dondoc.services.demo import load_demo, seed_path
from dondoc.store import migrate
from dondoc.store.blobs import blob_path
from dondoc.store.records import (
    AuditEventRecord,
    DirectiveRecord,
    EvidenceRecord,
    JobRecord,
    ProgressUpdateRecord,
    ReadingJobRecord,
)
from tests.support.servers import free_port, wait_until_up

pytestmark = pytest.mark.serial  # measures time or load: runs alone, after the parallel part (scripts/test)

POINTS = int(os.environ.get("DONDOC_CRASH_POINTS", "8"))  # 50 for the figure in the README
LEASE = 2


@dataclass
class Acked:
    updates: dict[int, tuple[str, str]] = field(default_factory=dict)  # id → (narrative, evidence sha)
    uploads: dict[int, str] = field(default_factory=dict)  # reading job id → sha256 of the bytes
    lock: threading.Lock = field(default_factory=threading.Lock)


class Processes:
    """The server and the worker, each in a process group of its own."""

    def __init__(self, db_url: str, data: Path) -> None:
        self.env = {
            **os.environ,
            "DONDOC_DATABASE_URL": db_url,
            "DONDOC_DATA_DIR": str(data),
            "DONDOC_BACKGROUND": "workers",
            "DONDOC_JOB_LEASE_SECONDS": str(LEASE),
            "DONDOC_REMINDER_CHECK_MINUTES": "0",
        }
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = data.parent / "processes.log"
        self.server: subprocess.Popen[bytes] | None = None
        self.worker: subprocess.Popen[bytes] | None = None

    def _start(self, *args: str) -> subprocess.Popen[bytes]:
        with self.log.open("ab") as out:
            return subprocess.Popen(
                [sys.executable, "-m", "dondoc", *args],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def start_server(self) -> None:
        self.server = self._start("serve", "--port", str(self.port))
        wait_until_up(f"{self.url}/healthz", self.server, output=lambda: self.log.read_text(errors="replace"))

    def start_worker(self) -> None:
        self.worker = self._start("worker", "--scan-threads", "1")

    @staticmethod
    def kill(process: subprocess.Popen[bytes] | None) -> None:
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop(self) -> None:
        self.kill(self.server)
        self.kill(self.worker)


def _writer(
    proc: Processes, token: str, office: str, task_id: int, acked: Acked, stop: threading.Event
) -> None:
    """Reports and uploads as fast as the server takes them, until told to stop."""
    rng = random.Random()
    seed = seed_path().read_bytes()
    with httpx.Client(base_url=f"{proc.url}/api/v1", timeout=10) as client:
        while not stop.is_set():
            n = rng.randrange(10**12)
            try:
                if rng.random() < 0.7:
                    evidence = f"%PDF-1.4 bien ban {n}".encode()
                    r = client.post(
                        f"/tasks/{task_id}/progress",
                        headers={"Authorization": f"Bearer {token}"},
                        json={
                            "percent": rng.randrange(0, 99),
                            "narrative": f"crash {n}",
                            "evidence": [
                                {"name": f"bb-{n}.pdf", "content_base64": base64.b64encode(evidence).decode()}
                            ],
                        },
                    )
                    assert r.status_code in (201, 409, 503), r.text  # 409: another report won the race
                    if r.status_code == 201:
                        with acked.lock:
                            acked.updates[r.json()["id"]] = (
                                f"crash {n}",
                                hashlib.sha256(evidence).hexdigest(),
                            )
                else:
                    data = seed + f"\nBản sao {n}\n".encode()
                    r = client.post(
                        "/directives",
                        headers={"Authorization": f"Bearer {office}"},
                        files={"file": (f"ct-{n}.txt", data, "text/plain")},
                    )
                    if r.status_code in (200, 201, 202):
                        with acked.lock:
                            acked.uploads[r.json()["id"]] = hashlib.sha256(data).hexdigest()
            except httpx.HTTPError:
                time.sleep(0.02)  # the server is down: unacknowledged, try again


def test_killed_processes_lose_no_acknowledged_write_and_no_job(db_url: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    settings = Settings(database_url=db_url, data_dir=data, background="workers")
    store = Store.open(settings)
    try:
        migrate.upgrade(store.engine)
        load_demo(store)
        token = users.create_token(store, SYSTEM, username="ct-ca", name="crash")
        office = users.create_token(store, SYSTEM, username="vanphong", name="crash")
        with store.reading() as s:
            task_id = s.scalar(
                text(
                    "SELECT a.task_id FROM assignments a JOIN units u ON u.id = a.unit_id "
                    "JOIN tasks t ON t.id = a.task_id JOIN statuses st ON st.key = t.status_key "
                    "WHERE u.code = 'CT-CA' AND a.role = 'lead' AND st.status_group = 'open' "
                    "AND NOT EXISTS (SELECT 1 FROM progress_updates p "
                    "WHERE p.task_id = t.id AND p.review = 'pending') "
                    "ORDER BY a.task_id"
                )
            )
        assert task_id is not None
        proc = Processes(db_url, data)
        acked = Acked()
        rng = random.Random(17)
        proc.start_server()
        proc.start_worker()
        try:
            for point in range(POINTS):
                stop = threading.Event()
                writer = threading.Thread(target=_writer, args=(proc, token, office, task_id, acked, stop))
                writer.start()
                time.sleep(rng.uniform(0.05, 0.6))
                victim = "server" if point % 2 == 0 else "worker"
                proc.kill(proc.server if victim == "server" else proc.worker)
                stop.set()
                writer.join()
                if victim == "server":
                    proc.start_server()
                else:
                    proc.start_worker()
            # the last worker finishes what is queued, lost work included (after its lease)
            deadline = time.monotonic() + 300
            while True:
                with store.reading() as s:
                    open_jobs = s.scalar(
                        select(func.count())
                        .select_from(JobRecord)
                        .where(JobRecord.state.in_(("queued", "running")))
                    )
                if not open_jobs:
                    break
                assert time.monotonic() < deadline, f"{open_jobs} jobs never finished"
                time.sleep(0.5)
        finally:
            proc.stop()
        # enough work happened between the kills (the writer waits out uploads and restarts)
        assert len(acked.updates) >= max(3, POINTS // 2) and len(acked.uploads) >= max(1, POINTS // 10), (
            len(acked.updates),
            len(acked.uploads),
        )
        _check(store, acked)
    finally:
        store.engine.dispose()


def _check(store: Store, acked: Acked) -> None:
    with store.reading() as s:
        # every acknowledged report is there, with its evidence on disk and its audit event
        found = {
            u.id: u.narrative
            for u in s.scalars(
                select(ProgressUpdateRecord).where(ProgressUpdateRecord.id.in_(list(acked.updates)))
            )
        }
        assert found == {i: narrative for i, (narrative, _) in acked.updates.items()}
        evidence = {e.update_id: e.sha256 for e in s.scalars(select(EvidenceRecord))}
        for update_id, (_, sha) in acked.updates.items():
            assert evidence[update_id] == sha and blob_path(store.data_dir, sha).is_file()
        audited = {
            json.loads(a.after or "{}").get("update")
            for a in s.scalars(select(AuditEventRecord).where(AuditEventRecord.action == "progress.report"))
        }
        all_updates = set(s.scalars(select(ProgressUpdateRecord.id)))
        assert audited == all_updates  # the audit log matches the records, acknowledged or not
        # every acknowledged upload read once: its job done, one directive for its bytes
        for job_id, sha in acked.uploads.items():
            reading = s.get(ReadingJobRecord, job_id)
            assert reading is not None and reading.state == "done", (job_id, reading and reading.state)
            queued = s.get(JobRecord, reading.queue_job_id)
            assert queued is not None and queued.state == "done"
            assert (
                s.scalar(
                    select(func.count())
                    .select_from(DirectiveRecord)
                    .where(DirectiveRecord.source_sha256 == sha)
                )
                == 1
            )
        assert not s.scalar(select(func.count()).select_from(JobRecord).where(JobRecord.state == "failed"))
    # the database's own checks
    with store.engine.connect() as conn:
        if store.engine.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        else:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS amcheck"))
            indexes = (
                conn.execute(
                    text(
                        "SELECT c.oid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                        "JOIN pg_am am ON am.oid = c.relam "
                        "WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace"
                    )
                )
                .scalars()
                .all()
            )
            for oid in indexes:
                conn.execute(text("SELECT bt_index_check(:oid, true)"), {"oid": oid})
            conn.commit()
