"""Users, passwords and roles. Passwords are hashed with Argon2id (argon2-cffi)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from dondoc.errors import DondocError, ErrorCode
from dondoc.services.context import Store, audit_event, require
from dondoc.services.sessions import end_user_sessions
from dondoc.store.engine import READ_ONLY
from dondoc.store.records import ApiTokenRecord, AuditEventRecord, UnitRecord, UserRecord
from dondoc.tracking.permissions import Action, Actor, Role, can

_HASHER = PasswordHasher()
MIN_PASSWORD = 8


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise DondocError(
            ErrorCode.RULE_VIOLATED, detail=f"a password has at least {MIN_PASSWORD} characters"
        )
    return _HASHER.hash(password)


def actor_of(session: Session, user: UserRecord) -> Actor:
    path = session.get(UnitRecord, user.unit_id).path if user.unit_id is not None else None  # type: ignore[union-attr]
    return Actor(user_id=user.id, name=user.username, role=Role(user.role), unit_path=path)


def create_user(
    store: Store,
    actor: Actor,
    *,
    username: str,
    full_name: str,
    password: str,
    role: Role,
    unit_code: str | None = None,
    email: str | None = None,
) -> int:
    require(actor, Action.MANAGE_USERS, what="users")
    email = checked_email(email)
    with store.transaction() as s:
        if s.scalar(select(UserRecord.id).where(UserRecord.username == username)) is not None:
            raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"user {username} exists already")
        unit_id = None
        if unit_code is not None:
            unit_id = s.scalar(select(UnitRecord.id).where(UnitRecord.code == unit_code))
            if unit_id is None:
                raise DondocError(ErrorCode.NOT_FOUND, kind="unit", key=unit_code)
        if role is Role.REPORTER and unit_id is None:
            raise DondocError(ErrorCode.RULE_VIOLATED, detail="a reporter belongs to a unit")
        user = UserRecord(
            username=username,
            full_name=full_name,
            password_hash=hash_password(password),
            role=role.value,
            unit_id=unit_id,
            active=True,
            email=email,
        )
        s.add(user)
        s.flush()
        audit_event(
            s,
            actor,
            "user.create",
            "user",
            user.id,
            after={"username": username, "role": role.value, "unit": unit_code},
        )
        return user.id


_EMAIL = re.compile(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+")


def checked_email(email: str | None) -> str | None:
    """An address reminders can go to (a plain addr-spec: no name, no list), or None."""
    if email is None or not email.strip():
        return None
    email = email.strip()
    if len(email) > 254 or not _EMAIL.fullmatch(email):
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"not an e-mail address: {email[:80]!r}")
    return email


def set_email(store: Store, actor: Actor, *, username: str, email: str | None) -> None:
    """Where USERNAME's reminders go by e-mail (None: in the app only)."""
    require(actor, Action.MANAGE_USERS, what="users")
    email = checked_email(email)
    with store.transaction() as s:
        user = s.scalar(select(UserRecord).where(UserRecord.username == username))
        if user is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="user", key=username)
        before = user.email
        user.email = email
        audit_event(
            s, actor, "user.set_email", "user", user.id, before={"email": before}, after={"email": email}
        )


def authenticate(store: Store, username: str, password: str) -> Actor:
    """The actor for a user name and password; one error for both a wrong name and password."""
    with store.transaction() as s:
        user = s.scalar(select(UserRecord).where(UserRecord.username == username))
        if user is None or not user.active:
            _HASHER.hash(password)  # same work as a real check: no timing hint that the name is unknown
            raise DondocError(ErrorCode.BAD_CREDENTIALS)
        try:
            _HASHER.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError) as exc:
            raise DondocError(ErrorCode.BAD_CREDENTIALS) from exc
        if _HASHER.check_needs_rehash(user.password_hash):
            user.password_hash = _HASHER.hash(password)
        return actor_of(s, user)


def change_password(store: Store, actor: Actor, *, old: str, new: str) -> None:
    """A new password; every login of the user ends with the old one (the caller starts
    a new one for the browser that made the change)."""
    authenticate(store, actor.name, old)
    with store.transaction() as s:
        user = s.get(UserRecord, actor.user_id)
        if user is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="user", key=actor.name)
        user.password_hash = hash_password(new)
        audit_event(s, actor, "user.change_password", "user", user.id)
        end_user_sessions(s, actor, user, reason="password")


def set_active(store: Store, actor: Actor, *, username: str, active: bool) -> None:
    """Disable a user (every login ends, tokens stop working) or enable them again."""
    require(actor, Action.MANAGE_USERS, what="users")
    with store.transaction() as s:
        user = s.scalar(select(UserRecord).where(UserRecord.username == username))
        if user is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="user", key=username)
        if not active and user.id == actor.user_id:
            raise DondocError(ErrorCode.RULE_VIOLATED, detail="an admin cannot disable their own account")
        if user.active == active:
            return
        user.active = active
        audit_event(s, actor, "user.enable" if active else "user.disable", "user", user.id)
        if not active:
            end_user_sessions(s, actor, user, reason="disabled")


def actor_by_name(store: Store, username: str) -> Actor:
    """The actor for a user the caller has already authenticated (the CLI's --as)."""
    with store.reading() as s:
        user = s.scalar(select(UserRecord).where(UserRecord.username == username))
        if user is None or not user.active:
            raise DondocError(ErrorCode.NOT_FOUND, kind="user", key=username)
        return actor_of(s, user)


def actor_by_id(store: Store, user_id: int) -> Actor:
    """The actor of a session's user id (refused once the user is disabled); cached until
    the data changes, as every page asks for it."""
    return store.cached(actor_key(user_id), lambda: _actor_by_id(store, user_id))


