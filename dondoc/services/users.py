"""Users, passwords and roles. Passwords are hashed with Argon2id (argon2-cffi)."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from dondoc.errors import DondocError, ErrorCode
from dondoc.services.context import Store, audit_event, require
from dondoc.store.records import ApiTokenRecord, UnitRecord, UserRecord
from dondoc.tracking.permissions import Action, Actor, Role

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
) -> int:
    require(actor, Action.MANAGE_USERS, what="users")
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
    authenticate(store, actor.name, old)
    with store.transaction() as s:
        user = s.get(UserRecord, actor.user_id)
        if user is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="user", key=actor.name)
        user.password_hash = hash_password(new)
        audit_event(s, actor, "user.change_password", "user", user.id)


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


def create_token(store: Store, actor: Actor, *, username: str, name: str) -> str:
    """A new API token for a user, shown once; the database keeps its hash only."""
    require(actor, Action.MANAGE_USERS, what="API tokens")
    token = secrets.token_urlsafe(32)
    with store.transaction() as s:
        user = s.scalar(select(UserRecord).where(UserRecord.username == username))
        if user is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="user", key=username)
        record = ApiTokenRecord(user_id=user.id, token_sha256=_digest(token), name=name)
        s.add(record)
        s.flush()
        audit_event(s, actor, "token.create", "user", user.id, after={"token": record.id, "name": name})
    return token


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def actor_by_token(store: Store, token: str) -> Actor:
    """The actor of an API token; cached until the data changes (a revoked token or a
    disabled user is a change, so it is never served from the cache)."""
    return store.cached(token_key(token), lambda: _actor_by_token(store, token))


def token_key(token: str) -> tuple[str, str]:
    """The cache key of `actor_by_token` (the token's digest: the token itself is a secret)."""
    return ("token", _digest(token))


def _actor_by_token(store: Store, token: str) -> Actor:
    with store.reading() as s:
        row = s.scalar(
            select(ApiTokenRecord).where(
                ApiTokenRecord.token_sha256 == _digest(token), ApiTokenRecord.revoked.is_(False)
            )
        )
        user = s.get(UserRecord, row.user_id) if row is not None else None
        if user is None or not user.active:
            raise DondocError(ErrorCode.BAD_CREDENTIALS)
        return actor_of(s, user)
