"""The bell in the browser and the API: a user's unread count, the list with its links,
marking read; nobody reaches another's notifications."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode
from dondoc.services import progress, reminders, users
from dondoc.services.context import SYSTEM, Store
from dondoc.services.demo import load_demo
from dondoc.store import migrate
from dondoc.store.records import ExtensionRequestRecord
from tests.integration.web.conftest import DemoSite, csrf_of


@pytest.fixture
def reminded(tmp_path: Path) -> Iterator[DemoSite]:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        data_dir=tmp_path / "data",
        public_url="https://dondoc.example.vn",
        reminder_check_minutes=0,
    )
    store = Store.open(settings)
    migrate.upgrade(store.engine)
    load_demo(store)
    reminders.run(store, SYSTEM, day=dt.date(2025, 1, 14))
    yield DemoSite(store, settings)
    store.engine.dispose()


def test_the_bell_counts_lists_and_marks_read(reminded: DemoSite) -> None:
    client = reminded.client("ct-ubnd")
    home = client.get("/inbox").text
    assert 'data-badge="/notifications/badge"' in home
    badge = client.get("/notifications/badge")
    assert badge.status_code == 200 and ">1</span>" in badge.text
    page = client.get("/notifications").text
    assert "Đôn đốc thực hiện nhiệm vụ ngày 14/01/2025: 2 nhiệm vụ" in page
    assert '<a href="https://dondoc.example.vn/tasks/' in page  # the task links work
    assert "Đánh dấu tất cả đã đọc" in page
    csrf = csrf_of(client)
    r = client.post("/notifications/read-all", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert "</span>" not in client.get("/notifications/badge").text
    assert "Đánh dấu tất cả đã đọc" not in client.get("/notifications").text


def test_nobody_reads_or_marks_another_users_notifications(reminded: DemoSite) -> None:
    mine = reminded.client("ct-ubnd").get("/api/v1/notifications").json()
    assert mine["unread"] == 1 and len(mine["items"]) == 1
    theirs = mine["items"][0]["id"]
    other = reminded.client("ct-ca")
    assert theirs not in {n["id"] for n in other.get("/api/v1/notifications").json()["items"]}
    csrf = csrf_of(other)
    r = other.post(f"/notifications/{theirs}/read", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 404
    assert (
        other.post(f"/api/v1/notifications/{theirs}/read", headers={"X-CSRF-Token": csrf}).status_code == 404
    )
    assert reminded.client("ct-ubnd").get("/api/v1/notifications").json()["unread"] == 1
    # the owner marks it read through the API
    owner = reminded.client("ct-ubnd")
    r = owner.post(f"/api/v1/notifications/{theirs}/read", headers={"X-CSRF-Token": csrf_of(owner)})
    assert r.status_code == 204
    assert users.actor_by_name(reminded.store, "ct-ubnd").user_id > 0
    assert owner.get("/api/v1/notifications").json()["unread"] == 0


def test_no_login_no_bell(reminded: DemoSite) -> None:
    anonymous = reminded.client()
    assert anonymous.get("/notifications", follow_redirects=False).status_code == 303
    assert anonymous.get("/api/v1/notifications").status_code == 401


def test_the_followup_page_lists_the_reminded_units(reminded: DemoSite) -> None:
    page = reminded.client("lanhdao").get("/followup").text
    assert "Theo dõi đôn đốc" in page and "Ủy ban nhân dân thành phố" in page
    assert page.count("Chưa phản hồi</span>") == 4  # no unit has answered yet
    api = reminded.client("ct-ca").get("/api/v1/followup").json()["items"]
    assert [r["code"] for r in api] == ["CT-CA"] and api[0]["never_answers"]


def test_the_reports_page_gives_each_document(reminded: DemoSite) -> None:
    office = reminded.client("vanphong")
    page = office.get("/reports").text
    assert "Báo cáo tình hình thực hiện nhiệm vụ" in page and "Công văn đôn đốc" in page
    r = office.get("/reports/periodic", params={"as_of": "2025-01-07", "format": "docx"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert r.headers["content-disposition"].startswith('attachment; filename="bao-cao-2025-01-07.docx"')
    assert r.content[:2] == b"PK"
    pdf = office.get("/reports/letter", params={"unit": "CT-UBND", "as_of": "2025-01-07", "format": "pdf"})
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    bad = office.get("/reports/periodic", params={"as_of": "07/01/2025"})
    assert bad.status_code == 422 and "không phải ngày hợp lệ" in bad.text
    # a focal point has no letter to write, and no form for one
    reporter = reminded.client("ct-ca")
    assert "Công văn đôn đốc" not in reporter.get("/reports").text
    assert reporter.get("/reports/letter", params={"unit": "CT-CA"}).status_code == 403


def test_the_office_makes_a_task_recur_from_its_page(reminded: DemoSite) -> None:
    office = reminded.client("vanphong")
    page = office.get("/tasks/5").text
    assert "Nhiệm vụ định kỳ" in page and "Các kỳ báo cáo" not in page
    csrf = csrf_of(office)
    r = office.post(
        "/tasks/5/cycle", data={"csrf": csrf, "every": "monthly", "day": "20"}, follow_redirects=False
    )
    assert r.status_code == 303
    page = office.get("/tasks/5").text
    assert "Các kỳ báo cáo" in page and "20/10/2024" in page  # the first period after confirmation
    assert '<option value="monthly" selected>' in page
    bad = office.post("/tasks/5/cycle", data={"csrf": csrf, "every": "monthly", "day": "x"})
    assert bad.status_code == 422 and "không phải số" in bad.text
    # a focal point sees the periods, not the form
    reporter = reminded.client("ct-ubnd")
    assert "Nhiệm vụ định kỳ" not in reporter.get("/tasks/9").text


def test_a_unit_extends_the_period_it_is_working_on(reminded: DemoSite) -> None:
    office = reminded.client("vanphong")
    office.post("/tasks/24/cycle", data={"csrf": csrf_of(office), "every": "monthly", "day": "20"})
    unit = reminded.client("ct-ca")  # the Công an's focal point: the task's lead
    page = unit.get("/tasks/24").text
    assert "Gia hạn kỳ báo cáo đang thực hiện" in page
    r = unit.post(
        "/tasks/24/extension",
        data={"csrf": csrf_of(unit), "until": "2024-10-31", "reason": "Chờ số liệu"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert "đề nghị gia hạn kỳ từ 01/10/2024 từ 20/10/2024" in office.get("/desk").text
    with reminded.store.reading() as s:
        (request,) = s.scalars(select(ExtensionRequestRecord.id).where(ExtensionRequestRecord.task_id == 24))
    actor = users.actor_by_name(reminded.store, "vanphong")
    progress.decide_extension(reminded.store, actor, request, approve=True, today=dt.date.today())
    page = office.get("/tasks/24").text
    assert "20/10/2024 → 31/10/2024 (gia hạn)" in page and "(kỳ từ 01/10/2024)" in page


def test_a_report_or_a_run_for_an_implausible_day_is_refused_with_a_message(reminded: DemoSite) -> None:
    office = reminded.client("vanphong")
    for url in (
        "/reports/periodic?as_of=9999-12-31",
        "/reports/periodic?as_of=2025-01-07&since=0001-01-01",
        "/reports/letter?unit=CT-CA&as_of=9999-12-31",
    ):
        r = office.get(url)
        assert r.status_code == 422 and "1900" in r.text, url
    with pytest.raises(DondocError) as bad:
        reminders.run(reminded.store, SYSTEM, day=dt.date(9999, 12, 31), dry_run=True)
    assert bad.value.code is ErrorCode.RULE_VIOLATED
