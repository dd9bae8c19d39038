"""Issue 13, M7 and L5: security headers on every kind of response, users' files served
so that they can act on nothing, HSTS under HTTPS, no server banner, no inline script."""

from __future__ import annotations

import base64
import re
from importlib import resources
from pathlib import Path

from sqlalchemy import select

from dondoc.store.records import AssignmentRecord, UnitRecord
from dondoc.web.app import create_app
from dondoc.web.headers import PAGE_POLICY
from tests.integration.web.conftest import DemoSite, TestClient, csrf_of

EXPECTED = {
    "content-security-policy": PAGE_POLICY,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


def _task_of_police(site: DemoSite) -> int:
    with site.store.reading() as s:
        police = s.scalar(select(UnitRecord.id).where(UnitRecord.code == "CT-CA"))
        task = s.scalar(
            select(AssignmentRecord.task_id).where(
                AssignmentRecord.unit_id == police, AssignmentRecord.role == "lead"
            )
        )
    assert task is not None
    return int(task)


def test_issue_13_m7_every_kind_of_response_carries_the_headers(demo_site: DemoSite) -> None:
    client = demo_site.client("vanphong")
    anonymous = demo_site.client()
    task = _task_of_police(demo_site)
    responses = {
        "page": client.get("/dashboard"),
        "login page": anonymous.get("/login"),
        "redirect": anonymous.get("/dashboard", follow_redirects=False),
        "not found page": client.get("/tasks/999999"),
        "htmx fragment": client.post(
            f"/tasks/{task}/edit", data={"csrf": csrf_of(client), "text": " "}, headers={"HX-Request": "true"}
        ),
        "api json": client.get("/api/v1/directives"),
        "api problem": anonymous.get("/api/v1/directives"),
        "refused body": anonymous.post("/login", content=b"x" * 100_000),
        "static file": client.get("/static/app.css"),
    }
    for kind, r in responses.items():
        for name, value in EXPECTED.items():
            assert r.headers.get(name) == value, (kind, name, r.status_code)
        assert "permissions-policy" in r.headers and "strict-transport-security" not in r.headers, kind
        assert "server" not in r.headers, kind
    assert responses["page"].headers["cache-control"] == "no-store"
    assert "'unsafe-inline'" not in PAGE_POLICY.split("script-src")[1].split(";")[0]


def test_issue_13_m7_hsts_under_https(demo_site: DemoSite) -> None:
    settings = demo_site.settings.model_copy(update={"https": True})
    client = TestClient(create_app(settings, demo_site.store), base_url="https://testserver")
    r = client.get("/login")
    assert r.headers["strict-transport-security"].startswith("max-age=31536000")


def test_issue_13_m7_a_users_html_file_is_served_inert(demo_site: DemoSite) -> None:
    client = demo_site.client("ct-ca")
    page = b"<html><script>fetch('/api/v1/tokens')</script></html>"
    with demo_site.store.reading() as s:
        police = s.scalar(select(UnitRecord.id).where(UnitRecord.code == "CT-CA"))
        tasks = s.scalars(
            select(AssignmentRecord.task_id).where(
                AssignmentRecord.unit_id == police, AssignmentRecord.role == "lead"
            )
        ).all()
    for task in tasks:  # one still open (a finished task takes no report)
        r = client.post(
            f"/api/v1/tasks/{task}/progress",
            json={
                "percent": 5,
                "evidence": [{"name": "bao-cao.html", "content_base64": base64.b64encode(page).decode()}],
            },
            headers={"X-CSRF-Token": csrf_of(client)},
        )
        if r.status_code == 201:
            break
    assert r.status_code == 201, r.text
    updates = client.get(f"/api/v1/tasks/{task}/updates").json()["items"]
    sha = next(e["sha256"] for u in updates for e in u["evidence"] if e["name"] == "bao-cao.html")
    served = client.get(f"/evidence/{sha}")
    assert served.status_code == 200 and served.content == page
    assert served.headers["content-type"] == "application/octet-stream"  # never text/html
    assert served.headers["content-disposition"].startswith("attachment;")
    assert served.headers["content-security-policy"].startswith("sandbox")
    assert served.headers["x-content-type-options"] == "nosniff"


def test_issue_13_m7_no_template_holds_inline_script() -> None:
    folder = Path(str(resources.files("dondoc.web").joinpath("templates")))
    for path in folder.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", text)
        assert not scripts, (path.name, scripts)
        assert not re.search(r"\bon[a-z]+=\"|javascript:|hx-on", text), path.name
