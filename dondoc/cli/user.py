"""`dondoc user add`: accounts for office staff, unit focal points and leaders."""

from __future__ import annotations

import click

from dondoc.cli.common import acting, as_option, open_store
from dondoc.errors import printable
from dondoc.tracking.permissions import Role


@click.group("user")
def user_command() -> None:
    """Manage dondoc users."""


@user_command.command("add")
@click.argument("username")
@click.option("--name", "full_name", required=True, help="Full name.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--unit", "unit_code", help="Unit code (required for a reporter).")
@click.option("--email", help="Where the user's reminders go by e-mail (default: in the app only).")
@click.password_option(help="Password (asked when not given).")
@as_option
@click.pass_context
def add(
    ctx: click.Context,
    username: str,
    full_name: str,
    role: str,
    unit_code: str | None,
    email: str | None,
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
        email=email,
    )
    click.echo(f"user {username} created (id {uid})")


@user_command.command("email")
@click.argument("username")
@click.argument("address", required=False)
@as_option
@click.pass_context
def email_command(ctx: click.Context, username: str, address: str | None, as_user: str | None) -> None:
    """Set USERNAME's e-mail ADDRESS for reminders (none: remove it; in the app only)."""
    from dondoc.services import users

    store = open_store(ctx)
    users.set_email(store, acting(store, as_user), username=username, email=address)
    click.echo(f"user {username}: e-mail {address or 'removed'}")


@user_command.command("token")
@click.argument("username")
@click.option("--name", "token_name", default="api", show_default=True, help="What the token is for.")
@click.option("--days", type=int, help="Days until it expires (default: DONDOC_TOKEN_DAYS, 90).")
@as_option
@click.pass_context
def token(ctx: click.Context, username: str, token_name: str, days: int | None, as_user: str | None) -> None:
    """Create an API token for USERNAME (printed once; keep it secret)."""
    from dondoc.services import users

    store = open_store(ctx)
    click.echo(
        users.create_token(store, acting(store, as_user), username=username, name=token_name, days=days)
    )


@user_command.command("tokens")
@click.argument("username", required=False)
@as_option
@click.pass_context
def tokens(ctx: click.Context, username: str | None, as_user: str | None) -> None:
    """List API tokens (of USERNAME, or everyone's): id, user, name, state, expiry, last use."""
    import datetime as dt

    from dondoc.services import users

    store = open_store(ctx)
    now = dt.datetime.now(dt.UTC)
    for t in users.list_tokens(store, acting(store, as_user), username=username):
        used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never used"
        click.echo(
            f"{t.id}\t{printable(t.username)}\t{printable(t.name)}\t{t.state(now)}"
            f"\texpires {t.expires_at:%Y-%m-%d}\t{used}"
        )


@user_command.command("revoke-token")
@click.argument("token_id", type=int)
@as_option
@click.pass_context
def revoke_token(ctx: click.Context, token_id: int, as_user: str | None) -> None:
    """Revoke the API token TOKEN_ID (see `dondoc user tokens`): it stops working at once."""
    from dondoc.services import users

    store = open_store(ctx)
    users.revoke_token(store, acting(store, as_user), token_id)
    click.echo(f"token {token_id} revoked")


@user_command.command("disable")
@click.argument("username")
@as_option
@click.pass_context
def disable(ctx: click.Context, username: str, as_user: str | None) -> None:
    """Disable USERNAME: their logins end and their tokens stop working."""
    from dondoc.services import users

    store = open_store(ctx)
    users.set_active(store, acting(store, as_user), username=username, active=False)
    click.echo(f"user {printable(username)} disabled")


@user_command.command("enable")
@click.argument("username")
@as_option
@click.pass_context
def enable(ctx: click.Context, username: str, as_user: str | None) -> None:
    """Enable USERNAME again."""
    from dondoc.services import users

    store = open_store(ctx)
    users.set_active(store, acting(store, as_user), username=username, active=True)
    click.echo(f"user {printable(username)} enabled")


@user_command.command("sessions")
@click.argument("username", required=False)
@as_option
@click.pass_context
def list_sessions(ctx: click.Context, username: str | None, as_user: str | None) -> None:
    """List the open logins (of USERNAME, or everyone's)."""
    from dondoc.services import sessions

    store = open_store(ctx)
    for line in sessions.open_sessions(store, acting(store, as_user), username=username):
        click.echo(
            f"{line.id}\t{printable(line.username)}\tsince {line.created_at:%Y-%m-%d %H:%M}"
            f"\tlast seen {line.last_seen_at:%Y-%m-%d %H:%M}\t{printable(line.address or '?')}"
        )


@user_command.command("end-sessions")
@click.argument("username", required=False)
@click.option("--all", "everyone", is_flag=True, help="End the logins of every user.")
@as_option
@click.pass_context
def end_sessions(ctx: click.Context, username: str | None, everyone: bool, as_user: str | None) -> None:
    """End the logins of USERNAME (or of every user with --all): they must log in again."""
    from dondoc.services import sessions

    if (username is None) == (not everyone):
        raise click.UsageError("give a USERNAME or --all, not both")
    store = open_store(ctx)
    ended = sessions.end_sessions(store, acting(store, as_user), username=username)
    click.echo(f"{ended} login(s) ended")
