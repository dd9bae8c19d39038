"""The schema on both engines: up from empty, no drift, down cleanly, rules it enforces."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from dondoc.services.context import Store
from dondoc.store import migrate
from dondoc.store.engine import make_engine
from dondoc.store.records import BUCKET_NEUTRAL_ACTIONS, AuditEventRecord, Base


def test_migrations_upgrade_from_empty_match_the_mappings_and_downgrade_cleanly(db_url: str) -> None:
    engine = make_engine(db_url)
    assert migrate.current_revision(engine) is None
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision() == "0022"
    # the search's FTS5 table and its shadow tables on SQLite (PostgreSQL adds a column)
    fts = {"search_fts", *(f"search_fts_{s}" for s in ("data", "idx", "docsize", "config"))}
    engine_tables = fts if engine.dialect.name == "sqlite" else set()
    tables = set(Base.metadata.tables) | {"alembic_version"} | engine_tables
    assert set(inspect(engine).get_table_names()) == tables
    assert migrate.drift(engine) == []
    if engine.dialect.name == "postgresql":  # the words and the id in one GIN index (0020)
        assert {i["name"] for i in inspect(engine).get_indexes("search_docs")} >= {"ix_search_docs_tsv_id"}
    with engine.connect() as conn:
        groups = dict(conn.execute(text("SELECT key, status_group FROM statuses")).all())
    assert groups["done"] == "done" and groups["in_progress"] == "open"
    migrate.downgrade(engine)
    assert migrate.current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(engine)  # and up again: the downgrade left nothing in the way
    assert migrate.drift(engine) == []
    engine.dispose()


def test_without_btree_gin_the_upgrade_keeps_the_words_index_and_search_still_finds(
    db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A database owner without the right to create extensions (a hosted PostgreSQL, a
    locked-down server): migration 0020 warns, keeps the index of words alone, and the
    search answers as it does with the new index, only slower."""
    if not db_url.startswith("postgresql"):
        pytest.skip("the extension is PostgreSQL's")
    from sqlalchemy.engine import make_url

    from dondoc.search.query import parse
    from dondoc.store import search_index

    role = f"dondoc_noext_{os.getpid()}"
    admin = make_engine(db_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        conn.execute(text(f'GRANT ALL ON SCHEMA public TO "{role}"'))  # not CREATE on the database
    engine = make_engine(make_url(db_url).set(username=role).render_as_string(hide_password=False))
    try:
        with caplog.at_level("WARNING"):
            migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
        assert "btree_gin not created" in caplog.text and "permission denied" in caplog.text
        indexes = {i["name"] for i in inspect(engine).get_indexes("search_docs")}
        assert "ix_search_docs_tsv" in indexes and "ix_search_docs_tsv_id" not in indexes
        assert migrate.drift(engine) == []
        entries = [
            search_index.Entry("task", i, f"Việc {i}", f"giải ngân vốn đầu tư công {i}") for i in range(1, 9)
        ]
        with engine.begin() as conn:
            search_index.write(conn, entries)
            found = search_index.match(conn, parse("giai ngan"), limit=5)
        assert [m.ref_id for m in found] and {m.ref_id for m in found} <= set(range(1, 9))
        assert len(found) == 5
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()


def test_servers_starting_at_once_migrate_one_after_the_other(db_url: str, tmp_path: Path) -> None:
    """Three processes upgrade an empty database at the same moment (Alembic's context is
    one per process, so processes it is): each waits for the one before, none fails."""
    env = {**os.environ, "DONDOC_DATABASE_URL": db_url, "DONDOC_DATA_DIR": str(tmp_path / "data")}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "dondoc", "db", "upgrade"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [(run.wait(300), run.stderr.read() if run.stderr else "") for run in runs]
    assert [code for code, _ in results] == [0, 0, 0], results
    engine = make_engine(db_url)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert migrate.drift(engine) == []
    engine.dispose()


def test_sqlite_connections_enforce_foreign_keys_and_use_wal(tmp_path: object) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/x.sqlite3")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()


def test_audit_log_refuses_update_and_delete(store: Store) -> None:
    with store.transaction() as s:
        s.add(AuditEventRecord(actor_name="t", action="x", subject_type="y", subject_id=1))
    for sql in ("UPDATE audit_events SET action = 'forged'", "DELETE FROM audit_events"):
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(sql))
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT action FROM audit_events")).scalars().all() == ["x"]


