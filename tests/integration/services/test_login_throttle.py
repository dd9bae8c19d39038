"""Failed logins slow the next ones, in the database (issue 13, M2): shared by every
process, never locking the account's owner out, forgotten after a day."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import login_throttle
from dondoc.services.context import Store
from dondoc.store.records import LoginThrottleRecord

T0 = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


def _at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def _turn(store: Store, at: float, *, user: str = "alice", address: str = "10.0.0.9") -> float:
    """A wrong password tried at `at` (after its wait): the turn taken, then the failure."""
    wait = login_throttle.take_turn(store, username=user, address=address, now=_at(at))
    login_throttle.failed(store, username=user, address=address, now=_at(at + wait))
    return wait


def test_issue_13_one_guesser_waits_twice_as_long_each_time(store: Store) -> None:
    free = store.settings.login_attempts  # 5
    assert [_turn(store, 0) for _ in range(free)] == [0.0] * free
    # the sixth waits 1 s, the seventh 2 s more, then 4 s, 8 s: each turn after the last
    assert _turn(store, 0) == 1.0
    assert _turn(store, 0) == 3.0
    assert _turn(store, 0) == 7.0
    with pytest.raises(DondocError) as err:
        _turn(store, 0)  # 15 s away: refused at once, and not counted
    assert err.value.code is ErrorCode.LOGIN_THROTTLED and err.value.params["seconds"] == 15
    assert _turn(store, 15) == 0.0  # when its turn comes it is let through
    with pytest.raises(DondocError) as err:
        _turn(store, 16)
    assert err.value.params["seconds"] == 15  # doubled again: 16 s after the last turn


def test_issue_13_another_address_and_the_owner_are_not_locked_out(store: Store) -> None:
    # guessers at six addresses, each using its free tries and more on one account
    for k in range(6):
        for _ in range(6):
            _turn(store, 0, address=f"203.0.113.{k}")
    # the owner, elsewhere: the account's count only slows them (seconds), never refuses
    wait = _turn(store, 2, address="10.0.0.1")
    assert 0 < wait <= login_throttle.ACCOUNT_DELAY_CAP.total_seconds()
    login_throttle.succeeded(store, username="alice", address="10.0.0.1", now=_at(2 + wait))
    assert _turn(store, 20, address="10.0.0.1") == 0.0  # the account's slate is clean again
    # each guesser's pair still counts its failures: the next two tries wait 4 s, then 8 s more
    assert _turn(store, 20, address="203.0.113.0") == 0.0
    assert _turn(store, 20, address="203.0.113.0") == 4.0


def test_issue_13_success_clears_the_pair_and_account_and_the_address_keeps_its_failures(
    store: Store,
) -> None:
    for _ in range(5):
        _turn(store, 0)
    # the owner mistyped five times: one second to wait, then the right password
    assert login_throttle.take_turn(store, username="alice", address="10.0.0.9", now=_at(0)) == 1.0
    login_throttle.succeeded(store, username="alice", address="10.0.0.9", now=_at(1))
    assert _turn(store, 2) == 0.0
    with store.reading() as s:
        row = s.get(LoginThrottleRecord, "addr:10.0.0.9")
        assert row is not None and row.failures == 6  # the six wrong passwords, not the right one
        assert s.get(LoginThrottleRecord, "user:alice").failures == 1  # type: ignore[union-attr]


def test_a_department_behind_one_address_logs_in_at_once_without_waiting(store: Store) -> None:
    """Forty people behind one gateway, every attempt in flight before any succeeds: none
    waits (an address is slowed by wrong passwords, not by logins)."""
    waits = [
        login_throttle.take_turn(store, username=f"chuyenvien{k}", address="10.0.0.1", now=_at(0))
        for k in range(40)
    ]
    assert waits == [0.0] * 40
    for k in range(40):
        login_throttle.succeeded(store, username=f"chuyenvien{k}", address="10.0.0.1", now=_at(1))
    with store.reading() as s:
        assert s.scalar(select(func.count()).select_from(LoginThrottleRecord)) == 0


def test_one_address_spraying_many_accounts_is_slowed_by_its_failures(store: Store) -> None:
    free = 4 * store.settings.login_attempts  # 20 wrong passwords from one address are free
    assert [_turn(store, 0, user=f"u{k}") for k in range(free)] == [0.0] * free
    # then each further guess, at any account, waits twice as long as the last
    assert _turn(store, 0, user="u100") == 1.0
    assert _turn(store, 0, user="u101") == 3.0
    with pytest.raises(DondocError) as err:
        for k in range(102, 110):
            _turn(store, 0, user=f"u{k}")
    assert err.value.code is ErrorCode.LOGIN_THROTTLED
    assert _turn(store, 0, user="u1", address="10.9.9.9") == 0.0  # another address is not slowed


def test_issue_13_the_counts_are_shared_by_every_process(store: Store) -> None:
    other = Store.open(store.settings)  # another server process on the same database
    try:
        for k in range(5):
            _turn(store if k % 2 else other, 0)
        assert login_throttle.take_turn(other, username="ALICE ", address="10.0.0.9", now=_at(0)) == 1.0
    finally:
        other.engine.dispose()


def test_issue_13_quiet_rows_are_forgotten_after_a_day(store: Store) -> None:
    for k in range(200):  # 200 different names tried once each, from as many addresses
        _turn(store, 0, user=f"name{k}", address=f"10.1.{k}.1")
    _turn(store, 86_401, user="someone")  # a day later: the old rows go
    with store.reading() as s:
        assert s.scalar(select(func.count()).select_from(LoginThrottleRecord)) == 3


def test_attempts_and_successes_at_the_same_moment_never_fail(store: Store) -> None:
    """Logins of one account from one address racing (a leader's office opening dondoc on
    many machines behind one gateway): a success clearing the counts while another
    attempt takes its turn must not break that attempt."""
    import threading

    errors: list[BaseException] = []
    # 16 logins racing 60 times each, to make the race more likely: at 8 × 25 a deadlock on
    # PostgreSQL (a success's DELETE meeting rows that attempts made meanwhile) showed only
    # now and then in a CI run under load; this test still cannot force it
    start = threading.Barrier(16)

    def person() -> None:
        try:
            start.wait()
            for _ in range(60):
                try:
                    login_throttle.take_turn(store, username="lanhdao", address="10.0.0.1")
                except DondocError as exc:
                    if exc.code is not ErrorCode.LOGIN_THROTTLED:
                        raise
                login_throttle.succeeded(store, username="lanhdao", address="10.0.0.1")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=person) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
