"""`dondoc export tasks`: a task list as a workbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from dondoc.cli.common import acting, as_option, open_store, write_file
from dondoc.errors import DondocError, ErrorCode


@click.group("export")
def export_command() -> None:
    """Lists as workbooks (XLSX)."""


@export_command.command("tasks")
@click.option("--directive", "directive_id", type=int, help="Every task of this directive.")
@click.option("--unit", "unit_code", help="The tasks this unit and its sub-units lead.")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), help="The day (default: today).")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@as_option
@click.pass_context
def tasks(
    ctx: click.Context,
    directive_id: int | None,
    unit_code: str | None,
    as_of: dt.datetime | None,
    out: Path,
    as_user: str | None,
) -> None:
    """A directive's tasks or a unit's, with their lead, support, deadline, bucket and
    progress, as one sheet (header frozen and filtered) in OUT."""
    from dondoc.services import exports

    if (directive_id is None) == (unit_code is None):
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="give --directive or --unit, one of them")
    store = open_store(ctx)
    actor = acting(store, as_user)
    day = as_of.date() if as_of else dt.date.today()
    table = (
        exports.directive_tasks(store, actor, directive_id, as_of=day)
        if directive_id is not None
        else exports.unit_tasks(store, actor, str(unit_code), as_of=day)
    )
    write_file(out, exports.workbook(table))  # all or nothing: no half file under OUT
    click.echo(f"{len(table.rows)} tasks written to {out}")
