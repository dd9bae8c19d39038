"""`dondoc report`: the periodic report and the reminder letter, as documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from dondoc.cli.common import acting, as_option, open_store, write_file


@click.group("report")
def report_command() -> None:
    """Report documents in the official layout (NĐ 30 / HD 36): DOCX, XLSX, PDF."""


@report_command.command("periodic")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), help="The day (default: today).")
@click.option("--directive", "directive_id", type=int, help="Only this directive's tasks.")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only the directives issued from this day (a period's report).",
)
@click.option("--unit", "unit_code", help="Only this unit and its sub-units.")
@click.option(
    "--issuer", "issuer_code", help="The unit issuing it (default: yours, else the directive's office)."
)
@click.option("--number", help="Its number (default: left blank for the office).")
@click.option(
    "--format", "fmt", type=click.Choice(["docx", "xlsx", "pdf"]), default="docx", show_default=True
)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@as_option
@click.pass_context
def periodic_command(
    ctx: click.Context,
    as_of: dt.datetime | None,
    directive_id: int | None,
    since: dt.datetime | None,
    unit_code: str | None,
    issuer_code: str | None,
    number: str | None,
    fmt: str,
    out: Path,
    as_user: str | None,
) -> None:
    """The periodic report (báo cáo tình hình thực hiện nhiệm vụ) as of a day: the buckets,
    a table per unit and per area, the overdue tasks with the units' reasons, the
    extensions granted, a chart. Its figures are those of `dondoc status` that day."""
    from dondoc.services import reports

    store = open_store(ctx)
    doc = reports.periodic(
        store,
        acting(store, as_user),
        as_of=as_of.date() if as_of else dt.date.today(),
        directive_id=directive_id,
        unit_code=unit_code,
        issuer_code=issuer_code,
        number=number,
        since=since.date() if since else None,
    )
    write_file(out, reports.render(doc, fmt))
    click.echo(f"{out}: {doc.kind.lower()} {fmt}, as of {doc.date.isoformat()}")


@report_command.command("letter")
@click.option("--unit", "unit_code", required=True, help="The late unit.")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), help="The day (default: today).")
@click.option("--issuer", "issuer_code", help="The unit issuing it (default: yours, else the office).")
@click.option("--number", help="Its number (default: left blank for the office).")
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf"]), default="docx", show_default=True)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@as_option
@click.pass_context
def letter_command(
    ctx: click.Context,
    unit_code: str,
    as_of: dt.datetime | None,
    issuer_code: str | None,
    number: str | None,
    fmt: str,
    out: Path,
    as_user: str | None,
) -> None:
    """The reminder letter (công văn đôn đốc) to a unit: its overdue and due-soon tasks and
    the day it is asked to report by."""
    from dondoc.services import reports

    store = open_store(ctx)
    doc = reports.letter(
        store,
        acting(store, as_user),
        unit_code=unit_code,
        as_of=as_of.date() if as_of else dt.date.today(),
        issuer_code=issuer_code,
        number=number,
    )
    write_file(out, reports.render(doc, fmt))
    click.echo(f"{out}: letter to {unit_code} {fmt}, as of {doc.date.isoformat()}")
