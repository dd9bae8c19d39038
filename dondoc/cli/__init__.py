"""The `dondoc` command: thin Click commands over the library.

`main` turns every DondocError into one English line with its code on stderr and exit
code 1; an unexpected error still gives one line (and no traceback).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dondoc import __version__
from dondoc.cli.assign import assign_command
from dondoc.cli.backup import backup_command, restore_command
from dondoc.cli.cycle import cycle_command
from dondoc.cli.db import db_command
from dondoc.cli.demo import demo_command
from dondoc.cli.directive import directive_command
from dondoc.cli.export import export_command
from dondoc.cli.extract import extract_command
from dondoc.cli.group import fanout_command, group_command
from dondoc.cli.importing import import_command
from dondoc.cli.ingest import ingest_command
from dondoc.cli.progress import extension_command, report_progress_command, verify_command
from dondoc.cli.remind import remind_command
from dondoc.cli.report import report_command
from dondoc.cli.search import search_command
from dondoc.cli.serve import serve_command
from dondoc.cli.status import status_command
from dondoc.cli.units import units_command
from dondoc.cli.user import user_command
from dondoc.cli.worker import worker_command
from dondoc.errors import DondocError, ErrorCode


@click.group()
@click.version_option(__version__, prog_name="dondoc")
@click.option(
    "--database-url", help="SQLAlchemy URL (default: SQLite in the data folder; env DONDOC_DATABASE_URL)."
)
@click.option("--data-dir", type=click.Path(file_okay=False), help="Data folder (env DONDOC_DATA_DIR).")
@click.pass_context
def cli(ctx: click.Context, database_url: str | None, data_dir: str | None) -> None:
    """dondoc: follow up the implementation of Vietnamese directives."""
    ctx.obj = {"database_url": database_url, "data_dir": Path(data_dir) if data_dir else None}


for command in (
    extract_command,
    db_command,
    units_command,
    user_command,
    ingest_command,
    directive_command,
    assign_command,
    cycle_command,
    group_command,
    fanout_command,
    report_progress_command,
    verify_command,
    extension_command,
    status_command,
    remind_command,
    report_command,
    export_command,
    import_command,
    search_command,
    demo_command,
    serve_command,
    worker_command,
    backup_command,
    restore_command,
):
    cli.add_command(command)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except DondocError as exc:
        click.echo(f"error [{exc.code.value}]: {exc.message}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (BrokenPipeError, KeyboardInterrupt):
        sys.exit(1)
    except Exception as exc:
        # the first line only: a driver's message goes on with the statement and its data
        first = (str(exc).splitlines() or [""])[0][:300]
        err = DondocError(ErrorCode.INTERNAL, kind=type(exc).__name__, detail=first)
        click.echo(f"error [{err.code.value}]: {err.message}", err=True)
        sys.exit(1)
