"""The server's own reminder run: a thread that asks, every few minutes, for the day's
reminders (`reminders.run` decides whether it is a working day and within the sending
hours, plans the day once across every process of the install, and sends what is
pending). With several server processes each has this thread; the run's lock and its
record of the day make it happen once."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from dondoc.errors import DondocError
from dondoc.services import reminders
from dondoc.services.context import SYSTEM, Store

log = logging.getLogger("dondoc.reminders")


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
            self.check()
            self._stop.wait(self.seconds)

    def check(self) -> reminders.RunResult | None:
        """One run for now (Vietnam's time); any failure is logged, never raised: the
        next check tries again."""
        now = self.clock()
        try:
            result = reminders.run(self.store, SYSTEM, day=now.date(), at=now.time())
        except DondocError as exc:
            log.warning("reminders for %s: %s", now.date().isoformat(), exc.message)
            return None
        except Exception:  # the thread must live on: a bug here is logged with its trace
            log.exception("reminders for %s failed", now.date().isoformat())
            return None
        sent = sum(m.result == "sent" for m in result.messages)
        failed = sum(m.result.startswith("failed") for m in result.messages)
        if sent or failed:
            log.info("reminders for %s: %d sent, %d failed", result.day.isoformat(), sent, failed)
        return result
