"""Failed logins slow the next ones down, in every server process alike (the counts live
in the database), without ever locking the real user out.

Three counts per attempt, each with its free tries before delays begin:
- the pair (account, client address): `login_attempts` free tries, then each further one
  waits twice as long as the last (1 s, 2 s, 4 s … at most 15 minutes): one guesser at one
  address is slowed to a crawl;
- the client address: four times as many free *failures* (an office behind one address has
  many users who mistype), then the same doubling;
- the account, from any address: four times as many free tries, then each attempt waits a
  few seconds (at most ACCOUNT_DELAY_CAP), but is never refused: many guessers at many
  addresses are slowed, and the account's owner still gets in.

An attempt takes its turn before the password is checked: the pair's and the account's
counts are raised first and its moment reserved (so parallel guesses at one account queue
instead of slipping through together), and a success clears them. The address's count is
raised only by a wrong password (`failed`): a whole department behind one gateway logging
in at eight o'clock is many attempts in flight from one address, not guesses, and must not
wait for each other. A guesser spraying many accounts from one address gets through only
the attempts in flight before its first failures are counted (each costs an Argon2id hash
on the server), then queues like any other. A turn further away than MAX_WAIT is refused
at once with E_LOGIN_THROTTLED and the number of seconds to wait; a nearer one is waited
for. Rows quiet for a day are deleted, so the table (not the process) holds the state.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from dondoc.errors import DondocError, ErrorCode
from dondoc.services.context import Store
from dondoc.store.records import LoginThrottleRecord

MAX_WAIT = dt.timedelta(seconds=10)  # a turn this close is waited for; a later one refused
DELAY_CAP = dt.timedelta(minutes=15)
ACCOUNT_DELAY_CAP = dt.timedelta(seconds=8)
FORGET_AFTER = dt.timedelta(days=1)


@dataclass(frozen=True)
class _Count:
    key: str
    free: int
    cap: dt.timedelta
    queued: bool  # attempts take turns (pair, address); else only slowed (account)
    reserved: bool = True  # raised when the attempt begins; else only when it failed (address)

    def delay(self, failures: int) -> dt.timedelta:
        if failures < self.free:
            return dt.timedelta(0)
        return min(self.cap, dt.timedelta(seconds=2 ** min(failures - self.free, 30)))


def _counts(store: Store, username: str, address: str) -> list[_Count]:
    free = max(1, store.settings.login_attempts)
    name = username.strip().lower()[:80]
    return [
        _Count(f"pair:{address[:64]}|{name}", free, DELAY_CAP, True),
        _Count(f"addr:{address[:64]}", 4 * free, DELAY_CAP, True, reserved=False),
        _Count(f"user:{name}", 4 * free, ACCOUNT_DELAY_CAP, False),
    ]


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _rows(s: Session, keys: list[str], now: dt.datetime) -> dict[str, LoginThrottleRecord]:
    """The rows of `keys`, made when missing and locked for this transaction.

    An upsert that updates (to the same value) rather than doing nothing: on PostgreSQL it
    locks the row it finds, so a success that deletes the row in another transaction
    either went first (the row is made again) or waits for this one. With DO NOTHING the
    row could be deleted between the insert and the select, and found missing."""
    insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    for key in sorted(keys):  # every transaction locks these rows in one order: no deadlock
        stmt = insert(LoginThrottleRecord).values(
            key=key, failures=0, last_failure_at=now, next_attempt_at=now
        )
        s.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"key": stmt.excluded.key}))
    query = select(LoginThrottleRecord).where(LoginThrottleRecord.key.in_(keys)).with_for_update()
    return {row.key: row for row in s.scalars(query)}


def take_turn(store: Store, *, username: str, address: str, now: dt.datetime | None = None) -> float:
    """Reserve this attempt's turn; the seconds to wait for it (0: at once). Refused with
    E_LOGIN_THROTTLED when the turn is further away than MAX_WAIT."""
    now = now or dt.datetime.now(dt.UTC)
    counts = _counts(store, username, address)
    _forget(store, now)
    with store.transaction() as s:
        rows = _rows(s, [c.key for c in counts if c.reserved], now)
        for count in counts:  # the address's row is only read: logins from one address never queue on it
            if not count.reserved and (row := s.get(LoginThrottleRecord, count.key)) is not None:
                rows[count.key] = row
        turn = max(
            [now, *(_aware(rows[c.key].next_attempt_at) for c in counts if c.queued and c.key in rows)]
        )
        if turn - now > MAX_WAIT:
            raise DondocError(ErrorCode.LOGIN_THROTTLED, seconds=math.ceil((turn - now).total_seconds()))
        slowed = dt.timedelta(0)
        for count in (c for c in counts if c.reserved):
            row = rows[count.key]
            failures = row.failures + 1
            row.failures, row.last_failure_at = failures, now
            if count.queued:
                row.next_attempt_at = turn + count.delay(failures)
            else:
                # the account's delay: this attempt waits it, nobody queues behind it
                slowed = max(slowed, count.delay(failures - 1))
                row.next_attempt_at = now
    return (turn - now + slowed).total_seconds()


def _forget(store: Store, now: dt.datetime) -> None:
    """Delete the rows quiet for a day, in a transaction of its own (so it never holds
    locks an attempt waits for); a failure only leaves them for the next attempt."""
    try:
        with store.transaction() as s:
            s.execute(
                delete(LoginThrottleRecord).where(LoginThrottleRecord.last_failure_at < now - FORGET_AFTER)
            )
    except DondocError:
        pass


def failed(store: Store, *, username: str, address: str, now: dt.datetime | None = None) -> None:
    """A wrong password: the address's count goes up and its next turn moves on (the pair's
    and the account's were raised when the attempt took its turn)."""
    now = now or dt.datetime.now(dt.UTC)
    _pair, addr, _user = _counts(store, username, address)
    with store.transaction() as s:
        row = _rows(s, [addr.key], now)[addr.key]
        row.failures += 1
        row.last_failure_at = now
        delay = addr.delay(row.failures)
        if delay:  # past the free failures: the next turn after the latest one so far, doubled
            row.next_attempt_at = max(now, _aware(row.next_attempt_at)) + delay


def succeeded(store: Store, *, username: str, address: str, now: dt.datetime | None = None) -> None:
    """The right password: the account's and the pair's counts start over (the address's
    counts only failures, and keeps them)."""
    pair, _addr, user = _counts(store, username, address)
    with store.transaction() as s:
        # the rows locked in the order attempts lock them (sorted keys), then only those
        # deleted: a DELETE by the keys would take a fresh look (read committed) and lock,
        # in whatever order it meets them, rows that attempts created in the meantime; one
        # of them mid-way through its own two rows then waits for this one and this one for
        # it (seen on PostgreSQL: "deadlock detected", 16 logins racing). A row not there
        # when locked is an attempt after this success: its count stands.
        keys = sorted([pair.key, user.key])
        query = select(LoginThrottleRecord).where(LoginThrottleRecord.key.in_(keys))
        locked = [row.key for row in s.scalars(query.order_by(LoginThrottleRecord.key).with_for_update())]
        if locked:
            s.execute(delete(LoginThrottleRecord).where(LoginThrottleRecord.key.in_(locked)))
