"""`dondoc backup FILE` and `dondoc restore FILE`: the database and the stored files in
one archive with a manifest of checksums (services/backup.py)."""

from __future__ import annotations

from pathlib import Path

import click

from dondoc.cli.common import open_store, settings_from


def _say(verb: str, summary: object) -> None:
    from dondoc.services.backup import Summary

    assert isinstance(summary, Summary)
    rows = sum(summary.tables.values())
    click.echo(
        f"{verb} {summary.path}: {summary.engine} at revision {summary.revision}, "
        f"{len(summary.tables)} tables, {rows} rows, {summary.files} files ({summary.bytes} bytes)"
    )


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def backup_command(ctx: click.Context, file: Path) -> None:
    """Write a backup of the database and the stored files to FILE (a new file), while
    dondoc runs. SQLite: its online backup; PostgreSQL: pg_dump (postgresql-client)."""
    from dondoc.services.backup import backup

    _say("backed up to", backup(open_store(ctx), file))


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def restore_command(ctx: click.Context, file: Path) -> None:
    """Restore the backup FILE into an empty database and data folder (the settings'),
    after checking every file of it against its manifest. Never overwrites an install."""
    from dondoc.services.backup import restore

    _say("restored from", restore(settings_from(ctx), file))
