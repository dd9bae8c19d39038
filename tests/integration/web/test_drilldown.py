"""Issue #16: every figure of the dashboard opens the tasks behind it, and the list
exports to a workbook that reads back as the same list."""

from __future__ import annotations

import datetime as dt
import html
import io
import re

from openpyxl import load_workbook

from dondoc.services import users
from dondoc.services.dashboards import buckets_as_of, tasks_behind
from dondoc.tracking.timeliness import BUCKETS, Bucket
from tests.integration.web.conftest import DemoSite

DAY = "2025-03-01"


def test_every_bucket_figure_opens_its_tasks_and_exports_them(demo_site: DemoSite) -> None:
    client = demo_site.client("vanphong")
    dashboard = client.get(f"/dashboard?as_of={DAY}").text
    links = set(re.findall(r'href="(/dashboard/tasks\?[^"]+)"', dashboard))
    assert any("bucket=overdue" in link for link in links) and any("unit=" in link for link in links)
    office = users.actor_by_name(demo_site.store, "vanphong")
    report = buckets_as_of(demo_site.store, office, dt.date(2025, 3, 1))
    for bucket in BUCKETS:
        page = client.get(f"/dashboard/tasks?as_of={DAY}&bucket={bucket.value}").text
        rows = page.count('<tr><td data-label="STT">')
        # the demo has no recurring task: one line per task, as many as the figure
        assert rows == report.totals[bucket], bucket
    # a unit's row: its own tree's tasks
    page = client.get(f"/dashboard/tasks?as_of={DAY}&bucket=overdue&unit=CT-CA").text
    assert "Công an thành phố" in page and "Bộ Chỉ huy Quân sự" not in page
    # the same list as a workbook
    lines = tasks_behind(demo_site.store, office, dt.date(2025, 3, 1), bucket=Bucket.OVERDUE)
    r = client.get(f"/dashboard/tasks?as_of={DAY}&bucket=overdue&format=xlsx")
    assert r.status_code == 200 and r.headers["content-disposition"].endswith('nhiem-vu-2025-03-01.xlsx"')
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws is not None
    got = [tuple(c.value for c in row) for row in ws.iter_rows(min_row=2)]
    assert [(g[1], g[2], g[5]) for g in got] == [(t.text, t.unit, "Quá hạn") for t in lines]
    assert ws.freeze_panes == "A2"
    # an area's figure
    area_link = next(link for link in links if "area=" in link)
    assert client.get(html.unescape(area_link)).status_code == 200


def test_the_drilldown_refuses_what_the_dashboard_refuses(demo_site: DemoSite) -> None:
    client = demo_site.client("ct-ca")
    assert client.get(f"/dashboard/tasks?as_of={DAY}&unit=CT-BCHQS").status_code == 403
    assert client.get(f"/dashboard/tasks?as_of={DAY}&bucket=nonsense").status_code == 422
    assert client.get("/dashboard/tasks?as_of=9999-12-31").status_code == 422
    own = client.get(f"/dashboard/tasks?as_of={DAY}").text
    assert "Bộ Chỉ huy Quân sự" not in own  # a unit's focal point sees its own tasks only


def test_the_dashboard_filters_by_directive_issuer_and_period(demo_site: DemoSite) -> None:
    client = demo_site.client("vanphong")
    page = client.get(f"/dashboard?as_of={DAY}").text
    assert 'id="f-directive"' in page and 'id="f-issuer"' in page and 'id="f-since"' in page
    office = users.actor_by_name(demo_site.store, "vanphong")
    report = buckets_as_of(demo_site.store, office, dt.date(2025, 3, 1))
    total = sum(report.totals.values())

    def shown(query: str) -> int:
        text = client.get(f"/dashboard?as_of={DAY}{query}").text
        found = re.search(r"(\d+) nhiệm vụ\.", text)
        assert found is not None, text[:500]
        return int(found.group(1))

    assert shown("&directive=1") == total
    assert shown("&issuer=Th%C3%A0nh%20%E1%BB%A7y%20C%E1%BA%A7n%20Th%C6%A1") == total  # "Thành ủy Cần Thơ"
    assert shown("&issuer=Kh%C3%B4ng%20c%C3%B3") == 0
    assert shown("&since=2030-01-01") == 0
    # the figures' links carry the filters, and the list behind one holds as many tasks
    filtered = client.get(f"/dashboard?as_of={DAY}&directive=1").text
    link = next(
        html.unescape(m)
        for m in re.findall(r'href="(/dashboard/tasks\?[^"]+)"', filtered)
        if "bucket=overdue" in m
    )
    assert "directive=1" in link
    rows = client.get(link).text.count('<tr><td data-label="STT">')
    assert rows == report.totals[Bucket.OVERDUE]
    nothing = client.get(f"/dashboard/tasks?as_of={DAY}&bucket=overdue&since=2030-01-01").text
    assert nothing.count('<tr><td data-label="STT">') == 0
    assert client.get(f"/dashboard?as_of={DAY}&since=2025-02-30").status_code == 422
