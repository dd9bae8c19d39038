"""Issue 13, H1: request bodies are capped before they are read — per route, and to a
small bound for anyone not logged in — both in the app and against a real server,
whose memory and temporary folder do not move while a stranger sends a gigabyte."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dondoc.config import Settings
from dondoc.services import users
from dondoc.services.context import SYSTEM, Store
from dondoc.services.demo import seed_path
from dondoc.store import migrate
from dondoc.store.records import AuditEventRecord
from dondoc.tracking.permissions import Role
from dondoc.web.limits import ANONYMOUS_BYTES, DEFAULT_BYTES, route_limits
from tests.integration.web.conftest import DemoSite, csrf_of
from tests.integration.web.test_authorization import _api_routes
from tests.support.servers import serving, tree_rss_bytes

MB = 1024 * 1024


def _events(site: DemoSite) -> int:
    with site.store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEventRecord)) or 0)


def test_issue_13_h1_a_stranger_is_held_to_a_small_body(demo_site: DemoSite) -> None:
    client = demo_site.client()
    before = _events(demo_site)
    r = client.post("/login", content=b"x" * (ANONYMOUS_BYTES + 1))
    assert r.status_code == 413 and r.headers["connection"] == "close" and "Tệp quá lớn" in r.text
    r = client.post("/api/v1/directives", files={"file": ("a.txt", b"x" * (2 * ANONYMOUS_BYTES))})
    assert r.status_code == 413 and r.json()["code"] == "E_TOO_LARGE"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        for _ in range(100):
            yield b"x" * 10_000

    r = client.post("/api/v1/tasks/1/progress", content=chunks())
    assert r.status_code == 413
    assert _events(demo_site) == before  # nothing ran
    # the login form itself fits
    assert client.get("/login").status_code == 200


def test_issue_13_h1_each_route_takes_only_its_own_size(demo_site: DemoSite, tmp_path: Path) -> None:
    admin = demo_site.client("admin")
    listed = {(m, p) for m, p, _ in route_limits(demo_site.settings)}
    routes = list(_api_routes(admin.app.routes))
    # every listed route exists (no stale entry)
    for method, path in listed:
        assert any(p == path and method in r.methods for p, r in routes), (method, path)
    big = b"x" * (DEFAULT_BYTES + 1)
    csrf = csrf_of(admin)
    refused = 0
    for path, route in routes:
        for method in route.methods - {"GET", "HEAD"}:
            if (method, path) in listed:
                continue
            url = path.replace("{", "").replace("}", "")  # any value: refused before routing matters
            for name in ("task_id", "directive_id", "update_id", "extension_id", "mention_id", "token_id"):
                url = url.replace(name, "1")
            url = url.replace("username", "nobody").replace("code", "CT").replace("job_id", "1")
            r = admin.request(method, url, content=big, headers={"X-CSRF-Token": csrf})
            assert r.status_code == 413, (method, path, r.status_code)
            refused += 1
    assert refused > 20
    # a listed route takes more: a 2 MB text directive is read, not refused
    text = seed_path().read_bytes()
    upload = tmp_path / "big.txt"
    upload.write_bytes(text * (2 * MB // len(text) + 1))
    r = admin.post(
        "/api/v1/directives",
        files={"file": ("big.txt", upload.read_bytes())},
        headers={"X-CSRF-Token": csrf},
    )
    assert r.status_code in (201, 202), r.text


def _send_gigabyte(url: str, path: str, *, chunked: bool, cookie: str | None = None) -> tuple[int, int]:
    """Send a 1 GB body the way a hostile client would (as fast as the socket takes it);
    (status of the answer, bytes the server let through before closing)."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=30)
    head = [f"POST {path} HTTP/1.1", f"Host: {host}", "Content-Type: application/json"]
    head.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {1 << 30}")
    if cookie:
        head.append(f"Cookie: dondoc_session={cookie}")
    sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
    chunk = b"x" * (1 << 20)
    framed = b"%x\r\n" % len(chunk) + chunk + b"\r\n" if chunked else chunk
    sent = 0
    try:
        while sent < (1 << 30):
            sock.sendall(framed)
            sent += len(chunk)
    except OSError:  # the server closed the connection: it wants no more
        pass
    sock.settimeout(10)
    answer = b""
    try:
        while b"\r\n" not in answer:
            part = sock.recv(4096)
            if not part:
                break
            answer += part
    except OSError:
        pass
    sock.close()
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0
    return status, sent


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


@pytest.mark.slow
def test_issue_13_h1_an_unauthenticated_gigabyte_leaves_the_server_unchanged(tmp_path: Path) -> None:
    data, tmp = tmp_path / "data", tmp_path / "tmp"
    tmp.mkdir()
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    store = Store.open(Settings(database_url=url, data_dir=data))
    migrate.upgrade(store.engine)
    users.create_user(
        store, SYSTEM, username="vp", full_name="vp", password="long enough pw", role=Role.OFFICE
    )
    store.engine.dispose()
    with serving(database_url=url, data_dir=data, extra_env={"TMPDIR": str(tmp)}) as server:
        time.sleep(0.5)
        rss0, tmp0 = tree_rss_bytes(server.pid), _folder_bytes(tmp)
        peak = rss0
        for path in ("/api/v1/directives", "/directives/upload", "/api/v1/tasks/1/progress", "/login"):
            for chunked in (False, True):
                status, sent = _send_gigabyte(server.url, path, chunked=chunked)
                peak = max(peak, tree_rss_bytes(server.pid))
                # refused (too large, or not logged in: answered before reading) ...
                assert status in (303, 401, 403, 413), (path, chunked, status)
                # ... and the server stopped the client long before the gigabyte
                assert sent < 64 * MB, (path, chunked, sent)
        rss1, tmp1 = tree_rss_bytes(server.pid), _folder_bytes(tmp)
    print(
        f"server RSS {rss0 / MB:.0f} → {rss1 / MB:.0f} MB (peak {peak / MB:.0f}), temp {tmp0} → {tmp1} bytes"
    )
    assert abs(rss1 - rss0) < 50 * MB and peak - rss0 < 50 * MB
    assert abs(tmp1 - tmp0) < 50 * MB
