"""The job queue on both engines: a job is claimed by one worker only, refusals fail at
once and faults are tried again, a job whose worker died is taken up by another (and the
dead worker cannot finish it afterwards), and an upload is read by a worker that is not
the process that received it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import jobs, reading_jobs
from dondoc.services.context import Store
from dondoc.services.demo import load_demo
from dondoc.services.users import actor_by_name
from dondoc.store import queue
from dondoc.store.records import DirectiveRecord, JobRecord, ReadingJobRecord

LEASE = dt.timedelta(seconds=60)  # the default job_lease_seconds
RUNS: Counter[str] = Counter()
FAULTS: dict[str, int] = {}


@jobs.handler("test.count")
def _count(store: Store, payload: dict[str, Any]) -> None:
    RUNS[payload["key"]] += 1


@jobs.handler("test.refuse")
def _refuse(store: Store, payload: dict[str, Any]) -> None:
    raise DondocError(ErrorCode.INPUT_EMPTY, name="x")


@jobs.handler("test.flaky")
def _flaky(store: Store, payload: dict[str, Any]) -> None:
    left = FAULTS.get(payload["key"], 0)
    if left:
        FAULTS[payload["key"]] = left - 1
        raise RuntimeError("a fault")
    RUNS[payload["key"]] += 1


@pytest.fixture(autouse=True)
def _fresh_counts() -> None:
    RUNS.clear()
    FAULTS.clear()


@pytest.fixture
def queued(store: Store) -> Store:
    """The store with no in-process workers: the test's workers are the only ones."""
    return dataclasses.replace(store, settings=store.settings.model_copy(update={"background": "workers"}))


def _job(store: Store, job_id: int) -> JobRecord:
    with store.reading() as s:
        job = s.get(JobRecord, job_id)
        assert job is not None
        return job


def test_a_job_is_claimed_once_and_finished_by_its_worker(queued: Store) -> None:
    job_id = jobs.enqueue(queued, "test.count", {"key": "one"})
    with queued.transaction() as s:
        first = queue.claim(s, "a", ("default",))
    with queued.transaction() as s:
        assert queue.claim(s, "b", ("default",)) is None  # taken: nobody else gets it
    assert first is not None and first.id == job_id and first.attempts == 1
    with queued.transaction() as s:
        assert not queue.finish(s, job_id, "b")  # not b's to finish
        assert queue.finish(s, job_id, "a")
    job = _job(queued, job_id)
    assert (job.state, job.worker, job.attempts) == ("done", "a", 1) and job.finished_at is not None


def test_refusals_fail_at_once_and_faults_are_tried_again(queued: Store) -> None:
    worker = jobs.Worker(queued, ("default",))
    refused = jobs.enqueue(queued, "test.refuse", {})
    assert worker.run_once()
    job = _job(queued, refused)
    assert (
        job.state == "failed" and job.attempts == 1 and job.error is not None and "E_INPUT_EMPTY" in job.error
    )
    FAULTS["twice"] = 2
    flaky = jobs.enqueue(queued, "test.flaky", {"key": "twice"})
    assert worker.run_once()
    job = _job(queued, flaky)
    assert job.state == "queued" and job.attempts == 1 and "RuntimeError" in (job.error or "")
    assert not worker.run_once()  # its retry waits (10 s × attempts)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    for _ in range(2):
        with queued.transaction() as s:
            again = queue.claim(s, worker.name, ("default",), now=later)
        assert again is not None and again.id == flaky
        worker._run(again)
    job = _job(queued, flaky)
    assert (job.state, job.attempts, RUNS["twice"]) == ("done", 3, 1)
    # a fault every time: given up after its attempts
    FAULTS["always"] = 99
    hopeless = jobs.enqueue(queued, "test.flaky", {"key": "always"})
    for n in range(3):
        with queued.transaction() as s:
            claimed = queue.claim(s, worker.name, ("default",), now=later + dt.timedelta(hours=n))
        assert claimed is not None and claimed.id == hopeless
        worker._run(claimed)
    assert _job(queued, hopeless).state == "failed" and RUNS["always"] == 0


