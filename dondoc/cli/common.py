"""What the database commands share: opening the store, who acts, what day it is.

`--as USER` names the dondoc user a command acts as (checked against their role and
unit, and written to the audit log); without it the command acts as the local operator,
with an admin's rights: whoever can run the CLI on the server already holds the database.
`--on DATE` sets the day of the action (default: today), for entering past events.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from dondoc.config import Settings, load_settings
from dondoc.errors import DondocError, ErrorCode

if TYPE_CHECKING:  # the database layers load when a command runs, not for `extract` or --help
    from dondoc.services.context import Store
    from dondoc.tracking.permissions import Actor

F = TypeVar("F", bound=Callable[..., Any])


def settings_from(ctx: click.Context) -> Settings:
    settings = load_settings()
    overrides = (ctx.find_root().obj or {}) if ctx else {}
    return settings.model_copy(update={k: v for k, v in overrides.items() if v is not None})


def open_store(ctx: click.Context, *, schema: str = "require") -> Store:
    """The store of the settings; `schema`: "require" it migrated, "upgrade" it, or "any"."""
    from dondoc.services.context import Store
    from dondoc.store import migrate

    try:
        store = Store.open(settings_from(ctx))
        if schema == "upgrade":
            migrate.upgrade(store.engine)
        elif migrate.current_revision(store.engine) is None and schema == "require":
            raise DondocError(ErrorCode.DATABASE, detail="no schema yet: run `dondoc db upgrade` first")
    except DondocError:
        raise
    except Exception as exc:  # a driver error on connect: unreachable server, bad URL, locked file
        raise DondocError(ErrorCode.DATABASE, detail=str(exc).splitlines()[0]) from exc
    return store


def acting(store: Store, username: str | None) -> Actor:
    from dondoc.services.users import actor_by_name
    from dondoc.tracking.permissions import Actor, Role

    if username:
        return actor_by_name(store, username)
    return Actor(user_id=0, name=f"cli:{getpass.getuser()}", role=Role.ADMIN)


def as_option(f: F) -> F:
    return click.option(
        "--as", "as_user", metavar="USER", help="Act as this dondoc user (default: the local operator)."
    )(f)


def on_option(f: F) -> F:
    return click.option(
        "--on",
        "on",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        help="Day of the action, YYYY-MM-DD (default: today).",
    )(f)


def day(value: dt.datetime | None) -> dt.date:
    return value.date() if value is not None else dt.date.today()


def write_file(out: Path, data: bytes) -> None:
    """All or nothing: a temporary file beside the target, renamed over it."""
    tmp = out.with_name(f".{out.name}.part")
    try:
        tmp.write_bytes(data)
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DondocError(ErrorCode.OUTPUT_FAILED, name=str(out), detail=exc.strerror or str(exc)) from exc
