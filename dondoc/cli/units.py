"""`dondoc units import|export`: the units directory as CSV or XLSX."""

from __future__ import annotations

from pathlib import Path

import click

from dondoc.cli.common import acting, as_option, open_store


@click.group("units")
def units_command() -> None:
    """Import or export the units directory (CSV or XLSX; see docs/cli.md for the columns)."""


@units_command.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@as_option
@click.pass_context
def import_(ctx: click.Context, path: Path, as_user: str | None) -> None:
    """Add or update the units of a CSV or XLSX file (all or nothing)."""
    from dondoc.services import units

    store = open_store(ctx)
    added, updated = units.import_units(store, acting(store, as_user), path)
    click.echo(f"{added} units added, {updated} updated")


@units_command.command("export")
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_context
def export(ctx: click.Context, path: Path) -> None:
    """Write the directory to PATH (.xlsx for Excel, anything else CSV)."""
    from dondoc.services import units

    store = open_store(ctx)
    click.echo(f"{units.export_units(store, path)} units written to {path}")
