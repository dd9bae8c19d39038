"""The two file stores behind one interface: the data folder (both engines) and the
database (PostgreSQL, for installs on several machines). Same bytes stored once, read
back whole, refreshed when stored again, orphans collected, an upload read through it by
a worker; SQLite refuses to keep files in the database."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from dondoc.config import Settings
from dondoc.errors import DondocError
from dondoc.services import file_gc, jobs, reading_jobs
from dondoc.services.context import Store
from dondoc.services.demo import load_demo
from dondoc.services.users import actor_by_name
from dondoc.store.blobs import blob_path
from dondoc.store.records import StoredFileRecord

KINDS = pytest.mark.parametrize(
    ("db_url", "file_store"),
    [
        ("sqlite", "folder"),
        pytest.param("postgresql", "folder", marks=pytest.mark.pg),
        pytest.param("postgresql", "database", marks=pytest.mark.pg),
    ],
    indirect=["db_url"],
)


def _with(store: Store, file_store: str) -> Store:
    settings = store.settings.model_copy(update={"file_store": file_store, "background": "workers"})
    return dataclasses.replace(store, settings=settings)


def _age(store: Store, sha: str, seconds: float) -> None:
    """As if the file had last been stored `seconds` ago."""
    if store.files.kind == "folder":
        import os
        import time

        then = time.time() - seconds
        os.utime(blob_path(store.data_dir, sha), (then, then))
        return
    with store.transaction() as s:
        s.execute(
            update(StoredFileRecord)
            .where(StoredFileRecord.sha256 == sha)
            .values(stored_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=seconds))
        )


@KINDS
def test_files_are_stored_once_read_back_and_orphans_collected(store: Store, file_store: str) -> None:
    store = _with(store, file_store)
    files = store.files
    assert files.kind == file_store
    data = bytes(range(256)) * 4000  # a megabyte, every byte value
    sha = files.put(data)
    assert files.put(data) == sha and files.get(sha) == data and files.has(sha)
    assert not files.has("0" * 64)
    with pytest.raises(FileNotFoundError):
        files.get("0" * 64)
    if file_store == "database":
        with store.reading() as s:
            assert s.scalar(select(func.count()).select_from(StoredFileRecord)) == 1
        assert not (store.data_dir / "blobs").exists()  # nothing on this machine's disk
    # an orphan a day old goes; stored again, it is fresh and stays
    day = file_gc.ORPHAN_AGE_SECONDS + 60
    _age(store, sha, day)
    files.put(data)
    assert file_gc.collect_orphans(store) == []
    _age(store, sha, day)
    assert file_gc.collect_orphans(store) == [sha] and not files.has(sha)


@KINDS
def test_an_upload_is_read_by_a_worker_through_the_store(
    store: Store, file_store: str, shared_dir: Path, tmp_path: Path
) -> None:
    store = _with(store, file_store)
    load_demo(store)
    office = actor_by_name(store, "vanphong")
    scan = tmp_path / "cong-van.docx"
    scan.write_bytes((shared_dir / "corpus/dev2/cv-ubnd-laocai-2026-damhong.docx").read_bytes())
    job = reading_jobs.start_job(store, office, scan)
    assert jobs.Worker(store, ("quick",)).run_once()
    view = reading_jobs.job_view(store, office, job)
    assert view.state == "done" and view.directive_id is not None
    with store.reading() as s:
        from dondoc.store.records import DirectiveRecord

        directive = s.get(DirectiveRecord, view.directive_id)
        assert directive is not None
        sha = directive.source_sha256
    assert store.files.get(sha) == scan.read_bytes()


def test_sqlite_keeps_its_files_in_the_folder(tmp_path: Path) -> None:
    with pytest.raises(DondocError, match="needs PostgreSQL"):
        Store.open(Settings(data_dir=tmp_path / "data", file_store="database"))
