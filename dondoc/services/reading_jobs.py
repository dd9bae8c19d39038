"""Reading an uploaded directive in the background.

A scan of forty pages takes a minute or more of OCR: the browser must not wait on it.
The upload becomes a job row (its state and pages read, so that any server process can
answer the page that polls it), the file waits in the data folder, and a thread of the
process that received it does the reading with `ingestion.ingest_file`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from dondoc.errors import DondocError, ErrorCode
from dondoc.services.context import Store, require
from dondoc.services.ingestion import ingest_file
from dondoc.store.files import writing
from dondoc.store.records import ReadingJobRecord
from dondoc.tracking.permissions import Action, Actor, Role

log = logging.getLogger("dondoc.reading")

# a job that reports nothing for this long belongs to a process that stopped (a page of
# OCR takes seconds): it is shown as interrupted, to be uploaded again
STALE_AFTER = dt.timedelta(minutes=10)


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


def _folder(store: Store, job_id: int) -> Path:
    return store.data_dir / "incoming" / str(job_id)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def start_job(store: Store, actor: Actor, upload: Path) -> int:
    """Record a job for an uploaded file and move the file where the reader finds it."""
    require(actor, Action.INGEST, what="directives")
    with store.transaction() as s:
        job = ReadingJobRecord(file_name=upload.name, created_by=actor.user_id or None)
        s.add(job)
        s.flush()
        job_id = job.id
    folder = _folder(store, job_id)
    try:
        with writing("the uploaded file"):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            shutil.move(upload, folder / upload.name)
    except DondocError as exc:
        _fail(store, job_id, exc)
        raise
    return job_id


def _update(store: Store, job_id: int, **values: object) -> None:
    with store.transaction() as s:
        job = s.get(ReadingJobRecord, job_id)
        if job is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="reading job", key=job_id)
        for name, value in values.items():
            setattr(job, name, value)
        job.updated_at = _now()


def run_job(store: Store, actor: Actor, job_id: int) -> None:
    """Read the job's file and record how it ended; a refusal (bad file, no right) is
    recorded as the job's error and raised again for a caller that is still waiting."""
    folder = _folder(store, job_id)
    try:
        files = [p for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
        if not files:
            raise DondocError(ErrorCode.INPUT_NOT_FOUND, name=f"upload of job {job_id}")
        _update(store, job_id, state="reading")

        def on_pages(done: int, total: int) -> None:
            _update(store, job_id, pages_done=done, pages_total=total)

        result = ingest_file(store, actor, files[0], on_pages)
        _update(store, job_id, state="done", directive_id=result.directive_id, known=not result.created)
    except DondocError as exc:
        _fail(store, job_id, exc)
        raise
    except Exception as exc:
        log.exception("reading job %s failed", job_id)
        _fail(store, job_id, DondocError(ErrorCode.INTERNAL, detail=type(exc).__name__))
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)


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
        updated = job.updated_at if job.updated_at.tzinfo else job.updated_at.replace(tzinfo=dt.UTC)
        if state in ("queued", "reading") and (now or _now()) - updated > STALE_AFTER:
            state = "interrupted"
        error = None
        if job.error_code is not None:
            params = json.loads(job.error_params or "{}")
            error = DondocError(ErrorCode(job.error_code), **params)
        return JobView(
            job.id, job.file_name, state, job.pages_done, job.pages_total, job.directive_id, error, job.known
        )
