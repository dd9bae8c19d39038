"""The reading of an uploaded directive, started the same way by the upload page and the
API: the file is streamed to disk within the input limit, becomes a reading job, and the
process's reader thread reads it while the request waits a moment for a quick result."""

from __future__ import annotations

from concurrent.futures import Future, wait
from pathlib import Path

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from dondoc.services import reading_jobs
from dondoc.services.context import Store
from dondoc.tracking.permissions import Actor
from dondoc.web.uploads import save_upload, temp_folder

# how long an upload waits for its reading: a text or a short PDF is done by then, a long
# scan is followed on its progress page (or by polling its job) instead
QUICK_READ_SECONDS = 3.0


async def start_reading(
    request: Request, store: Store, actor: Actor, upload: UploadFile
) -> tuple[int, Future[None]]:
    """(job id, the reading); the reading is done when the future is, else still going.
    The caller checks the actor's right to ingest before the file is read."""
    with temp_folder() as tmp:
        path = await save_upload(upload, Path(tmp), store.settings.max_input_bytes)
        job_id = await run_in_threadpool(reading_jobs.start_job, store, actor, path)
    future: Future[None] = request.app.state.readers.submit(reading_jobs.run_job, store, actor, job_id)
    await run_in_threadpool(wait, [future], timeout=QUICK_READ_SECONDS)
    return job_id, future
