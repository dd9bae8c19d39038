"""A lock held by one process at a time across every process of an install, released
by the operating system or the database server when its holder dies.

PostgreSQL: a session advisory lock, on a connection of its own held for as long as the
lock (a killed process's connection closes and the server lets go). SQLite: an exclusive
`flock` on a file next to the database (the kernel lets go of a dead process's locks);
an in-memory database is one process's, so a lock in that process is enough.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text

_MEMORY_LOCKS: dict[str, threading.Lock] = {}
_GUARD = threading.Lock()


def _key(name: str) -> int:
    # a signed 64-bit key for pg_try_advisory_lock, the same in every process
    return int.from_bytes(hashlib.sha256(f"dondoc:{name}".encode()).digest()[:8], "big", signed=True)


@contextmanager
def exclusive(engine: Engine, name: str) -> Iterator[bool]:
    """Yields True while this process holds the lock `name`; False, at once, when another
    holds it (the caller then does nothing: the holder is doing the work)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": _key(name)}).scalar())
            conn.commit()
            try:
                yield got
            finally:
                if got:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _key(name)})
                    conn.commit()
        return
    database = engine.url.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        with _GUARD:
            lock = _MEMORY_LOCKS.setdefault(name, threading.Lock())
        got = lock.acquire(blocking=False)
        try:
            yield got
        finally:
            if got:
                lock.release()
        return
    import fcntl

    path = Path(database).with_name(f"{Path(database).name}.{name}.lock")
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
