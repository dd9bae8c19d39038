"""Issue #16: a unit's inbox, a task, a progress report and the dashboard on a 390 px
phone: no sideways scrolling, the task's text as wide as the screen allows (cards, not a
wide table), accessible; each kept as a screenshot."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from dondoc.services import users
from tests.e2e.conftest import SHOTS, Live, axe_violations, login
from tests.support.tracking import assign, confirmed_seed

pytestmark = pytest.mark.e2e

WIDTH = 390


def test_e2e_a_focal_point_works_from_a_phone(
    live: Live, browser: object, shot: Callable[[object, str, Callable[[], None]], None], tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    office = users.actor_by_name(live.store, "vanphong")
    _, tasks = confirmed_seed(live.store, office, on=dt.date.today() - dt.timedelta(days=30))
    for name in ("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"):
        assign(live.store, office, tasks[name], "CT-CA", on=dt.date.today() - dt.timedelta(days=30))
    page = browser.new_page(viewport={"width": WIDTH, "height": 844})  # type: ignore[attr-defined]
    base = live.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    violations: dict[str, list[dict[str, object]]] = {}

    def fits(name: str) -> None:
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= WIDTH, f"{name}: {overflow} px wide"
        violations[name] = axe_violations(page)
        page.screenshot(path=str(SHOTS / f"phone-{name}.png"), full_page=True)

    shot(page, "login", lambda: (login(page, base, "congan"), expect(page).to_have_url(f"{base}/inbox")))
    fits("inbox")
    first = page.locator("table.cards tbody tr").first.locator("td").first
    assert first.bounding_box()["width"] >= WIDTH - 80  # the task's text, the screen's width
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 3000, f"the inbox of 8 tasks is {height} px tall"

    def open_task() -> None:
        page.locator("table.cards tbody tr").first.get_by_role("link").first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Nhiệm vụ")

    shot(page, "task", open_task)
    fits("task")

    def report() -> None:
        page.get_by_label("Tiến độ (%)").fill("40")
        page.get_by_role("button", name="Gửi báo cáo").click()
        expect(page.get_by_text("40%").first).to_be_visible()

    shot(page, "report", report)
    fits("report")

    def dashboard() -> None:
        page.goto(f"{base}/dashboard")
        expect(page.get_by_role("heading", name="Tình hình thực hiện nhiệm vụ")).to_be_visible()

    shot(page, "dashboard", dashboard)
    fits("dashboard")
    assert {name: v for name, v in violations.items() if v} == {}
