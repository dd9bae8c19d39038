"""Issue #16: a task of a new directive still without a lead shows the lead of the alike
task of the issuer's earlier directive, filled in, for the clerk to confirm; each section
of a directive is proposed an area (lĩnh vực), which the dashboards then group by."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

from dondoc.services import carryover, ingestion, review, users
from dondoc.services.demo import seed_path
from tests.integration.web.conftest import DemoSite, csrf_of


def test_the_review_offers_the_earlier_lead(demo_site: DemoSite, tmp_path: Path) -> None:
    office = users.actor_by_name(demo_site.store, "vanphong")
    text = seed_path().read_text(encoding="utf-8").replace("Quý IV năm 2024", "Quý I năm 2025")
    path = tmp_path / "cantho-q1-2025.txt"
    path.write_text(text, encoding="utf-8")
    second = ingestion.ingest_file(demo_site.store, office, path).directive_id
    review.confirm(demo_site.store, office, second, today=dt.date(2025, 1, 6))
    page = demo_site.client("vanphong").get(f"/directives/{second}/review").text
    assert page.count("Gợi ý: <b>") >= 20  # the demo gave every task of the first its lead
    assert "đơn vị chủ trì nhiệm vụ tương tự ở văn bản trước" in page
    # a proposed continuation accepted: the task's page shows its history across the two
    link = next(iter(carryover.links_of(demo_site.store, second).values()))
    carryover.decide(demo_site.store, office, link.id, accept=True, today=dt.date(2025, 1, 7))
    task_page = demo_site.client("vanphong").get(f"/tasks/{link.task_id}").text
    assert "Nhiệm vụ qua các văn bản" in task_page and f'href="/tasks/{link.earlier_task_id}"' in task_page


def test_the_review_proposes_an_area_per_section_and_the_list_is_kept(demo_site: DemoSite) -> None:
    client = demo_site.client("vanphong")
    review_page = client.get("/directives/1/review").text
    assert "Lĩnh vực của từng mục" in review_page and 'value="Phát triển kinh tế"' in review_page
    sections = dict(re.findall(r'name="(section-\d+)" value="([^"]*)"', review_page))
    form = {"csrf": csrf_of(client)}
    for key, section in sections.items():
        form[key] = html.unescape(section)
        form[f"area-{key.split('-')[1]}"] = "Kinh tế" if "kinh tế" in section else "Khác"
    r = client.post("/directives/1/areas", data=form, follow_redirects=False)
    assert r.status_code == 303
    dashboard = client.get("/dashboard?as_of=2025-03-01").text
    assert "Kinh tế" in dashboard and "Lĩnh vực phát triển kinh tế" not in dashboard
    areas_page = client.get("/admin/areas").text
    assert "Kinh tế" in areas_page and "Khác" in areas_page
    r = client.post(
        "/admin/areas",
        data={"csrf": csrf_of(client), "action": "rename", "old": "Khác", "name": "Lĩnh vực khác"},
    )
    assert r.status_code == 200 and "Đã đổi tên lĩnh vực." in r.text and "Lĩnh vực khác" in r.text
    assert demo_site.client("ct-ca").get("/admin/areas").status_code == 403
