"""Forms that htmx posts get their part of the page back: one task of the review, a desk
request once decided, errors into the page's alert region, an expired session to login."""

from __future__ import annotations

from sqlalchemy import select

from dondoc.services import review
from dondoc.services.context import SYSTEM
from dondoc.store.records import DirectiveRecord, TargetRecord, TaskRecord
from tests.integration.web.conftest import DemoSite, csrf_of

HX = {"HX-Request": "true"}


def _draft_task(site: DemoSite) -> tuple[int, int, int]:
    with site.store.reading() as s:
        directive = s.scalar(select(DirectiveRecord).order_by(DirectiveRecord.id))
        assert directive is not None
        task = s.scalar(
            select(TaskRecord).where(TaskRecord.directive_id == directive.id).order_by(TaskRecord.id)
        )
        assert task is not None
        return directive.id, task.id, task.version


def test_a_task_saved_by_htmx_comes_back_alone_with_its_targets_read(demo_site: DemoSite) -> None:
    directive, task, version = _draft_task(demo_site)
    client = demo_site.client("vanphong")
    form = {
        "csrf": csrf_of(client),
        "directive": str(directive),
        "version": str(version),
        "text": "Nội dung đã sửa",
        "product": "Báo cáo",
        "targets": "đạt 100% kế hoạch\n\ngiảm 5% so với cùng kỳ\n",
    }
    r = client.post(f"/tasks/{task}/edit", data=form, headers=HX)
    assert r.status_code == 200
    assert "<html" not in r.text
    assert f'id="task-{task}"' in r.text and "Đã lưu." in r.text
    assert "đạt 100% kế hoạch\ngiảm 5% so với cùng kỳ</textarea>" in r.text
    with demo_site.store.reading() as s:
        targets = s.scalars(
            select(TargetRecord).where(TargetRecord.task_id == task).order_by(TargetRecord.id)
        )
        assert [(t.text, t.target_value, t.measure) for t in targets] == [
            ("đạt 100% kế hoạch", 100.0, "%"),
            ("giảm 5% so với cùng kỳ", 5.0, "%"),
        ]
    # without htmx the same form reloads the review at the task
    again = {**form, "version": str(_draft_task(demo_site)[2])}
    plain = client.post(f"/tasks/{task}/edit", data=again, follow_redirects=False)
    assert plain.status_code == 303 and plain.headers["location"].endswith(f"/review#task-{task}")
    # no targets at all: an empty list clears them
    review.edit_task(demo_site.store, SYSTEM, task, {"targets": ()})
    with demo_site.store.reading() as s:
        assert s.scalar(select(TargetRecord.id).where(TargetRecord.task_id == task)) is None


def test_an_htmx_error_goes_to_the_alert_region(demo_site: DemoSite) -> None:
    directive, task, _ = _draft_task(demo_site)
    client = demo_site.client("vanphong")
    r = client.post(
        f"/tasks/{task}/edit",
        data={"csrf": csrf_of(client), "directive": str(directive), "text": " "},
        headers=HX,
    )
    assert r.status_code == 422
    assert r.headers["HX-Retarget"] == "#flash" and r.headers["HX-Reswap"] == "innerHTML"
    assert r.text.strip().startswith('<p class="error" role="alert">Thao tác không hợp lệ')
    # a form without its CSRF token: the same region, the page's own message
    r = client.post(f"/tasks/{task}/edit", data={"text": "x"}, headers=HX)
    assert (
        r.status_code == 403
        and "Phiên làm việc đã hết hạn" in r.text
        and r.headers["HX-Retarget"] == "#flash"
    )


def test_an_expired_session_sends_htmx_to_the_login_page(demo_site: DemoSite) -> None:
    r = demo_site.client().get("/desk", headers=HX, follow_redirects=False)
    assert r.status_code == 204 and r.headers["HX-Redirect"] == "/login"
