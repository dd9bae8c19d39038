"""Issue #16 (search) through the web: the box on every page, the results page with its
marked words and filters, the workbook of the tasks found, /api/v1/search and `q=` on
the list endpoints; wrong input is refused with a message, never a 500."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from dondoc.services import search, users
from dondoc.services.context import SYSTEM
from dondoc.services.search import Filters
from tests.integration.web.conftest import DemoSite


def test_the_box_is_on_every_page_and_the_results_page_marks_the_words(demo_site: DemoSite) -> None:
    client = demo_site.client("vanphong")
    assert 'role="search"' in client.get("/desk").text
    page = client.get("/search", params={"q": "giai ngan"}).text
    assert "<mark>giải ngân</mark>" in page and 'href="/tasks/' in page
    typo = client.get("/search", params={"q": "giai ngna"}).text
    assert "Đã đọc thành: ngna → " in typo
    nothing = client.get("/search", params={"q": "xyzzy"}).text
    assert "Không tìm thấy kết quả nào" in nothing
    units = client.get("/search", params={"q": "cong an", "kind": "unit"}).text
    assert "Công an thành phố" in units
    assert '<span class="tag">Đơn vị</span>' in units and '<span class="tag">Nhiệm vụ</span>' not in units


def test_the_tasks_found_export_as_the_list_they_are(demo_site: DemoSite) -> None:
    client = demo_site.client("vanphong")
    r = client.get("/search", params={"q": "thanh pho", "format": "xlsx"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws is not None
    got = [row[1] for row in ws.iter_rows(min_row=2, values_only=True)]
    office = users.actor_by_name(demo_site.store, "vanphong")
    found = search.search(demo_site.store, office, "thanh pho", Filters(kinds=("task",)), limit=1000)
    assert got == [h.id for h in found.hits] and len(got) > 10


def test_a_unit_sees_only_what_it_may(demo_site: DemoSite) -> None:
    police = demo_site.client("ct-ca")
    page = police.get("/search", params={"q": "thanh pho", "kind": "task"}).text
    mine = set(re.findall(r'href="/tasks/(\d+)"', page))
    everyone = {
        str(h.id)
        for h in search.search(demo_site.store, SYSTEM, "thanh pho", Filters(kinds=("task",)), limit=100).hits
    }
    assert mine and mine < everyone


def test_wrong_input_gets_a_message_not_a_500(demo_site: DemoSite) -> None:
    client = demo_site.client("vanphong")
    assert client.get("/search", params={"q": "x", "due_from": "2025-02-30"}).status_code == 422
    assert client.get("/search", params={"q": "x", "due_to": "9999-12-31"}).status_code == 422
    assert client.get("/search", params={"q": "x" * 301}).status_code == 422
    assert client.get("/search", params={"q": "x", "kind": "bogus"}).status_code == 422
    unknown = client.get("/search", params={"q": "x", "unit": "KHONG-CO"})
    assert unknown.status_code == 404
    assert client.get("/search", params={"q": "\" * : -- '"}).status_code == 200


def test_the_api_searches_and_lists_take_q(demo_site: DemoSite) -> None:
    client = demo_site.client("vanphong")
    r = client.get("/api/v1/search", params={"q": "ubnd quan", "kind": "unit", "limit": 2})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["more"] is True and len(body["items"]) == 2  # three districts
    first = body["items"][0]
    start, end = first["marks"][0]
    assert first["kind"] == "unit" and first["snippet"][start:end].lower().startswith("ủy ban")
    tasks = client.get("/api/v1/tasks", params={"q": "giai ngan", "limit": 1}).json()
    assert "giải ngân" in tasks["items"][0]["text"], tasks
    assert tasks["more"] is True and tasks["count"] == 2, tasks
    units = client.get("/api/v1/units", params={"q": "y te"}).json()
    assert units["items"][0]["code"] == "CT-SYT"
    directives = client.get("/api/v1/directives", params={"q": "thanh uy can tho"}).json()
    assert [d["id"] for d in directives["items"]] == [1]
    assert client.get("/api/v1/directives", params={"q": "xyzzy"}).json()["items"] == []
    assert client.get("/api/v1/search", params={"q": ""}).status_code == 422
    police = demo_site.client("ct-ca")
    theirs = police.get("/api/v1/search", params={"q": "thanh pho", "kind": "task", "limit": 100}).json()
    everyone = client.get("/api/v1/search", params={"q": "thanh pho", "kind": "task", "limit": 100}).json()
    assert 0 < len(theirs["items"]) < len(everyone["items"])
