"""What every use case needs: the database, the data folder, the settings, and who acts.

`Store.transaction()` is the one way use cases write: one transaction, committed when the
block ends, rolled back on any error. A concurrent change to the same row (a stale
version, or a write the database refused as a conflict) becomes E_CONFLICT.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode
from dondoc.store import audit
from dondoc.store.engine import make_engine, make_sessionmaker
from dondoc.tracking.permissions import ANYTHING, Action, Actor, Role, Subject, can

# the actor of operations run by the system itself (migrations, imports from the CLI)
SYSTEM = Actor(user_id=0, name="system", role=Role.ADMIN)


@dataclass
class Store:
    engine: Engine
    sessions: sessionmaker[Session]
    settings: Settings
    readers: sessionmaker[Session] | None = None  # sessions that only read (SQLite: no write lock)

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
