"""`dondoc status --as-of DATE`: the timeliness buckets per lead unit."""

from __future__ import annotations

import datetime as dt
import json

import click

from dondoc.cli.common import acting, as_option, open_store
from dondoc.tracking.timeliness import BUCKETS

_HEAD = {
    "done_on_time": "on time",
    "done_late": "late",
    "open_in_term": "in term",
    "due_soon": "due soon",
    "overdue": "overdue",
    "no_deadline": "no date",
}


@click.command("status")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day to report on (default: today).",
)
@click.option("--unit", "unit_code", help="Only this unit and its sub-units.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@as_option
@click.pass_context
def status_command(
    ctx: click.Context, as_of: dt.datetime | None, unit_code: str | None, fmt: str, as_user: str | None
) -> None:
    """Tasks by lead unit in the buckets done on time, done late, open in term, due soon,
    overdue and no deadline, as known on --as-of."""
    from dondoc.services.dashboards import buckets_as_of

    store = open_store(ctx)
    day = as_of.date() if as_of else dt.date.today()
    report = buckets_as_of(store, acting(store, as_user), day, unit_code=unit_code)
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "as_of": day.isoformat(),
                    "units": [
                        {"code": u.code, "name": u.name, **{b.value: u.counts[b] for b in BUCKETS}}
                        for u in report.units
                    ],
                    "totals": {b.value: report.totals[b] for b in BUCKETS},
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    width = max([len(u.code) for u in report.units] + [5])
    click.echo(f"as of {day.isoformat()}")
    click.echo(
        f"{'unit':<{width}}  " + "  ".join(f"{_HEAD[b.value]:>8}" for b in BUCKETS) + "     total  name"
    )
    for u in report.units:
        click.echo(
            f"{u.code:<{width}}  "
            + "  ".join(f"{u.counts[b]:>8}" for b in BUCKETS)
            + f"  {u.total:>8}  {u.name}"
        )
    click.echo(
        f"{'total':<{width}}  "
        + "  ".join(f"{report.totals[b]:>8}" for b in BUCKETS)
        + f"  {sum(report.totals.values()):>8}"
    )
