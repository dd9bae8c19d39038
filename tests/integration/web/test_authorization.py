"""Every route as every role and as another unit's reporter: what the permission table does
not allow is refused (403/404), including ids changed by hand (IDOR)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute
from httpx import Response
from sqlalchemy import select
from starlette.routing import compile_path

from dondoc.services import groups, reading_jobs, users
from dondoc.services.context import SYSTEM
from dondoc.services.users import actor_by_name
from dondoc.store.records import (
    AssignmentRecord,
    BodyMentionRecord,
    EvidenceRecord,
    ExtensionRequestRecord,
    NotificationRecord,
    ProgressUpdateRecord,
    TaskLinkRecord,
    TaskRecord,
    UnitRecord,
)
from dondoc.tracking.permissions import Role
from dondoc.web import reading
from tests.integration.web.conftest import DemoSite, TestClient, csrf_of

USERS = ("admin", "vanphong", "lanhdao", "ct-ca", "ct-bchqs")
OFFICE = {"admin", "vanphong"}
READERS = {"admin", "vanphong", "lanhdao"}


@pytest.fixture(scope="module")
def ids(demo_site: DemoSite) -> dict[str, object]:
    """Records of the demo the routes are called on: a task the police lead alone, etc."""
    with demo_site.store.reading() as s:
        ca = s.scalar(select(UnitRecord.id).where(UnitRecord.code == "CT-CA"))
        led = {
            a.task_id: a for a in s.scalars(select(AssignmentRecord).where(AssignmentRecord.role == "lead"))
        }
        alone = [
            t
            for t, a in led.items()
            if a.unit_id == ca
            and not s.scalar(
                select(AssignmentRecord.id).where(
                    AssignmentRecord.task_id == t, AssignmentRecord.role == "support"
                )
            )
        ]
        task = alone[0]
        update = s.scalar(
            select(ProgressUpdateRecord.id)
            .where(ProgressUpdateRecord.task_id == task)
            .order_by(ProgressUpdateRecord.id)
        )
        evidence = s.scalar(
            select(EvidenceRecord.sha256)
            .join(ProgressUpdateRecord)
            .where(ProgressUpdateRecord.task_id == task)
        )
        mention = s.scalar(select(BodyMentionRecord.id))
        extension = s.scalar(select(ExtensionRequestRecord.id))
        directive = s.scalar(select(TaskRecord.directive_id).where(TaskRecord.id == task))
        # a task no other route acts on, to fan out to a group
        fanned = s.scalar(
            select(TaskRecord.id)
            .where(
                TaskRecord.directive_id == directive, TaskRecord.id != task, TaskRecord.parent_id.is_(None)
            )
            .order_by(TaskRecord.id.desc())
        )
    group = groups.save_group(demo_site.store, SYSTEM, "Nhóm ma trận", ["CT-BCHQS"])
    with demo_site.store.transaction() as s:  # a proposed carry-over link to decide on
        link_record = TaskLinkRecord(task_id=fanned, earlier_task_id=task, score=0.9)
        s.add(link_record)
        s.flush()
        link = link_record.id
    # a reading job of the office's clerk (a file that fails: the job page shows its error)
    empty = demo_site.settings.data_dir / "empty.txt"
    empty.write_bytes(b"")
    office = actor_by_name(demo_site.store, "vanphong")
    job = reading_jobs.start_job(demo_site.store, office, empty)
    assert reading.wait_for(demo_site.store, office, job, 60).state == "failed"  # read by the server's worker
    # an account the admin's routes act on (disable, end its logins, revoke its token)
    users.create_user(
        demo_site.store,
        SYSTEM,
        username="matrix-victim",
        full_name="M",
        password="long enough password",
        role=Role.OFFICE,
    )
    users.create_token(demo_site.store, SYSTEM, username="matrix-victim", name="matrix")
    token = users.list_tokens(demo_site.store, SYSTEM, username="matrix-victim")[0].id
    # a notification of the police's focal point: only its owner reads or marks it
    with demo_site.store.transaction() as s:
        note = NotificationRecord(
            user_id=actor_by_name(demo_site.store, "ct-ca").user_id,
            title="t",
            body="b",
            link="/notifications",
        )
        s.add(note)
        s.flush()
        notification = note.id
    return {
        "notification": notification,
        "token": token,
        "job": job,
        "task": task,
        "update": update,
        "evidence": evidence,
        "mention": mention,
        "extension": extension,
        "directive": directive,
        "fanned": fanned,
        "group": group,
        "link": link,
    }


def _routes(i: dict[str, object]) -> list[tuple[str, str, dict[str, object], set[str]]]:
    """(method, path, form — JSON under /api/, bytes are files —, users allowed)."""
    t, d = i["task"], i["directive"]
    later = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    directory = (
        b"code,name,kind,parent_code,aliases,valid_from,valid_to,successor_code\nTEST-M,Ban M,ban,,,,,\n"
    )
    return [
        ("GET", "/directives", {}, set(USERS)),
        ("GET", "/directives/upload", {}, OFFICE),
        ("GET", f"/directives/{d}", {}, READERS | {"ct-ca", "ct-bchqs"}),
        ("GET", f"/directives/{d}/review", {}, OFFICE),
        ("GET", f"/directives/{d}/source", {}, READERS | {"ct-ca", "ct-bchqs"}),
        ("GET", f"/tasks/{t}", {}, READERS | {"ct-ca"}),
        ("GET", f"/api/v1/tasks/{t}", {}, READERS | {"ct-ca"}),
        ("GET", f"/evidence/{i['evidence']}", {}, READERS | {"ct-ca"}),
        ("GET", "/desk", {}, OFFICE),
        ("GET", "/inbox", {}, set(USERS)),
        ("GET", "/api/v1/directives", {}, set(USERS)),
        ("GET", "/api/v1/tasks", {}, set(USERS)),
        ("GET", "/dashboard", {}, set(USERS)),
        ("GET", "/dashboard/tasks?bucket=overdue", {}, set(USERS)),
        ("GET", "/dashboard?unit=CT-BCHQS", {}, READERS | {"ct-bchqs"}),
        ("GET", "/api/v1/dashboard?unit=CT-CA", {}, READERS | {"ct-ca"}),
        ("POST", f"/tasks/{t}/progress", {"status": "in_progress", "percent": "10"}, {"admin", "ct-ca"}),
        ("POST", f"/tasks/{t}/extension", {"until": later, "reason": "x"}, {"admin", "ct-ca"}),
        ("POST", f"/updates/{i['update']}/verify", {"decision": "return", "reason": "x"}, OFFICE),
        ("POST", f"/extensions/{i['extension']}/decide", {"decision": "reject"}, OFFICE),
        ("POST", f"/tasks/{t}/edit", {"text": "Nội dung", "directive": str(d)}, OFFICE),
        ("POST", f"/mentions/{i['mention']}/map", {"unit": "", "directive": str(d)}, OFFICE),
        ("POST", f"/tasks/{t}/assign", {"lead": "CT-CA", "directive": str(d)}, OFFICE),
        ("POST", f"/directives/{d}/assign-from-text", {}, OFFICE),
        ("POST", f"/directives/{d}/confirm", {}, OFFICE),
        ("POST", "/directives/upload", {}, OFFICE),
        ("GET", f"/directives/jobs/{i['job']}", {}, {"admin", "vanphong"}),
        ("GET", f"/directives/jobs/{i['job']}/progress", {}, {"admin", "vanphong"}),
        ("POST", f"/tasks/{t}/split", {"before": "x", "directive": str(d)}, OFFICE),
        ("POST", f"/tasks/{t}/merge", {"directive": str(d)}, OFFICE),
        # (the demo's directive is confirmed: the office is told so, a 422, the others refused)
        ("POST", f"/tasks/{t}/delete", {"directive": str(d), "sure": "1"}, OFFICE),
        ("POST", f"/links/{i['link']}/decide", {"decision": "reject", "directive": str(d)}, OFFICE),
        ("GET", "/api/v1/groups", {}, OFFICE),
        ("PUT", "/api/v1/groups", {"name": "Nhóm API", "units": ["CT-CA"]}, OFFICE),
        (
            "POST",
            f"/api/v1/directives/{d}/fan-out",
            {"group": str(i["group"]), "tasks": [i["fanned"]]},
            OFFICE,
        ),
        ("POST", f"/api/v1/mentions/{i['mention']}/map", {"unit": None, "everywhere": False}, OFFICE),
        ("POST", f"/directives/{d}/tasks", {"text": "Nhiệm vụ thêm", "after": str(t)}, OFFICE),
        ("POST", f"/directives/{d}/discard", {"sure": "1"}, OFFICE),
        ("POST", f"/directives/{d}/metadata", {"number": "1"}, OFFICE),
        ("GET", "/admin/units", {}, OFFICE),
        ("GET", "/admin/groups", {}, OFFICE),
        ("GET", "/admin/areas", {}, OFFICE),
        ("POST", "/admin/areas", {"action": "add", "name": "Lĩnh vực M"}, OFFICE),
        ("POST", f"/directives/{d}/areas", {}, OFFICE),
        ("GET", f"/directives/{d}/import", {}, OFFICE),
        ("POST", f"/directives/{d}/import", {}, OFFICE),
        ("POST", f"/api/v1/directives/{d}/tasks/import", {"file": b"Nhiem vu\n"}, OFFICE),
        ("GET", "/search?q=thanh+pho", {}, set(USERS)),
        ("GET", "/api/v1/search?q=thanh+pho", {}, set(USERS)),
        ("POST", "/admin/groups", {"name": "Nhóm M", "units": "CT-CA, CT-BCHQS"}, OFFICE),
        ("POST", f"/tasks/{i['fanned']}/fan-out", {"group": str(i["group"]), "directive": str(d)}, OFFICE),
        (
            "POST",
            f"/directives/{d}/fan-out",
            {"group": str(i["group"]), f"task-{i['fanned']}": "1", "which": "selected"},
            OFFICE,
        ),
        ("GET", "/admin/units/export.csv", {}, OFFICE),
        ("POST", "/admin/units/import", {}, OFFICE),
        (
            "POST",
            "/admin/units",
            {"code": "CT-MATRIX", "name": "Ban M", "kind": "ban", "parent_code": "CT"},
            OFFICE,
        ),
        ("GET", "/admin/units/CT-CA/edit", {}, OFFICE),
        (
            "POST",
            "/admin/units/CT-MATRIX/edit",
            {"name": "Ban M2", "kind": "ban", "parent_code": "CT"},
            OFFICE,
        ),
        ("GET", "/admin/users", {}, {"admin"}),
        ("POST", "/admin/users", {"role": "nobody"}, {"admin"}),
        ("POST", "/admin/users/matrix-victim/active", {"active": "1"}, {"admin"}),
        ("POST", "/admin/users/matrix-victim/sessions/end", {}, {"admin"}),
        ("POST", "/admin/sessions/end", {}, {"admin"}),
        ("GET", "/admin/tokens", {}, {"admin"}),
        ("POST", "/admin/tokens", {"username": "matrix-victim", "name": "m", "days": "1"}, {"admin"}),
        ("POST", f"/admin/tokens/{i['token']}/revoke", {}, {"admin"}),
        ("GET", "/api/v1/tokens", {}, set(USERS)),
        ("DELETE", f"/api/v1/tokens/{i['token']}", {}, {"admin"}),
        ("GET", "/admin/statuses", {}, {"admin"}),
        ("POST", "/admin/statuses", {"key": "cho_y_kien", "label": "Chờ ý kiến", "group": "open"}, {"admin"}),
        ("GET", "/admin/settings", {}, {"admin"}),
        ("GET", f"/api/v1/directives/{d}", {}, READERS | {"ct-ca", "ct-bchqs"}),
        ("POST", "/api/v1/directives", {"file": b"CHI THI"}, OFFICE),
        ("GET", f"/api/v1/jobs/{i['job']}", {}, {"admin", "vanphong"}),
        ("POST", f"/api/v1/directives/{d}/confirm", {}, OFFICE),
        ("POST", f"/api/v1/directives/{d}/assign-from-text", {}, OFFICE),
        ("PATCH", f"/api/v1/tasks/{t}", {"text": "Nội dung"}, OFFICE),
        ("PUT", f"/api/v1/tasks/{t}/assignment", {"lead": "CT-CA"}, OFFICE),
        ("POST", f"/api/v1/tasks/{t}/progress", {"percent": 10}, {"admin", "ct-ca"}),
        ("GET", f"/api/v1/tasks/{t}/updates", {}, READERS | {"ct-ca"}),
        (
            "POST",
            f"/api/v1/tasks/{t}/extensions",
            {"proposed_deadline": later, "reason": "x"},
            {"admin", "ct-ca"},
        ),
        ("GET", f"/api/v1/tasks/{t}/extensions", {}, READERS | {"ct-ca"}),
        ("GET", "/api/v1/desk", {}, OFFICE),
        ("POST", f"/api/v1/updates/{i['update']}/decision", {"decision": "return", "reason": "x"}, OFFICE),
        ("POST", f"/api/v1/extensions/{i['extension']}/decision", {"approve": False}, OFFICE),
        ("GET", "/api/v1/units", {}, set(USERS)),
        ("GET", "/api/v1/units/CT-CA", {}, set(USERS)),
        ("POST", "/api/v1/units/import", {"file": directory}, OFFICE),
        ("GET", "/notifications", {}, set(USERS)),
        ("GET", f"/api/v1/tasks/{t}/occurrences", {}, READERS | {"ct-ca"}),
        ("PUT", f"/api/v1/tasks/{t}/cycle", {"every": "monthly", "day": 20}, OFFICE),
        ("POST", f"/tasks/{t}/cycle", {"every": "monthly", "day": "20"}, OFFICE),
        ("GET", "/reports", {}, set(USERS)),
        ("GET", "/reports/periodic?as_of=2025-01-07&format=xlsx", {}, set(USERS)),
        ("GET", "/reports/periodic?unit=CT-BCHQS&format=xlsx", {}, READERS | {"ct-bchqs"}),
        ("GET", "/reports/letter?unit=CT-CA", {}, OFFICE),
        ("GET", "/api/v1/reports/periodic?format=xlsx", {}, set(USERS)),
        ("GET", "/api/v1/reports/letter?unit=CT-CA", {}, OFFICE),
        ("GET", "/followup", {}, set(USERS)),
        ("GET", "/api/v1/followup", {}, set(USERS)),
        ("GET", "/notifications/badge", {}, set(USERS)),
        ("POST", "/notifications/read-all", {}, set(USERS)),
        ("GET", "/api/v1/notifications", {}, set(USERS)),
        ("POST", f"/notifications/{i['notification']}/read", {}, {"ct-ca"}),
        ("POST", f"/api/v1/notifications/{i['notification']}/read", {}, {"ct-ca"}),
    ]


# routes the matrix leaves to other tests: the login pages (test_pages), the schema itself,
# the page pictures of a PDF (the demo's directive is a text: test_pdf_review) and the
# probes and metrics, which answer without a login (test_health)
ELSEWHERE = {
    "/healthz",
    "/readyz",
    "/metrics",
    "/",
    "/login",
    "/logout",
    "/password",
    "/api/v1/openapi.json",
    "/directives/{directive_id}/pages/{page}.png",
}


def test_the_matrix_names_every_route(demo_site: DemoSite, ids: dict[str, object]) -> None:
    """A new route must join the matrix (or say where it is tested)."""
    called = [(m, p.split("?")[0]) for m, p, _, _ in _routes(ids)]
    routes = list(_api_routes(demo_site.client().app.routes))
    assert len(routes) > 50
    missing = [
        f"{method} {path}"
        for path, route in routes
        if path not in ELSEWHERE
        for method in route.methods
        if not any(m == method and compile_path(path)[0].match(p) for m, p in called)
    ]
    assert not missing, missing


def _api_routes(routes: Iterable[object], prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
    """(full path, route) of every route, within included routers too (FastAPI ≥ 0.16x
    keeps an included router whole, its prefix in the include)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        router = getattr(route, "original_router", None)
        if router is not None:
            yield from _api_routes(router.routes, prefix + route.include_context.prefix)  # type: ignore[attr-defined]


