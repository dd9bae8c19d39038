"""What every use case needs: the database, the data folder, the settings, and who acts.

`Store.transaction()` is the one way use cases write: one transaction, committed when the
block ends, rolled back on any error. A concurrent change to the same row (a stale
version, or a write the database refused as a conflict) becomes E_CONFLICT.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, Select, func, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode
from dondoc.store import audit
from dondoc.store.blobs import DatabaseStore, FileStore, FolderStore
from dondoc.store.engine import READ_ONLY, database_error, make_engine, make_sessionmaker
from dondoc.store.files import private_folder
from dondoc.store.records import AuditEventRecord
from dondoc.tracking.permissions import ANYTHING, Action, Actor, Role, Subject, can

T = TypeVar("T")

_LAST_EVENT = select(func.max(AuditEventRecord.id))

_ACTION = re.compile(r"[a-z_]+(\.[a-z_]+)*")


@lru_cache(maxsize=8)
def _last_event_but(actions: frozenset[str]) -> Select[int]:
    """max(id) of the events but `actions`, written with the actions inline (they are
    the program's own constants): the statement is built and compiled once, and reads
    like the partial index's predicate, so both engines use that index."""
    if not all(_ACTION.fullmatch(a) for a in actions):
        raise ValueError(f"not an audit action name: {sorted(actions)}")
    listed = ", ".join(f"'{a}'" for a in sorted(actions))
    return select(func.max(AuditEventRecord.id)).where(text(f"action NOT IN ({listed})"))


# the actor of operations run by the system itself (migrations, imports from the CLI)
SYSTEM = Actor(user_id=0, name="system", role=Role.ADMIN)


class ReadCache:
    """Results of expensive reads (dashboards), kept until the data changes.

    Keys include the data version (the last audit event id: every change writes one), so
    a cached answer is never stale, in this process or in another one sharing the
    database. One lock per key: a burst of identical requests computes the answer once.
    The last answer of each base key (the key without its version) is kept as well, for a
    reader that would rather have it than wait while the next one is being computed.
    """

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._values: OrderedDict[Hashable, object] = OrderedDict()
        self._latest: OrderedDict[Hashable, object] = OrderedDict()  # by base key
        self._busy: dict[Hashable, int] = {}  # base keys being computed, with how many
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def peek(self, key: Hashable) -> tuple[bool, object]:
        """(True, value) when `key` is cached, else (False, None); never waits for a
        computation in progress, so an event loop may call it."""
        with self._guard:
            if key in self._values:
                self._values.move_to_end(key)
                return True, self._values[key]
            return False, None

    def stale(self, base: Hashable) -> tuple[bool, object]:
        """(True, the last answer) of `base` while its next answer is being computed,
        else (False, None); never waits."""
        with self._guard:
            if self._busy.get(base) and base in self._latest:
                return True, self._latest[base]
            return False, None

    def get(self, key: Hashable, compute: Callable[[], T], *, base: Hashable | None = None) -> T:
        with self._guard:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]  # type: ignore[return-value]  # stored by this key's compute
            lock = self._locks.setdefault(key, threading.Lock())
            if base is not None:
                self._busy[base] = self._busy.get(base, 0) + 1
        try:
            with lock:
                with self._guard:
                    if key in self._values:
                        return self._values[key]  # type: ignore[return-value]  # computed meanwhile
                value = compute()
                with self._guard:
                    self._values[key] = value
                    self._locks.pop(key, None)
                    while len(self._values) > self._size:
                        self._values.popitem(last=False)
                    if base is not None:
                        self._latest[base] = value
                        self._latest.move_to_end(base)
                        while len(self._latest) > self._size:
                            self._latest.popitem(last=False)
                return value
        finally:
            if base is not None:
                with self._guard:
                    self._busy[base] -= 1
                    if not self._busy[base]:
                        del self._busy[base]