def test_a_job_whose_worker_died_is_taken_up_by_another(queued: Store) -> None:
    job_id = jobs.enqueue(queued, "test.count", {"key": "lost"})
    with queued.transaction() as s:
        assert queue.claim(s, "dead", ("default",)) is not None  # then its process was killed
    now = dt.datetime.now(dt.UTC)
    with queued.transaction() as s:
        assert queue.recover(s, LEASE, now=now) == []  # its heartbeat is fresh
    with queued.transaction() as s:
        assert queue.recover(s, LEASE, now=now + LEASE * 2) == [job_id]
    survivor = jobs.Worker(queued, ("default",))
    assert survivor.run_once()
    job = _job(queued, job_id)
    assert (job.state, job.attempts, job.worker, RUNS["lost"]) == ("done", 2, survivor.name, 1)
    with queued.transaction() as s:  # the dead worker, back: it cannot undo the outcome
        assert not queue.finish(s, job_id, "dead")
        assert not queue.fail(s, job_id, "dead", "late", retry=True)
        assert not queue.heartbeat(s, job_id, "dead")
    # lost on every attempt: given up, not queued for ever
    doomed = jobs.enqueue(queued, "test.count", {"key": "doomed"})
    for n in range(3):
        at = now + LEASE * (4 * n + 4)
        with queued.transaction() as s:
            assert queue.claim(s, f"dead-{n}", ("default",), now=at) is not None
        with queued.transaction() as s:
            assert queue.recover(s, LEASE, now=at + LEASE * 2) == [doomed]
    job = _job(queued, doomed)
    assert job.state == "failed" and "stopped answering" in (job.error or "") and RUNS["doomed"] == 0


