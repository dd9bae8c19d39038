"""Issue 13, M1: readings never block each other. Scans have readers of their own (more
than one), texts a queue of their own; a reading past its time limit is failed with a
message and its reader takes the next one at once."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from dondoc.services.context import Store
from dondoc.services.demo import seed_path
from dondoc.store.records import ReadingJobRecord
from dondoc.web.app import create_app
from tests.integration.web.conftest import DemoSite, TestClient, csrf_of

pytestmark = pytest.mark.serial  # measures time or load: runs alone, after the parallel part (scripts/test)

LIMIT = 3  # seconds a reading may take here; the six-page scan needs three times that


def _six_page_scan(path: Path) -> bytes:
    """The two-page scan three times over: its reading takes well past LIMIT on any machine
    this runs on (OCR is 0.5–1.5 s a page), whatever the OCR engine's speed."""
    source = pdfium.PdfDocument(path)
    out = pdfium.PdfDocument.new()
    for _ in range(3):
        out.import_pages(source)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _upload(client: TestClient, name: str, data: bytes) -> int:
    r = client.post(
        "/api/v1/directives",
        files={"file": (name, data)},
        headers={"X-CSRF-Token": csrf_of(client)},
    )
    assert r.status_code in (201, 202, 400), r.text
    if r.status_code == 400:  # refused within the upload's wait: the answer is the error
        assert r.json()["code"] == "E_INPUT_TOO_COMPLEX", r.text
        with _site_store[0].reading() as s:
            job = s.scalars(
                select(ReadingJobRecord)
                .where(ReadingJobRecord.file_name == name)
                .order_by(ReadingJobRecord.id.desc())
            ).first()
            assert job is not None
            return job.id
    return int(r.headers["location"].rsplit("/", 1)[1]) if "location" in r.headers else int(r.json()["id"])


_site_store: list[Store] = []


def _job(site: DemoSite, job_id: int) -> ReadingJobRecord:
    with site.store.reading() as s:
        job = s.get(ReadingJobRecord, job_id)
        assert job is not None
        return job


def test_issue_13_m1_a_slow_scan_neither_blocks_a_text_nor_another_scan(
    demo_site: DemoSite, shared_dir: Path
) -> None:
    settings = demo_site.settings.model_copy(update={"read_timeout_seconds": LIMIT, "readers": 2})
    store = Store.open(settings)  # the same database, read with the shorter limit
    _site_store[:] = [store]
    client = TestClient(create_app(settings, store), raise_server_exceptions=False)
    login = client.get("/login")
    token = login.text.split('name="csrf" value="')[1].split('"')[0]
    client.post("/login", data={"csrf": token, "username": "vanphong", "password": "dondoc-demo"})
    scan = _six_page_scan(shared_dir / "corpus/dev/nq-115-cp-2026-scan.pdf")
    t0 = time.monotonic()
    first = _upload(client, "scan-1.pdf", scan)
    second = _upload(client, "scan-2.pdf", scan + b"\n%")  # other bytes: another job
    # a scan's upload answers once its OCR begins (the progress page), not after the wait
    assert time.monotonic() - t0 < LIMIT, time.monotonic() - t0
    text = seed_path().read_bytes()
    quick = _upload(client, "chi-thi.txt", text.replace(b"2024", b"2023", 1))
    assert _job(demo_site, quick).state == "done"  # read while both scans run
    assert time.monotonic() - t0 < LIMIT + 4
    deadline = time.monotonic() + 60
    while {_job(demo_site, first).state, _job(demo_site, second).state} & {"queued", "reading"}:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    elapsed = time.monotonic() - t0
    for job_id in (first, second):
        job = _job(demo_site, job_id)
        assert (job.state, job.error_code) == ("failed", "E_INPUT_TOO_COMPLEX")
        assert f"took longer than {LIMIT} s" in (job.error_detail or "")
    # side by side: both ended at about the limit, not one after the other
    assert elapsed < 2 * LIMIT + 2, elapsed
    page = client.get(f"/directives/jobs/{first}")
    assert "quá phức tạp" in page.text
    store.engine.dispose()
