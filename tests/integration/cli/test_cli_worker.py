"""`dondoc worker` as a real process on both engines: it reads what the server queued,
and when it is killed (SIGKILL, its reading's child process with it) in the middle of a
scan, the next worker takes the reading up once the lease has passed and does it once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dondoc.config import Settings
from dondoc.services import reading_jobs
from dondoc.services.context import Store
from dondoc.services.demo import load_demo
from dondoc.services.users import actor_by_name
from dondoc.store import migrate
from dondoc.store.records import DirectiveRecord, JobRecord, ReadingJobRecord

pytestmark = pytest.mark.serial  # measures time or load: runs alone, after the parallel part (scripts/test)

LEASE = 3


def _env(db_url: str, data: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DONDOC_DATABASE_URL": db_url,
        "DONDOC_DATA_DIR": str(data),
        "DONDOC_BACKGROUND": "workers",
        "DONDOC_JOB_LEASE_SECONDS": str(LEASE),
    }


def _record(store: Store, job_id: int) -> tuple[ReadingJobRecord, JobRecord]:
    with store.reading() as s:
        record = s.get(ReadingJobRecord, job_id)
        assert record is not None
        queued = s.get(JobRecord, record.queue_job_id)
        assert queued is not None
        return record, queued


def test_a_killed_worker_s_reading_is_done_once_by_the_next(
    db_url: str, tmp_path: Path, shared_dir: Path
) -> None:
    data = tmp_path / "data"
    store = Store.open(
        Settings(database_url=db_url, data_dir=data, background="workers", job_lease_seconds=LEASE)
    )
    try:
        migrate.upgrade(store.engine)
        load_demo(store)
        office = actor_by_name(store, "vanphong")
        scan = tmp_path / "nq-115-cp-2026-scan.pdf"
        scan.write_bytes((shared_dir / "corpus/dev/nq-115-cp-2026-scan.pdf").read_bytes())
        job = reading_jobs.start_job(store, office, scan)
        with store.reading() as s:
            before = s.scalar(select(func.count()).select_from(DirectiveRecord))
        worker = subprocess.Popen(
            [sys.executable, "-m", "dondoc", "worker"],
            env=_env(db_url, data),
            start_new_session=True,  # its own process group: the reading's child dies with it
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            until = time.monotonic() + 60
            while _record(store, job)[0].state != "reading":
                assert time.monotonic() < until, "the worker did not start reading in a minute"
                assert worker.poll() is None, "the worker stopped"
                time.sleep(0.05)
        finally:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        record, queued = _record(store, job)
        assert (record.state, queued.state, queued.attempts) == ("reading", "running", 1)
        assert reading_jobs.job_view(store, office, job).state == "reading"  # not given up
        # the next worker: the dead one's lease runs out, and it reads the scan again
        until = time.monotonic() + 180
        while _record(store, job)[0].state != "done":
            assert time.monotonic() < until, "the reading was not taken up again"
            once = subprocess.run(
                [sys.executable, "-m", "dondoc", "worker", "--once"],
                env=_env(db_url, data),
                capture_output=True,
                text=True,
                check=False,
            )
            assert once.returncode == 0 and "Traceback" not in once.stderr, once.stderr
            time.sleep(0.5)
        record, queued = _record(store, job)
        assert (queued.state, queued.attempts) == ("done", 2)
        assert (record.pages_done, record.pages_total) == (2, 2) and record.directive_id is not None
        with store.reading() as s:
            assert s.scalar(select(func.count()).select_from(DirectiveRecord)) == before + 1
    finally:
        store.engine.dispose()


def test_backup_and_restore_from_the_command_line(tmp_path: Path) -> None:
    """The commands themselves (SQLite; both engines: services/test_backup.py): a backup,
    a restore into a new data folder, and one-line refusals."""
    source, target = tmp_path / "source", tmp_path / "target"

    def dondoc(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DONDOC_")}
        return subprocess.run(
            [sys.executable, "-m", "dondoc", "--data-dir", str(data), *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    assert dondoc(source, "demo").returncode == 0
    archive = tmp_path / "dondoc.tar"
    made = dondoc(source, "backup", str(archive))
    assert made.returncode == 0 and made.stdout.startswith(f"backed up to {archive}: sqlite"), made.stderr
    restored = dondoc(target, "restore", str(archive))
    assert restored.returncode == 0 and "restored from" in restored.stdout, restored.stderr
    status = dondoc(target, "status", "--as-of", "2025-03-01")  # the restored follow-up reads back
    assert (
        status.returncode == 0 and status.stdout == dondoc(source, "status", "--as-of", "2025-03-01").stdout
    )
    for args in (
        ("restore", str(archive)),
        ("backup", str(archive)),
        ("restore", str(tmp_path / "none.tar")),
    ):
        refused = dondoc(target, *args)
        lines = refused.stderr.strip().splitlines()
        assert refused.returncode == 1 and len(lines) == 1 and lines[0].startswith("error [E_"), (
            refused.stderr
        )
        assert "Traceback" not in refused.stderr
