"""What a running install counts, for Prometheus (`GET /metrics`).

Counted where it happens (the web's requests, the workers' jobs, readings, reminders)
in prometheus_client's metrics; the queue's size is read from the database when the
page is asked for, so any server process answers for the whole install. With several
server processes (`dondoc serve --workers N`), set `PROMETHEUS_MULTIPROC_DIR` to an
empty folder they share: the page then sums every process's counts.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

CONTENT_TYPE = CONTENT_TYPE_LATEST

# a page answers in milliseconds, a report document in seconds
_WEB_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_WORK_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 900.0)

REQUESTS = Counter("dondoc_http_requests", "HTTP requests answered", ["method", "route", "status"])
LATENCY = Histogram(
    "dondoc_http_request_duration_seconds", "Time to answer", ["method", "route"], buckets=_WEB_BUCKETS
)
JOBS = Counter("dondoc_jobs_finished", "Background jobs that ended a run", ["kind", "outcome"])
JOB_SECONDS = Histogram("dondoc_job_duration_seconds", "A job's run", ["kind"], buckets=_WORK_BUCKETS)
JOBS_RECOVERED = Counter("dondoc_jobs_recovered", "Jobs queued again after their worker stopped answering")
READ_SECONDS = Histogram(
    "dondoc_read_seconds", "Reading a file into text (OCR included)", ["format"], buckets=_WORK_BUCKETS
)
EXTRACT_SECONDS = Histogram("dondoc_extract_seconds", "Extracting a directive's tasks", buckets=_WORK_BUCKETS)
REMINDERS = Counter("dondoc_reminders", "Reminder messages delivered or failed", ["channel", "outcome"])


class QueueCollector(Collector):
    """The queue's jobs per state, read when /metrics is asked for."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts

    def collect(self) -> Iterator[Metric]:
        gauge = GaugeMetricFamily("dondoc_jobs", "Background jobs per state", labels=["state"])
        for state, n in sorted(self.counts.items()):
            gauge.add_metric([state], n)
        yield gauge


def exposition(queue_counts: dict[str, int]) -> bytes:
    """The page: this process's counts (or every process's, in multi-process mode) and
    the queue's."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        body = generate_latest(registry)
    else:
        from prometheus_client import REGISTRY

        body = generate_latest(REGISTRY)
    queue_registry = CollectorRegistry()
    queue_registry.register(QueueCollector(queue_counts))
    return body + generate_latest(queue_registry)
