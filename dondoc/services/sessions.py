"""Browser logins kept on the server.

The session cookie carries a random id; the database keeps its sha256 with the user, the
moment it ends (absolute lifetime), the last time it was used (idle lifetime) and, once
ended, when and why. Every request looks its id up (one indexed query): ending the row
— logout, a password change, a disabled user, an admin's "end all sessions" — ends the
login at once in every server process, and a cookie copied before that opens nothing.
A login past its lifetime by more than KEEP_ENDED is deleted when someone logs in (the
audit log keeps when each login started and ended), so the table holds weeks, not years.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from dondoc.errors import DondocError, ErrorCode
from dondoc.services.context import Store, audit_event, require
from dondoc.store.engine import READ_ONLY
from dondoc.store.records import AuditEventRecord, UserRecord, WebSessionRecord
from dondoc.tracking.permissions import Action, Actor

# the last use is written at most this often (a write per request would serialise them)
TOUCH_EVERY = dt.timedelta(minutes=5)
# a login this long past its lifetime is deleted: the admin's list and the audit log say
# all there is to say of it by then
KEEP_ENDED = dt.timedelta(days=30)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite gives back naive datetimes for what was written in UTC
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class LiveSession:
    id: int
    user_id: int
    touch: bool  # its last use is old enough to be written again
    version: int  # the data version when it was looked up


@dataclass(frozen=True)
class SessionLine:
    id: int
    username: str
    created_at: dt.datetime
    last_seen_at: dt.datetime
    expires_at: dt.datetime
    address: str | None
    user_agent: str | None


def start_session(store: Store, actor: Actor, *, address: str | None, user_agent: str | None) -> str:
    """A new login for an authenticated actor; the token for the cookie (kept only hashed)."""
    token = secrets.token_urlsafe(32)
    now = _now()
    settings = store.settings
    with store.transaction() as s:
        row = WebSessionRecord(
            token_sha256=_digest(token),
            user_id=actor.user_id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + dt.timedelta(hours=settings.session_hours),
            address=(address or "")[:64] or None,
            user_agent=(user_agent or "")[:200] or None,
        )
        s.add(row)
        s.flush()
        audit_event(s, actor, "session.start", "user", actor.user_id, after={"session": row.id})
    forget_old(store, now)
    return token


def forget_old(store: Store, now: dt.datetime) -> int:
    """Delete the logins past their lifetime by more than KEEP_ENDED, in a transaction of
    their own (a login never waits on it); how many. A failure only leaves them for the
    next login."""
    try:
        with store.transaction() as s:
            result = s.execute(delete(WebSessionRecord).where(WebSessionRecord.expires_at < now - KEEP_ENDED))
            return int(result.rowcount or 0)  # type: ignore[attr-defined]  # a CursorResult of a DELETE
    except DondocError:
        return 0


# built once: asked on every request; with the data version (the last audit event), so
# that the caller serves the user's record from its cache without a second query
_LIVE = (
    select(
        WebSessionRecord.id,
        WebSessionRecord.user_id,
        WebSessionRecord.expires_at,
        WebSessionRecord.last_seen_at,
        select(func.max(AuditEventRecord.id)).scalar_subquery(),
    )
    .join(UserRecord, UserRecord.id == WebSessionRecord.user_id)
    .where(
        WebSessionRecord.token_sha256 == bindparam("digest"),
        WebSessionRecord.ended_at.is_(None),
        UserRecord.active.is_(True),
    )
)


def live_session(store: Store, token: str, *, now: dt.datetime | None = None) -> LiveSession | None:
    """The login of a cookie's token, when it is still open: not ended, not past its
    lifetime, used within the idle time, its user active. One indexed query on a bare
    connection, cheap enough for every request."""
    now = now or _now()
    try:
        with store.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            row = conn.execute(_LIVE, {"digest": _digest(token)}).first()
    except Exception as exc:  # the database is down: no login can be checked
        raise DondocError(ErrorCode.DATABASE, detail=str(exc).splitlines()[0]) from exc
    if row is None:
        return None
    session_id, user_id, expires, seen, version = row
    idle = dt.timedelta(minutes=store.settings.session_idle_minutes)
    if now >= _aware(expires) or now - _aware(seen) >= idle:
        return None
    return LiveSession(session_id, user_id, now - _aware(seen) >= TOUCH_EVERY, version or 0)


def touch(store: Store, session_id: int, *, now: dt.datetime | None = None) -> None:
    """Record that a login is in use (at most every TOUCH_EVERY): its idle time restarts."""
    with store.transaction() as s:
        s.execute(
            update(WebSessionRecord)
            .where(WebSessionRecord.id == session_id, WebSessionRecord.ended_at.is_(None))
            .values(last_seen_at=now or _now())
        )


def end_session(store: Store, actor: Actor, token: str, *, reason: str = "logout") -> None:
    """End one login (logout); an unknown or ended one is left as it is."""
    with store.transaction() as s:
        row = s.scalar(
            select(WebSessionRecord).where(
                WebSessionRecord.token_sha256 == _digest(token), WebSessionRecord.ended_at.is_(None)
            )
        )
        if row is None:
            return
        row.ended_at, row.end_reason = _now(), reason
        audit_event(s, actor, "session.end", "user", row.user_id, after={"session": row.id, "reason": reason})


def _end_open(s: Session, *, user_id: int | None, reason: str, keep: str | None = None) -> int:
    query = update(WebSessionRecord).where(WebSessionRecord.ended_at.is_(None))
    if user_id is not None:
        query = query.where(WebSessionRecord.user_id == user_id)
    if keep is not None:
        query = query.where(WebSessionRecord.token_sha256 != _digest(keep))
    result = s.execute(query.values(ended_at=_now(), end_reason=reason))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]  # a CursorResult of an UPDATE


def end_user_sessions(s: Session, actor: Actor, user: UserRecord, *, reason: str) -> int:
    """End every login of a user, in the caller's transaction (a password change, a
    disabled account); how many were open."""
    ended = _end_open(s, user_id=user.id, reason=reason)
    audit_event(s, actor, "session.end_all", "user", user.id, after={"ended": ended, "reason": reason})
    return ended


def end_sessions(store: Store, actor: Actor, *, username: str | None, keep: str | None = None) -> int:
    """An admin ends the logins of one user, or of everyone (`username` None) but the
    admin's own current one (`keep`); how many were open."""
    require(actor, Action.MANAGE_USERS, what="sessions")
    with store.transaction() as s:
        if username is None:
            ended = _end_open(s, user_id=None, reason="ended_by_admin", keep=keep)
            audit_event(
                s, actor, "session.end_all", "user", None, after={"ended": ended, "reason": "all users"}
            )
            return ended
        user = s.scalar(select(UserRecord).where(UserRecord.username == username))
        if user is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="user", key=username)
        ended = _end_open(s, user_id=user.id, reason="ended_by_admin", keep=keep)
        audit_event(s, actor, "session.end_all", "user", user.id, after={"ended": ended, "reason": "admin"})
        return ended


def open_sessions(store: Store, actor: Actor, *, username: str | None = None) -> list[SessionLine]:
    """The logins still open (not ended, not expired), newest first."""
    require(actor, Action.MANAGE_USERS, what="sessions")
    now = _now()
    query = (
        select(WebSessionRecord, UserRecord.username)
        .join(UserRecord, UserRecord.id == WebSessionRecord.user_id)
        .where(
            WebSessionRecord.ended_at.is_(None),
            WebSessionRecord.expires_at > now,  # the index: never the logins long gone
            UserRecord.active.is_(True),
        )
        .order_by(WebSessionRecord.id.desc())
    )
    if username is not None:
        query = query.where(UserRecord.username == username)
    idle = dt.timedelta(minutes=store.settings.session_idle_minutes)
    with store.reading() as s:
        return [
            SessionLine(
                row.id,
                name,
                _aware(row.created_at),
                _aware(row.last_seen_at),
                _aware(row.expires_at),
                row.address,
                row.user_agent,
            )
            for row, name in s.execute(query).all()
            if _aware(row.expires_at) > now and now - _aware(row.last_seen_at) < idle
        ]
