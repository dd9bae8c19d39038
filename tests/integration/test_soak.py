"""The soak bench's one-minute version (issue 17): four server processes and two workers on
PostgreSQL under 200 simulated people. What must hold whatever the machine's speed: no
error, every upload read exactly once, the day's reminder run done once across the four
servers. Latency is the bench's figure (bench/soak.py, ten minutes), not asserted here:
a shared CI machine's timing is not the product's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PG_URL

pytestmark = pytest.mark.serial  # measures time or load: runs alone, after the parallel part (scripts/test)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.pg
def test_one_minute_soak_on_postgresql(pg_database: str, shared_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "soak.py"), "--users", "200", "--minutes", "1", "--pg", PG_URL],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
        env={**os.environ, "DONDOC_SHARED": str(shared_dir)},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    print({k: v for k, v in report.items() if k != "routes"})
    assert report["errors"] == 0, report["error_samples"]
    assert report["requests"] > 1000
    assert report["uploads"] > 0 and report["uploads_read_exactly_once"] == report["uploads"], report
    assert report["reminder_runs_today"] == 1
    assert report["queue_drained_in_s"] >= 0
