"""Background work through the job queue (store/queue.py): who does a job of each kind,
and the workers that claim and run them.

- `dondoc worker` runs `Worker`s in a process of its own, on any machine that reaches the
  database (production: PostgreSQL, several of them; each is woken by `NOTIFY` at once
  and looks every few seconds anyway).
- The embedded install (`background = "in-process"`, the default) runs the same workers
  as threads of the server process: started by the first job, gone after a while idle.

A handler's `DondocError` is a refusal (a corrupt file stays corrupt): the job fails at
once. Any other exception is a fault: the job is tried again later, up to its attempts.
A job whose worker dies is queued again once its heartbeat is a lease old (settings'
`job_lease_seconds`; a worker beats every sixth of it), so handlers
must be safe to run twice (reading is: the same bytes are recognised and reopened).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from dondoc import metrics
from dondoc.errors import DondocError, ErrorCode
from dondoc.services import file_gc
from dondoc.services.context import Store
from dondoc.store import queue, search_index
from dondoc.store.queue import Claimed

log = logging.getLogger("dondoc.jobs")

Handler = Callable[[Store, dict[str, Any]], None]

# how often an idle worker looks for due jobs (retries, jobs enqueued elsewhere)
POLL_SECONDS = 2.0
CHANNEL = "dondoc_jobs"
# stored files nothing refers to are looked for this often, once per process
COLLECT_SECONDS = 3600.0
_last_collection = 0.0
_COLLECTION_GUARD = threading.Lock()
# the search's typo-correction words no entry holds any more are forgotten this often, once
# per process (a day's deletions and edits; the pass reads every word, so not hourly). The
# first pass comes a day after the process starts, never at its start: a worker restarted
# after a crash would otherwise hold up the writes noting words while it reads them all
PRUNE_TERMS_SECONDS = 24 * 3600.0
_last_pruning = time.monotonic()

_HANDLERS: dict[str, Handler] = {}
# the modules whose import registers the handlers (a worker process imports them all)
_HANDLER_MODULES = ("dondoc.services.reading_jobs", "dondoc.services.schedule")


def load_handlers() -> None:
    for module in _HANDLER_MODULES:
        importlib.import_module(module)


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Registers the function that does jobs of `kind`."""

    def register(fn: Handler) -> Handler:
        _HANDLERS[kind] = fn
        return fn

    return register


_WAKE = threading.Condition()


def enqueue(store: Store, kind: str, payload: dict[str, Any], *, queue_name: str = "default") -> int:
    """A job in its own transaction (see `enqueue_in` to add one to a write)."""
    with store.transaction() as s:
        job_id = enqueue_in(s, store, kind, payload, queue_name=queue_name)
    wake(store)
    return job_id


def enqueue_in(
    session: Session, store: Store, kind: str, payload: dict[str, Any], *, queue_name: str = "default"
) -> int:
    """A job added to the caller's transaction: it exists if and only if the write
    commits. The caller calls `wake(store)` after the commit."""
    if kind not in _HANDLERS:
        load_handlers()
    if kind not in _HANDLERS:
        raise ValueError(f"no handler for jobs of kind {kind!r}")
    job_id = queue.enqueue(session, kind, payload, queue=queue_name)
    if store.engine.dialect.name == "postgresql":
        # delivered at commit to every listening worker, on any machine
        session.execute(text("SELECT pg_notify(:c, :q)"), {"c": CHANNEL, "q": queue_name})
    return job_id


def wake(store: Store) -> None:
    """Wakes this process's idle workers (and starts the in-process ones if needed)."""
    if store.settings.background == "in-process":
        local_workers(store).ensure_started()
    with _WAKE:
        _WAKE.notify_all()


def worker_name(lane: str) -> str:
    """Unique to each worker: a job's every change names the worker holding it."""
    return f"{socket.gethostname()}:{os.getpid()}:{lane}:{uuid.uuid4().hex[:8]}"[:120]


