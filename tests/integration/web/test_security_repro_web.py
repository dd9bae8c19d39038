"""Issue 13: every reproducer of the security probe uploaded to a running `dondoc serve`:
each reading ends within 10 s with the outcome the CLI gives, and the server — its
process tree, reading children included — stays under 500 MB throughout."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from dondoc.config import Settings
from dondoc.services import users
from dondoc.services.context import SYSTEM, Store
from dondoc.store import migrate
from dondoc.tracking.permissions import Role
from tests.integration.cli.test_security_repro import EXPECTED, PEAK_MB, WALL_SECONDS, repro_dir
from tests.support.memory import TreeWatch
from tests.support.servers import serving

pytestmark = pytest.mark.serial  # measures time or load: runs alone, after the parallel part (scripts/test)


def _outcome(client: httpx.Client, base: str, response: httpx.Response) -> str:
    """The reading's outcome: "read", or its error code; waits for a job still running."""
    if response.status_code >= 400:
        return str(response.json()["code"])
    job = response.json()
    deadline = time.monotonic() + 60
    while job["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.2)
        job = client.get(f"{base}/api/v1/jobs/{job['id']}").json()
    return "read" if job["state"] == "done" else str(job["error"]["code"])


def test_issue_13_every_reproducer_uploaded_to_a_running_server(shared_dir: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    store = Store.open(Settings(database_url=url, data_dir=data))
    migrate.upgrade(store.engine)
    users.create_user(
        store, SYSTEM, username="vp", full_name="vp", password="long enough pw", role=Role.OFFICE
    )
    token = users.create_token(store, SYSTEM, username="vp", name="probe")
    store.engine.dispose()
    client = httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=60)
    with serving(database_url=url, data_dir=data) as server, TreeWatch(server.pid) as watch:
        for name, expected in sorted(EXPECTED.items()):
            path = repro_dir(shared_dir) / name
            t0 = time.monotonic()
            r = client.post(f"{server.url}/api/v1/directives", files={"file": (name, path.read_bytes())})
            outcome = _outcome(client, server.url, r)
            took = time.monotonic() - t0
            print(f"{name}: {outcome} in {took:.2f} s, server tree so far {watch.peak_bytes / 2**20:.0f} MB")
            assert outcome == expected, name
            assert took < WALL_SECONDS, f"{name}: {took:.1f} s"
        assert client.get(f"{server.url}/api/v1/directives").status_code == 200  # still serving
    peak_mb = watch.peak_bytes / (1024 * 1024)
    print(f"server process tree peak: {peak_mb:.0f} MB")
    assert peak_mb < PEAK_MB
