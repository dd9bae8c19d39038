"""`dondoc cycle`: make a task recur by periods, change its cycle, or stop it."""

from __future__ import annotations

import datetime as dt

import click

from dondoc.cli.common import acting, as_option, day, on_option, open_store


@click.command("cycle")
@click.argument("task_id", type=int)
@click.option(
    "--every",
    type=click.Choice(["monthly", "quarterly", "semiannual", "yearly", "none"]),
    help="The period (none: the task stops recurring). Without it: show the occurrences.",
)
@click.option(
    "--day", "cutoff_day", type=click.IntRange(1, 31), help="Due on this day (default: the period's last)."
)
@click.option(
    "--month",
    "cutoff_month",
    type=int,
    help="… of this month of the period (1 = its first; default: its last).",
)
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), help="No period starts after this day.")
@as_option
@on_option
@click.pass_context
def cycle_command(
    ctx: click.Context,
    task_id: int,
    every: str | None,
    cutoff_day: int | None,
    cutoff_month: int | None,
    until: dt.datetime | None,
    as_user: str | None,
    on: dt.datetime | None,
) -> None:
    """A recurring task ("báo cáo trước ngày 20 hằng tháng"): each period is an occurrence
    with its own due date, report and timeliness. Prints the task's occurrences: period,
    due date, done, verified."""
    from dondoc.services import cycles

    store = open_store(ctx)
    if every is not None:
        n = cycles.set_cycle(
            store,
            acting(store, as_user),
            task_id,
            every=None if every == "none" else every,
            day=cutoff_day,
            month=cutoff_month,
            until=until.date() if until else None,
            today=day(on),
        )
        click.echo(f"task {task_id}: {every}, {n} occurrences")
    for o in cycles.occurrence_rows(store, task_id):
        done = o.done_on.isoformat() if o.done_on else "-"
        verified = o.verified_on.isoformat() if o.verified_on else "-"
        period = f"{o.period_start.isoformat()}..{o.period_end.isoformat()}"
        click.echo(f"{period}  due {o.due.isoformat()}  done {done}  verified {verified}")
