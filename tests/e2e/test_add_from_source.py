"""Issue #16 in Chromium: in the review of a draft, a passage the extraction missed is
selected in the source and added as a task: its span is where the selection stands (the
nearest occurrence, when the words stand twice), shown marked; axe-core clean."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from dondoc.services import users
from dondoc.store.records import TaskRecord
from tests.e2e.conftest import SHOTS, Live, axe_violations, login
from tests.support.tracking import ingest_seed

pytestmark = pytest.mark.e2e

PASSAGE = "Thực hiện Nghị quyết nhiệm vụ năm 2024 của Đảng bộ thành phố"

SELECT = """(passage) => {
  const pre = document.getElementById("source-text");
  const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const at = node.textContent.indexOf(passage);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + passage.length);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      return true;
    }
  }
  return false;
}"""


def test_e2e_a_missed_passage_is_selected_and_added(
    live: Live, browser: object, shot: Callable[[object, str, Callable[[], None]], None]
) -> None:
    from playwright.sync_api import expect

    office = users.actor_by_name(live.store, "vanphong")
    draft = ingest_seed(live.store, office).directive_id
    source = live.store
    with source.reading() as s:
        before = len(list(s.scalars(select(TaskRecord).where(TaskRecord.directive_id == draft))))
    page = browser.new_page()  # type: ignore[attr-defined]
    base = live.url
    shot(page, "login", lambda: (login(page, base, "vanphong"), expect(page).to_have_url(f"{base}/desk")))
    page.goto(f"{base}/directives/{draft}/review")
    button = page.get_by_role("button", name="Thêm đoạn đã chọn thành nhiệm vụ")
    expect(button).to_be_visible()  # shown by the script (hidden without it)

    def add() -> None:
        assert page.evaluate(SELECT, PASSAGE)
        button.click()
        expect(page.get_by_role("heading", name="Nhiệm vụ").first).to_be_visible()

    shot(page, "add", add)
    with source.reading() as s:
        tasks = list(
            s.scalars(
                select(TaskRecord).where(TaskRecord.directive_id == draft).order_by(TaskRecord.position)
            )
        )
        text = s.get(type(tasks[0].directive), draft).source_text  # type: ignore[arg-type]
    assert len(tasks) == before + 1
    added = next(t for t in tasks if t.text == PASSAGE)
    assert added.span_start is not None and added.span_end is not None
    assert " ".join(text[added.span_start : added.span_end].split()) == PASSAGE
    assert tasks[0].id == added.id  # the passage opens the text: the new first task
    expect(page.locator(f"#span-{added.id}")).to_contain_text("Nghị quyết nhiệm vụ năm 2024")
    assert axe_violations(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "review-add-from-source.png"), full_page=False)
    # nothing selected: said, nothing added
    page.evaluate("() => window.getSelection().removeAllRanges()")
    page.once("dialog", lambda d: d.accept())
    button.click()
    with source.reading() as s:
        assert len(list(s.scalars(select(TaskRecord).where(TaskRecord.directive_id == draft)))) == before + 1
