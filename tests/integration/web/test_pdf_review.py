"""A PDF directive is reviewed on its page images, each task's box drawn where it is."""

from __future__ import annotations

import re
from pathlib import Path

from tests.integration.web.conftest import DemoSite, csrf_of


def test_pdf_review_shows_pages_with_task_boxes(demo_site: DemoSite, shared_dir: Path) -> None:
    client = demo_site.client("vanphong")
    pdf = shared_dir / "corpus/dev/nq-113-cp-2026.pdf"
    r = client.post(
        "/directives/upload",
        data={"csrf": csrf_of(client)},
        files={"file": (pdf.name, pdf.read_bytes(), "application/pdf")},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    review = client.get(r.headers["location"])
    assert review.status_code == 200
    pages = re.findall(r'<img src="(/directives/\d+/pages/(\d+)\.png)"', review.text)
    tasks = len(re.findall(r'<article class="task"', review.text))
    boxes = re.findall(r'class="box" id="box-(\d+)"[^>]*style="left: ([\d.]+)%; top: ([\d.]+)%', review.text)
    assert len(pages) >= 2 and tasks > 0 and len(boxes) == tasks  # every task placed on its page
    for _, left, top in boxes:
        assert 0 <= float(left) < 100 and 0 <= float(top) < 100
    image = client.get(pages[0][0])
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    assert image.content.startswith(b"\x89PNG\r\n\x1a\n")
    # a reporter may not see the office's review pictures
    assert demo_site.client("ct-ca").get(pages[0][0]).status_code == 403
