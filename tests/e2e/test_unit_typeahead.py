"""Issue #16 in Chromium: the review's unit fields suggest units as the clerk types,
case and diacritics aside ("cong an" finds "Công an thành phố", "d" finds "đ"), by
keyboard or pointer, several names in the support field; accessible (a combobox)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import select

from dondoc.services import users
from dondoc.store.records import AssignmentRecord, UnitRecord
from tests.e2e.conftest import SHOTS, Live, axe_violations, login
from tests.support.tracking import confirmed_seed

pytestmark = pytest.mark.e2e


def test_e2e_units_are_found_as_typed(
    live: Live, browser: object, shot: Callable[[object, str, Callable[[], None]], None]
) -> None:
    from playwright.sync_api import expect

    office = users.actor_by_name(live.store, "vanphong")
    directive_id, tasks = confirmed_seed(live.store, office, on=dt.date.today() - dt.timedelta(days=3))
    task = tasks["t1"]
    page = browser.new_page()  # type: ignore[attr-defined]
    base = live.url
    shot(page, "login", lambda: (login(page, base, "vanphong"), expect(page).to_have_url(f"{base}/desk")))
    page.goto(f"{base}/directives/{directive_id}/review#task-{task}")
    lead = page.locator(f"#lead-{task}")
    support = page.locator(f"#support-{task}")
    expect(lead).to_have_attribute("role", "combobox")

    def by_keyboard() -> None:
        lead.fill("")
        lead.press_sequentially("cong an")
        options = page.locator(f"#{lead.get_attribute('aria-controls')} li")
        expect(options.first).to_contain_text("Công an thành phố")
        lead.press("ArrowDown")
        lead.press("Enter")
        expect(lead).to_have_value("Công an thành phố")

    shot(page, "keyboard", by_keyboard)
    assert axe_violations(page) == []

    def two_by_pointer() -> None:
        support.fill("")
        support.press_sequentially("so tu phap")
        page.locator(f"#{support.get_attribute('aria-controls')} li").first.click()
        support.press_sequentially("; hoi dong nhan")  # đ typed as d, the second name
        page.locator(f"#{support.get_attribute('aria-controls')} li").first.click()
        expect(support).to_have_value("Sở Tư pháp; Hội đồng nhân dân thành phố")

    shot(page, "pointer", two_by_pointer)
    SHOTS.mkdir(parents=True, exist_ok=True)
    support.press_sequentially("; uy ban")
    page.screenshot(path=str(SHOTS / "review-unit-typeahead.png"))
    support.press("Escape")
    support.fill("Sở Tư pháp; Hội đồng nhân dân thành phố")

    def assign() -> None:
        page.locator(f"#task-{task}").get_by_role("button", name="Giao nhiệm vụ").click()
        expect(page.locator(f"#task-{task}")).to_contain_text("Đã lưu")

    shot(page, "assign", assign)
    with live.store.reading() as s:
        roles = {
            (role, code)
            for role, code in s.execute(
                select(AssignmentRecord.role, UnitRecord.code)
                .join(UnitRecord, UnitRecord.id == AssignmentRecord.unit_id)
                .where(AssignmentRecord.task_id == task)
            )
        }
    assert roles == {("lead", "CT-CA"), ("support", "CT-STP"), ("support", "CT-HDND")}
