"""`dondoc import tasks FILE --directive N`: an office's task list into a directive."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from dondoc.cli.common import acting, as_option, open_store
from dondoc.errors import DondocError, ErrorCode, printable


@click.group("import")
def import_command() -> None:
    """Lists from spreadsheets (XLSX or UTF-8 CSV)."""


@import_command.command("tasks")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--directive", "directive_id", type=int, required=True, help="The directive the tasks belong to."
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=HEADING",
    help="Read FIELD (text, lead, support, deadline, section, product, external_id) from the "
    "column with this heading, when the file names it otherwise (repeatable).",
)
@click.option("--dry-run", is_flag=True, help="Check every row and show what would change; write nothing.")
@as_option
@click.pass_context
def tasks(
    ctx: click.Context,
    file: Path,
    directive_id: int,
    columns: tuple[str, ...],
    dry_run: bool,
    as_user: str | None,
) -> None:
    """Import the tasks of FILE into the directive: every row is checked first (its text,
    its units found in the directory by code, name or alias, its deadline read as a date
    or as the extractor reads "Quý IV/2026"); a refused row is listed with its column and
    reason, and then nothing is written. Rows keep their id (the "Mã" column, else their
    text): importing the list again changes only what changed."""
    from dondoc.services import task_import

    mapping: dict[str, str] = {}
    for c in columns:
        fld, sep, heading = c.partition("=")
        if not sep or not heading.strip():
            raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"--column {c!r}: write FIELD=HEADING")
        mapping[fld.strip()] = heading.strip()
    store = open_store(ctx)
    actor = acting(store, as_user)
    result = task_import.import_tasks(
        store, actor, file, directive_id, today=dt.date.today(), mapping=mapping, dry_run=dry_run
    )
    read_from = ", ".join(f"{fld} ← {printable(h)!r}" for fld, h in result.columns.items())
    click.echo(f"columns: {read_from}", err=True)
    if result.errors:
        for e in result.errors:
            click.echo(f"row {e.row}, column {printable(e.column)!r}: {printable(e.reason)}", err=True)
        raise DondocError(
            ErrorCode.TASKS_FILE,
            name=str(file),
            detail=f"{len({e.row for e in result.errors})} rows refused; nothing written",
        )
    counts = f"{result.new} new tasks, {result.changed} changed, {result.unchanged} unchanged"
    if dry_run:
        click.echo(f"{len(result.rows)} rows checked: {counts} (dry run: nothing written)")
    else:
        click.echo(f"{len(result.rows)} rows imported into directive {directive_id}: {counts}")
