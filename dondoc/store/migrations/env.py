"""Alembic environment: the engine comes from `dondoc.store.migrate` (no URL in a file)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from dondoc.store.records import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run migrations through dondoc.store.migrate (or `dondoc db upgrade`)")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=engine.dialect.name == "sqlite",  # SQLite ALTERs by copying tables
        compare_type=True,
    )
    context.run_migrations()
