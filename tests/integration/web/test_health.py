"""The probes, the metrics page and the request id, on both engines: /healthz always,
/readyz only when the database answers with the code's schema, /metrics only with its
token (or from this machine), every answer with an X-Request-ID that the access log names."""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import warnings
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from dondoc.config import Settings
from dondoc.logs import JsonFormatter
from dondoc.services import jobs
from dondoc.services.context import Store
from dondoc.store import migrate
from dondoc.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

TOKEN = "a-metrics-token-of-enough-length"


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    settings = store.settings.model_copy(update={"metrics_token": TOKEN, "reminder_check_minutes": 0})
    yield TestClient(create_app(settings, store), raise_server_exceptions=False)


def test_healthz_answers_while_the_process_runs(client: TestClient) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


def test_readyz_needs_the_database_with_the_code_s_schema(client: TestClient, store: Store) -> None:
    r = client.get("/readyz")
    assert r.status_code == 200, r.text
    assert r.json() == {"status": "ready", "checks": {"database": "ok", "migrations": "ok", "files": "ok"}}
    with store.engine.begin() as conn:  # a database one migration behind the code
        conn.execute(text("UPDATE alembic_version SET version_num = '0017'"))
    try:
        r = client.get("/readyz")
        assert r.status_code == 503
        assert r.json()["checks"]["migrations"] == f"at 0017, code needs {migrate.head_revision()}"
    finally:
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": migrate.head_revision()})


def test_readyz_says_when_the_database_does_not_answer(store: Store) -> None:
    gone = Settings(
        database_url="postgresql://nobody@127.0.0.1:1/none",  # nothing listens on port 1
        data_dir=store.settings.data_dir,
        reminder_check_minutes=0,
    )
    client = TestClient(create_app(gone), raise_server_exceptions=False)
    r = client.get("/readyz")
    assert r.status_code == 503 and r.json()["checks"]["database"].startswith("unreachable")
    assert client.get("/healthz").status_code == 200  # the process itself is fine


def test_metrics_count_requests_by_route_and_the_queue_by_state(client: TestClient, store: Store) -> None:
    assert client.get("/metrics").status_code == 404  # no token: as if there were no page
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 404
    client.get("/healthz")
    client.get("/tasks/123")  # a route with an id: counted under its template
    queued = dataclasses.replace(store, settings=store.settings.model_copy(update={"background": "workers"}))
    jobs.enqueue(queued, "read", {"reading_job": 0, "sha256": "0" * 64})
    r = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    body = r.text
    assert 'dondoc_http_requests_total{method="GET",route="/healthz",status="200"}' in body
    assert 'route="/tasks/{task_id}"' in body and "/tasks/123" not in body
    assert 'dondoc_jobs{state="queued"} 1.0' in body
    assert "dondoc_http_request_duration_seconds_bucket" in body


def test_every_answer_has_a_request_id_that_the_access_log_names(client: TestClient) -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    access = logging.getLogger("dondoc.access")
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    try:
        given = client.get("/healthz", headers={"X-Request-ID": "req-42.a_b"})
        made = client.get("/login")
        odd = client.get("/healthz", headers={"X-Request-ID": "bad id\\with spaces"})
    finally:
        access.removeHandler(handler)
        access.setLevel(logging.NOTSET)
    assert given.headers["X-Request-ID"] == "req-42.a_b"
    assert len(made.headers["X-Request-ID"]) == 32
    assert odd.headers["X-Request-ID"] != "bad id\\with spaces" and len(odd.headers["X-Request-ID"]) == 32
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(e["request_id"], e["route"], e["status"]) for e in lines] == [
        ("req-42.a_b", "/healthz", 200),
        (made.headers["X-Request-ID"], "/login", 200),
        (odd.headers["X-Request-ID"], "/healthz", 200),
    ]
    assert all(e["level"] == "info" and e["logger"] == "dondoc.access" and e["ms"] >= 0 for e in lines)
