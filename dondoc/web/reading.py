"""The reading of an uploaded directive, started the same way by the upload page and the
API: the file is streamed to disk within the input limit, becomes a reading job in the
queue (services/reading_jobs.py), and the request waits a moment for a quick result.

Who reads it is the queue's business: a thread of this process on the embedded install
(scans and texts in lanes of their own, so a text never waits behind a scan), or a
`dondoc worker` anywhere. Each reading runs in a child process with a time limit
(ingest/isolation.py).
"""

from __future__ import annotations

import time
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from dondoc.services import reading_jobs
from dondoc.services.context import Store
from dondoc.tracking.permissions import Actor
from dondoc.web.uploads import save_upload, temp_folder

# how long an upload waits for its reading: a text or a short PDF is done by then, a long
# scan is followed on its progress page (or by polling its job) instead
QUICK_READ_SECONDS = 3.0
_POLL = 0.05


async def start_reading(store: Store, actor: Actor, upload: UploadFile) -> reading_jobs.JobView:
    """The reading job, finished if it was read within the wait. The caller checks the
    actor's right to ingest before the file is read."""
    with temp_folder() as tmp:
        path = await save_upload(upload, Path(tmp), store.settings.max_input_bytes)
        job_id = await run_in_threadpool(reading_jobs.start_job, store, actor, path)
    return await run_in_threadpool(wait_for, store, actor, job_id, QUICK_READ_SECONDS)


def wait_for(store: Store, actor: Actor, job_id: int, seconds: float) -> reading_jobs.JobView:
    """The job once finished, once its pages are being read by OCR, or as it is after
    `seconds`. A scan's pages take about a second each: holding the request for them only
    delays the progress page that tells how far the reading is (and holds a server thread)."""
    until = time.monotonic() + seconds
    while True:
        job = reading_jobs.job_view(store, actor, job_id)
        if job.finished or job.pages_total is not None or time.monotonic() >= until:
            return job
        time.sleep(_POLL)
