"""Probes for the load balancer and the orchestrator, and the metrics page.

- `/healthz`: the process answers (no database call: a database outage must not get
  every server restarted).
- `/readyz`: this server can serve: the database answers, its schema is the code's
  (migrations current), the file store is there and writable. 503 with the failing
  checks otherwise, so the balancer sends users elsewhere.
- `/metrics`: Prometheus' format (dondoc/metrics.py). Only with `metrics_token` as a
  bearer token, or, without one set, only to a client on this machine.
"""

from __future__ import annotations

import hmac
import os

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import text

from dondoc import metrics
from dondoc.store import migrate, queue
from dondoc.web.deps import StoreDep

router = APIRouter(include_in_schema=False)

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@router.get("/healthz")
def healthz() -> JSONResponse:
    return JSONResponse({"status": "ok"}, headers={"Cache-Control": "no-store"})


@router.get("/readyz")
def readyz(store: StoreDep) -> JSONResponse:
    checks: dict[str, str] = {}
    try:
        with store.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        current, head = migrate.current_revision(store.engine), migrate.head_revision()
        checks["database"] = "ok"
        checks["migrations"] = "ok" if current == head else f"at {current}, code needs {head}"
    except Exception as exc:  # any driver error: not ready, say which
        checks["database"] = f"unreachable: {type(exc).__name__}"
    blobs = store.data_dir / "blobs"
    folder = blobs if blobs.is_dir() else store.data_dir
    checks["files"] = "ok" if folder.is_dir() and os.access(folder, os.W_OK | os.X_OK) else "not writable"
    ready = all(v == "ok" for v in checks.values())
    return JSONResponse(
        {"status": "ready" if ready else "not ready", "checks": checks},
        status_code=200 if ready else 503,
        headers={"Cache-Control": "no-store"},
    )


@router.get("/metrics")
def metrics_page(request: Request, store: StoreDep) -> Response:
    expected: str = request.app.state.settings.metrics_token
    if expected:
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {expected}".encode()):
            return Response(status_code=404)
    elif request.client is None or request.client.host not in _LOOPBACK:
        return Response(status_code=404)  # not told to anyone off this machine that it exists
    with store.reading() as s:
        counts = queue.counts(s)
    return Response(
        metrics.exposition(counts), media_type=metrics.CONTENT_TYPE, headers={"Cache-Control": "no-store"}
    )
