"""Issue #16 (Excel in) through the web: check a list (every refused row said in
Vietnamese, with its row and column; nothing written), then import it; only the office."""

from __future__ import annotations

import io

from openpyxl import Workbook
from sqlalchemy import func, select

from dondoc.store.records import TaskRecord
from tests.integration.web.conftest import DemoSite, csrf_of


def _book(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Nội dung", "Chủ trì", "Thời hạn"])
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _tasks(site: DemoSite) -> int:
    with site.store.reading() as s:
        return s.scalar(select(func.count()).select_from(TaskRecord)) or 0


def test_check_then_import_a_list(demo_site: DemoSite) -> None:
    client = demo_site.client("vanphong")
    form = client.get("/directives/1/import")
    assert form.status_code == 200 and "Nhập danh sách nhiệm vụ" in form.text
    assert 'href="/directives/1/import"' in client.get("/directives/1").text
    before = _tasks(demo_site)
    bad = _book([["Rà soát văn bản quy phạm", "Sở Không Có", "31/02/2025"], ["", "CT-STP", "Quý IV/2025"]])
    token = csrf_of(client)
    r = client.post(
        "/directives/1/import",
        data={"csrf": token, "action": "import"},
        files={"file": ("ds.xlsx", bad, "application/octet-stream")},
    )
    assert r.status_code == 422
    assert "2 dòng có lỗi: chưa ghi gì" in r.text
    assert (
        "không có đơn vị «Sở Không Có» trong danh mục" in r.text
        and "«31/02/2025» không phải ngày hợp lệ" in r.text
    )
    assert "nội dung nhiệm vụ để trống" in r.text and '<td data-label="Dòng">3</td>' in r.text
    assert _tasks(demo_site) == before
    good = _book([["Rà soát văn bản quy phạm pháp luật năm 2025", "Sở Tư pháp", "Quý IV/2025"]])
    checked = client.post(
        "/directives/1/import",
        data={"csrf": token, "action": "check"},
        files={"file": ("ds.xlsx", good, "application/octet-stream")},
    )
    assert checked.status_code == 200 and "Tệp hợp lệ: 1 dòng — 1 nhiệm vụ mới" in checked.text
    assert _tasks(demo_site) == before
    done = client.post(
        "/directives/1/import",
        data={"csrf": token, "action": "import"},
        files={"file": ("ds.xlsx", good, "application/octet-stream")},
    )
    assert done.status_code == 200 and "Đã nhập 1 dòng: 1 nhiệm vụ mới" in done.text
    assert _tasks(demo_site) == before + 1
    found = client.get("/search", params={"q": "van ban quy pham phap luat 2025", "kind": "task"}).text
    assert "Rà soát" in found  # the search follows the import


def test_only_the_office_imports_and_a_missing_file_is_said(demo_site: DemoSite) -> None:
    police = demo_site.client("ct-ca")
    assert police.get("/directives/1/import").status_code == 403
    client = demo_site.client("vanphong")
    r = client.post("/directives/1/import", data={"csrf": csrf_of(client), "action": "check"})
    assert r.status_code == 422 and "Hãy chọn tệp danh sách nhiệm vụ" in r.text


def test_the_api_imports_a_list_and_reports_refused_rows(demo_site: DemoSite) -> None:
    client = demo_site.client("vanphong")
    before = _tasks(demo_site)
    bad = _book([["Kiểm tra công tác phòng cháy", "CT-KHONG", "hằng tháng"]])
    r = client.post(
        "/api/v1/directives/1/tasks/import",
        files={"file": ("ds.xlsx", bad, "application/octet-stream")},
        headers={"X-CSRF-Token": csrf_of(client)},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["written"] is False and body["errors"][0]["kind"] == "unit_unknown"
    assert body["errors"][0]["row"] == 2 and body["errors"][0]["column"] == "Chủ trì"
    good = _book([["Kiểm tra công tác phòng cháy chữa cháy", "CT-CA", "hằng tháng"]])
    dry = client.post(
        "/api/v1/directives/1/tasks/import?dry_run=true",
        files={"file": ("ds.xlsx", good, "application/octet-stream")},
        headers={"X-CSRF-Token": csrf_of(client)},
    ).json()
    assert dry["written"] is False and dry["new"] == 1 and _tasks(demo_site) == before
    done = client.post(
        "/api/v1/directives/1/tasks/import",
        files={"file": ("ds.xlsx", good, "application/octet-stream")},
        headers={"X-CSRF-Token": csrf_of(client)},
    ).json()
    assert done["written"] is True and _tasks(demo_site) == before + 1
