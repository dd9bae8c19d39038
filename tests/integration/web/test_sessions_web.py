"""Issue 13, C1 and H3 in the browser's terms: no usable default key, a forged cookie opens
nothing, and logout, a password change, an admin and a revocation end what they should."""

from __future__ import annotations

import base64
import json
import os
import stat
from pathlib import Path

import itsdangerous
import pytest

from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode
from dondoc.services import users
from dondoc.services.demo import DEMO_PASSWORD
from dondoc.web.app import create_app
from dondoc.web.keys import KEY_FILE, session_key
from tests.integration.web.conftest import CSRF, DemoSite, TestClient, csrf_of

PUBLISHED = "dev-only-secret-change-me"  # the default of earlier releases


def _cookie(key: str, data: dict[str, object]) -> str:
    """A session cookie as Starlette signs it."""
    payload = base64.b64encode(json.dumps(data).encode())
    return itsdangerous.TimestampSigner(key).sign(payload).decode()


def test_issue_13_c1_a_cookie_signed_with_the_published_key_opens_nothing(demo_site: DemoSite) -> None:
    client = TestClient(create_app(demo_site.settings, demo_site.store), raise_server_exceptions=False)
    for data in ({"uid": 1}, {"sid": "x", "uid": 1}):
        client.cookies.set("dondoc_session", _cookie(PUBLISHED, data))
        r = client.get("/admin/users", follow_redirects=False)
        assert (r.status_code, r.headers.get("location")) == (303, "/login")
    # even signed with the install's own key, a made-up login id opens nothing
    own = session_key(demo_site.settings)
    client.cookies.set("dondoc_session", _cookie(own, {"sid": "made-up", "uid": 1}))
    assert client.get("/admin/users", follow_redirects=False).status_code == 303


def test_issue_13_a_fresh_install_makes_its_own_key_and_keeps_it(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}", data_dir=tmp_path / "data")
    key = session_key(settings)
    path = tmp_path / "data" / KEY_FILE
    assert len(key) >= 32 and key != PUBLISHED and path.read_text() == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700
    assert session_key(settings) == key  # the next start (or another process) reads the same one
    other = Settings(database_url=settings.database_url, data_dir=tmp_path / "other")
    assert session_key(other) != key  # every install its own


@pytest.mark.parametrize(
    ("env", "key"),
    [("production", ""), ("dev", PUBLISHED), ("production", PUBLISHED), ("dev", "short-key")],
)
def test_issue_13_refuses_to_start_without_a_usable_key(tmp_path: Path, env: str, key: str) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}", data_dir=tmp_path, env=env, secret_key=key
    )
    with pytest.raises(DondocError) as err:
        create_app(settings)
    assert err.value.code is ErrorCode.RULE_VIOLATED and "DONDOC_SECRET_KEY" in err.value.message
    assert not (tmp_path / KEY_FILE).exists()


def test_issue_13_production_starts_with_a_configured_key(tmp_path: Path) -> None:
    key = base64.b64encode(os.urandom(33)).decode()
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        data_dir=tmp_path,
        env="production",
        secret_key=key,
    )
    assert session_key(settings) == key
    create_app(settings)
    assert not (tmp_path / KEY_FILE).exists()


def _old_cookie(client: TestClient) -> str:
    value = client.cookies.get("dondoc_session")
    assert value
    return value


def _with_cookie(demo_site: DemoSite, cookie: str) -> TestClient:
    other = TestClient(create_app(demo_site.settings, demo_site.store), raise_server_exceptions=False)
    other.cookies.set("dondoc_session", cookie)
    return other


def test_issue_13_h3_logout_ends_the_login_a_copied_cookie_is_refused(demo_site: DemoSite) -> None:
    client = demo_site.client("lanhdao")
    copied = _old_cookie(client)
    assert _with_cookie(demo_site, copied).get("/dashboard", follow_redirects=False).status_code == 200
    r = client.post("/logout", data={"csrf": csrf_of(client)}, follow_redirects=False)
    assert r.status_code == 303
    r = _with_cookie(demo_site, copied).get("/dashboard", follow_redirects=False)
    assert (r.status_code, r.headers.get("location")) == (303, "/login")


def test_issue_13_h3_a_password_change_ends_the_other_logins_not_this_browser(demo_site: DemoSite) -> None:
    client = demo_site.client("ct-bchqs")
    elsewhere = demo_site.client("ct-bchqs")
    copied = _old_cookie(client)
    new = "another long password"
    r = client.post(
        "/password", data={"csrf": csrf_of(client), "old": DEMO_PASSWORD, "new": new, "repeat": new}
    )
    assert r.status_code == 200
    assert client.get("/inbox", follow_redirects=False).status_code == 200  # this browser goes on
    assert elsewhere.get("/inbox", follow_redirects=False).status_code == 303
    assert _with_cookie(demo_site, copied).get("/inbox", follow_redirects=False).status_code == 303
    users.change_password(
        demo_site.store, users.actor_by_name(demo_site.store, "ct-bchqs"), old=new, new=DEMO_PASSWORD
    )


