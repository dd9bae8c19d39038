"""`dondoc worker`: does the background work queued in the database (reading uploads,
reminder runs),
on this machine or any other that reaches it. Run one or more with
`DONDOC_BACKGROUND=workers` set for the servers (docs/deploy.md)."""

from __future__ import annotations

import signal
import threading

import click

from dondoc.cli.common import open_store

LANES = {"scan": ("scan",), "quick": ("quick", "default")}


@click.command("worker")
@click.option(
    "--scan-threads",
    type=click.IntRange(0, 64),
    default=None,
    help="Scans and PDFs read at once (default: DONDOC_READERS); texts and DOCX have a thread of their own.",
)
@click.option("--once", is_flag=True, help="Do the jobs due now, then exit (for cron and tests).")
@click.pass_context
def worker_command(ctx: click.Context, scan_threads: int | None, once: bool) -> None:
    """Claims jobs from the queue and does them until stopped (SIGTERM or Ctrl-C ends it
    after the jobs in hand; a killed worker's jobs are taken up by another within a
    minute)."""
    from dondoc.cli.common import settings_from
    from dondoc.logs import configure
    from dondoc.services.jobs import Worker

    settings = settings_from(ctx)
    configure(settings.resolved_log_format(), settings.log_level)
    store = open_store(ctx)
    if once:
        worker = Worker(store, LANES["scan"] + LANES["quick"], lane="once")
        done = 0
        while worker.run_once():
            done += 1
        click.echo(f"{done} jobs done or tried", err=True)
        return
    sizes = {"scan": store.settings.readers if scan_threads is None else scan_threads, "quick": 1}
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    threads = [
        threading.Thread(
            target=Worker(store, LANES[lane], lane=lane).run_until, args=(stop,), name=f"{lane}-{n}"
        )
        for lane, size in sizes.items()
        for n in range(size)
    ]
    for thread in threads:
        thread.start()
    click.echo(f"worker: {sizes['scan']} scan and {sizes['quick']} quick threads", err=True)
    while not stop.wait(1.0):
        if not any(t.is_alive() for t in threads):
            break
    stop.set()
    for thread in threads:
        thread.join()