def test_workers_in_parallel_do_every_job_exactly_once(queued: Store) -> None:
    ids = [jobs.enqueue(queued, "test.count", {"key": f"p{n}"}) for n in range(60)]
    stop = threading.Event()
    workers = [jobs.Worker(queued, ("default",), lane=f"w{n}") for n in range(4)]
    threads = [threading.Thread(target=w.run_until, args=(stop,), kwargs={"idle_exit": 0.5}) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert all(RUNS[f"p{n}"] == 1 for n in range(60))
    with queued.reading() as s:
        states = Counter(s.scalars(select(JobRecord.state).where(JobRecord.id.in_(ids))).all())
        by = set(s.scalars(select(JobRecord.worker).where(JobRecord.id.in_(ids))).all())
    assert states == Counter({"done": 60})
    assert len(by) >= 2  # the work was shared


def test_an_upload_is_read_by_a_worker_and_read_again_after_its_worker_died(
    queued: Store, shared_dir: Path, tmp_path: Path
) -> None:
    load_demo(queued)
    office = actor_by_name(queued, "vanphong")
    upload = tmp_path / "ct-q4.txt"
    upload.write_bytes((shared_dir / "corpus/seed/cantho-q4-2024.txt").read_bytes())
    reading = reading_jobs.start_job(queued, office, upload)
    assert reading_jobs.job_view(queued, office, reading).state == "queued"
    # a worker claims it and dies before it is done
    with queued.transaction() as s:
        assert queue.claim(s, "dead", ("quick",)) is not None
    reading_jobs._update(queued, reading, state="reading")
    assert reading_jobs.job_view(queued, office, reading).state == "reading"
    with queued.transaction() as s:
        queue.recover(s, LEASE, now=dt.datetime.now(dt.UTC) + LEASE * 2)
    # the directive the demo made from the same bytes is reopened, not made again
    with queued.reading() as s:
        before = s.scalar(select(func.count()).select_from(DirectiveRecord))
    assert jobs.Worker(queued, ("quick",)).run_once()
    view = reading_jobs.job_view(queued, office, reading)
    assert view.state == "done" and view.directive_id is not None and view.known
    with queued.reading() as s:
        assert s.scalar(select(func.count()).select_from(DirectiveRecord)) == before
        record = s.get(ReadingJobRecord, reading)
        assert record is not None and _job(queued, record.queue_job_id or 0).state == "done"


def test_a_reading_given_up_or_never_taken_is_shown_as_interrupted(queued: Store, tmp_path: Path) -> None:
    load_demo(queued)
    office = actor_by_name(queued, "vanphong")
    upload = tmp_path / "cho.txt"
    upload.write_text("Nội dung", encoding="utf-8")
    reading = reading_jobs.start_job(queued, office, upload)  # no worker runs
    now = dt.datetime.now(dt.UTC)
    assert reading_jobs.job_view(queued, office, reading, now=now).state == "queued"
    later = now + reading_jobs.STALE_AFTER + dt.timedelta(minutes=1)
    assert reading_jobs.job_view(queued, office, reading, now=later).state == "interrupted"
    with pytest.raises(DondocError):  # nor for a leader, who uploads nothing
        reading_jobs.job_view(queued, actor_by_name(queued, "lanhdao"), reading)
    # its queue job given up (its workers kept dying): interrupted at once
    with queued.transaction() as s:
        record = s.get(ReadingJobRecord, reading)
        assert record is not None
        job = s.get(JobRecord, record.queue_job_id)
        assert job is not None
        job.state = "failed"
    assert reading_jobs.job_view(queued, office, reading, now=now).state == "interrupted"


def test_a_bad_upload_fails_its_reading_with_the_reason(queued: Store, tmp_path: Path) -> None:
    load_demo(queued)
    office = actor_by_name(queued, "vanphong")
    upload = tmp_path / "rong.txt"
    upload.write_bytes(b"   \n")
    reading = reading_jobs.start_job(queued, office, upload)
    assert jobs.Worker(queued, ("quick",)).run_once()
    view = reading_jobs.job_view(queued, office, reading)
    assert view.state == "failed" and view.error is not None and view.error.code is ErrorCode.INPUT_EMPTY
    with queued.reading() as s:
        record = s.get(ReadingJobRecord, reading)
        assert record is not None and _job(queued, record.queue_job_id or 0).state == "failed"


def test_stored_files_nothing_refers_to_are_collected_once_a_day_old(queued: Store, tmp_path: Path) -> None:
    import os
    import time

    from dondoc.services import file_gc
    from dondoc.store.blobs import blob_path, put_blob
    from dondoc.store.records import BlobRecord

    load_demo(queued)
    office = actor_by_name(queued, "vanphong")
    orphan = put_blob(queued.data_dir, b"an upload that could not be read")
    young = put_blob(queued.data_dir, b"an upload being read right now")
    upload = tmp_path / "waiting.txt"
    upload.write_bytes(b"a file waiting for a worker")
    reading_jobs.start_job(queued, office, upload)
    waiting = put_blob(queued.data_dir, b"a file waiting for a worker")  # the same bytes: its sha
    with queued.reading() as s:
        referenced = s.scalars(select(BlobRecord.sha256)).first()
    assert referenced is not None  # the demo directive's source
    day_old = time.time() - file_gc.ORPHAN_AGE_SECONDS - 60
    for sha in (orphan, waiting, referenced):
        os.utime(blob_path(queued.data_dir, sha), (day_old, day_old))
    assert file_gc.collect_orphans(queued) == [orphan]
    assert not blob_path(queued.data_dir, orphan).exists()
    for sha in (young, waiting, referenced):
        assert blob_path(queued.data_dir, sha).exists()
    # stored again before it is collected: fresh, kept
    os.utime(blob_path(queued.data_dir, young), (day_old, day_old))
    put_blob(queued.data_dir, b"an upload being read right now")
    assert file_gc.collect_orphans(queued) == []


def test_a_workers_housekeeping_forgets_search_words_once_a_day(
    queued: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dondoc.store.records import SearchTermRecord

    def held(word: str) -> bool:
        with queued.reading() as s:
            return s.get(SearchTermRecord, word) is not None

    load_demo(queued)
    with queued.transaction() as s:
        s.add(SearchTermRecord(term="zlatkovo"))  # a deleted record's word
    monkeypatch.setattr(jobs, "_last_collection", 0.0)
    monkeypatch.setattr(jobs, "_last_pruning", time.monotonic() - jobs.PRUNE_TERMS_SECONDS)  # a day on
    jobs.Worker(queued, ("default",)).run_once()
    assert not held("zlatkovo") and held("ubnd")
    # within the day, the next housekeeping (an hour on) leaves the words alone
    with queued.transaction() as s:
        s.add(SearchTermRecord(term="zlatkovo"))
    monkeypatch.setattr(jobs, "_last_collection", 0.0)
    jobs.Worker(queued, ("default",)).run_once()
    assert held("zlatkovo")


def test_in_process_workers_leave_when_idle_and_come_back_with_the_next_job(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    monkeypatch.setattr(jobs.LocalWorkers, "IDLE_SECONDS", 0.3)
    monkeypatch.setattr(jobs, "POLL_SECONDS", 0.1)
    assert store.settings.background == "in-process"

    def done(job_id: int) -> bool:
        deadline = time.monotonic() + 30
        while _job(store, job_id).state != "done":
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    workers = jobs.local_workers(store)
    for round_ in range(3):
        job_id = jobs.enqueue(store, "test.count", {"key": f"idle{round_}"})  # starts the threads
        assert done(job_id)
        deadline = time.monotonic() + 10
        while any(t.is_alive() for threads in workers._threads.values() for t in threads):
            assert time.monotonic() < deadline, "idle threads did not leave"
            time.sleep(0.05)
    assert [RUNS[f"idle{n}"] for n in range(3)] == [1, 1, 1]
