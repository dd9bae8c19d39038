"""The API's operations end to end with bearer tokens, on SQLite and PostgreSQL: a
directive uploaded, corrected, confirmed and assigned; a unit reports with evidence and
asks for more time; the office decides from its desk; the units directory."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dondoc.config import Settings
from dondoc.services import review
from dondoc.services.context import SYSTEM, Store
from dondoc.services.demo import DEMO_PASSWORD, load_demo
from dondoc.services.users import create_token
from dondoc.store import migrate
from dondoc.web.app import create_app
from tests.integration.web.conftest import CSRF, csrf_of

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient


class Api:
    """A client speaking as one user through a bearer token."""

    def __init__(self, client: TestClient, token: str) -> None:
        self.client, self.headers = client, {"Authorization": f"Bearer {token}"}

    def call(self, method: str, path: str, status: int, **kw: Any) -> Any:
        r = self.client.request(method, f"/api/v1{path}", headers=self.headers, **kw)
        assert r.status_code == status, f"{method} {path}: {r.status_code} {r.text}"
        if r.headers.get("content-type", "").startswith("application/problem+json"):
            assert r.json()["status"] == status and r.json()["detail"]
        return r.json() if r.content else None


@pytest.fixture
def site(db_url: str, tmp_path: Path) -> Iterator[tuple[Store, TestClient]]:
    settings = Settings(database_url=db_url, data_dir=tmp_path / "data")
    store = Store.open(settings)
    migrate.upgrade(store.engine)
    load_demo(store)
    with TestClient(create_app(settings, store), raise_server_exceptions=False) as client:
        yield store, client
    store.engine.dispose()


def _api(site: tuple[Store, TestClient], user: str) -> Api:
    store, client = site
    return Api(client, create_token(store, SYSTEM, username=user, name=f"test {user}"))


def _upload(office: Api, path: Path) -> dict[str, Any]:
    job: dict[str, Any] = office.call(
        "POST", "/directives", 202, files={"file": (path.name, path.read_bytes(), "text/plain")}
    )
    deadline = time.monotonic() + 60
    while job["state"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.2)
        job = office.call("GET", f"/jobs/{job['id']}", 200)
    return job


def test_a_directive_from_upload_to_decisions(site: tuple[Store, TestClient], shared_dir: Path) -> None:
    office, police = _api(site, "vanphong"), _api(site, "ct-ca")

    job = _upload(office, shared_dir / "corpus/dev/kh-617-ubnd-dongthap-2025.txt")
    assert (
        job["state"] == "done"
        and job["error"] is None
        and job["file_name"] == "kh-617-ubnd-dongthap-2025.txt"
    )
    d = office.call("GET", f"/directives/{job['directive_id']}", 200)
    assert (d["state"], d["number"], d["type"]) == ("draft", "617/KH-UBND", "Kế hoạch")
    tasks = office.call("GET", f"/tasks?directive={d['id']}&limit=500", 200)
    assert tasks["count"] == d["tasks"] > 10
    task = tasks["items"][0]
    police.call("GET", f"/jobs/{job['id']}", 403)  # a unit does not ingest

    # the review's corrections: a stale version is refused, a field left out is kept
    edited = office.call(
        "PATCH",
        f"/tasks/{task['id']}",
        200,
        json={"text": "Nội dung đã sửa.", "targets": ["100% xã"], "version": task["version"]},
    )
    assert (edited["text"], edited["targets"], edited["product"]) == (
        "Nội dung đã sửa.",
        ["100% xã"],
        task["product"],
    )
    office.call("PATCH", f"/tasks/{task['id']}", 409, json={"is_key": True, "version": task["version"]})
    office.call("PATCH", f"/tasks/{task['id']}", 422, json={"text": "   "})
    police.call("PATCH", f"/tasks/{task['id']}", 403, json={"text": "x"})

    drafts = office.call("GET", "/directives?state=draft", 200)
    assert [x["id"] for x in drafts["items"]] == [d["id"]] and drafts["count"] == 1
    everything = office.call("GET", "/directives?limit=1&offset=1", 200)
    assert (
        everything["count"] == 2 and len(everything["items"]) == 1 and everything["items"][0]["id"] != d["id"]
    )
    confirmed = office.call("POST", f"/directives/{d['id']}/confirm", 200)
    assert confirmed["state"] == "confirmed" and confirmed["confirmed_on"] == dt.date.today().isoformat()
    office.call("POST", f"/directives/{d['id']}/confirm", 422)

    auto = office.call("POST", f"/directives/{d['id']}/assign-from-text", 200)
    assert auto["assigned"] + len(auto["left_for_review"]) <= d["tasks"]
    assigned = office.call(
        "PUT", f"/tasks/{task['id']}/assignment", 200, json={"lead": "CT-CA", "support": ["CT-BCHQS"]}
    )
    assert assigned["lead"]["code"] == "CT-CA" and [u["code"] for u in assigned["support"]] == ["CT-BCHQS"]
    office.call("PUT", f"/tasks/{task['id']}/assignment", 404, json={"lead": "NO-SUCH-UNIT"})

    # the police report with a piece of evidence and ask for more time
    pdf = b"%PDF-1.4 evidence"
    update = police.call(
        "POST",
        f"/tasks/{task['id']}/progress",
        201,
        json={
            "percent": 40,
            "narrative": "Đã triển khai.",
            "evidence": [{"name": "bien-ban.pdf", "content_base64": base64.b64encode(pdf).decode()}],
        },
    )["id"]
    police.call(
        "POST",
        f"/tasks/{task['id']}/progress",
        422,
        json={"percent": 10, "evidence": [{"name": "x.pdf", "content_base64": "not base64!"}]},
    )
    (reported,) = police.call("GET", f"/tasks/{task['id']}/updates", 200)["items"]
    assert reported["id"] == update and reported["review"] == "none" and reported["percent"] == 40
    assert reported["evidence"] == [{"name": "bien-ban.pdf", "sha256": hashlib.sha256(pdf).hexdigest()}]
    later = dt.date.today() + dt.timedelta(days=400)
    extension = police.call(
        "POST",
        f"/tasks/{task['id']}/extensions",
        201,
        json={"proposed_deadline": later.isoformat(), "reason": "Chờ kinh phí."},
    )["id"]
    police.call(
        "POST",
        f"/tasks/{task['id']}/extensions",
        422,
        json={"proposed_deadline": later.isoformat(), "reason": "x"},
    )  # one pending request at a time
    claim = police.call(
        "POST", f"/tasks/{task['id']}/progress", 201, json={"status": "done", "narrative": "Đã xong."}
    )["id"]

    # the office's desk: both are waiting; the police cannot decide them
    desk = office.call("GET", "/desk", 200)
    assert claim in [u["id"] for u in desk["pending_updates"]]
    assert extension in [e["id"] for e in desk["pending_extensions"]]
    police.call("GET", "/desk", 403)
    police.call("POST", f"/extensions/{extension}/decision", 403, json={"approve": True})
    office.call("POST", f"/updates/{claim}/decision", 422, json={"decision": "return"})  # no reason
    office.call(
        "POST", f"/updates/{claim}/decision", 204, json={"decision": "return", "reason": "Thiếu số liệu."}
    )
    office.call("POST", f"/updates/{claim}/decision", 422, json={"decision": "verify"})  # decided already
    office.call("POST", f"/extensions/{extension}/decision", 204, json={"approve": True, "note": "Đồng ý."})
    (decided,) = police.call("GET", f"/tasks/{task['id']}/extensions", 200)["items"]
    assert (decided["state"], decided["decision_note"]) == ("approved", "Đồng ý.")
    after = police.call("GET", f"/tasks/{task['id']}", 200)
    assert after["current_deadline"] == later.isoformat()
    returned = police.call("GET", f"/tasks/{task['id']}/updates", 200)["items"][-1]
    assert (returned["id"], returned["review"], returned["review_note"]) == (
        claim,
        "returned",
        "Thiếu số liệu.",
    )

    # another unit's reporter sees none of it (the task's id changed by hand is refused)
    army = _api(site, "ct-bchqs")
    other = office.call("GET", "/tasks?unit=CT-CA&limit=500", 200)["items"]
    alone = next(t for t in other if not t["support"])
    army.call("GET", f"/tasks/{alone['id']}/updates", 403)
    army.call(
        "POST",
        f"/tasks/{alone['id']}/extensions",
        403,
        json={"proposed_deadline": later.isoformat(), "reason": "x"},
    )


def test_a_refused_upload_is_the_error_and_a_job_is_its_uploaders(
    site: tuple[Store, TestClient], tmp_path: Path
) -> None:
    office, admin, police = _api(site, "vanphong"), _api(site, "admin"), _api(site, "ct-ca")
    empty = office.call("POST", "/directives", 400, files={"file": ("empty.txt", b"", "text/plain")})
    assert empty["code"] == "E_INPUT_EMPTY"
    police.call("POST", "/directives", 403, files={"file": ("a.txt", b"abc", "text/plain")})
    (tmp_path / "short.txt").write_text("CHỈ THỊ\nvề việc thử\n1. Sở Tài chính chủ trì làm báo cáo.\n")
    job = _upload(office, tmp_path / "short.txt")
    admin.call("GET", f"/jobs/{job['id']}", 200)
    office.call("GET", "/jobs/999999", 404)


def test_the_units_directory(site: tuple[Store, TestClient]) -> None:
    office, police = _api(site, "vanphong"), _api(site, "ct-ca")
    units = police.call("GET", "/units?limit=5000", 200)
    codes = [u["code"] for u in units["items"]]
    assert units["count"] == len(codes) > 10 and "CT-CA" in codes
    page = police.call("GET", "/units?limit=2&offset=1", 200)
    assert [u["code"] for u in page["items"]] == codes[1:3] and page["count"] == len(codes)
    ca = police.call("GET", "/units/CT-CA", 200)
    assert ca["name"] and ca["parent_code"] in codes
    police.call("GET", "/units/NO-SUCH-UNIT", 404)

    csv = "code,name,kind,parent_code,aliases,valid_from,valid_to,successor_code\n"
    csv += "TEST-API,Ban Thử nghiệm,ban,,,,,\n"
    files = {"file": ("don-vi.csv", csv.encode(), "text/csv")}
    police.call("POST", "/units/import", 403, files=files)
    assert office.call("POST", "/units/import", 200, files=files) == {"added": 1, "updated": 0}
    assert police.call("GET", "/units/TEST-API", 200)["name"] == "Ban Thử nghiệm"  # not a stale cache
    bad = office.call("POST", "/units/import", 400, files={"file": ("x.csv", b"nonsense", "text/csv")})
    assert bad["code"]


def test_control_characters_are_refused_at_the_door(site: tuple[Store, TestClient]) -> None:
    """A NUL would reach PostgreSQL as a server error: every way in refuses it first."""
    office = _api(site, "vanphong")
    task = office.call("GET", "/tasks?limit=1", 200)["items"][0]
    office.call("PATCH", f"/tasks/{task['id']}", 422, json={"text": "a\x00b"})
    office.call("PUT", f"/tasks/{task['id']}/assignment", 422, json={"lead": "CT-CA", "support": ["\x01"]})
    office.call("GET", "/tasks?unit=%00", 422)
    office.call("GET", "/dashboard?unit=CT%00", 422)
    csv = b"code,name,kind\nNUL,Ban\x00,ban\n"
    office.call("POST", "/units/import", 400, files={"file": ("u.csv", csv, "text/csv")})

    _, client = site
    login = client.get("/login").text
    csrf = CSRF.search(login)
    assert csrf is not None
    form = {"csrf": csrf.group(1), "username": "vanphong", "password": DEMO_PASSWORD}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303
    r = client.post(
        f"/tasks/{task['id']}/edit", data={"csrf": csrf_of(client), "text": "a\x00b"}, follow_redirects=False
    )
    assert r.status_code == 422 and "Traceback" not in r.text
    assert client.get("/dashboard?unit=%00").status_code == 422
    assert office.call("GET", f"/tasks/{task['id']}", 200)["text"] == task["text"]


def test_the_clerks_day_through_the_api(site: tuple[Store, TestClient], tmp_path: Path) -> None:
    """A phrase mapped everywhere at once, a group saved, every unassigned task fanned out."""
    store, _ = site
    office, police = _api(site, "vanphong"), _api(site, "ct-ca")
    path = tmp_path / "chi-thi-api.txt"
    path.write_text(
        "CHỈ THỊ\nVề việc thử giao qua API\n\n"
        "1. Các ngành chức năng xây dựng kế hoạch năm.\n"
        "2. Các ngành chức năng tổng kết phong trào thi đua.\n"
        "3. Công an thành phố bảo đảm an ninh.\n",
        encoding="utf-8",
    )
    d = _upload(office, path)["directive_id"]
    flagged = review.unresolved(store, d)
    assert len(flagged) == 2
    police.call("POST", f"/mentions/{flagged[0][0]}/map", 403, json={"unit": None})
    mapped = office.call("POST", f"/mentions/{flagged[0][0]}/map", 200, json={"unit": None})
    assert mapped["mapped"] == 2 and review.unresolved(store, d) == []  # both tasks at once
    office.call("POST", f"/directives/{d}/confirm", 200)
    office.call("POST", f"/directives/{d}/assign-from-text", 200)
    group = office.call("PUT", "/groups", 200, json={"name": "Quận", "units": ["CT-Q-NK", "CT-Q-CR"]})
    assert sorted(group["units"]) == ["CT-Q-CR", "CT-Q-NK"]
    assert [g["name"] for g in office.call("GET", "/groups", 200)["items"]] == ["Quận"]
    fanned = office.call("POST", f"/directives/{d}/fan-out", 200, json={"group": "Quận"})
    assert len(fanned["copies"]) == 2 and all(len(c) == 2 for c in fanned["copies"].values())
    office.call("POST", f"/directives/{d}/fan-out", 422, json={"group": "Quận"})  # none left to give
    office.call("PUT", "/groups", 404, json={"name": "Sai", "units": ["KHONG-CO"]})
    police.call("GET", "/groups", 403)
