"""The server's own reminder run. Each server process has a thread that, every few
minutes, queues a reminder run unless one is already waiting; a worker (`dondoc worker`,
or the server's own in-process worker on the embedded install) does it: `reminders.run`
decides whether it is a working day and within the sending hours, plans the day once
across every process of the install, and sends what is pending. The run's lock and its
record of the day make it happen once, however many servers queue it; sending (mail,
Zalo) happens in the workers, never in a thread of the web server."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import Any

from dondoc.errors import DondocError
from dondoc.services import jobs, reminders
from dondoc.services.context import SYSTEM, Store
from dondoc.store import queue

log = logging.getLogger("dondoc.reminders")

KIND = "reminders"
# a queued run this much older than its check is dropped: the workers were down, and
# the next check queues a run for its own time (a morning's run is not sent at night)
STALE = dt.timedelta(hours=1)
KEEP_FINISHED = dt.timedelta(days=7)  # finished runs' jobs kept this long, then deleted


class ReminderSchedule:
    def __init__(
        self, store: Store, minutes: int, *, clock: Callable[[], dt.datetime] = reminders.now_in_vietnam
    ) -> None:
        self.store = store
        self.seconds = max(1, minutes) * 60
        self.clock = clock  # Vietnam's local time (a test gives its own)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="dondoc-reminders", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.queue_run()
            self._stop.wait(self.seconds)

    def queue_run(self) -> int | None:
        """Queues a run for now (Vietnam's time) unless one is queued or running; the job's
        id, or None. Any failure is logged, never raised: the next check tries again."""
        now = self.clock()
        try:
            with self.store.transaction() as s:
                queue.prune(s, KIND, queue.utcnow() - KEEP_FINISHED)
                if queue.pending(s, KIND):
                    return None  # another server's check queued it (a double would only find it done)
                payload = {
                    "day": now.date().isoformat(),
                    "at": now.time().isoformat(timespec="minutes"),
                    "queued_at": queue.utcnow().isoformat(),
                }
                job_id = jobs.enqueue_in(s, self.store, KIND, payload)
            jobs.wake(self.store)
            return job_id
        except Exception:  # the thread must live on: a fault here is logged with its trace
            log.exception("queueing the reminders of %s failed", now.date().isoformat())
            return None

    def check(self) -> reminders.RunResult | None:
        """One run for now (Vietnam's time), done here; any failure is logged, never
        raised: the next check tries again."""
        now = self.clock()
        try:
            return _run(self.store, now.date(), now.time())
        except DondocError as exc:
            log.warning("reminders for %s: %s", now.date().isoformat(), exc.message)
            return None
        except Exception:  # a bug here is logged with its trace
            log.exception("reminders for %s failed", now.date().isoformat())
            return None


def _run(store: Store, day: dt.date, at: dt.time) -> reminders.RunResult:
    result = reminders.run(store, SYSTEM, day=day, at=at)
    sent = sum(m.result == "sent" for m in result.messages)
    failed = sum(m.result.startswith("failed") for m in result.messages)
    if sent or failed:
        log.info("reminders for %s: %d sent, %d failed", result.day.isoformat(), sent, failed)
    return result


@jobs.handler(KIND)
def _run_job(store: Store, payload: dict[str, Any]) -> None:
    """A queued run (a refusal fails the job, a fault is tried again by the queue)."""
    queued_at = dt.datetime.fromisoformat(str(payload["queued_at"]))
    if queue.utcnow() - queued_at > STALE:
        log.warning("a reminder run queued at %s is too old to send: left to the next check", queued_at)
        return
    try:
        _run(store, dt.date.fromisoformat(str(payload["day"])), dt.time.fromisoformat(str(payload["at"])))
    except DondocError as exc:
        log.warning("reminders for %s: %s", payload["day"], exc.message)
        raise
