from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from dondoc.services.context import Store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    path = Path(os.environ.get("DONDOC_SHARED", ROOT.parent / "shared"))
    if not (path / "corpus").is_dir():
        pytest.fail(f"shared corpus not found at {path} (set DONDOC_SHARED)")
    return path


# --- databases: every integration test of the store runs on SQLite and on PostgreSQL ---

PG_URL = os.environ.get("DONDOC_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_admin_engine():  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine

    return create_engine(PG_URL, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run; skipped when no server answers,
    unless DONDOC_REQUIRE_PG=1 (CI), where that is a failure."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    name = f"dondoc_test_{os.getpid()}"
    try:
        admin = _pg_admin_engine()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        if os.environ.get("DONDOC_REQUIRE_PG") == "1":
            pytest.fail(f"PostgreSQL is required (DONDOC_REQUIRE_PG=1) but unusable: {exc}")
        pytest.skip(f"no PostgreSQL at {PG_URL}: {type(exc).__name__}")
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    yield url
    from sqlalchemy import create_engine

    create_engine(url).dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@contextlib.contextmanager
def own_pg_database(pg_url: str, suffix: str) -> Iterator[str]:
    """A PostgreSQL database of its own beside `pg_url`'s, for a fixture that outlives one
    test (a module's): `db_url` empties the shared one before and after every test, and a
    worker may run another module's test between a module's own (pytest-xdist)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(pg_url)
    name = f"{base.database}_{suffix}"
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        create_engine(url).dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database (no schema) on each engine."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'dondoc.sqlite3'}"
        return
    url: str = request.getfixturevalue("pg_database")
    _drop_everything(url)
    yield url
    _drop_everything(url)


def _drop_everything(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    """A migrated, empty store on each engine, with its own data folder."""
    from dondoc.config import Settings
    from dondoc.services.context import Store
    from dondoc.store import migrate

    settings = Settings(database_url=db_url, data_dir=tmp_path / "data")
    s = Store.open(settings)
    migrate.upgrade(s.engine)
    yield s
    from dondoc.services.jobs import stop_local

    stop_local(s)  # threads a test's upload started, before the database goes
    s.engine.dispose()
