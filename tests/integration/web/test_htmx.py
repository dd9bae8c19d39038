"""Forms that htmx posts get their part of the page back: one task of the review, a desk
request once decided, errors into the page's alert region, an expired session to login."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from dondoc.services import groups, ingestion, review
from dondoc.services.context import SYSTEM
from dondoc.services.users import actor_by_name
from dondoc.store.records import AuditEventRecord, DirectiveRecord, TargetRecord, TaskRecord
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


def _draft_directive(site: DemoSite, tmp_path: Path, title: str = "Về việc thử tách và gộp") -> int:
    path = tmp_path / "chi-thi-thu.txt"
    path.write_text(
        f"CHỈ THỊ\n{title}\n\n"
        "1. Sở Tài chính chủ trì xây dựng kế hoạch năm. Sở Nội vụ tổng kết phong trào thi đua.\n"
        "2. Sở Y tế chủ trì báo cáo tình hình dịch bệnh.\n",
        encoding="utf-8",
    )
    return ingestion.ingest_file(site.store, actor_by_name(site.store, "vanphong"), path).directive_id


def _tasks(site: DemoSite, directive: int) -> list[int]:
    with site.store.reading() as s:
        return list(
            s.scalars(
                select(TaskRecord.id).where(TaskRecord.directive_id == directive).order_by(TaskRecord.id)
            )
        )


def test_split_and_merge_by_htmx_redraw_the_source_beside_the_tasks(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    directive = _draft_directive(demo_site, tmp_path)
    first, _ = _tasks(demo_site, directive)
    client = demo_site.client("vanphong")
    form = {"csrf": csrf_of(client), "directive": str(directive)}
    r = client.post(f"/tasks/{first}/split", data={**form, "before": "Sở Nội vụ tổng kết"}, headers=HX)
    assert r.status_code == 200 and "<html" not in r.text and r.text.count('id="review"') == 1
    assert "Đã tách nhiệm vụ." in r.text
    assert r.text.count('<article class="task"') == 3 and r.text.count('<mark id="span-') == 3
    assert ">Sở Nội vụ tổng kết phong trào thi đua.</mark>" in r.text  # the new task's own span
    r = client.post(f"/tasks/{first}/merge", data=form, headers=HX)
    assert r.status_code == 200 and "Đã gộp với nhiệm vụ tiếp theo." in r.text
    assert r.text.count('<article class="task"') == 2
    plain = client.post(f"/tasks/{first}/merge", data=form, follow_redirects=False)
    assert plain.status_code == 303 and plain.headers["location"].endswith(f"/review#task-{first}")
    assert len(_tasks(demo_site, directive)) == 1

    r = client.post(
        f"/directives/{directive}/metadata",
        data={**form, "number": "07/CT-UBND", "issued_on": ""},
        headers=HX,
    )
    assert r.status_code == 200 and r.text.lstrip().startswith("{#") is False
    assert 'id="metadata" open' in r.text and "Đã lưu." in r.text and 'value="07/CT-UBND"' in r.text


def test_an_assignment_by_htmx_comes_back_as_its_task(demo_site: DemoSite) -> None:
    with demo_site.store.reading() as s:
        directive = s.scalar(select(DirectiveRecord.id).where(DirectiveRecord.state == "confirmed"))
        task = s.scalar(select(TaskRecord.id).where(TaskRecord.directive_id == directive))
    client = demo_site.client("vanphong")
    form = {
        "csrf": csrf_of(client),
        "directive": str(directive),
        "lead": "CT-CA",
        "support": "CT-SYT, CT-BCHQS",
    }
    r = client.post(f"/tasks/{task}/assign", data=form, headers=HX)
    assert r.status_code == 200 and "<html" not in r.text and f'id="task-{task}"' in r.text
    assert 'name="lead" list="unit-codes" required value="Công an thành phố"' in r.text  # shown by name
    # by name too, typed without diacritics, supporting units separated by ";"
    by_name = {**form, "lead": "cong an thanh pho", "support": "Sở Y tế; bo chi huy quan su thanh pho"}
    again = client.post(f"/tasks/{task}/assign", data=by_name, headers=HX)
    assert again.status_code == 200 and 'value="Sở Y tế; Bộ Chỉ huy Quân sự thành phố"' in again.text
    unknown = client.post(f"/tasks/{task}/assign", data={**form, "lead": "Sở Không Có"}, headers=HX)
    assert unknown.status_code == 404
    assert 'value="Sở Y tế; Bộ Chỉ huy Quân sự thành phố"' in r.text  # the codes posted, the names shown


def test_a_phrase_mapped_with_all_its_copies_redraws_the_review(demo_site: DemoSite, tmp_path: Path) -> None:
    path = tmp_path / "chi-thi-nhom.txt"
    path.write_text(
        "CHỈ THỊ\nVề việc thử chọn đơn vị một lần\n\n"
        "1. Các ngành chức năng xây dựng kế hoạch năm.\n"
        "2. Các ngành chức năng tổng kết phong trào thi đua.\n"
        "3. Các  ngành chức năng báo cáo tình hình.\n",
        encoding="utf-8",
    )
    directive = ingestion.ingest_file(demo_site.store, actor_by_name(demo_site.store, "vanphong"), path)
    flagged = review.unresolved(demo_site.store, directive.directive_id)
    assert len(flagged) == 3
    client = demo_site.client("vanphong")
    page = client.get(f"/directives/{directive.directive_id}/review").text
    assert page.count("cả 2 chỗ khác có cùng cụm từ") == 3
    form = {
        "csrf": csrf_of(client),
        "directive": str(directive.directive_id),
        "task": "0",
        "unit": "",
        "all": "1",
    }
    r = client.post(f"/mentions/{flagged[0][0]}/map", data=form, headers=HX)
    assert r.status_code == 200 and r.headers["HX-Retarget"] == "#review"
    assert "Đã chọn đơn vị cho 3 chỗ có cùng cụm từ." in r.text and r.text.count('id="review"') == 1
    assert review.unresolved(demo_site.store, directive.directive_id) == []
    assert "chỗ khác có cùng cụm từ" not in client.get(f"/directives/{directive.directive_id}/review").text


def test_confirmation_says_what_is_still_flagged_and_the_review_what_is_unassigned(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    path = tmp_path / "chi-thi-co.txt"
    path.write_text(
        "CHỈ THỊ\nVề việc thử xác nhận\n\n"
        "1. Các ngành chức năng xây dựng kế hoạch năm.\n"
        "2. Công an thành phố tổng kết phong trào thi đua.\n",
        encoding="utf-8",
    )
    directive = ingestion.ingest_file(demo_site.store, actor_by_name(demo_site.store, "vanphong"), path)
    d = directive.directive_id
    flagged = len(review.unresolved(demo_site.store, d))
    assert flagged >= 1
    client = demo_site.client("vanphong")
    page = client.get(f"/directives/{d}/review").text
    assert f"Còn {flagged} cụm từ cơ quan chưa chọn đơn vị" in page and "«Các ngành chức năng»" in page
    csrf = csrf_of(client)
    refused = client.post(f"/directives/{d}/confirm", data={"csrf": csrf}, follow_redirects=False)
    assert refused.status_code == 422 and f"còn {flagged} cụm từ cơ quan chưa chọn đơn vị" in refused.text
    stale = client.post(
        f"/directives/{d}/confirm",
        data={"csrf": csrf, "despite_flags": str(flagged - 1)},
        follow_redirects=False,
    )
    assert stale.status_code == 422  # more flags now than the clerk saw
    done = client.post(
        f"/directives/{d}/confirm", data={"csrf": csrf, "despite_flags": str(flagged)}, follow_redirects=False
    )
    assert done.status_code == 303
    client.post(f"/directives/{d}/assign-from-text", data={"csrf": csrf})
    page = client.get(f"/directives/{d}/review").text
    assert 'id="unassigned"' in page and "Còn 1 nhiệm vụ chưa có đơn vị chủ trì" in page
    assert (
        "Các ngành chức năng xây dựng kế hoạch năm."
        in page.split('id="unassigned"')[1].split("</section>")[0]
    )


def test_the_office_saves_a_group_and_fans_a_task_out_from_the_review(demo_site: DemoSite) -> None:
    client = demo_site.client("vanphong")
    assert (
        "Chưa có nhóm nào" in client.get("/admin/groups").text or "<table" in client.get("/admin/groups").text
    )
    csrf = csrf_of(client)
    r = client.post(
        "/admin/groups",
        data={"csrf": csrf, "name": "Các lực lượng vũ trang", "units": "CT-CA;\nCT-BCHQS"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    page = client.get(r.headers["location"]).text
    assert "Đã lưu nhóm đơn vị." in page and "Các lực lượng vũ trang" in page and "Công an thành phố" in page
    bad = client.post("/admin/groups", data={"csrf": csrf, "name": "Trống", "units": " , "})
    assert bad.status_code == 422 and "nhóm cần có ít nhất một đơn vị" in bad.text
    with demo_site.store.reading() as s:
        directive = s.scalar(select(DirectiveRecord).where(DirectiveRecord.state == "confirmed"))
        assert directive is not None
        task = s.scalar(
            select(TaskRecord.id)
            .where(TaskRecord.directive_id == directive.id, TaskRecord.parent_id.is_(None))
            .order_by(TaskRecord.id.desc())
        )
    review_page = client.get(f"/directives/{directive.id}/review").text
    assert (
        f'action="/tasks/{task}/fan-out"' in review_page
        and "Các lực lượng vũ trang (2 đơn vị)" in review_page
    )
    group = next(g for g in groups.list_groups(demo_site.store) if g.name == "Các lực lượng vũ trang")
    r = client.post(
        f"/tasks/{task}/fan-out",
        data={"csrf": csrf, "group": str(group.id), "directive": str(directive.id)},
        follow_redirects=False,
    )
    assert r.status_code == 303 and "fanned=2" in r.headers["location"]
    assert "Đã giao cho 2 đơn vị của nhóm, mỗi đơn vị một bản." in client.get(r.headers["location"]).text
    # a focal point has neither the page nor the form
    assert demo_site.client("ct-ca").get("/admin/groups").status_code == 403


def test_the_office_gives_every_unassigned_task_to_a_group_in_one_go(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    path = tmp_path / "chi-thi-chung.txt"
    path.write_text(
        "CHỈ THỊ\nVề việc thử giao cho nhóm\n\n"
        "1. Các ngành chức năng xây dựng kế hoạch năm.\n"
        "2. Các ngành chức năng tổng kết phong trào thi đua.\n"
        "3. Công an thành phố bảo đảm an ninh.\n",
        encoding="utf-8",
    )
    office = actor_by_name(demo_site.store, "vanphong")
    d = ingestion.ingest_file(demo_site.store, office, path).directive_id
    review.confirm(demo_site.store, office, d, today=dt.date(2026, 1, 5))
    client = demo_site.client("vanphong")
    csrf = csrf_of(client)
    client.post(f"/directives/{d}/assign-from-text", data={"csrf": csrf})
    group = groups.save_group(demo_site.store, office, "Hai đơn vị", ["CT-CA", "CT-BCHQS"])
    page = client.get(f"/directives/{d}/review").text
    assert 'id="bulk-fan-out"' in page and "Còn 2 nhiệm vụ chưa có đơn vị chủ trì" in page
    r = client.post(
        f"/directives/{d}/fan-out",
        data={"csrf": csrf, "group": str(group), "which": "unassigned"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and "fanned=4&tasks=2" in r.headers["location"]
    page = client.get(r.headers["location"]).text
    assert "Đã giao 2 nhiệm vụ cho các đơn vị của nhóm: 4 bản" in page and 'id="unassigned"' not in page
    none = client.post(
        f"/directives/{d}/fan-out", data={"csrf": csrf, "group": str(group), "which": "selected"}
    )
    assert none.status_code == 422 and "chọn các nhiệm vụ giao cho nhóm" in none.text


def test_a_draft_gets_a_missed_task_loses_a_bogus_one_or_is_discarded(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    d = _draft_directive(demo_site, tmp_path, title="Về việc thử thêm và xóa")
    first, second = _tasks(demo_site, d)
    client = demo_site.client("vanphong")
    csrf = csrf_of(client)
    # a task the extraction missed, in the source's words: added after the first, its span found
    r = client.post(
        f"/directives/{d}/tasks",
        data={"csrf": csrf, "after": str(first), "text": "Sở Nội vụ tổng kết  phong trào thi đua."},
        follow_redirects=False,
    )
    assert r.status_code == 303
    tasks = _tasks(demo_site, d)
    added = next(t for t in tasks if t not in (first, second))
    with demo_site.store.reading() as s:
        rows = {t.id: t for t in s.scalars(select(TaskRecord).where(TaskRecord.directive_id == d))}
        source = s.get(DirectiveRecord, d)
        assert source is not None
        assert sorted(rows, key=lambda i: rows[i].position) == [first, added, second]
        span = (rows[added].span_start, rows[added].span_end)
        assert (
            span[0] is not None
            and source.source_text[span[0] : span[1]] == "Sở Nội vụ tổng kết phong trào thi đua."
        )
    # a bogus one taken out, only with the box ticked
    refused = client.post(f"/tasks/{second}/delete", data={"csrf": csrf, "directive": str(d)})
    assert refused.status_code == 422 and "đánh dấu ô xác nhận trước khi xóa" in refused.text
    client.post(f"/tasks/{second}/delete", data={"csrf": csrf, "directive": str(d), "sure": "1"})
    assert _tasks(demo_site, d) == sorted([first, added])
    with demo_site.store.reading() as s:
        deleted = s.scalar(
            select(AuditEventRecord).where(
                AuditEventRecord.action == "task.delete", AuditEventRecord.subject_id == second
            )
        )
        assert deleted is not None and "Sở Y tế chủ trì báo cáo" in (
            deleted.before or ""
        )  # what it said is kept
    # the whole draft thrown away: gone from the list, the audit keeps what it was
    r = client.post(f"/directives/{d}/discard", data={"csrf": csrf, "sure": "1"}, follow_redirects=False)
    assert r.status_code == 303 and "Đã bỏ văn bản đang rà soát." in client.get(r.headers["location"]).text
    with demo_site.store.reading() as s:
        assert s.get(DirectiveRecord, d) is None
        assert s.scalars(select(TaskRecord).where(TaskRecord.directive_id == d)).all() == []
    # a confirmed directive is never discarded
    with demo_site.store.reading() as s:
        confirmed = s.scalar(select(DirectiveRecord.id).where(DirectiveRecord.state == "confirmed"))
    kept = client.post(f"/directives/{confirmed}/discard", data={"csrf": csrf, "sure": "1"})
    assert kept.status_code == 422


def test_an_upload_that_repeats_a_directive_says_so(demo_site: DemoSite, tmp_path: Path) -> None:
    client = demo_site.client("vanphong")
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH AN HÒA\nSố: 77/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nAn Hòa, ngày 05 tháng 3 năm 2026\n\nKẾ HOẠCH\nThử tải lại\n\n"
        "1. Sở Y tế chủ trì báo cáo tình hình dịch bệnh.\n"
    )

    def upload(name: str, body: str) -> str:
        r = client.post(
            "/directives/upload",
            data={"csrf": csrf_of(client)},
            files={"file": (name, body.encode("utf-8"), "text/plain")},
        )
        assert r.status_code == 200, r.text[:300]
        return r.text

    first = upload("kh-77.txt", text)
    assert 'id="duplicate"' not in first
    # the same bytes: the directive reopened, said so, nothing made again
    again = upload("kh-77-lai.txt", text)
    assert 'id="again"' in again and 'id="duplicate"' not in again
    # one more line break: a new draft, said to repeat the first, which it links to
    repeated = upload("kh-77-sua.txt", text + "\n")
    assert 'id="duplicate"' in repeated and "mở văn bản đã có" in repeated
    # the same number and issuer, the text reworded: said too
    reworded = upload("kh-77-moi.txt", text.replace("dịch bệnh", "dịch bệnh mùa mưa"))
    assert 'id="duplicate"' in reworded
    with demo_site.store.reading() as s:
        rows = s.scalars(select(DirectiveRecord).where(DirectiveRecord.number == "77/KH-UBND")).all()
    assert len(rows) == 3 and rows[1].duplicate_of == rows[2].duplicate_of == rows[0].id


def test_a_passage_chosen_in_the_source_is_added_where_it_was_chosen(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    path = tmp_path / "chi-thi-lap.txt"
    path.write_text(
        "CHỈ THỊ\nVề việc thử chọn trong văn bản gốc\n\n"
        "1. Sở Tài chính chủ trì xây dựng kế hoạch năm.\r\n"
        "Rà soát hồ sơ tồn đọng.\r\n"
        "2. Sở Y tế chủ trì báo cáo tình hình dịch bệnh.\r\n"
        "Rà soát hồ sơ tồn đọng.\r\n",
        encoding="utf-8",
    )
    d = ingestion.ingest_file(demo_site.store, actor_by_name(demo_site.store, "vanphong"), path).directive_id
    client = demo_site.client("vanphong")
    assert 'id="add-from-source"' in client.get(f"/directives/{d}/review").text
    with demo_site.store.reading() as s:
        directive = s.get(DirectiveRecord, d)
        assert directive is not None
        source = directive.source_text
    second = source.rindex("Rà soát hồ sơ")
    # the page counts each "\r\n" as one character: the offset it sends is a little less
    near = second - source[:second].count("\r\n")
    before = _tasks(demo_site, d)
    r = client.post(
        f"/directives/{d}/tasks",
        data={"csrf": csrf_of(client), "text": "Rà soát hồ sơ  tồn đọng.", "near": str(near)},
        follow_redirects=False,
    )
    assert r.status_code == 303
    added = next(t for t in _tasks(demo_site, d) if t not in before)
    with demo_site.store.reading() as s:
        rows = {t.id: t for t in s.scalars(select(TaskRecord).where(TaskRecord.directive_id == d))}
    assert rows[added].span_start == second  # the second occurrence, where it was chosen
    last_before = max(
        (t for t in rows.values() if t.id != added and (t.span_start or 0) < second), key=lambda t: t.position
    )
    assert rows[added].position == last_before.position + 1
    refused = client.post(
        f"/directives/{d}/tasks",
        data={"csrf": csrf_of(client), "text": "Không có trong văn bản", "near": "5"},
    )
    assert refused.status_code == 422
