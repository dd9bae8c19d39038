"""Uploads are read in the background (by the server's own workers on the embedded
install): a scan shows its progress page, polled by htmx, until the review opens;
failures explain themselves in Vietnamese. The queue itself: services/test_jobs.py."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dondoc.store.records import JobRecord, ReadingJobRecord
from dondoc.web import reading
from tests.integration.web.conftest import DemoSite, csrf_of


def test_a_scan_is_read_in_the_background_with_its_progress(
    demo_site: DemoSite, shared_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "QUICK_READ_SECONDS", 0.0)  # as if the scan were long
    client = demo_site.client("vanphong")
    scan = shared_dir / "corpus/dev/nq-115-cp-2026-scan.pdf"
    r = client.post(
        "/directives/upload",
        data={"csrf": csrf_of(client)},
        files={"file": (scan.name, scan.read_bytes(), "application/pdf")},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/directives/jobs/")
    job_url = r.headers["location"]
    page = client.get(job_url, follow_redirects=False)
    if page.status_code == 200:  # still reading: the page polls its progress part
        assert f'hx-get="{job_url}/progress"' in page.text and "nq-115-cp-2026-scan.pdf" in page.text
    deadline = time.monotonic() + 180
    while True:
        progress = client.get(f"{job_url}/progress", follow_redirects=False)
        if progress.status_code == 204:
            break
        assert progress.status_code == 200 and "<progress" in progress.text
        assert time.monotonic() < deadline, "the scan was not read in 3 minutes"
        time.sleep(0.5)
    review = progress.headers["HX-Redirect"]
    assert review.endswith("/review")
    job_id = int(job_url.rsplit("/", 1)[1])
    with demo_site.store.reading() as s:
        job = s.get(ReadingJobRecord, job_id)
        assert job is not None
        assert (job.state, job.pages_done, job.pages_total) == ("done", 2, 2)
    assert 'class="task"' in client.get(review).text
    # the job page of a finished job leads to the review too
    assert client.get(job_url, follow_redirects=False).headers["location"] == review


def test_a_bad_file_fails_at_once_and_its_job_says_why(demo_site: DemoSite) -> None:
    client = demo_site.client("vanphong")
    r = client.post(
        "/directives/upload",
        data={"csrf": csrf_of(client)},
        files={"file": ("rong.txt", b"   \n", "text/plain")},
        follow_redirects=False,
    )
    assert r.status_code == 400 and "Tệp không có nội dung." in r.text
    with demo_site.store.reading() as s:
        job = s.query(ReadingJobRecord).order_by(ReadingJobRecord.id.desc()).first()
        assert job is not None and job.state == "failed" and job.error_code == "E_INPUT_EMPTY"
    page = client.get(f"/directives/jobs/{job.id}")
    assert page.status_code == 200 and "Tệp không có nội dung." in page.text and "hx-get" not in page.text
    # the queue is done with it: not tried again
    with demo_site.store.reading() as s:
        record = s.get(ReadingJobRecord, job.id)
        assert record is not None
        queued = s.get(JobRecord, record.queue_job_id)
        assert queued is not None and queued.state == "failed"
