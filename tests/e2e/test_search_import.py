"""Issue #16 in Chromium: the office finds tasks from the header's search box (without
diacritics, the words marked), on a desk and on a phone; then checks a spreadsheet of
tasks (refused rows shown by row and column), puts it right and imports it, the file
staying chosen between the two; axe-core clean; each step kept as a screenshot."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from dondoc.services import users
from tests.e2e.conftest import SHOTS, Live, axe_violations, login
from tests.support.tracking import confirmed_seed

pytestmark = pytest.mark.e2e


def _book(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Mã", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(buf.getvalue())
    return path


def test_e2e_search_and_import_a_task_list(
    live: Live, browser: object, shot: Callable[[object, str, Callable[[], None]], None], tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    office = users.actor_by_name(live.store, "vanphong")
    directive_id, _ = confirmed_seed(live.store, office, on=dt.date.today() - dt.timedelta(days=10))
    page = browser.new_page()  # type: ignore[attr-defined]
    base = live.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    violations: dict[str, list[dict[str, object]]] = {}
    shot(page, "login", lambda: (login(page, base, "vanphong"), expect(page).to_have_url(f"{base}/desk")))

    def search() -> None:
        page.get_by_role("search").first.get_by_label("Tìm kiếm").fill("giai ngan von dau tu")
        page.get_by_role("search").first.get_by_role("button", name="Tìm").click()
        expect(page.locator("ol.results mark", has_text="giải ngân").first).to_be_visible()

    shot(page, "search", search)
    violations["search"] = axe_violations(page)
    page.screenshot(path=str(SHOTS / "search-results.png"), full_page=True)

    def open_hit() -> None:
        page.locator("ol.results li").first.get_by_role("link").first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Nhiệm vụ")

    shot(page, "open", open_hit)

    # a list with two bad rows: checked, refused row by row, nothing written
    bad_rows: list[list[object]] = [
        ["A1", "Rà soát quy chế làm việc", "Sở Không Có", "31/12/2025"],
        ["A2", "Tổng kết công tác cải cách hành chính", "Sở Nội vụ", "31/02/2025"],
    ]
    bad = _book(tmp_path / "ds.xlsx", bad_rows)
    page.goto(f"{base}/directives/{directive_id}/import")
    page.get_by_label("Tệp danh sách (.xlsx hoặc .csv UTF-8)").set_input_files(str(bad))

    def check() -> None:
        page.get_by_role("button", name="Nhập vào văn bản").click()
        expect(page.locator("#import-errors tbody tr")).to_have_count(2)
        expect(page.get_by_text("2 dòng có lỗi: chưa ghi gì")).to_be_visible()

    shot(page, "check", check)
    violations["import-errors"] = axe_violations(page)
    page.screenshot(path=str(SHOTS / "import-errors.png"), full_page=True)

    good_rows: list[list[object]] = [
        ["A1", "Rà soát quy chế làm việc", "Văn phòng Thành ủy", "31/12/2025"],
        ["A2", "Tổng kết công tác cải cách hành chính", "Sở Nội vụ", "Quý IV/2025"],
    ]
    good = _book(tmp_path / "ds.xlsx", good_rows)
    page.get_by_label("Tệp danh sách (.xlsx hoặc .csv UTF-8)").set_input_files(str(good))

    def check_then_import() -> None:
        page.get_by_role("button", name="Kiểm tra").click()
        expect(page.get_by_text("Tệp hợp lệ: 2 dòng — 2 nhiệm vụ mới")).to_be_visible()
        # the file is still chosen: the answer replaced the result, not the form
        page.get_by_role("button", name="Nhập vào văn bản").click()
        expect(page.get_by_text("Đã nhập 2 dòng: 2 nhiệm vụ mới")).to_be_visible()

    shot(page, "import", check_then_import)
    page.screenshot(path=str(SHOTS / "import-done.png"), full_page=True)

    def found_again() -> None:
        page.goto(f"{base}/search?q=tong+ket+cai+cach+hanh+chinh&kind=task")
        expect(page.locator("ol.results li")).to_have_count(1)

    shot(page, "found", found_again)

    # the same search on a phone: no sideways scrolling
    phone = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    login(phone, base, "vanphong")
    phone.goto(f"{base}/search?q=chuyen+doi+so")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the search page is {width} px wide on a phone"
    violations["search-phone"] = axe_violations(phone)
    phone.screenshot(path=str(SHOTS / "search-phone.png"), full_page=True)
    assert violations == {name: [] for name in violations}, violations
