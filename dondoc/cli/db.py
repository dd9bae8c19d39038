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
@click.argument("revision", default="base")
@click.pass_context
def downgrade(ctx: click.Context, revision: str) -> None:
    """Take the schema back to REVISION ("base" drops every table: all data is lost)."""
    from dondoc.store import migrate

    store = open_store(ctx)
    migrate.downgrade(store.engine, revision)
    click.echo(f"schema at revision {migrate.current_revision(store.engine) or 'base'}")


@db_command.command("current")
@click.pass_context
def current(ctx: click.Context) -> None:
    """Print the schema revision of the database."""
    from dondoc.store import migrate

    store = open_store(ctx, schema="any")
    click.echo(migrate.current_revision(store.engine) or "base (empty)")
