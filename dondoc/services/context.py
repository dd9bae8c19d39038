"""What every use case needs: the database, the data folder, the settings, and who acts.

`Store.transaction()` is the one way use cases write: one transaction, committed when the
block ends, rolled back on any error. A concurrent change to the same row (a stale
version, or a write the database refused as a conflict) becomes E_CONFLICT.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode
from dondoc.store import audit
from dondoc.store.engine import make_engine, make_sessionmaker
from dondoc.store.records import AuditEventRecord
from dondoc.tracking.permissions import ANYTHING, Action, Actor, Role, Subject, can

T = TypeVar("T")

# the actor of operations run by the system itself (migrations, imports from the CLI)
SYSTEM = Actor(user_id=0, name="system", role=Role.ADMIN)


class ReadCache:
    """Results of expensive reads (dashboards), kept until the data changes.

    Keys include the data version (the last audit event id: every change writes one), so
    a cached answer is never stale, in this process or in another one sharing the
    database. One lock per key: a burst of identical requests computes the answer once.
    """

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._values: OrderedDict[Hashable, object] = OrderedDict()
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._guard:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]  # type: ignore[return-value]  # stored by this key's compute
            lock = self._locks.setdefault(key, threading.Lock())
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
            return value


@dataclass
class Store:
    engine: Engine
    sessions: sessionmaker[Session]
    settings: Settings
    readers: sessionmaker[Session] | None = None  # sessions that only read (SQLite: no write lock)
    cache: ReadCache = field(default_factory=ReadCache)

    @classmethod
    def open(cls, settings: Settings) -> Store:
        engine = make_engine(settings.resolved_database_url())
        return cls(engine, make_sessionmaker(engine), settings, make_sessionmaker(engine, read_only=True))

    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir

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
        except OperationalError as exc:
            raise DondocError(ErrorCode.DATABASE, detail=str(exc.orig).splitlines()[0]) from exc
        finally:
            session.close()

    def data_version(self, session: Session) -> int:
        """Changes with every write: each use case writes an audit event."""
        return session.scalar(select(func.max(AuditEventRecord.id))) or 0

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, kept until the data changes (the key gets the data version)."""
        with self.reading() as s:
            version = self.data_version(s)
        return self.cache.get((key, version), compute)

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
