"""`dondoc db upgrade|downgrade|current`: the schema, through the packaged migrations."""

from __future__ import annotations

import click

from dondoc.cli.common import open_store


@click.group("db")
def db_command() -> None:
    """Create or migrate the database schema (SQLite file or PostgreSQL)."""


@db_command.command("upgrade")
@click.pass_context
def upgrade(ctx: click.Context) -> None:
    """Bring the schema to the latest revision (creates it in an empty database)."""
    from dondoc.store import migrate

    store = open_store(ctx, schema="upgrade")
    click.echo(f"schema at revision {migrate.current_revision(store.engine)}")


@db_command.command("downgrade")
@click.argument("revision")
@click.option("--yes", is_flag=True, help="Confirm: the tables and data of later revisions are dropped.")
@click.pass_context
def downgrade(ctx: click.Context, revision: str, yes: bool) -> None:
    """Take the schema back to REVISION ("base" drops every table: all data is lost).
    Destroys data: needs --yes, and a backup first is wise."""
    from dondoc.store import migrate

    store = open_store(ctx, schema="any")
    current = migrate.current_revision(store.engine) or "base"
    if not yes:
        raise click.UsageError(
            f"downgrading from {current} to {revision} drops what later revisions hold "
            f"({'every table and all data' if revision == 'base' else 'their tables and columns'}); "
            "add --yes to do it"
        )
    migrate.downgrade(store.engine, revision)
    click.echo(f"schema at revision {migrate.current_revision(store.engine) or 'base'}")


@db_command.command("current")
@click.pass_context
def current(ctx: click.Context) -> None:
    """Print the schema revision of the database."""
    from dondoc.store import migrate

    store = open_store(ctx, schema="any")
    click.echo(migrate.current_revision(store.engine) or "base (empty)")
