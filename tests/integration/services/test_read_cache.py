"""Cached reads, on both engines: a hit needs no computation, any write makes every
cached answer a miss, and a request serves hits without the thread pool."""

from __future__ import annotations

import asyncio
import threading

from dondoc.services.context import SYSTEM, Store, audit_event
from dondoc.services.dashboards import BUCKET_NEUTRAL
from dondoc.services.users import actor_by_id, actor_by_name, actor_key, create_user
from dondoc.tracking.permissions import Role
from dondoc.web.deps import cached_read


def test_a_write_turns_every_cached_answer_into_a_miss(store: Store) -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert store.cached_now("k") == (False, None)
    assert store.cached("k", compute) == 1
    assert store.cached("k", compute) == 1 and len(calls) == 1
    assert store.cached_now("k") == (True, 1)
    create_user(store, SYSTEM, username="u1", full_name="U", password="long-enough-pw", role=Role.OFFICE)
    assert store.cached_now("k") == (False, None)
    assert store.cached("k", compute) == 2


def test_a_request_serves_a_hit_on_the_event_loop_and_a_miss_in_the_pool(store: Store) -> None:
    uid = create_user(
        store, SYSTEM, username="u2", full_name="U", password="long-enough-pw", role=Role.OFFICE
    )
    threads: list[str] = []

    def read() -> object:
        threads.append(threading.current_thread().name)
        return actor_by_id(store, uid)

    async def twice() -> tuple[object, object]:
        return (
            await cached_read(store, actor_key(uid), read),
            await cached_read(store, actor_key(uid), read),
        )

    first, second = asyncio.run(twice())
    assert first == second == actor_by_name(store, "u2")
    assert len(threads) == 1 and threads[0] != threading.main_thread().name  # the miss only
    # after any write (here a new user) the next request reads again
    create_user(store, SYSTEM, username="u3", full_name="U", password="long-enough-pw", role=Role.OFFICE)
    asyncio.run(cached_read(store, actor_key(uid), read))
    assert len(threads) == 2


def test_while_the_next_answer_is_computed_others_get_the_last_one(store: Store) -> None:
    """After a change, the request that misses computes; those arriving meanwhile get the
    previous answer (only when they ask for it) instead of waiting; nobody gets it once
    the new answer is in."""
    assert store.cached("k", lambda: "old") == "old"
    create_user(store, SYSTEM, username="u4", full_name="U", password="long-enough-pw", role=Role.OFFICE)
    started, release = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        release.wait(10)
        return "new"

    first: list[str] = []
    computing = threading.Thread(target=lambda: first.append(store.cached("k", slow)))
    computing.start()
    assert started.wait(10)
    assert store.cached_now("k") == (False, None)  # no answer for this version yet
    assert store.cached_stale("k") == (True, "old")
    assert asyncio.run(cached_read(store, "k", lambda: "waited", stale_while_computing=True)) == "old"
    assert store.cached_stale("other") == (False, None)  # nothing computed for it before
    release.set()
    computing.join(10)
    assert first == ["new"]
    assert store.cached_stale("k") == (False, None)  # nothing in flight: no stale answer
    assert asyncio.run(cached_read(store, "k", lambda: "x", stale_while_computing=True)) == "new"


def test_an_answer_blind_to_some_actions_stays_cached_through_them(store: Store) -> None:
    """A dashboard keyed on the events that can move a bucket: a progress report or an
    extension request keeps it; an edit, a verification, anything else, does not."""

    def event(action: str) -> None:
        with store.transaction() as s:
            audit_event(s, SYSTEM, action, "task", 1)

    event("task.edit")
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert store.cached("dash", compute, ignoring=BUCKET_NEUTRAL) == 1
    for quiet in ("progress.report", "extension.request", "progress.return"):
        event(quiet)
        assert store.cached_now("dash", ignoring=BUCKET_NEUTRAL) == (True, 1), quiet
        assert store.cached_now("dash") == (False, None)  # blind only where asked to be
    event("progress.verify")
    assert store.cached_now("dash", ignoring=BUCKET_NEUTRAL) == (False, None)
    assert store.cached("dash", compute, ignoring=BUCKET_NEUTRAL) == 2
    # many quiet events after the last one that counts: still one answer
    for _ in range(50):
        event("progress.report")
    assert store.cached("dash", compute, ignoring=BUCKET_NEUTRAL) == 2
