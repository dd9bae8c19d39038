"""The last door before the database: no text holding a NUL is written, by any caller.

PostgreSQL refuses NUL in every text type, and answers with an error that dumps the
statement (a whole document's text) into the log; SQLite would store it and a later move
to PostgreSQL would fail on it. The doors above (forms, JSON, query strings, files read)
refuse or blank control characters themselves; this check makes the rule hold for every
caller, the CLI and imports included, on both engines alike.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from dondoc.errors import DondocError, ErrorCode


def _check(session: Session, _context: Any, _instances: Any) -> None:
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            value = state.attrs[attr.key].loaded_value
            if isinstance(value, str) and "\x00" in value:
                raise DondocError(ErrorCode.RULE_VIOLATED, detail="a field holds control characters")


def install() -> None:
    """Once per process: every ORM session checks what it is about to write."""
    if not event.contains(Session, "before_flush", _check):
        event.listen(Session, "before_flush", _check)
