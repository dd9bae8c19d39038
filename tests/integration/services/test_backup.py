"""Backup and restore on both engines: the restored install equals the original, table by
table and file by file; a backup taken while writes go on restores to one consistent
state; a damaged archive or a target that is not empty is refused before anything is
written."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import tarfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, inspect, select, text

from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode
from dondoc.services import backup
from dondoc.services.context import SYSTEM, Store
from dondoc.services.demo import load_demo
from dondoc.services.ingestion import ingest_file
from dondoc.store.blobs import put_blob
from dondoc.store.records import BlobRecord
from tests.conftest import PG_URL, _pg_admin_engine


@pytest.fixture
def target(store: Store, tmp_path: Path) -> Iterator[Settings]:
    """Empty settings of the store's engine to restore into: a new data folder, and on
    PostgreSQL a new database."""
    data = tmp_path / "restored"
    if store.engine.dialect.name == "sqlite":
        yield Settings(data_dir=data)
        return
    from sqlalchemy.engine import make_url

    name = f"dondoc_restore_{os.getpid()}"
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield Settings(data_dir=data, database_url=make_url(PG_URL).set(database=name).render_as_string(False))
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _rows(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in a fixed order."""
    out = {}
    with engine.connect() as conn:
        for table in sorted(inspect(engine).get_table_names()):
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
            out[table] = sorted((tuple(r) for r in rows), key=repr)
    return out


def _files(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((data / "blobs").glob("??/*"))}


def _shas(store: Store) -> list[str]:
    with store.reading() as s:
        return list(s.scalars(select(BlobRecord.sha256)))


def _filled(store: Store, shared_dir: Path) -> int:
    """The demo (with its reports' evidence) and a DOCX directive; how many files."""
    load_demo(store)
    ingest_file(store, SYSTEM, shared_dir / "corpus/dev2/cv-ubnd-laocai-2026-damhong.docx")
    with store.reading() as s:
        return len(s.scalars(select(BlobRecord.sha256)).all())


@pytest.mark.parametrize(
    ("db_url", "file_store"),
    [
        ("sqlite", "folder"),
        pytest.param("postgresql", "folder", marks=pytest.mark.pg),
        # several machines keep their files in PostgreSQL (SQLite is one machine's)
        pytest.param("postgresql", "database", marks=pytest.mark.pg),
    ],
    indirect=["db_url"],
)
def test_a_backup_restores_to_an_equal_install(
    store: Store, target: Settings, shared_dir: Path, tmp_path: Path, file_store: str
) -> None:
    store = dataclasses.replace(store, settings=store.settings.model_copy(update={"file_store": file_store}))
    target = target.model_copy(update={"file_store": file_store})
    files = _filled(store, shared_dir)
    assert files > 2
    archive = tmp_path / "dondoc.backup"
    made = backup.backup(store, archive)
    assert made.files == files and made.tables["directives"] == 2 and made.revision is not None
    restored = backup.restore(target, archive)
    assert restored.tables == made.tables and restored.files == files and restored.revision == made.revision
    copy = create_engine(target.resolved_database_url())
    try:
        assert _rows(copy) == _rows(store.engine)
    finally:
        copy.dispose()
    if file_store == "folder":
        assert _files(target.data_dir) == _files(store.data_dir)
    # the restored install works: it opens, and reads every file
    again = Store.open(target)
    try:
        assert {sha: again.files.get(sha) for sha in _shas(again)} == {
            sha: store.files.get(sha) for sha in _shas(store)
        }
        assert len(_shas(again)) == files
    finally:
        again.engine.dispose()
    # never over an install: the same restore again is refused, and changes nothing
    with pytest.raises(DondocError) as refused:
        backup.restore(target, archive)
    assert refused.value.code is ErrorCode.BACKUP and "not empty" in refused.value.message
    # nor over a file that exists
    with pytest.raises(DondocError, match="exists already"):
        backup.backup(store, archive)


def test_a_damaged_archive_is_refused_before_anything_is_written(
    store: Store, target: Settings, shared_dir: Path, tmp_path: Path
) -> None:
    _filled(store, shared_dir)
    archive = tmp_path / "dondoc.backup"
    backup.backup(store, archive)
    data = bytearray(archive.read_bytes())
    with tarfile.open(archive) as tar:  # a byte of a stored file flipped
        member = next(m for m in tar if m.name.startswith("blobs/"))
        data[member.offset_data + 10] ^= 0xFF
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(bytes(data))
    with pytest.raises(DondocError, match="is damaged"):
        backup.restore(target, damaged)
    truncated = tmp_path / "truncated.backup"
    truncated.write_bytes(archive.read_bytes()[: len(data) // 2])
    with pytest.raises(DondocError) as cut:
        backup.restore(target, truncated)
    assert cut.value.code is ErrorCode.BACKUP
    not_one = tmp_path / "notes.txt"
    not_one.write_text("hello", encoding="utf-8")
    with pytest.raises(DondocError, match=r"cannot be read|not a dondoc backup"):
        backup.restore(target, not_one)
    # nothing was written: the target is still empty
    if target.resolved_database_url().startswith("sqlite"):
        assert not target.data_dir.exists()
        return
    check = create_engine(target.resolved_database_url())
    try:
        assert inspect(check).get_table_names() == []
    finally:
        check.dispose()
    assert not (target.data_dir / "blobs").exists() or not any((target.data_dir / "blobs").iterdir())


def test_a_backup_taken_during_writes_restores_one_consistent_state(
    store: Store, target: Settings, shared_dir: Path, tmp_path: Path
) -> None:
    files = _filled(store, shared_dir)
    stop = threading.Event()
    written: list[str] = []

    def writer() -> None:  # stores files and their records as evidence does, without a pause
        n = 0
        while not stop.is_set():
            data = f"evidence {n}".encode() * 100
            sha = put_blob(store.data_dir, data)
            with store.transaction() as s:
                s.add(BlobRecord(sha256=sha, size=len(data)))
            written.append(sha)
            n += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 20:
            threading.Event().wait(0.01)
        made = backup.backup(store, tmp_path / "live.backup")
        after = len(written)
        while len(written) < after + 20:  # writes went on after the backup too
            threading.Event().wait(0.01)
    finally:
        stop.set()
        thread.join()
    assert files + 20 <= made.files < files + len(written)
    restored = backup.restore(target, tmp_path / "live.backup")
    assert restored.tables == made.tables
    copy = create_engine(target.resolved_database_url())
    try:
        with copy.connect() as conn:
            shas = set(conn.execute(select(BlobRecord.sha256)).scalars())
    finally:
        copy.dispose()
    # every record's file is there, and no file without its record
    assert shas == set(_files(target.data_dir)) and len(shas) == made.files
    if target.resolved_database_url().startswith("sqlite"):
        database = target.resolved_database_url().removeprefix("sqlite:///")
        with sqlite3.connect(database) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_engine_must_be_the_archive_s(tmp_path: Path) -> None:
    from dondoc.store import migrate

    store = Store.open(Settings(data_dir=tmp_path / "data"))
    try:
        migrate.upgrade(store.engine)
        load_demo(store)
        archive = tmp_path / "dondoc.backup"
        backup.backup(store, archive)
    finally:
        store.engine.dispose()
    elsewhere = Settings(data_dir=tmp_path / "pg", database_url="postgresql://nobody@127.0.0.1:1/none")
    with pytest.raises(DondocError, match="restores into sqlite only"):
        backup.restore(elsewhere, archive)