def actor_key(user_id: int) -> tuple[str, int]:
    """The cache key of `actor_by_id`."""
    return ("user", user_id)


def _actor_by_id(store: Store, user_id: int) -> Actor:
    with store.reading() as s:
        user = s.get(UserRecord, user_id)
        if user is None or not user.active:
            raise DondocError(ErrorCode.NOT_FOUND, kind="user", key=user_id)
        return actor_of(s, user)


MAX_TOKEN_DAYS = 3650


def create_token(store: Store, actor: Actor, *, username: str, name: str, days: int | None = None) -> str:
    """A new API token for a user, shown once; the database keeps its hash only. It
    expires after `days` (default: the token_days setting)."""
    require(actor, Action.MANAGE_USERS, what="API tokens")
    term = store.settings.token_days if days is None else days
    if not 1 <= term <= MAX_TOKEN_DAYS:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"a token lasts from 1 to {MAX_TOKEN_DAYS} days")
    token = secrets.token_urlsafe(32)
    now = _now()
    with store.transaction() as s:
        user = s.scalar(select(UserRecord).where(UserRecord.username == username))
        if user is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="user", key=username)
        record = ApiTokenRecord(
            user_id=user.id,
            token_sha256=_digest(token),
            name=name,
            created_at=now,
            expires_at=now + dt.timedelta(days=term),
        )
        s.add(record)
        s.flush()
        audit_event(
            s,
            actor,
            "token.create",
            "user",
            user.id,
            after={"token": record.id, "name": name, "expires": record.expires_at.isoformat()},
        )
    return token


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite gives back naive datetimes for what was written in UTC
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class LiveToken:
    id: int
    user_id: int
    touch: bool  # its last use is old enough to be written again
    version: int  # the data version when it was looked up


# the last use of a token is written at most this often
TOKEN_TOUCH_EVERY = dt.timedelta(hours=1)


# built once: asked on every API request
_LIVE_TOKEN = (
    select(
        ApiTokenRecord.id,
        ApiTokenRecord.user_id,
        ApiTokenRecord.expires_at,
        ApiTokenRecord.last_used_at,
        # the data version, so that the caller serves the user's record from its cache
        select(func.max(AuditEventRecord.id)).scalar_subquery(),
    )
    .join(UserRecord, UserRecord.id == ApiTokenRecord.user_id)
    .where(
        ApiTokenRecord.token_sha256 == bindparam("digest"),
        ApiTokenRecord.revoked.is_(False),
        UserRecord.active.is_(True),
    )
)


def live_token(store: Store, token: str, *, now: dt.datetime | None = None) -> LiveToken | None:
    """The token's row when it still works: not revoked, not expired, its user active.
    Asked on every API request (one indexed query, never cached), so a revocation or a
    disabled user takes effect on the next request in every process."""
    now = now or _now()
    try:
        with store.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            row = conn.execute(_LIVE_TOKEN, {"digest": _digest(token)}).first()
    except Exception as exc:  # the database is down: no token can be checked
        raise DondocError(ErrorCode.DATABASE, detail=str(exc).splitlines()[0]) from exc
    if row is None or now >= _aware(row.expires_at):
        return None
    used = row.last_used_at
    touch = used is None or now - _aware(used) >= TOKEN_TOUCH_EVERY
    return LiveToken(row.id, row.user_id, touch, row[4] or 0)


def touch_token(store: Store, token_id: int) -> None:
    with store.transaction() as s:
        s.execute(update(ApiTokenRecord).where(ApiTokenRecord.id == token_id).values(last_used_at=_now()))


def actor_by_token(store: Store, token: str) -> Actor:
    """The actor of a working API token (see `live_token`)."""
    found = live_token(store, token)
    if found is None:
        raise DondocError(ErrorCode.BAD_CREDENTIALS)
    return actor_by_id(store, found.user_id)


@dataclass(frozen=True)
class TokenLine:
    id: int
    username: str
    name: str
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None

    def state(self, now: dt.datetime) -> str:
        """active, expired or revoked."""
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if now >= self.expires_at else "active"


def list_tokens(store: Store, actor: Actor, *, username: str | None = None) -> list[TokenLine]:
    """Tokens, newest first: an admin sees anyone's (or one user's), others their own."""
    query = (
        select(ApiTokenRecord, UserRecord.username)
        .join(UserRecord, UserRecord.id == ApiTokenRecord.user_id)
        .order_by(ApiTokenRecord.id.desc())
    )
    if can(actor, Action.MANAGE_USERS):
        if username is not None:
            query = query.where(UserRecord.username == username)
    elif username is not None and username != actor.name:
        raise DondocError(ErrorCode.FORBIDDEN, user=actor.name, action="list", subject="tokens of others")
    else:
        query = query.where(ApiTokenRecord.user_id == actor.user_id)
    with store.reading() as s:
        return [
            TokenLine(
                row.id,
                name,
                row.name,
                _aware(row.created_at),
                _aware(row.expires_at),
                _aware(row.last_used_at) if row.last_used_at else None,
                _aware(row.revoked_at)
                if row.revoked_at
                else (_aware(row.created_at) if row.revoked else None),
            )
            for row, name in s.execute(query).all()
        ]


def revoke_token(store: Store, actor: Actor, token_id: int) -> None:
    """Revoke a token: an admin any, a user their own; it stops working at once."""
    with store.transaction() as s:
        row = s.get(ApiTokenRecord, token_id)
        if row is None or (row.user_id != actor.user_id and not can(actor, Action.MANAGE_USERS)):
            raise DondocError(ErrorCode.NOT_FOUND, kind="token", key=token_id)
        if row.revoked:
            return
        row.revoked, row.revoked_at = True, _now()
        audit_event(s, actor, "token.revoke", "user", row.user_id, after={"token": row.id, "name": row.name})
