"""Read models of the admin screens: the units directory as a tree, the users."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dondoc.services import sessions
from dondoc.services.context import Store, require
from dondoc.store.records import UnitRecord, UserRecord
from dondoc.tracking.permissions import Action, Actor


@dataclass(frozen=True)
class UnitLine:
    depth: int
    code: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor: str | None


def units_tree(store: Store, actor: Actor) -> list[UnitLine]:
    """The directory in tree order (by path), each unit with its depth."""
    require(actor, Action.MANAGE_UNITS, what="units")
    with store.reading() as s:
        units = list(s.scalars(select(UnitRecord).options(selectinload(UnitRecord.aliases))))
    code = {u.id: u.code for u in units}
    order = sorted(units, key=lambda u: [int(p) for p in u.path.strip("/").split("/")])
    return [
        UnitLine(
            depth=u.path.count("/") - 2,
            code=u.code,
            name=u.name,
            kind=u.kind,
            aliases=tuple(a.alias for a in u.aliases),
            valid_from=u.valid_from,
            valid_to=u.valid_to,
            successor=code.get(u.successor_id) if u.successor_id else None,
        )
        for u in order
    ]


@dataclass(frozen=True)
class UserLine:
    username: str
    full_name: str
    role: str
    unit: str | None
    active: bool
    open_sessions: int = 0


def users_list(store: Store, actor: Actor) -> list[UserLine]:
    require(actor, Action.MANAGE_USERS, what="users")
    logged_in = Counter(line.username for line in sessions.open_sessions(store, actor))
    with store.reading() as s:
        names = dict(s.execute(select(UnitRecord.id, UnitRecord.name)).all())
        return [
            UserLine(
                u.username,
                u.full_name,
                u.role,
                names.get(u.unit_id) if u.unit_id else None,
                u.active,
                logged_in[u.username],
            )
            for u in s.scalars(select(UserRecord).order_by(UserRecord.username))
        ]
