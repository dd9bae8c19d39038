"""`dondoc user add`: accounts for office staff, unit focal points and leaders."""

from __future__ import annotations

import click

from dondoc.cli.common import acting, as_option, open_store
from dondoc.tracking.permissions import Role


@click.group("user")
def user_command() -> None:
    """Manage dondoc users."""


@user_command.command("add")
@click.argument("username")
@click.option("--name", "full_name", required=True, help="Full name.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--unit", "unit_code", help="Unit code (required for a reporter).")
@click.password_option(help="Password (asked when not given).")
@as_option
@click.pass_context
def add(
    ctx: click.Context,
    username: str,
    full_name: str,
    role: str,
    unit_code: str | None,
    password: str,
    as_user: str | None,
) -> None:
    """Create a user."""
    from dondoc.services import users

    store = open_store(ctx)
    uid = users.create_user(
        store,
        acting(store, as_user),
        username=username,
        full_name=full_name,
        password=password,
        role=Role(role),
        unit_code=unit_code,
    )
    click.echo(f"user {username} created (id {uid})")


@user_command.command("token")
@click.argument("username")
@click.option("--name", "token_name", default="api", show_default=True, help="What the token is for.")
@as_option
@click.pass_context
def token(ctx: click.Context, username: str, token_name: str, as_user: str | None) -> None:
    """Create an API token for USERNAME (printed once; keep it secret)."""
    from dondoc.services import users

    store = open_store(ctx)
    click.echo(users.create_token(store, acting(store, as_user), username=username, name=token_name))
