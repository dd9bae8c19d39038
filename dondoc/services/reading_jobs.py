"""Reading an uploaded directive in the background.

A scan of forty pages takes a minute or more of OCR: the browser must not wait on it.
The upload's bytes go to the file store (as a blob: ingestion stores the same bytes, so
they are stored once), and the upload becomes a reading job (its state and pages read,
so that any server process can answer the page that polls it) with a job in the queue
(services/jobs.py) that a worker claims: a thread of the server on the embedded install,
`dondoc worker` processes in production. A reading whose worker died is queued again;
read twice, the same bytes reopen the directive the first reading made.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dondoc.errors import DondocError, ErrorCode
from dondoc.ingest.detect import may_need_ocr
from dondoc.services import jobs
from dondoc.services.context import SYSTEM, Store, require
from dondoc.services.ingestion import ingest_file
from dondoc.services.users import actor_by_id
from dondoc.store.files import writing
from dondoc.store.records import JobRecord, ReadingJobRecord
from dondoc.tracking.permissions import Action, Actor, Role

log = logging.getLogger("dondoc.reading")

# a job that waits this long without a worker to take it (none runs, or all are busy)
# is shown as interrupted; one that lost its worker is tried again by the queue first
STALE_AFTER = dt.timedelta(minutes=10)
KIND = "read"


@dataclass(frozen=True)
class JobView:
    id: int
    file_name: str
    state: str  # queued, reading, done, failed, interrupted
    pages_done: int
    pages_total: int | None
    directive_id: int | None
    error: DondocError | None
    known: bool = False  # the bytes were stored before: the directive reopened, not made again

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed", "interrupted")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def start_job(store: Store, actor: Actor, upload: Path) -> int:
    """Store an uploaded file, record its reading job and queue the reading; the upload
    itself is left to its caller (a temporary file)."""
    require(actor, Action.INGEST, what="directives")
    with writing("the uploaded file"):
        data = upload.read_bytes()
    sha = store.files.put(data)
    # scans wait for OCR threads; texts and DOCX have a lane of their own
    lane = "scan" if may_need_ocr(data[:1024]) else "quick"
    with store.transaction() as s:
        job = ReadingJobRecord(file_name=upload.name, created_by=actor.user_id or None)
        s.add(job)
        s.flush()
        job.queue_job_id = jobs.enqueue_in(
            s, store, KIND, {"reading_job": job.id, "sha256": sha}, queue_name=lane
        )
        job_id = job.id
    jobs.wake(store)
    return job_id


def _update(store: Store, job_id: int, **values: object) -> None:
    with store.transaction() as s:
        job = s.get(ReadingJobRecord, job_id)
        if job is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="reading job", key=job_id)
        for name, value in values.items():
            setattr(job, name, value)
        job.updated_at = _now()


@jobs.handler(KIND)
def _read(store: Store, payload: dict[str, Any]) -> None:
    run_job(store, int(payload["reading_job"]), str(payload["sha256"]))


def run_job(store: Store, job_id: int, sha256: str) -> None:
    """Read the job's file as its uploader and record how it ended; a refusal (bad file,
    no right) is recorded as the job's error and raised again for the queue."""
    with store.reading() as s:
        job = s.get(ReadingJobRecord, job_id)
        if job is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="reading job", key=job_id)
        name, user_id = job.file_name, job.created_by
    try:
        actor = actor_by_id(store, user_id) if user_id else SYSTEM
        _update(store, job_id, state="reading", pages_done=0, pages_total=None)

        def on_pages(done: int, total: int) -> None:
            _update(store, job_id, pages_done=done, pages_total=total)

        try:
            data = store.files.get(sha256)
        except FileNotFoundError as exc:
            raise DondocError(ErrorCode.INPUT_NOT_FOUND, name=f"upload of job {job_id}") from exc
        # the reader takes a file by its name (the name tells the kind when the bytes do not)
        with tempfile.TemporaryDirectory(prefix="dondoc-upload-") as tmp:
            path = Path(tmp) / name
            with writing("the upload's temporary file"):
                path.write_bytes(data)
            result = ingest_file(store, actor, path, on_pages)
        _update(store, job_id, state="done", directive_id=result.directive_id, known=not result.created)
    except DondocError as exc:
        _fail(store, job_id, exc)
        raise
    except Exception as exc:
        log.exception("reading job %s failed", job_id)
        _fail(store, job_id, DondocError(ErrorCode.INTERNAL, detail=type(exc).__name__))
        raise


def _fail(store: Store, job_id: int, exc: DondocError) -> None:
    params = {k: str(v) for k, v in exc.params.items()}
    _update(
        store,
        job_id,
        state="failed",
        error_code=exc.code.value,
        error_detail=exc.message,
        error_params=json.dumps(params, ensure_ascii=False),
    )


def job_view(store: Store, actor: Actor, job_id: int, *, now: dt.datetime | None = None) -> JobView:
    """A job as its uploader (or an admin) sees it; anyone else is told it does not exist."""
    require(actor, Action.INGEST, what="directives")
    with store.reading() as s:
        job = s.get(ReadingJobRecord, job_id)
        if job is None or (job.created_by != actor.user_id and actor.role is not Role.ADMIN):
            raise DondocError(ErrorCode.NOT_FOUND, kind="reading job", key=job_id)
        state = job.state
        queued = s.get(JobRecord, job.queue_job_id) if job.queue_job_id is not None else None
        if state in ("queued", "reading") and _interrupted(job, queued, now or _now()):
            state = "interrupted"
        error = None
        if job.error_code is not None:
            params = json.loads(job.error_params or "{}")
            error = DondocError(ErrorCode(job.error_code), **params)
        return JobView(
            job.id, job.file_name, state, job.pages_done, job.pages_total, job.directive_id, error, job.known
        )


def _interrupted(job: ReadingJobRecord, queued: JobRecord | None, now: dt.datetime) -> bool:
    """A reading that will not end by itself: its queue job given up (its workers kept
    dying), or nothing has taken it for STALE_AFTER (no worker runs)."""
    if queued is not None and queued.state in ("done", "failed"):
        return True  # the queue is finished with it and the reading never said how it ended
    if queued is not None and queued.state == "running":
        return False  # a worker holds it (and the queue takes it back if that worker dies)
    updated = job.updated_at if job.updated_at.tzinfo else job.updated_at.replace(tzinfo=dt.UTC)
    return now - updated > STALE_AFTER
