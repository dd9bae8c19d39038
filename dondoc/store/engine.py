"""Engines and sessions for SQLite (embedded default) and PostgreSQL (production).

SQLite gets what a multi-user tracker needs from it on every connection: foreign keys
enforced, WAL (readers do not block the writer), and a busy timeout so two writers
queue instead of failing at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from dondoc.errors import DondocError, ErrorCode
from dondoc.store import hygiene, search_index
from dondoc.store.files import private_file, writable


def normalise_url(url: str) -> str:
    """`postgresql://…` means psycopg 3 (the driver dondoc installs), not psycopg2."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


# the web server runs blocking work in a pool of 40 threads and serves cache hits on its
# event loop, which must never wait for a free connection: room for all of them (overflow
# connections are closed when returned, so an idle process holds only the first 8)
_POOL: dict[str, Any] = {"pool_size": 8, "max_overflow": 48}


def make_engine(url: str, *, echo: bool = False) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
            url = _sqlite_file(Path(parsed.database), url)
        engine = create_engine(url, echo=echo, connect_args={"timeout": 30}, **_POOL)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # JIT compilation costs PostgreSQL ~0.5 s on the dashboard query and saves nothing on
    # the short queries of a tracker: off for dondoc's sessions
    return create_engine(url, echo=echo, pool_pre_ping=True, connect_args={"options": "-c jit=off"}, **_POOL)


def _sqlite_file(path: Path, url: str) -> str:
    """A database file of the owner's only (0600: it holds password hashes), in a folder
    made 0700 if it is new. In a folder that cannot be written (a read-only disk), the
    database opens immutable, so that reading still works (WAL would need to create its
    index file there); every write is then refused as the storage's, not a crash."""
    folder = path.parent
    if folder.is_dir() and not writable(folder):
        wal = path.with_name(path.name + "-wal")
        if path.exists() and not (wal.exists() and wal.stat().st_size > 0):
            return f"sqlite:///file:{quote(str(path))}?immutable=1&uri=true"
        return url  # nothing written to read, or a log to replay: SQLite says why it cannot
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    private_file(path)
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    # transactions are begun by SQLAlchemy (below), not implicitly by the driver
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit is on disk when it returns, even through a power cut (NORMAL may
    # lose the last ones); its cost is measured in bench/store_bench.py
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA busy_timeout = 30000")
    # 64 MiB of page cache (the default is 2 MiB): a province's dashboard reads ~100 MB
    cur.execute("PRAGMA cache_size = -65536")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # a writer's transaction takes the write lock at its start (IMMEDIATE): two writers
    # queue on the busy timeout instead of the second failing when it upgrades a read
    # snapshot the first made stale; readers (READ_ONLY) begin deferred and, with WAL,
    # never wait for anyone
    read_only = conn.get_execution_options().get(READ_ONLY, False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


# execution option marking a connection that only reads
READ_ONLY = "dondoc_read_only"


def make_sessionmaker(engine: Engine, *, read_only: bool = False) -> sessionmaker[Session]:
    hygiene.install()  # no NUL reaches either engine, whoever writes
    bind = engine.execution_options(**{READ_ONLY: True}) if read_only else engine
    factory = sessionmaker(bind, expire_on_commit=False)
    if not read_only:
        search_index.install(factory)  # every write keeps the search in step, in its transaction
    return factory


# what the engines say when the storage refuses a write: SQLite's messages, PostgreSQL's
# SQLSTATE (53…: disk full, out of resources; 25006: a read-only transaction or server)
_STORAGE_MESSAGES = ("database or disk is full", "attempt to write a readonly database", "disk i/o error")


def database_error(exc: DBAPIError) -> DondocError:
    """A driver error as dondoc's: the storage refusing writes (E_STORAGE_UNAVAILABLE,
    reads still work), or the database unusable (E_DATABASE). One line, never the
    statement (it may hold a whole document)."""
    first = str(exc.orig).splitlines()[0] if str(exc.orig) else type(exc.orig).__name__
    state = str(getattr(exc.orig, "sqlstate", "") or "")
    if state.startswith("53") or state == "25006" or first.lower().startswith(_STORAGE_MESSAGES):
        return DondocError(ErrorCode.STORAGE_UNAVAILABLE, detail=f"the database: {first}")
    return DondocError(ErrorCode.DATABASE, detail=first)
