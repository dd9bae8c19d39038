"""Issue #16: a task of a new directive still without a lead shows the lead of the alike
task of the issuer's earlier directive, filled in, for the clerk to confirm."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dondoc.services import ingestion, review, users
from dondoc.services.demo import seed_path
from tests.integration.web.conftest import DemoSite


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