def test_database_refuses_a_second_lead_unit(store: Store) -> None:
    today = dt.date(2024, 10, 7)
    rows = [
        "INSERT INTO units (id, code, name, kind, path) VALUES"
        " (1, 'A', 'A', 'x', '/1/'), (2, 'B', 'B', 'x', '/2/'), (3, 'C', 'C', 'x', '/3/')",
        "INSERT INTO blobs (sha256, size, created_at) VALUES ('ab', 1, CURRENT_TIMESTAMP)",
        "INSERT INTO directives (id, source_sha256, file_name, source_kind, source_text, encoding,"
        " extraction, extractor_version, state, created_at, version)"
        " VALUES (1, 'ab', 'f', 'text', '', 'utf-8', '{}', '0', 'draft', CURRENT_TIMESTAMP, 1)",
        "INSERT INTO tasks (id, directive_id, position, text, is_key, weight, status_key, version)"
        " VALUES (1, 1, 1, 't', false, 1, 'not_started', 1)",
    ]
    with store.engine.begin() as conn:
        for sql in rows:
            conn.execute(text(sql))
        insert = text("INSERT INTO assignments (task_id, unit_id, role, assigned_on) VALUES (1, :u, :r, :d)")
        conn.execute(insert, {"u": 1, "r": "lead", "d": today})
        conn.execute(insert, {"u": 2, "r": "support", "d": today})  # any number of supporting units
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(insert, {"u": 3, "r": "lead", "d": today})


def test_the_last_bucket_moving_event_is_read_from_its_partial_index(store: Store) -> None:
    """Every dashboard request asks for it: both engines must answer from the index, not
    by walking back through the day's progress reports."""
    from dondoc.services.context import _last_event_but
    from dondoc.services.dashboards import BUCKET_NEUTRAL

    query = _last_event_but(BUCKET_NEUTRAL)
    with store.engine.connect() as conn:
        sql = str(query.compile(conn, compile_kwargs={"literal_binds": True}))
        if conn.dialect.name == "sqlite":
            plan = " ".join(str(row) for row in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
        else:
            conn.execute(text("SET enable_seqscan = off"))  # an empty table would be scanned anyway
            plan = " ".join(str(row) for row in conn.execute(text(f"EXPLAIN {sql}")))
    assert "ix_audit_events_moving" in plan, plan
    # the index holds the list as the last migration to make it froze it (0005, made again
    # by 0006 and 0022): a change to the list needs a new migration, or the index would no
    # longer serve the query
    frozen = importlib.import_module("dondoc.store.migrations.versions.0022_audit_reminder_runs_neutral")
    assert tuple(sorted(frozen._NEUTRAL)) == BUCKET_NEUTRAL_ACTIONS


def test_migration_0006_gives_existing_tokens_an_expiry_90_days_after_they_were_made(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate.upgrade(engine, "0005")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (id, username, full_name, password_hash, role, active, created_at)"
                " VALUES (1, 'u', 'U', 'x', 'admin', true, :at)"
            ),
            {"at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)},
        )
        conn.execute(
            text(
                "INSERT INTO api_tokens (user_id, token_sha256, name, created_at, revoked)"
                " VALUES (1, 'abc', 'old', :at, false)"
            ),
            {"at": dt.datetime(2026, 1, 1, 8, tzinfo=dt.UTC)},
        )
    migrate.upgrade(engine)
    with engine.connect() as conn:
        expires = conn.execute(text("SELECT expires_at FROM api_tokens")).scalar_one()
    if isinstance(expires, str):  # SQLite keeps the text
        expires = dt.datetime.fromisoformat(expires)
    assert expires.replace(tzinfo=None) == dt.datetime(2026, 4, 1, 8)
    migrate.downgrade(engine, "0005")
    assert "expires_at" not in {c["name"] for c in inspect(engine).get_columns("api_tokens")}
    engine.dispose()
