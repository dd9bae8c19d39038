"""Run Alembic migrations from code (the CLI, the demo, the tests), and check for drift.

The migration scripts ship inside the package, so `dondoc db upgrade` works from an
installed wheel without an alembic.ini on disk.
"""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from dondoc.store import search_index
from dondoc.store.records import Base


def _config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("dondoc.store").joinpath("migrations")))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    command.upgrade(_config(engine), revision)
    if revision == "head":
        # records written before the search existed are indexed once (migration 0015)
        search_index.fill_if_empty(engine)


def downgrade(engine: Engine, revision: str = "base") -> None:
    command.downgrade(_config(engine), revision)


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config_without_engine()).get_current_head()
    assert head is not None
    return head


def _config_without_engine() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("dondoc.store").joinpath("migrations")))
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _mapped_or_ours(name: str | None, kind: str, _parent: object) -> bool:
    """What the engines add beside the mapped tables for the search (FTS5's table and its
    shadow tables, PostgreSQL's tsvector and its index) is not drift."""
    return not (name and (name in search_index.ENGINE_OBJECTS or name.startswith("search_fts_")))


def drift(engine: Engine) -> list[object]:
    """What autogenerate would change between the database and the mappings (empty: none)."""
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn,
            opts={"compare_type": True, "render_as_batch": True, "include_name": _mapped_or_ours},
        )
        return list(compare_metadata(ctx, Base.metadata))
