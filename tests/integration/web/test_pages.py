"""Pages and errors: Vietnamese messages, no traceback, limits before reading, login limits."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode
from dondoc.services import ingestion
from dondoc.services.context import Store
from dondoc.services.demo import DEMO_PASSWORD, seed_path
from dondoc.services.users import actor_by_name
from dondoc.store.records import DirectiveRecord, LoginThrottleRecord
from dondoc.web.app import create_app
from dondoc.web.keys import session_key
from dondoc.web.text import catalogue
from tests.integration.web.conftest import DemoSite, csrf_of

DOCS = Path(__file__).resolve().parents[3] / "docs"


def test_vietnamese_error_messages_match_the_docs() -> None:
    text = (DOCS / "errors.md").read_text(encoding="utf-8")
    documented = {
        m.group(1): m.group(2).strip() for m in re.finditer(r"^\| `(E_\w+)` \|[^|]+\|([^|]+)\|", text, re.M)
    }
    assert catalogue()["errors"] == documented
    assert set(documented) == {c.value for c in ErrorCode}


def test_root_leads_to_login_and_each_role_home(demo_site: DemoSite) -> None:
    assert demo_site.client().get("/", follow_redirects=False).headers["location"] == "/login"
    homes = {"vanphong": "/desk", "ct-ca": "/inbox", "lanhdao": "/dashboard", "admin": "/directives"}
    for user, home in homes.items():
        assert demo_site.client(user).get("/", follow_redirects=False).headers["location"] == home


def test_session_cookie_flags(demo_site: DemoSite) -> None:
    client = demo_site.client()
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
    assert token is not None
    r = client.post(
        "/login",
        data={"csrf": token.group(1), "username": "vanphong", "password": "dondoc-demo"},
        follow_redirects=False,
    )
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie


@pytest.mark.serial  # timed: runs alone (scripts/test)
def test_issue_13_right_password_accepted_after_five_wrong_ones_with_a_delay(demo_site: DemoSite) -> None:
    client = demo_site.client()

    def attempt(password: str) -> tuple[int, float]:
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
        assert token is not None
        t0 = time.monotonic()
        r = client.post(
            "/login",
            data={"csrf": token.group(1), "username": "lanhdao", "password": password},
            follow_redirects=False,
        )
        return r.status_code, time.monotonic() - t0

    wrong = [attempt("wrong password") for _ in range(5)]
    assert [status for status, _ in wrong] == [401] * 5 and all(took < 1.0 for _, took in wrong)
    status, took = attempt(DEMO_PASSWORD)
    assert status == 303 and took >= 0.9  # not refused: waited for its turn, then let in
    # and the slate is clean again: the next wrong password costs no wait
    assert attempt("wrong password")[1] < 1.0


def test_errors_are_vietnamese_pages_without_traceback(demo_site: DemoSite) -> None:
    client = demo_site.client("ct-ca")
    r = client.get("/tasks/999999")
    assert r.status_code == 404 and "Không tìm thấy nhiệm vụ 999999" in r.text and "Traceback" not in r.text
    r = client.get("/tasks/notanumber")
    assert r.status_code == 422 and "Dữ liệu nhập chưa hợp lệ" in r.text
    r = client.get("/api/v1/tasks/999999")
    assert r.status_code == 404 and r.json()["code"] == "E_NOT_FOUND"


def test_upload_over_the_limit_is_refused_before_it_is_read(demo_site: DemoSite, tmp_path: Path) -> None:
    small = Settings(
        database_url=demo_site.settings.database_url,
        data_dir=demo_site.settings.data_dir,
        max_input_bytes=1000,
    )
    from fastapi.testclient import TestClient

    client = TestClient(create_app(small, Store(demo_site.store.engine, demo_site.store.sessions, small)))
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
    assert token is not None
    client.post("/login", data={"csrf": token.group(1), "username": "vanphong", "password": "dondoc-demo"})
    r = client.post(
        "/directives/upload",
        data={"csrf": csrf_of(client)},
        files={"file": ("big.txt", b"x" * 200_000, "text/plain")},
    )
    assert r.status_code == 413 and "Tệp quá lớn" in r.text
    assert re.search(r"Tệp quá lớn \([\d,]+ KB, giới hạn [\d,]+ (?:KB|byte)\)", r.text), (
        r.text
    )  # sizes read by people


def test_upload_of_a_bad_file_explains_in_vietnamese(demo_site: DemoSite) -> None:
    client = demo_site.client("vanphong")
    r = client.post(
        "/directives/upload",
        data={"csrf": csrf_of(client)},
        files={"file": ("../../etc/empty.txt", b"", "text/plain")},
    )
    assert r.status_code == 400 and "Tệp không có nội dung" in r.text


def test_password_change_and_logout(demo_site: DemoSite) -> None:
    client = demo_site.client("ct-bchqs")
    r = client.post(
        "/password", data={"csrf": csrf_of(client), "old": "dondoc-demo", "new": "short", "repeat": "short"}
    )
    assert r.status_code == 422
    r = client.post("/logout", data={"csrf": csrf_of(client)}, follow_redirects=False)
    assert r.headers["location"] == "/login"
    assert client.get("/inbox", follow_redirects=False).headers["location"] == "/login"


def test_wrong_old_passwords_are_throttled_like_logins(demo_site: DemoSite) -> None:
    """A stolen session cannot be used to guess its owner's password: the old password
    of a change is counted like a login's."""
    from dondoc.services import login_throttle, users
    from dondoc.services.context import SYSTEM
    from dondoc.services.users import authenticate
    from dondoc.tracking.permissions import Role

    name, password = "doi-mat-khau", "mat-khau-cu-dai"
    users.create_user(
        demo_site.store, SYSTEM, username=name, full_name=name, password=password, role=Role.LEADER
    )
    client = demo_site.client(name, password)

    def change(old: str) -> int:
        data = {"csrf": csrf_of(client), "old": old, "new": "mat-khau-moi-dai", "repeat": "mat-khau-moi-dai"}
        return client.post("/password", data=data).status_code

    with demo_site.store.reading() as s:
        row = s.get(LoginThrottleRecord, "addr:testclient")
        before = row.failures if row is not None else 0
    # the right old password with a new one too short: refused, but no guess (nothing counted)
    short = {"csrf": csrf_of(client), "old": password, "new": "ngan", "repeat": "ngan"}
    assert client.post("/password", data=short).status_code == 422
    with demo_site.store.reading() as s:
        assert s.get(LoginThrottleRecord, f"pair:testclient|{name}") is None
    assert change("sai mat khau") == 422
    with demo_site.store.reading() as s:
        row = s.get(LoginThrottleRecord, "addr:testclient")
        assert row is not None and row.failures == before + 1  # the wrong old password was counted
    for _ in range(20):  # more wrong guesses (as if each waited its turn), until refused
        try:
            login_throttle.take_turn(demo_site.store, username=name, address="testclient")
        except DondocError as exc:
            assert exc.code is ErrorCode.LOGIN_THROTTLED
            break
    else:
        raise AssertionError("twenty guesses in a row were never refused")
    assert change(password) == 429  # refused at once, even with the right one
    authenticate(demo_site.store, name, password)  # unchanged


