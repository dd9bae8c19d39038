"""Logins and API tokens on both engines (issue 13, H3): kept on the server, so that
logout, a password change, a disabled user, an admin and a revocation end them at once;
lifetimes, idle time and expiry enforced; every change audited."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import sessions, users
from dondoc.services.context import SYSTEM, Store
from dondoc.store.records import AuditEventRecord
from dondoc.tracking.permissions import Actor, Role
from tests.support.tracking import PASSWORD, make_user


def _login(store: Store, actor: Actor) -> str:
    return sessions.start_session(store, actor, address="10.0.0.1", user_agent="test")


def _actions(store: Store) -> list[str]:
    with store.reading() as s:
        return list(s.scalars(select(AuditEventRecord.action).order_by(AuditEventRecord.id)))


def test_issue_13_logout_ends_that_login_only(store: Store) -> None:
    alice = make_user(store, "alice", Role.OFFICE)
    first, second = _login(store, alice), _login(store, alice)
    live = sessions.live_session(store, first)
    assert live is not None and live.user_id == alice.user_id
    sessions.end_session(store, alice, first)
    assert sessions.live_session(store, first) is None
    assert sessions.live_session(store, second) is not None
    sessions.end_session(store, alice, first)  # twice: nothing more happens
    assert _actions(store).count("session.end") == 1
    assert sessions.live_session(store, "forged-or-unknown") is None


def test_issue_13_lifetime_and_idle_time_end_a_login(store: Store) -> None:
    now = dt.datetime.now(dt.UTC)  # the moment the test starts
    alice = make_user(store, "alice", Role.OFFICE)
    token = _login(store, alice)
    hours, idle = store.settings.session_hours, store.settings.session_idle_minutes
    live = sessions.live_session(store, token, now=now + dt.timedelta(minutes=idle - 1))
    assert live is not None and live.touch  # used long enough ago to be written again
    assert sessions.live_session(store, token, now=now + dt.timedelta(minutes=idle + 1)) is None
    sessions.touch(store, live.id, now=now + dt.timedelta(minutes=idle - 1))
    later = now + dt.timedelta(minutes=idle + 1)
    assert sessions.live_session(store, token, now=later) is not None  # its idle time restarted
    assert sessions.live_session(store, token, now=now + dt.timedelta(hours=hours, minutes=1)) is None
    fresh = sessions.live_session(store, _login(store, alice))
    assert fresh is not None and not fresh.touch


def test_issue_13_a_password_change_ends_every_login_of_the_user(store: Store) -> None:
    alice, bob = make_user(store, "alice", Role.OFFICE), make_user(store, "bob", Role.OFFICE)
    mine, elsewhere, bobs = _login(store, alice), _login(store, alice), _login(store, bob)
    users.change_password(store, alice, old=PASSWORD, new="another long password")
    assert sessions.live_session(store, mine) is None and sessions.live_session(store, elsewhere) is None
    assert sessions.live_session(store, bobs) is not None
    assert _actions(store)[-2:] == ["user.change_password", "session.end_all"]


def test_issue_13_a_disabled_user_has_no_login_and_no_working_token(store: Store) -> None:
    admin = make_user(store, "admin", Role.ADMIN)
    alice = make_user(store, "alice", Role.OFFICE)
    login = _login(store, alice)
    token = users.create_token(store, admin, username="alice", name="bot")
    assert users.live_token(store, token) is not None
    users.set_active(store, admin, username="alice", active=False)
    assert sessions.live_session(store, login) is None and users.live_token(store, token) is None
    with pytest.raises(DondocError) as err:
        users.authenticate(store, "alice", PASSWORD)
    assert err.value.code is ErrorCode.BAD_CREDENTIALS
    users.set_active(store, admin, username="alice", active=True)
    assert users.live_token(store, token) is not None  # the token was not revoked
    assert sessions.live_session(store, login) is None  # the login stays ended
    with pytest.raises(DondocError) as err:
        users.set_active(store, admin, username="admin", active=False)
    assert err.value.code is ErrorCode.RULE_VIOLATED  # locking oneself out: refused
    with pytest.raises(DondocError) as err:
        users.set_active(store, alice, username="admin", active=False)
    assert err.value.code is ErrorCode.FORBIDDEN
    assert "user.disable" in _actions(store) and "user.enable" in _actions(store)


def test_issue_13_an_admin_ends_one_users_logins_or_everyones_but_their_own(store: Store) -> None:
    admin = make_user(store, "admin", Role.ADMIN)
    alice, bob = make_user(store, "alice", Role.OFFICE), make_user(store, "bob", Role.LEADER)
    own, a, b = _login(store, admin), _login(store, alice), _login(store, bob)
    assert sorted(line.username for line in sessions.open_sessions(store, admin)) == ["admin", "alice", "bob"]
    assert sessions.end_sessions(store, admin, username="alice") == 1
    assert sessions.live_session(store, a) is None and sessions.live_session(store, b) is not None
    assert sessions.end_sessions(store, admin, username=None, keep=own) == 1
    assert sessions.live_session(store, b) is None and sessions.live_session(store, own) is not None
    assert [line.username for line in sessions.open_sessions(store, admin)] == ["admin"]
    with pytest.raises(DondocError) as err:
        sessions.end_sessions(store, alice, username="bob")
    assert err.value.code is ErrorCode.FORBIDDEN


def test_issue_13_tokens_expire_and_revocation_is_immediate(store: Store) -> None:
    now = dt.datetime.now(dt.UTC)  # the moment the test starts
    admin = make_user(store, "admin", Role.ADMIN)
    alice, bob = make_user(store, "alice", Role.OFFICE), make_user(store, "bob", Role.OFFICE)
    short = users.create_token(store, admin, username="alice", name="short", days=1)
    long = users.create_token(store, admin, username="alice", name="default")
    assert users.live_token(store, short, now=now + dt.timedelta(hours=23)) is not None
    assert users.live_token(store, short, now=now + dt.timedelta(days=1, minutes=1)) is None
    assert users.live_token(store, long, now=now + dt.timedelta(days=89)) is not None
    assert users.live_token(store, long, now=now + dt.timedelta(days=90, minutes=1)) is None
    for days in (0, 5000):
        with pytest.raises(DondocError) as err:
            users.create_token(store, admin, username="alice", name="x", days=days)
        assert err.value.code is ErrorCode.RULE_VIOLATED
    # listed: an admin sees every token, a user their own only
    names = [t.name for t in users.list_tokens(store, admin)]
    assert names == ["default", "short"]
    assert [t.state(now + dt.timedelta(days=2)) for t in users.list_tokens(store, alice)] == [
        "active",
        "expired",
    ]
    assert users.list_tokens(store, bob) == []
    with pytest.raises(DondocError) as err:
        users.list_tokens(store, bob, username="alice")
    assert err.value.code is ErrorCode.FORBIDDEN
    # revoked by its owner (another user may not even see it), at once
    long_id = users.list_tokens(store, alice)[0].id
    with pytest.raises(DondocError) as err:
        users.revoke_token(store, bob, long_id)
    assert err.value.code is ErrorCode.NOT_FOUND
    users.revoke_token(store, alice, long_id)
    assert users.live_token(store, long) is None
    assert users.list_tokens(store, alice)[0].state(now) == "revoked"
    assert _actions(store).count("token.revoke") == 1


def test_issue_13_the_last_use_of_a_token_is_recorded_at_most_hourly(store: Store) -> None:
    now = dt.datetime.now(dt.UTC)  # the moment the test starts
    make_user(store, "alice", Role.OFFICE)
    token = users.create_token(store, SYSTEM, username="alice", name="bot")
    live = users.live_token(store, token)
    assert live is not None and live.touch
    users.touch_token(store, live.id)
    again = users.live_token(store, token)
    assert again is not None and not again.touch
    assert users.list_tokens(store, SYSTEM)[0].last_used_at is not None
    hour_later = users.live_token(store, token, now=now + dt.timedelta(hours=1, minutes=1))
    assert hour_later is not None and hour_later.touch


def test_logins_long_past_their_lifetime_are_deleted_when_someone_logs_in(store: Store) -> None:
    """The table holds weeks of logins, not years: a login past its lifetime by more than
    KEEP_ENDED goes at the next login; the audit log keeps its start and end."""
    from sqlalchemy import update

    from dondoc.store.records import WebSessionRecord

    alice = make_user(store, "alice", Role.OFFICE)
    old, ended_lately, open_now = _login(store, alice), _login(store, alice), _login(store, alice)
    sessions.end_session(store, alice, old)
    sessions.end_session(store, alice, ended_lately)
    now = dt.datetime.now(dt.UTC)
    with store.transaction() as s:
        long_ago = now - sessions.KEEP_ENDED - dt.timedelta(days=1)
        s.execute(
            update(WebSessionRecord)
            .where(WebSessionRecord.token_sha256 == sessions._digest(old))
            .values(created_at=long_ago, expires_at=long_ago)
        )
        # past its lifetime, never ended, but not long enough ago: kept
        lately = now - sessions.KEEP_ENDED + dt.timedelta(days=1)
        s.execute(
            update(WebSessionRecord)
            .where(WebSessionRecord.token_sha256 == sessions._digest(ended_lately))
            .values(expires_at=lately)
        )
    _login(store, make_user(store, "bob", Role.OFFICE))
    with store.reading() as s:
        kept = set(s.scalars(select(WebSessionRecord.token_sha256)))
    assert sessions._digest(old) not in kept
    assert {sessions._digest(ended_lately), sessions._digest(open_now)} <= kept
    assert _actions(store).count("session.start") == 4 and _actions(store).count("session.end") == 2
    lines = sessions.open_sessions(store, SYSTEM, username="alice")
    assert len(lines) == 1  # the open one; the ended ones are no longer listed