@dataclass
class Store:
    engine: Engine
    sessions: sessionmaker[Session]
    settings: Settings
    readers: sessionmaker[Session] | None = None  # sessions that only read (SQLite: no write lock)
    cache: ReadCache = field(default_factory=ReadCache)

    @classmethod
    def open(cls, settings: Settings) -> Store:
        private_folder(settings.data_dir)
        engine = make_engine(settings.resolved_database_url())
        if settings.file_store == "database" and engine.dialect.name != "postgresql":
            # SQLite is one machine's (and one writer's: a file written beside a record's
            # open transaction would wait on it): its files stay in the folder
            raise DondocError(ErrorCode.DATABASE, detail="file_store = database needs PostgreSQL")
        return cls(engine, make_sessionmaker(engine), settings, make_sessionmaker(engine, read_only=True))

    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir

    @property
    def files(self) -> FileStore:
        """The stored files: the data folder's, or the database's (settings.file_store)."""
        if self.settings.file_store == "database":
            return DatabaseStore(self.engine)
        return FolderStore(self.data_dir)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        session = self.sessions()
        try:
            with session.begin():
                yield session
        except StaleDataError as exc:
            # another transaction changed the row between our read and our write
            raise DondocError(ErrorCode.CONFLICT, kind="the record", key="being saved") from exc
        except IntegrityError as exc:
            # a rule the database holds (one lead per task, unique codes) refused the change
            raise DondocError(
                ErrorCode.RULE_VIOLATED, detail=f"the database refused it: {str(exc.orig).splitlines()[0]}"
            ) from exc
        except DBAPIError as exc:
            raise database_error(exc) from exc
        finally:
            session.close()

    def data_version(self, session: Session | None = None, *, ignoring: frozenset[str] = frozenset()) -> int:
        """Changes with every write: each use case writes an audit event. Read in
        `session` (the version of its snapshot) or, asked on every cached read, on a bare
        connection without an ORM session: one index lookup. `ignoring`: audit actions
        that cannot change the answer at hand (a progress report moves no dashboard
        bucket); for BUCKET_NEUTRAL_ACTIONS a partial index finds the newest other event
        in one step."""
        query = _last_event_but(ignoring) if ignoring else _LAST_EVENT
        if session is not None:
            return session.scalar(query) or 0
        try:
            with self.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
                return conn.execute(query).scalar() or 0
        except OperationalError as exc:
            raise DondocError(ErrorCode.DATABASE, detail=str(exc.orig).splitlines()[0]) from exc

    def cached(self, key: Hashable, compute: Callable[[], T], *, ignoring: frozenset[str] = frozenset()) -> T:
        """`compute()`, kept until the data changes (the key gets the data version,
        blind to the `ignoring` actions)."""
        return self.cache.get((key, self.data_version(ignoring=ignoring)), compute, base=key)

    def cached_now(self, key: Hashable, *, ignoring: frozenset[str] = frozenset()) -> tuple[bool, object]:
        """What `cached(key, …)` would answer without computing: (True, value) on a hit,
        (False, None) on a miss. Costs one small query and never waits on a lock, so a web
        request can serve a hit without a trip to the thread pool."""
        return self.cache.peek((key, self.data_version(ignoring=ignoring)))

    def cached_stale(self, key: Hashable) -> tuple[bool, object]:
        """The answer `cached(key, …)` gave for an earlier data version, while the answer
        for the current one is being computed (by another request): (True, value), else
        (False, None). Never waits."""
        return self.cache.stale(key)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        session = (self.readers or self.sessions)()
        try:
            yield session
        except OperationalError as exc:
            raise DondocError(ErrorCode.DATABASE, detail=str(exc.orig).splitlines()[0]) from exc
        finally:
            # close (not rollback): ends the transaction and detaches the objects read,
            # which keep their loaded values for the caller
            session.close()


def require(actor: Actor, action: Action, subject: Subject = ANYTHING, *, what: str = "") -> None:
    if not can(actor, action, subject):
        raise DondocError(ErrorCode.FORBIDDEN, user=actor.name, action=action.value, subject=what)


def audit_event(
    session: Session,
    actor: Actor,
    action: str,
    subject_type: str,
    subject_id: int | None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    audit.record(
        session,
        actor_id=actor.user_id or None,
        actor_name=actor.name,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        before=before,
        after=after,
    )