def test_admin_units_export_import_and_user_creation(demo_site: DemoSite) -> None:
    office = demo_site.client("vanphong")
    tree = office.get("/admin/units")
    assert tree.status_code == 200 and "Ban Tuyên giáo và Dân vận Thành ủy" in tree.text
    exported = office.get("/admin/units/export.csv")
    assert exported.status_code == 200 and exported.text.startswith("code,name,kind")
    r = office.post(
        "/admin/units/import",
        data={"csrf": csrf_of(office)},
        files={"file": ("don-vi.csv", exported.content, "text/csv")},
        follow_redirects=False,
    )
    assert r.status_code == 303 and "0" in r.headers["location"]
    admin = demo_site.client("admin")
    r = admin.post(
        "/admin/users",
        data={
            "csrf": csrf_of(admin),
            "username": "sotaichinh",
            "full_name": "Đầu mối Sở Tài chính",
            "role": "reporter",
            "unit": "CT-STC",
            "password": "mat-khau-dai",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert "sotaichinh" in admin.get("/admin/users").text
    assert (
        demo_site.client("sotaichinh", "mat-khau-dai").get("/", follow_redirects=False).headers["location"]
        == "/inbox"
    )


def test_admin_statuses_and_settings(demo_site: DemoSite) -> None:
    client = demo_site.client("admin")
    r = client.post(
        "/admin/statuses",
        data={
            "csrf": csrf_of(client),
            "key": "tam_dung",
            "label": "Tạm dừng",
            "group": "open",
            "position": "9",
        },
    )
    assert r.status_code == 200 and 'data-status="tam_dung"' in r.text and 'value="Tạm dừng"' in r.text
    # a status already reported against keeps its group (past timeliness depends on it)
    r = client.post(
        "/admin/statuses", data={"csrf": csrf_of(client), "key": "done", "label": "Xong", "group": "open"}
    )
    assert r.status_code == 422 and "không đổi nhóm" in r.text
    r = client.post(
        "/admin/statuses",
        data={
            "csrf": csrf_of(client),
            "key": "done",
            "label": "Đã xong",
            "group": "done",
            "default_progress": "100",
        },
    )
    assert r.status_code == 200 and 'value="Đã xong"' in r.text
    assert "Đã xong" in client.get("/admin/statuses").text
    settings = client.get("/admin/settings").text
    key = session_key(demo_site.settings)  # the install's own, from its data folder
    assert "DONDOC_DUE_SOON_DAYS" in settings and "DONDOC_SECRET_KEY" in settings and key not in settings


def test_directive_page_has_its_progress_and_the_original_file(demo_site: DemoSite) -> None:
    with demo_site.store.reading() as s:
        directive = s.scalar(select(DirectiveRecord.id).where(DirectiveRecord.state == "confirmed"))
    client = demo_site.client("ct-ca")
    page = client.get(f"/directives/{directive}")
    assert page.status_code == 200 and 'id="directive-progress"' in page.text
    assert "nhiệm vụ đã hoàn thành" in page.text and "/review" not in page.text  # no review for a unit
    assert "Tiến độ các nhiệm vụ của đơn vị" in page.text  # a unit sees its own tasks' progress
    assert "Tiến độ chung" in demo_site.client("lanhdao").get(f"/directives/{directive}").text
    original = client.get(f"/directives/{directive}/source")
    assert original.status_code == 200 and original.content == seed_path().read_bytes()
    assert "cantho-q4-2024.txt" in original.headers["content-disposition"]


def test_admin_adds_and_edits_a_unit_in_the_browser(demo_site: DemoSite) -> None:
    client = demo_site.client("vanphong")
    form = {"csrf": csrf_of(client), "code": "CT-BTM", "name": "Ban Thí điểm", "kind": "ban"}
    r = client.post("/admin/units", data={**form, "parent_code": "CT-UBND"}, follow_redirects=False)
    assert r.status_code == 303
    edit = client.get("/admin/units/CT-BTM/edit")
    assert edit.status_code == 200 and 'value="Ban Thí điểm"' in edit.text and 'value="CT-UBND"' in edit.text
    r = client.post(
        "/admin/units/CT-BTM/edit",
        data={**form, "name": "Ban Thí điểm mới", "aliases": "BTĐ\nBan TĐ", "valid_to": "2026-12-31"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    tree = client.get("/admin/units").text
    assert 'href="/admin/units/CT-BTM/edit">Ban Thí điểm mới</a>' in tree and "BTĐ; Ban TĐ" in tree
    bad = client.post("/admin/units/CT-BTM/edit", data={**form, "valid_from": "31/12/2026"})
    assert bad.status_code == 422 and "Traceback" not in bad.text
    assert client.get("/admin/units/NO-SUCH/edit").status_code == 404


def test_issue_13_l1_a_far_or_invalid_date_is_answered_with_a_message(demo_site: DemoSite) -> None:
    client = demo_site.client("lanhdao")
    for value in ("9999-12-31", "0001-01-01", "31/12/2024"):
        r = client.get("/dashboard", params={"as_of": value})
        assert r.status_code == 422 and "Traceback" not in r.text, value
        assert "ngày" in r.text.lower(), value
        r = client.get("/api/v1/dashboard", params={"as_of": value})
        assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json"), (
            value
        )
    assert client.get("/dashboard", params={"as_of": "2025-03-01"}).status_code == 200
    reporter = demo_site.client("ct-ca")
    r = reporter.post("/api/v1/tasks/1/extensions", json={"proposed_deadline": "9999-12-31", "reason": "x"},
                      headers={"X-CSRF-Token": csrf_of(reporter)})  # fmt: skip
    assert r.status_code in (404, 422) and r.status_code != 500


def test_issue_13_the_units_page_says_only_its_own_sentences(demo_site: DemoSite) -> None:
    client = demo_site.client("vanphong")
    phish = "Tài khoản của bạn bị khóa: gọi 0900 000 000"
    assert phish not in client.get("/admin/units", params={"message": phish}).text
    r = client.get("/admin/units", params={"done": "saved", "code": "CT-CA"})
    assert r.status_code == 200 and "Đã lưu đơn vị CT-CA." in r.text
    assert client.get("/admin/units", params={"done": "saved", "code": "<b>x</b>"}).status_code == 422
    assert client.get("/dashboard", params={"as_of": "2025-01-01\x00"}).status_code == 422


def test_the_review_says_when_a_text_is_not_a_directive(demo_site: DemoSite, shared_dir: Path) -> None:
    office = actor_by_name(demo_site.store, "vanphong")
    article = ingestion.ingest_file(demo_site.store, office, shared_dir / "corpus/negatives/neg-20.txt")
    client = demo_site.client("vanphong")
    r = client.get(f"/directives/{article.directive_id}/review")
    assert r.status_code == 200
    assert 'id="not-directive"' in r.text
    assert "Văn bản này có vẻ không phải văn bản chỉ đạo" in r.text
    assert "không có tên cơ quan ban hành ở đầu văn bản; không có số, ký hiệu" in r.text
    with demo_site.store.reading() as s:
        seed = s.scalar(select(DirectiveRecord.id).where(DirectiveRecord.file_name == seed_path().name))
    assert 'id="not-directive"' not in client.get(f"/directives/{seed}/review").text


def test_the_review_marks_the_fields_to_check(demo_site: DemoSite) -> None:
    office = actor_by_name(demo_site.store, "vanphong")
    # a draft of the seed's text (other bytes: a directive of its own), still under review
    path = demo_site.settings.data_dir / "seed-draft.txt"
    path.write_text(seed_path().read_text(encoding="utf-8").replace("2024", "2023", 1), encoding="utf-8")
    draft = ingestion.ingest_file(demo_site.store, office, path).directive_id
    html = demo_site.client("vanphong").get(f"/directives/{draft}/review").text
    assert html.count('class="warning review-flags"') >= 20
    assert "Đơn vị chủ trì: lấy từ câu dẫn chung của văn bản" in html
    assert "Cần kiểm tra:" in html
