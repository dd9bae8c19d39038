"""Stored files (originals, evidence), content-addressed: named by the sha256 of their
bytes, never changed once written, so storing the same bytes twice stores them once.

Two stores behind one interface, chosen by the `file_store` setting:

- `folder` (the embedded default): `DATA_DIR/blobs/ab/abcdef…`. A file is written to a
  temporary name in its folder, flushed, renamed and its folder flushed, so a crash never
  leaves a half-written file under its name nor loses one a write was acknowledged for.
  Several machines share it only through a shared mount.
- `database`: the `stored_files` table of the install's database, which every app server
  and worker already reaches (PostgreSQL in production). A file is written in a
  transaction of its own, committed before the record that names it is written.

Either way a file is stored *before* the record that refers to it: a failure between the
two leaves an orphan (collected by services/file_gc.py), never a record without its file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from dondoc.store.engine import database_error
from dondoc.store.files import sync_folder, writing
from dondoc.store.records import StoredFileRecord


class FileStore(Protocol):
    kind: str

    def put(self, data: bytes) -> str:
        """Stores the bytes (once) and returns their sha256; storing them again makes the
        file fresh for the collection of orphans."""

    def get(self, sha256: str) -> bytes:
        """The file's bytes; FileNotFoundError when there is no such file."""

    def has(self, sha256: str) -> bool: ...

    def older_than(self, seconds: float) -> Iterator[str]:
        """The sha256 of every file last stored more than `seconds` ago."""

    def remove_if_older(self, sha256: str, seconds: float) -> bool:
        """Removes the file if it was still last stored more than `seconds` ago."""


def blob_path(root: Path, sha256: str) -> Path:
    return root / "blobs" / sha256[:2] / sha256


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FolderStore:
    kind = "folder"

    def __init__(self, root: Path) -> None:
        self.root = root

    def put(self, data: bytes) -> str:
        return put_blob(self.root, data)

    def get(self, sha256: str) -> bytes:
        return read_blob(self.root, sha256)

    def has(self, sha256: str) -> bool:
        return blob_path(self.root, sha256).is_file()

    def older_than(self, seconds: float) -> Iterator[str]:
        folder = self.root / "blobs"
        if not folder.is_dir():
            return
        now = time.time()
        for path in folder.glob("??/*"):
            with contextlib.suppress(OSError):
                named = len(path.name) == 64 and not path.name.startswith(".")
                if named and now - path.stat().st_mtime > seconds:
                    yield path.name

    def remove_if_older(self, sha256: str, seconds: float) -> bool:
        path = blob_path(self.root, sha256)
        with contextlib.suppress(OSError):
            if time.time() - path.stat().st_mtime > seconds:  # not stored again meanwhile
                path.unlink()
                return True
        return False


class DatabaseStore:
    kind = "database"

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def put(self, data: bytes) -> str:
        sha = _sha(data)
        now = dt.datetime.now(dt.UTC)
        row = {"sha256": sha, "size": len(data), "data": data, "stored_at": now}
        try:
            with self.engine.begin() as conn:
                fresh = update(StoredFileRecord).where(StoredFileRecord.sha256 == sha).values(stored_at=now)
                if not conn.execute(fresh).rowcount:
                    conn.execute(insert(StoredFileRecord).values(**row))
        except IntegrityError:
            pass  # the same bytes stored by another writer at the same moment: stored
        except DBAPIError as exc:
            raise database_error(exc) from exc
        return sha

    def get(self, sha256: str) -> bytes:
        query = select(StoredFileRecord.data).where(StoredFileRecord.sha256 == sha256)
        try:
            with self.engine.connect() as conn:
                data = conn.execute(query).scalar()
        except DBAPIError as exc:
            raise database_error(exc) from exc
        if data is None:
            raise FileNotFoundError(sha256)
        return bytes(data)

    def has(self, sha256: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(select(StoredFileRecord.sha256).where(StoredFileRecord.sha256 == sha256))
            return found.first() is not None

    def older_than(self, seconds: float) -> Iterator[str]:
        cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=seconds)
        with self.engine.connect() as conn:
            yield from conn.execute(
                select(StoredFileRecord.sha256).where(StoredFileRecord.stored_at < cutoff)
            ).scalars()

    def remove_if_older(self, sha256: str, seconds: float) -> bool:
        cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=seconds)
        with self.engine.begin() as conn:
            gone = conn.execute(
                delete(StoredFileRecord).where(
                    StoredFileRecord.sha256 == sha256, StoredFileRecord.stored_at < cutoff
                )
            )
            return bool(gone.rowcount)


def put_blob(root: Path, data: bytes) -> str:
    sha = _sha(data)
    path = blob_path(root, sha)
    if path.exists():
        # stored again: fresh for the collection of orphans (services/file_gc.py)
        with contextlib.suppress(OSError):
            os.utime(path)
        return sha
    with writing("the stored files"):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
            # the rename is durable only once the folder's entry is on disk too
            sync_folder(path.parent)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return sha


def read_blob(root: Path, sha256: str) -> bytes:
    return blob_path(root, sha256).read_bytes()
