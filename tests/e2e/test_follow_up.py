"""The whole follow-up in a real browser: the office uploads and reviews the seed, a unit
reports and asks for more time, the office verifies and approves, the dashboard shows it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from dondoc.services.demo import seed_path
from tests.e2e.conftest import Live, axe_violations, login

pytestmark = pytest.mark.e2e


def test_e2e_office_and_unit_follow_up_a_directive(
    live: Live, browser: object, shot: Callable[[object, str, Callable[[], None]], None], tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page = browser.new_page()  # type: ignore[attr-defined]
    base = live.url
    # the pages run under a policy without inline script (issue 13): anything of dondoc's
    # own that the policy refused would be reported here, and the flow below would break
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    checked: dict[str, list[dict[str, object]]] = {}
    # every page the browser opens, with the headers it came with (checked at the end)
    documents: list[tuple[str, dict[str, str]]] = []
    page.on(
        "response",
        lambda r: (
            documents.append((r.url, r.all_headers())) if r.request.resource_type == "document" else None
        ),
    )

    def accessible(name: str) -> None:
        checked[name] = axe_violations(page)

    # the office logs in and lands on its desk
    shot(page, "1-login", lambda: (login(page, base, "vanphong"), expect(page).to_have_url(f"{base}/desk")))
    accessible("desk")

    # upload the seed directive: the review screen shows its 25 tasks beside the source
    def upload() -> None:
        page.goto(f"{base}/directives/upload")
        accessible("upload")
        # a file dropped anywhere on the box is taken as the file to read
        dropped = page.evaluate(
            """() => {
                const data = new DataTransfer();
                data.items.add(new File(["x"], "keo-tha.txt"));
                const drop = new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true});
                document.getElementById("upload-form").dispatchEvent(drop);
                return document.getElementById("file").files[0].name;
            }"""
        )
        assert dropped == "keo-tha.txt"
        page.get_by_label("Tệp văn bản").set_input_files(str(seed_path()))
        page.get_by_role("button", name="Đọc văn bản").click()
        expect(page).to_have_url(re.compile(r"/directives/\d+/review$"))
        expect(page.locator("article.task")).to_have_count(25)
        expect(page.locator("section.source mark")).to_have_count(25)

    shot(page, "2-upload", upload)
    accessible("review")
    directive_url = page.url.removesuffix("/review")

    # fix one task's product and targets: saved in place by htmx, the page is not reloaded
    def fix_task() -> None:
        page.evaluate("window.sameDocument = true")
        first = page.locator("article.task").first
        first.get_by_label("Sản phẩm").fill("Báo cáo kết quả gửi Thường trực Thành ủy")
        first.get_by_label("Chỉ tiêu, kết quả cần đạt (mỗi dòng một chỉ tiêu)").fill("đạt 100% kế hoạch")
        first.get_by_role("button", name="Lưu nhiệm vụ").click()
        first = page.locator("article.task").first
        expect(first.get_by_role("status")).to_have_text("Đã lưu.")
        expect(first.get_by_label("Sản phẩm")).to_have_value("Báo cáo kết quả gửi Thường trực Thành ủy")
        expect(first.get_by_label("Chỉ tiêu, kết quả cần đạt (mỗi dòng một chỉ tiêu)")).to_have_value(
            "đạt 100% kế hoạch"
        )
        assert page.evaluate("window.sameDocument") is True

    shot(page, "3-fix-task", fix_task)

    # map a body the directory could not resolve ("Các cơ quan khối nội chính", flagged)
    def map_body() -> None:
        item = page.locator("ul.mentions li", has_text="Các cơ quan khối nội chính")
        expect(item.locator(".tag.warn")).to_be_visible()
        item.get_by_role("combobox").fill("CT-TU-BNC")
        item.get_by_role("button", name="Chọn").click()
        item = page.locator("ul.mentions li", has_text="Các cơ quan khối nội chính")
        expect(item.locator(".tag.warn")).to_have_count(0)

    shot(page, "4-map-body", map_body)

    # split a task in two and merge it back: the source and the tasks redrawn in place
    def split_and_merge() -> None:
        page.evaluate("window.sameDocument = true")
        second = page.locator("article.task").nth(1)
        words = second.get_by_label("Nội dung").input_value().split()
        second.get_by_text("Tách / gộp nhiệm vụ").click()
        second.get_by_label("Tách thành nhiệm vụ mới, bắt đầu từ đoạn").fill(" ".join(words[-4:]))
        second.get_by_role("button", name="Tách nhiệm vụ").click()
        expect(page.locator("section.tasks > p.saved")).to_have_text("Đã tách nhiệm vụ.")
        expect(page.locator("article.task")).to_have_count(26)
        expect(page.locator("section.source mark")).to_have_count(26)
        second = page.locator("article.task").nth(1)
        second.get_by_text("Tách / gộp nhiệm vụ").click()
        second.get_by_role("button", name="Gộp với nhiệm vụ tiếp theo").click()
        expect(page.locator("section.tasks > p.saved")).to_have_text("Đã gộp với nhiệm vụ tiếp theo.")
        expect(page.locator("article.task")).to_have_count(25)
        assert page.evaluate("window.sameDocument") is True

    shot(page, "5-split-merge", split_and_merge)

    # confirm, assign what the text says, and give one more task to the police by hand,
    # all without reloading the page
    def confirm_and_assign() -> None:
        page.evaluate("window.sameDocument = true")
        # the review says which phrases are still flagged; the clerk confirms despite them
        expect(page.locator("#still-flagged")).to_contain_text("cụm từ cơ quan chưa chọn đơn vị")
        page.get_by_label("Vẫn xác nhận, chọn đơn vị sau").check()
        page.get_by_role("button", name="Xác nhận văn bản").click()
        page.get_by_role("button", name="Giao theo đơn vị nêu trong văn bản").click()
        expect(page.locator("#assigned")).to_contain_text("Đã giao")
        last = page.locator("article.task").last
        last.get_by_label("Đơn vị chủ trì").fill("cong an thanh pho")  # a name, typed without diacritics
        last.get_by_role("button", name="Giao nhiệm vụ").click()
        expect(page.locator("article.task").last.get_by_role("status")).to_have_text("Đã lưu.")
        expect(page.locator("article.task").last.get_by_label("Đơn vị chủ trì")).to_have_value(
            "Công an thành phố"
        )
        assert page.evaluate("window.sameDocument") is True

    shot(page, "6-confirm-assign", confirm_and_assign)
    page.get_by_role("button", name="Đăng xuất").click()

    # the police's focal point: its two tasks in the inbox
    evidence = tmp_path / "bao-cao-ket-qua.txt"
    evidence.write_text("Báo cáo kết quả số 45-BC/CAT", encoding="utf-8")
    today = dt.date.today()
    until = today + dt.timedelta(days=60)

    def unit_reports() -> None:
        login(page, base, "congan")
        expect(page).to_have_url(f"{base}/inbox")
        rows = page.locator("tbody tr")
        expect(rows).to_have_count(2)
        accessible("inbox")
        page.get_by_role("link", name=re.compile("^Lực lượng Công an")).click()
        accessible("task")
        page.get_by_label("Tình trạng").select_option("done")
        page.get_by_label("Kết quả thực hiện").fill("Đã hoàn thành các đợt cao điểm trấn áp tội phạm.")
        page.get_by_label("Số văn bản báo cáo kết quả").fill("45-BC/CAT")
        page.get_by_label("Minh chứng").set_input_files(str(evidence))
        page.get_by_role("button", name="Gửi báo cáo").click()
        expect(page.locator("article.update .tag.warn")).to_have_text("Chờ xác nhận")
        expect(page.get_by_role("link", name="bao-cao-ket-qua.txt")).to_be_visible()

    shot(page, "7-unit-reports", unit_reports)

    def unit_asks_for_time() -> None:
        page.goto(f"{base}/inbox")
        page.locator("tbody tr").filter(has_not_text="Lực lượng Công an").get_by_role("link").first.click()
        page.get_by_label("Đề nghị gia hạn đến ngày").fill(until.isoformat())
        page.get_by_label("Lý do").fill("Chờ kết quả giám định.")
        page.get_by_role("button", name="Gửi đề nghị").click()
        expect(page.get_by_text("chờ quyết định")).to_be_visible()

    shot(page, "8-extension", unit_asks_for_time)
    page.get_by_role("button", name="Đăng xuất").click()

    # the office verifies the claim and approves the extension from its desk
    def office_decides() -> None:
        login(page, base, "vanphong")
        page.evaluate("window.sameDocument = true")
        page.locator("article.update").first.get_by_role("button", name="Xác nhận hoàn thành").click()
        expect(page.get_by_text("Đã xác nhận hoàn thành.")).to_be_visible()  # in place, by htmx
        page.get_by_role("button", name="Đồng ý gia hạn").click()
        expect(page.get_by_text("Đã đồng ý gia hạn.")).to_be_visible()
        assert page.evaluate("window.sameDocument") is True
        page.reload()
        expect(page.get_by_text("Không có báo cáo nào chờ xác nhận.")).to_be_visible()
        expect(page.get_by_text("Không có đề nghị gia hạn nào.")).to_be_visible()

    shot(page, "9-office-decides", office_decides)

    # the dashboard: the police finished one task late (deadline 31/12/2024) and have one
    # in term thanks to the extension; every other assigned task is overdue
    def dashboard() -> None:
        page.goto(f"{base}/dashboard")
        expect(page.locator("#by-unit tr[data-unit='CT'] td[data-bucket='done_late']")).to_have_text("1")
        page.get_by_role("link", name="Thành phố Cần Thơ").click()  # drill down into the city's branches
        row = page.locator("#by-unit tr[data-unit='CT-CA']")
        expect(row.locator("td[data-bucket='done_late']")).to_have_text("1")
        expect(row.locator("td[data-bucket='open_in_term']")).to_have_text("1")
        expect(row.locator("td[data-bucket='overdue']")).to_have_text("0")
        # the chart (Chart.js, served by dondoc itself) drew one bar per branch
        bars = page.evaluate("Chart.getChart('buckets-chart').data.labels.length")
        assert bars == page.locator("#by-unit tbody tr").count()
        expect(page.locator("li[data-bucket='done_on_time'] strong")).to_have_text("0")
        # the police are ranked on their one task due (done late: 0%); the areas add up
        expect(page.locator("#ranking tr[data-unit='CT-CA'] td").last).to_have_text("0,0%")
        areas = page.evaluate("Chart.getChart('areas-chart').data.labels.length")
        assert areas == page.locator("#by-area tbody tr").count() > 0
        totals = page.locator("#by-area tbody tr td:last-child").all_inner_texts()
        assert sum(int(n) for n in totals) == sum(
            int(n) for n in page.locator("#by-unit tbody tr td:nth-last-child(2)").all_inner_texts()
        )

    shot(page, "10-dashboard", dashboard)
    accessible("dashboard")
    page.goto(directive_url)
    accessible("directive")
    page.goto(f"{base}/admin/units")
    accessible("admin-units")
    page.goto(f"{base}/admin/units/CT-CA/edit")
    accessible("admin-unit")

    # the admin makes an API token (shown once) and revokes it; ends the others' logins
    def tokens() -> None:
        page.get_by_role("button", name="Đăng xuất").click()
        login(page, base, "quantri")
        page.goto(f"{base}/admin/tokens")
        accessible("admin-tokens")
        page.get_by_label("Dùng cho").fill("báo cáo tự động")
        page.get_by_role("button", name="Tạo mã").click()
        expect(page.locator("#new-token")).to_have_text(re.compile(r"^[\w-]{40,}$"))
        page.get_by_role("button", name=re.compile("^Thu hồi")).first.click()
        expect(page.locator("#tokens")).to_contain_text("Đã thu hồi")
        page.goto(f"{base}/admin/users")
        accessible("admin-users")
        page.get_by_role("button", name="Kết thúc mọi phiên đăng nhập (trừ phiên này)").click()
        expect(page).to_have_url(f"{base}/admin/users")

    shot(page, "11-admin-tokens", tokens)

    # on a phone: no screen is wider than the phone (wide tables scroll in their own box)
    page.set_viewport_size({"width": 390, "height": 844})
    for path in (
        "/desk",
        "/dashboard",
        directive_url.removeprefix(base),
        f"{directive_url.removeprefix(base)}/review",
    ):
        page.goto(f"{base}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide on a 390px phone"
    assert {k: v for k, v in checked.items() if v} == {}
    assert refused == []
    # the security headers on every page the run opened (issue 17: ASVS 14.4)
    assert len(documents) > 10
    for url, headers in documents:
        assert "script-src 'self'" in headers.get("content-security-policy", ""), url
        assert "frame-ancestors 'none'" in headers["content-security-policy"], url
        assert headers.get("x-frame-options") == "DENY", url
        assert headers.get("x-content-type-options") == "nosniff", url
        assert headers.get("referrer-policy") == "same-origin", url
        assert "server" not in headers, url
        assert len(headers.get("x-request-id", "")) == 32, url
