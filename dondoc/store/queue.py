"""The job queue's rows: background work that any process of an install may do.

A job is claimed by one statement (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so workers on
several machines never wait on one another nor take the same job; SQLite: its single
writer makes the statement atomic). The worker that holds a job refreshes its heartbeat;
a job whose heartbeat stops (its process was killed, its machine lost) is queued again
by whichever worker looks next, until it has been tried `max_attempts` times. Every
change of a running job names its worker, so a worker that lost its job to a recovery
cannot finish or fail it afterwards (the recovered run's outcome stands).

One table on both engines rather than a PostgreSQL-only queue library: the embedded
SQLite install runs the same code in-process, and the job's state is read by the pages
that follow it. Functions here take the caller's session; services/jobs.py runs them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from dondoc.store.records import JobRecord

STATES = ("queued", "running", "done", "failed")


@dataclass(frozen=True)
class Claimed:
    id: int
    kind: str
    payload: dict[str, Any]
    attempts: int  # this run included


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def enqueue(
    session: Session,
    kind: str,
    payload: dict[str, Any],
    *,
    queue: str = "default",
    max_attempts: int = 3,
    now: dt.datetime | None = None,
) -> int:
    """A new job, visible to workers when the caller's transaction commits."""
    now = now or utcnow()
    job = JobRecord(
        kind=kind,
        queue=queue,
        payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
        state="queued",
        attempts=0,
        max_attempts=max(1, max_attempts),
        run_after=now,
        created_at=now,
    )
    session.add(job)
    session.flush()
    return job.id


def claim(
    session: Session, worker: str, queues: tuple[str, ...], *, now: dt.datetime | None = None
) -> Claimed | None:
    """The oldest job due in one of `queues`, now this worker's; None when there is none."""
    now = now or utcnow()
    oldest = (
        select(JobRecord.id)
        .where(JobRecord.state == "queued", JobRecord.queue.in_(queues), JobRecord.run_after <= now)
        .order_by(JobRecord.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    row = session.execute(
        update(JobRecord)
        .where(JobRecord.id == oldest, JobRecord.state == "queued")
        .values(state="running", worker=worker, attempts=JobRecord.attempts + 1, heartbeat_at=now)
        .returning(JobRecord.id, JobRecord.kind, JobRecord.payload, JobRecord.attempts)
        .execution_options(synchronize_session=False)
    ).first()
    if row is None:
        return None
    return Claimed(row.id, row.kind, json.loads(row.payload), row.attempts)


def heartbeat(session: Session, job_id: int, worker: str, *, now: dt.datetime | None = None) -> bool:
    """Refreshes a running job's heartbeat; False when the job is no longer this worker's."""
    return _running_update(session, job_id, worker, heartbeat_at=now or utcnow())


def finish(session: Session, job_id: int, worker: str, *, now: dt.datetime | None = None) -> bool:
    """The job is done; False (and nothing changed) when it is no longer this worker's."""
    return _running_update(session, job_id, worker, state="done", finished_at=now or utcnow(), error=None)


def fail(
    session: Session,
    job_id: int,
    worker: str,
    error: str,
    *,
    retry: bool,
    backoff: dt.timedelta = dt.timedelta(seconds=10),
    now: dt.datetime | None = None,
) -> bool:
    """A run that failed: queued again after `backoff` (times the attempts so far) when
    `retry` and attempts remain, else failed for good."""
    now = now or utcnow()
    job = session.get(JobRecord, job_id, with_for_update=True)
    if job is None or job.state != "running" or job.worker != worker:
        return False
    if retry and job.attempts < job.max_attempts:
        job.state, job.worker, job.run_after = "queued", None, now + backoff * job.attempts
    else:
        job.state, job.finished_at = "failed", now
    job.error = error[:2000]
    session.flush()
    return True


def recover(session: Session, lease: dt.timedelta, *, now: dt.datetime | None = None) -> list[int]:
    """Running jobs whose heartbeat is older than `lease` (their worker is gone): queued
    again, or failed for good when they have had every attempt. Their ids."""
    now = now or utcnow()
    lost = session.scalars(
        select(JobRecord)
        .where(JobRecord.state == "running", JobRecord.heartbeat_at < now - lease)
        .with_for_update(skip_locked=True)
    ).all()
    for job in lost:
        job.error = f"its worker {job.worker} stopped answering"[:2000]
        if job.attempts < job.max_attempts:
            job.state, job.worker = "queued", None  # due at once (it was when claimed)
        else:
            job.state, job.finished_at = "failed", now
    session.flush()
    return [job.id for job in lost]


def pending(session: Session, kind: str) -> bool:
    """Whether a job of `kind` is queued or running."""
    found = session.scalar(
        select(JobRecord.id)
        .where(JobRecord.kind == kind, JobRecord.state.in_(("queued", "running")))
        .limit(1)
    )
    return found is not None


def prune(session: Session, kind: str, before: dt.datetime) -> int:
    """Deletes the finished jobs of `kind` that ended before `before` (for kinds nothing
    else refers to); how many. The newest job of all is kept: SQLite numbers a new row
    after the largest id left, so deleting the newest would give its id to the next job,
    and the logs and the audit of the old one would then name another."""
    newest = select(func.max(JobRecord.id)).scalar_subquery()
    result = session.execute(
        delete(JobRecord).where(
            JobRecord.kind == kind,
            JobRecord.state.in_(("done", "failed")),
            JobRecord.finished_at < before,
            JobRecord.id < newest,
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def counts(session: Session) -> dict[str, int]:
    """Jobs per state (for /metrics and the CLI)."""
    rows = session.execute(select(JobRecord.state, func.count()).group_by(JobRecord.state)).all()
    found: dict[str, int] = {str(row[0]): int(row[1]) for row in rows}
    return {state: int(found.get(state, 0)) for state in STATES}


def _running_update(session: Session, job_id: int, worker: str, **values: object) -> bool:
    result = session.execute(
        update(JobRecord)
        .where(JobRecord.id == job_id, JobRecord.state == "running", JobRecord.worker == worker)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
