"""Alembic environment: the engine comes from `dondoc.store.migrate` (no URL in a file)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, text

from dondoc.store.records import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run migrations through dondoc.store.migrate (or `dondoc db upgrade`)")

with engine.begin() as connection:
    if engine.dialect.name == "postgresql":
        # servers starting at once migrate one after the other: the next one waits here,
        # then finds the schema current (SQLite: the writer's lock of BEGIN IMMEDIATE)
        connection.execute(text("SELECT pg_advisory_xact_lock(7242118066815162931)"))
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=engine.dialect.name == "sqlite",  # SQLite ALTERs by copying tables
        compare_type=True,
    )
    context.run_migrations()
