"""The reading of an uploaded directive, started the same way by the upload page and the
API: the file is streamed to disk within the input limit, becomes a reading job, and a
reader thread of the process reads it while the request waits a moment for a quick result.

Two queues, so that no reading waits behind another for long: PDFs and images (which may
need minutes of OCR) share `readers` threads; texts and DOCX files, read in a second,
have a thread of their own and never wait behind a scan. Each reading runs in a child
process with a time limit (ingest/isolation.py): a reading that exceeds it fails with a
message and frees its thread for the next.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from dondoc.config import Settings
from dondoc.ingest.detect import may_need_ocr
from dondoc.services import reading_jobs
from dondoc.services.context import Store
from dondoc.tracking.permissions import Actor
from dondoc.web.uploads import save_upload, temp_folder

# how long an upload waits for its reading: a text or a short PDF is done by then, a long
# scan is followed on its progress page (or by polling its job) instead
QUICK_READ_SECONDS = 3.0


class ReadingQueues:
    """The reader threads of a server process (each only waits on its child process)."""

    def __init__(self, settings: Settings) -> None:
        self.scans = ThreadPoolExecutor(
            max_workers=max(1, settings.readers), thread_name_prefix="dondoc-scan"
        )
        self.quick = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dondoc-read")

    def submit(self, store: Store, actor: Actor, job_id: int, head: bytes) -> Future[None]:
        queue = self.scans if may_need_ocr(head) else self.quick
        return queue.submit(reading_jobs.run_job, store, actor, job_id)


async def start_reading(
    request: Request, store: Store, actor: Actor, upload: UploadFile
) -> tuple[int, Future[None]]:
    """(job id, the reading); the reading is done when the future is, else still going.
    The caller checks the actor's right to ingest before the file is read."""
    with temp_folder() as tmp:
        path = await save_upload(upload, Path(tmp), store.settings.max_input_bytes)
        with path.open("rb") as fh:
            head = fh.read(1024)
        job_id = await run_in_threadpool(reading_jobs.start_job, store, actor, path)
    queues: ReadingQueues = request.app.state.readers
    future = queues.submit(store, actor, job_id, head)
    await run_in_threadpool(wait, [future], timeout=QUICK_READ_SECONDS)
    return job_id, future