class Worker:
    """Claims and runs jobs of some queues, one at a time."""

    def __init__(self, store: Store, queues: tuple[str, ...], *, lane: str = "worker") -> None:
        self.store = store
        self.queues = queues
        self.lane = lane
        self.name = worker_name(lane)
        self.lease = dt.timedelta(seconds=max(1, store.settings.job_lease_seconds))
        self._last_recovery = 0.0
        load_handlers()

    def run_once(self) -> bool:
        """Claims one due job and runs it; False when none was due."""
        self._recover()
        with self.store.transaction() as s:
            job = queue.claim(s, self.name, self.queues)
        if job is None:
            return False
        self._run(job)
        return True

    def run_until(self, stop: threading.Event, *, idle_exit: float | None = None) -> None:
        """Runs jobs until `stop` is set (or, given `idle_exit`, until none came for that
        many seconds). A database that does not answer is logged and tried again."""
        idle_since = time.monotonic()
        with self._listener() as listen:
            while not stop.is_set():
                try:
                    if self.run_once():
                        idle_since = time.monotonic()
                        continue
                except DondocError as exc:
                    log.warning("worker %s: %s", self.name, exc.message)
                if idle_exit is not None and time.monotonic() - idle_since > idle_exit:
                    return
                listen(POLL_SECONDS)

    def _recover(self) -> None:
        # every worker may recover lost jobs; once a lease is enough
        if self._last_recovery and time.monotonic() - self._last_recovery < self.lease.total_seconds() / 2:
            return
        self._last_recovery = time.monotonic()
        self._collect()
        with self.store.transaction() as s:
            lost = queue.recover(s, self.lease)
        if lost:
            metrics.JOBS_RECOVERED.inc(len(lost))
            log.warning("jobs %s lost their worker: queued again", ", ".join(map(str, lost)))

    def _collect(self) -> None:
        global _last_collection, _last_pruning
        with _COLLECTION_GUARD:
            if time.monotonic() - _last_collection < COLLECT_SECONDS and _last_collection:
                return
            _last_collection = time.monotonic()
            prune = time.monotonic() - _last_pruning >= PRUNE_TERMS_SECONDS
            if prune:
                _last_pruning = time.monotonic()
        try:
            file_gc.collect_orphans(self.store)
        except (DondocError, OSError) as exc:
            log.warning("collecting orphan files: %s", exc)
        if prune:
            try:
                gone = search_index.prune_terms(self.store.engine)
            except SQLAlchemyError as exc:  # housekeeping: the next day's pass tries again
                log.warning("pruning the search's words: %s", exc)
            else:
                if gone:
                    log.info("search: %d words no entry holds were forgotten", gone)

    def _run(self, job: Claimed) -> None:
        started = time.monotonic()
        fn = _HANDLERS.get(job.kind)
        error: str | None = None
        retry = False
        with self._beating(job.id):
            try:
                if fn is None:
                    raise DondocError(ErrorCode.INTERNAL, detail=f"no handler for jobs of kind {job.kind!r}")
                fn(self.store, job.payload)
            except DondocError as exc:
                error = f"{exc.code.value}: {exc.message}"
            except Exception as exc:  # a fault, not a refusal: tried again
                log.exception("job %s (%s) failed", job.id, job.kind)
                error, retry = f"{type(exc).__name__}: {exc}", True
        seconds = time.monotonic() - started
        with self.store.transaction() as s:
            if error is None:
                mine = queue.finish(s, job.id, self.name)
            else:
                mine = queue.fail(s, job.id, self.name, error, retry=retry)
        if not mine:
            log.warning("job %s was taken over while it ran: its outcome here is dropped", job.id)
            return
        metrics.JOBS.labels(job.kind, "done" if error is None else ("retried" if retry else "failed")).inc()
        metrics.JOB_SECONDS.labels(job.kind).observe(seconds)
        log.info("job %s (%s) %s in %.1f s", job.id, job.kind, "done" if error is None else "failed", seconds)

    @contextlib.contextmanager
    def _beating(self, job_id: int) -> Iterator[None]:
        stop = threading.Event()

        def beat() -> None:
            while not stop.wait(self.lease.total_seconds() / 6):
                try:
                    with self.store.transaction() as s:
                        if not queue.heartbeat(s, job_id, self.name):
                            return
                except DondocError as exc:
                    log.warning("heartbeat of job %s: %s", job_id, exc.message)

        thread = threading.Thread(target=beat, name=f"{self.lane}-heartbeat", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()

    @contextlib.contextmanager
    def _listener(self) -> Iterator[Callable[[float], None]]:
        """A wait for new jobs: PostgreSQL's NOTIFY where there is one, this process's
        own wake-ups, or the poll's timeout, whichever comes first."""
        if self.store.engine.dialect.name != "postgresql" or self.store.settings.background == "in-process":

            def local(timeout: float) -> None:
                with _WAKE:
                    _WAKE.wait(timeout)

            yield local
            return
        import psycopg

        url = self.store.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        try:
            conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            log.warning("worker %s cannot listen (%s): polling", self.name, exc)

            def poll(timeout: float) -> None:
                time.sleep(timeout)

            yield poll
            return
        with conn:
            conn.execute(f"LISTEN {CHANNEL}")

            def notified(timeout: float) -> None:
                for _ in conn.notifies(timeout=timeout, stop_after=1):
                    return

            yield notified


class LocalWorkers:
    """The in-process workers of the embedded install: `readers` threads for scans, one
    for everything quick (texts, DOCX and any other job), so a text never waits behind a
    scan. Threads start with the first job and leave after `IDLE_SECONDS` without one."""

    IDLE_SECONDS = 30.0

    def __init__(self, store: Store) -> None:
        self.store = store
        self.lanes = {"scan": ("scan",), "quick": ("quick", "default")}
        self.sizes = {"scan": max(1, store.settings.readers), "quick": 1}
        self._threads: dict[str, list[threading.Thread]] = {lane: [] for lane in self.lanes}
        self._lock = threading.Lock()
        self.stop = threading.Event()

    def ensure_started(self) -> None:
        with self._lock:
            if self.stop.is_set():
                return
            for lane, queues in self.lanes.items():
                alive = [t for t in self._threads[lane] if t.is_alive()]
                while len(alive) < self.sizes[lane]:
                    thread = threading.Thread(
                        target=self._work, args=(lane, queues), name=f"dondoc-{lane}", daemon=True
                    )
                    thread.start()
                    alive.append(thread)
                self._threads[lane] = alive

    def _work(self, lane: str, queues: tuple[str, ...]) -> None:
        try:
            worker = Worker(self.store, queues, lane=lane)
            worker.run_until(self.stop, idle_exit=self.IDLE_SECONDS)
            with self._lock:  # leaving: from now on a new job starts a new thread
                me = threading.current_thread()
                self._threads[lane] = [t for t in self._threads[lane] if t is not me]
            # a job queued while this thread was leaving found it still alive: done here
            while not self.stop.is_set() and worker.run_once():
                pass
        except Exception:  # a thread that dies says why; the next job starts another
            log.exception("in-process worker %s stopped", lane)

    def shutdown(self, timeout: float = 5.0) -> None:
        self.stop.set()
        with _WAKE:
            _WAKE.notify_all()
        for threads in self._threads.values():
            for thread in threads:
                thread.join(timeout)


_LOCAL: dict[str, LocalWorkers] = {}
_LOCAL_GUARD = threading.Lock()


def local_workers(store: Store) -> LocalWorkers:
    """This process's in-process workers for the store's database (one set however many
    apps share it)."""
    key = store.settings.resolved_database_url()
    with _LOCAL_GUARD:
        workers = _LOCAL.get(key)
        if workers is None or workers.stop.is_set() or workers.store.engine is not store.engine:
            if workers is not None:
                workers.stop.set()  # a store of the same database opened again: its threads leave
            workers = _LOCAL[key] = LocalWorkers(store)
        return workers


def stop_local(store: Store) -> None:
    """Stops this process's in-process workers for the store's database, if any run."""
    with _LOCAL_GUARD:
        workers = _LOCAL.pop(store.settings.resolved_database_url(), None)
    if workers is not None:
        workers.shutdown()