def _call(client: TestClient, method: str, path: str, form: dict[str, object]) -> Response:
    if method == "GET":
        return client.get(path, follow_redirects=False)
    csrf = csrf_of(client)
    files = {k: (f"{k}.csv", v) for k, v in form.items() if isinstance(v, bytes)}
    fields = {k: v for k, v in form.items() if not isinstance(v, bytes)}
    if path.startswith("/api/"):  # JSON, or a file; the session's CSRF token in its header
        body: dict[str, Any] = {"files": files} if files else {"json": fields}
        return client.request(method, path, headers={"X-CSRF-Token": csrf}, **body)
    return client.request(
        method, path, data={**fields, "csrf": csrf}, files=files or None, follow_redirects=False
    )


@pytest.mark.parametrize("user", USERS)
def test_every_route_as_every_role(demo_site: DemoSite, ids: dict[str, object], user: str) -> None:
    client = demo_site.client(user)
    refused_as_expected, allowed = [], []
    for method, path, form, who in _routes(ids):
        r = _call(client, method, path, form)
        refused = r.status_code in (403, 404)
        if user in who:
            assert not refused, f"{user} {method} {path}: {r.status_code}"
            assert r.status_code < 500, f"{user} {method} {path}: {r.status_code}"
            allowed.append(path)
        else:
            assert refused, f"{user} {method} {path} should be refused, got {r.status_code}"
            refused_as_expected.append(path)
    assert allowed and (user == "admin" or refused_as_expected)


def test_anonymous_is_sent_to_login_and_api_says_401(demo_site: DemoSite, ids: dict[str, object]) -> None:
    client = demo_site.client()
    for method, path, _, _ in _routes(ids):
        r = client.request(method, path, follow_redirects=False)
        if path.startswith("/api/"):
            assert r.status_code == 401 and r.headers["content-type"].startswith("application/problem+json")
        elif method == "GET":
            assert (r.status_code, r.headers.get("location")) == (303, "/login"), path
        else:
            assert r.status_code in (303, 403), path  # no session, no CSRF: never performed


def test_forms_without_csrf_are_refused(demo_site: DemoSite, ids: dict[str, object]) -> None:
    client = demo_site.client("vanphong")
    r = client.post(f"/directives/{ids['directive']}/confirm", data={}, follow_redirects=False)
    assert r.status_code == 403 and "Phiên làm việc đã hết hạn" in r.text
    r = client.post(
        f"/directives/{ids['directive']}/confirm", data={"csrf": "forged"}, follow_redirects=False
    )
    assert r.status_code == 403
