"""`dondoc directive confirm|resolve|map`: the office's review from the command line."""

from __future__ import annotations

import datetime as dt

import click

from dondoc.cli.common import acting, as_option, day, on_option, open_store


@click.group("directive")
def directive_command() -> None:
    """Review a stored directive: resolve its body phrases, map them, confirm it."""


@directive_command.command("resolve")
@click.argument("directive_id", type=int)
@as_option
@click.pass_context
def resolve(ctx: click.Context, directive_id: int, as_user: str | None) -> None:
    """Resolve the directive's body phrases to units again and list those still flagged."""
    from dondoc.services import review

    store = open_store(ctx)
    review.resolve_bodies(store, acting(store, as_user), directive_id)
    for mention_id, role, phrase, method in review.unresolved(store, directive_id):
        click.echo(f"mention {mention_id}\t{role}\t{method}\t{phrase}")


@directive_command.command("map")
@click.argument("mention_id", type=int)
@click.argument("unit_code", required=False)
@as_option
@click.pass_context
def map_(ctx: click.Context, mention_id: int, unit_code: str | None, as_user: str | None) -> None:
    """Map a body phrase (MENTION_ID) to the unit UNIT_CODE (none: it names no unit)."""
    from dondoc.services import review

    store = open_store(ctx)
    review.map_mention(store, acting(store, as_user), mention_id, unit_code)
    click.echo(f"mention {mention_id} mapped to {unit_code or 'no unit'}")


@directive_command.command("confirm")
@click.argument("directive_id", type=int)
@as_option
@on_option
@click.pass_context
def confirm(ctx: click.Context, directive_id: int, as_user: str | None, on: dt.datetime | None) -> None:
    """Confirm a reviewed draft: its tasks come into force and can be assigned."""
    from dondoc.services import review

    store = open_store(ctx)
    review.confirm(store, acting(store, as_user), directive_id, today=day(on))
    click.echo(f"directive {directive_id} confirmed")