def test_issue_13_admin_disables_a_user_ends_logins_and_revokes_tokens(demo_site: DemoSite) -> None:
    admin = demo_site.client("admin")
    victim = demo_site.client("lanhdao")
    page = admin.get("/admin/users")
    assert page.status_code == 200 and "Kết thúc mọi phiên đăng nhập" in page.text
    r = admin.post(
        "/admin/tokens", data={"csrf": csrf_of(admin), "username": "lanhdao", "name": "bi", "days": "30"}
    )
    assert r.status_code == 200 and 'id="new-token"' in r.text
    token = r.text.split('<code id="new-token">')[1].split("</code>")[0]
    bearer = {"Authorization": f"Bearer {token}"}
    anonymous = TestClient(create_app(demo_site.settings, demo_site.store), raise_server_exceptions=False)
    assert anonymous.get("/api/v1/directives", headers=bearer).status_code == 200
    r = admin.post(
        "/admin/users/lanhdao/active", data={"csrf": csrf_of(admin), "active": "0"}, follow_redirects=False
    )
    assert r.status_code == 303
    assert victim.get("/dashboard", follow_redirects=False).status_code == 303
    assert anonymous.get("/api/v1/directives", headers=bearer).status_code == 401
    admin.post("/admin/users/lanhdao/active", data={"csrf": csrf_of(admin), "active": "1"})
    assert anonymous.get("/api/v1/directives", headers=bearer).status_code == 200
    # revoked through the API by the admin: refused at the next request
    listed = admin.get("/api/v1/tokens", params={"user": "lanhdao"}).json()
    mine = [t for t in listed["items"] if t["name"] == "bi"]
    assert len(mine) == 1 and mine[0]["state"] == "active"
    r = admin.delete(f"/api/v1/tokens/{mine[0]['id']}", headers={"X-CSRF-Token": csrf_of(admin)})
    assert r.status_code == 204
    assert anonymous.get("/api/v1/directives", headers=bearer).status_code == 401
    assert "Đã thu hồi" in admin.get("/admin/tokens").text


def test_issue_13_a_user_lists_and_revokes_their_own_token_through_the_api(demo_site: DemoSite) -> None:
    token = users.create_token(
        demo_site.store, users.actor_by_name(demo_site.store, "admin"), username="ct-ca", name="bot"
    )
    api = TestClient(create_app(demo_site.settings, demo_site.store), raise_server_exceptions=False)
    bearer = {"Authorization": f"Bearer {token}"}
    listed = api.get("/api/v1/tokens", headers=bearer).json()
    assert [t["user"] for t in listed["items"]] == ["ct-ca"] * listed["count"]
    assert api.get("/api/v1/tokens", params={"user": "admin"}, headers=bearer).status_code == 403
    mine = next(t for t in listed["items"] if t["name"] == "bot")
    assert api.delete(f"/api/v1/tokens/{mine['id']}", headers=bearer).status_code == 204
    assert api.get("/api/v1/tokens", headers=bearer).status_code == 401  # it revoked itself


def test_issue_13_admin_ends_every_login_but_their_own(demo_site: DemoSite) -> None:
    admin = demo_site.client("admin")
    others = [demo_site.client(name) for name in ("vanphong", "ct-ca")]
    r = admin.post("/admin/sessions/end", data={"csrf": csrf_of(admin)}, follow_redirects=False)
    assert r.status_code == 303
    assert all(c.get("/dashboard", follow_redirects=False).status_code == 303 for c in others)
    assert admin.get("/admin/users", follow_redirects=False).status_code == 200
    assert CSRF.search(admin.get("/admin/users").text)


def test_issue_13_h3_a_token_revoked_in_the_database_stops_at_the_next_request(demo_site: DemoSite) -> None:
    from sqlalchemy import update

    from dondoc.store.records import ApiTokenRecord

    admin = users.actor_by_name(demo_site.store, "admin")
    token = users.create_token(demo_site.store, admin, username="lanhdao", name="direct")
    api = TestClient(create_app(demo_site.settings, demo_site.store), raise_server_exceptions=False)
    bearer = {"Authorization": f"Bearer {token}"}
    assert api.get("/api/v1/directives", headers=bearer).status_code == 200
    with demo_site.store.transaction() as s:  # no service, no audit event: the data version stays
        s.execute(update(ApiTokenRecord).where(ApiTokenRecord.name == "direct").values(revoked=True))
    assert api.get("/api/v1/directives", headers=bearer).status_code == 401


def test_issue_13_l5_production_cookies_are_secure_unless_told_otherwise(demo_site: DemoSite) -> None:
    key = base64.b64encode(os.urandom(33)).decode()
    for https, secure in ((None, True), (False, False)):
        settings = demo_site.settings.model_copy(
            update={"env": "production", "secret_key": key, "https": https}
        )
        client = TestClient(create_app(settings, demo_site.store), base_url="https://testserver")
        cookie = client.get("/login").headers["set-cookie"].lower()
        assert ("secure" in cookie) is secure, https
        assert ("strict-transport-security" in client.get("/login").headers) is secure
