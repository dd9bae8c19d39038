"""Issue 13, H3 across processes: two `dondoc serve` processes on one database (as two
app servers behind a proxy). What one of them ends — a logout, a password change, a
token's revocation — the other refuses at the next request; on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import time
from pathlib import Path

import httpx

from dondoc.config import Settings
from dondoc.services import users
from dondoc.services.context import SYSTEM, Store
from dondoc.store import migrate
from dondoc.tracking.permissions import Role
from tests.support.servers import Server, serving

PASSWORD = "a long enough password"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def _csrf(client: httpx.Client, base: str, path: str = "/login") -> str:
    match = CSRF.search(client.get(f"{base}{path}").text)
    assert match is not None
    return match.group(1)


def _login(base: str, name: str, password: str = PASSWORD) -> httpx.Client:
    client = httpx.Client(follow_redirects=False, timeout=30)
    r = client.post(
        f"{base}/login", data={"csrf": _csrf(client, base), "username": name, "password": password}
    )
    assert r.status_code == 303, r.text
    return client


def _on(server: Server, cookie: str) -> httpx.Client:
    """A client of the other server holding a copy of the cookie."""
    client = httpx.Client(follow_redirects=False, timeout=30)
    client.cookies.set("dondoc_session", cookie, domain="127.0.0.1")
    return client


def test_issue_13_h3_what_one_process_ends_the_other_refuses(db_url: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store.open(Settings(database_url=db_url, data_dir=data))
    migrate.upgrade(store.engine)
    for name, role in (("admin", Role.ADMIN), ("vp", Role.OFFICE)):
        users.create_user(store, SYSTEM, username=name, full_name=name, password=PASSWORD, role=role)
    token = users.create_token(store, SYSTEM, username="vp", name="bot")
    store.engine.dispose()
    with serving(database_url=db_url, data_dir=data) as a, serving(database_url=db_url, data_dir=data) as b:
        # a login made on A works on B (one key, one table of logins)
        on_a = _login(a.url, "vp")
        cookie = on_a.cookies["dondoc_session"]
        assert _on(b, cookie).get(f"{b.url}/directives").status_code == 200
        # logout on A: the copied cookie is refused on B
        on_a.post(f"{a.url}/logout", data={"csrf": _csrf(on_a, a.url, "/directives")})
        r = _on(b, cookie).get(f"{b.url}/directives")
        assert (r.status_code, r.headers.get("location")) == (303, "/login")

        # a password change on A: the cookie of the login before it is refused on B
        on_a = _login(a.url, "vp")
        before = on_a.cookies["dondoc_session"]
        new = "another long password"
        r = on_a.post(
            f"{a.url}/password",
            data={"csrf": _csrf(on_a, a.url, "/password"), "old": PASSWORD, "new": new, "repeat": new},
        )
        assert r.status_code == 200
        assert _on(b, before).get(f"{b.url}/directives").status_code == 303
        after = on_a.cookies["dondoc_session"]
        assert after != before and _on(b, after).get(f"{b.url}/directives").status_code == 200

        # a token revoked on A stops on B at its next request
        bearer = {"Authorization": f"Bearer {token}"}
        assert httpx.get(f"{b.url}/api/v1/directives", headers=bearer).status_code == 200
        admin = _login(a.url, "admin")
        mine = admin.get(f"{a.url}/api/v1/tokens", params={"user": "vp"}).json()["items"][0]
        r = admin.delete(
            f"{a.url}/api/v1/tokens/{mine['id']}",
            headers={"X-CSRF-Token": _csrf(admin, a.url, "/directives")},
        )
        assert r.status_code == 204
        assert httpx.get(f"{b.url}/api/v1/directives", headers=bearer).status_code == 401

        # and failed logins counted on A slow the next try on B: the fifth failure's turn
        # puts the next one a second later (the turn is taken when the attempt arrives, so
        # the second runs from the fifth attempt's start, not from the sixth's)
        fifth_sent = 0.0
        for k in range(5):
            client = httpx.Client(timeout=30)
            csrf = _csrf(client, a.url)
            fifth_sent = time.monotonic() if k == 4 else fifth_sent
            r = client.post(f"{a.url}/login", data={"csrf": csrf, "username": "admin", "password": "wrong"})
            assert r.status_code == 401
        client = httpx.Client(timeout=30, follow_redirects=False)
        r = client.post(
            f"{b.url}/login", data={"csrf": _csrf(client, b.url), "username": "admin", "password": PASSWORD}
        )
        assert r.status_code == 303 and time.monotonic() - fifth_sent >= 1.0
