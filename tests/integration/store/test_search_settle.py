"""After a bulk load dondoc settles PostgreSQL's search index: GIN's pending list (where a
GIN index with fastupdate keeps new entries unsorted, scanned by every search until a
VACUUM) is moved into the index, and the planner's statistics are refreshed."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from dondoc.search.query import parse
from dondoc.store import migrate, search_index
from dondoc.store.engine import make_engine


def _entries(first: int, n: int) -> list[search_index.Entry]:
    return [
        search_index.Entry("task", i, f"Việc {i}", f"giải ngân vốn đầu tư công đợt {i}", task_id=i)
        for i in range(first, first + n)
    ]


def _cleaned(engine: Engine, index: str) -> int:
    """Pages GIN's pending list held, moved now (0: it was empty)."""
    with engine.begin() as conn:
        return int(conn.scalar(text("SELECT gin_clean_pending_list(CAST(:n AS regclass))"), {"n": index}))


def test_settle_empties_the_pending_list_and_search_still_finds(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        migrate.upgrade(engine)
        with engine.begin() as conn:
            search_index.write(conn, _entries(1, 3000))
        if engine.dialect.name != "postgresql":
            search_index.settle(engine)  # FTS5 needs nothing: a no-op that must not fail
        else:
            # the writes are in the pending list: cleaning it moves pages (the check can fail)
            assert _cleaned(engine, "ix_search_docs_tsv_id") > 0
            with engine.begin() as conn:
                search_index.write(conn, _entries(5000, 3000))
            search_index.settle(engine)
            assert _cleaned(engine, "ix_search_docs_tsv_id") == 0
        with engine.connect() as conn:
            found = search_index.match(conn, parse("giai ngan"), limit=5)
        assert len(found) == 5
    finally:
        engine.dispose()


def test_a_role_that_may_not_settle_only_warns(db_url: str, caplog: pytest.LogCaptureFixture) -> None:
    """gin_clean_pending_list is the index owner's (or a superuser's): a role that only
    writes the tables gets a warning, its load stays written, searches still find."""
    if not db_url.startswith("postgresql"):
        pytest.skip("the pending list is PostgreSQL's")
    admin = make_engine(db_url)
    migrate.upgrade(admin)
    role = f"dondoc_writer_{os.getpid()}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        conn.execute(text(f'GRANT USAGE ON SCHEMA public TO "{role}"'))
        conn.execute(text(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"'))
        conn.execute(text(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "{role}"'))
    engine = make_engine(make_url(db_url).set(username=role).render_as_string(hide_password=False))
    try:
        with engine.begin() as conn:
            search_index.write(conn, _entries(1, 50))
        with caplog.at_level("WARNING"):
            search_index.settle(engine)
        assert "pending list of ix_search_docs_tsv_id not cleaned" in caplog.text
        with engine.connect() as conn:
            assert len(search_index.match(conn, parse("giai ngan"), limit=5)) == 5
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()


def test_a_database_out_of_reach_after_the_load_only_warns(caplog: pytest.LogCaptureFixture) -> None:
    """Settling follows a committed load: a server gone by then costs speed, not an error."""
    engine = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/test?connect_timeout=2")
    try:
        with caplog.at_level("WARNING"):
            search_index.settle(engine)
        assert "search: index not settled" in caplog.text
    finally:
        engine.dispose()
