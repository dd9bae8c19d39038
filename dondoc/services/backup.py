"""Backup and restore: the database and the stored files in one archive, with a manifest
of checksums.

`backup` runs while the install is in use. The database is copied as one snapshot
(SQLite: its online backup API; PostgreSQL: `pg_dump` of a snapshot this process exported,
so the list of files below is read from the very same state), then the files that
snapshot refers to are added. Files are content-addressed and never change, so files
stored after the snapshot are simply not part of it. Each file's bytes are checked
against their name on the way in; the archive is written under a temporary name, flushed
and renamed: a backup that fails leaves no archive that looks whole.

The archive is a tar: `manifest.json` (format, dondoc's version, the schema revision,
the engine, every table's row count, and the sha256 and size of every other member),
`database.sqlite3` or `database.pgdump`, and `blobs/ab/abcd…`.

`restore` checks the whole archive against its manifest before it writes anything, and
only into an empty target (no tables in the database, no stored files): it never
overwrites an install. The engine must be the archive's (a SQLite archive restores into
SQLite; moving between engines is not a restore). Afterwards it compares every table's
row count with the manifest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, func, inspect, select, text
from sqlalchemy.engine import URL

from dondoc import __version__
from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode
from dondoc.services.context import Store
from dondoc.store import migrate
from dondoc.store.blobs import DatabaseStore, FileStore, FolderStore, blob_path
from dondoc.store.engine import make_engine
from dondoc.store.files import private_folder, sync_folder, writing
from dondoc.store.records import BlobRecord

FORMAT = 1
MANIFEST = "manifest.json"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Summary:
    path: Path
    engine: str
    revision: str | None
    tables: dict[str, int]
    files: int
    bytes: int


def _error(name: object, detail: str) -> DondocError:
    return DondocError(ErrorCode.BACKUP, name=name, detail=detail)


def _tables(engine: Engine) -> list[str]:
    return sorted(set(inspect(engine).get_table_names()))


def _counts(engine: Engine) -> dict[str, int]:
    names = _tables(engine)
    with engine.connect() as conn:
        return _counts_in(conn, names)


def _counts_in(conn: Connection, names: list[str]) -> dict[str, int]:
    # names come from the database's own catalogue, quoted as identifiers
    return {
        t: int(conn.execute(select(func.count()).select_from(text(f'"{t}"'))).scalar_one()) for t in names
    }


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A URL for pg_dump/pg_restore without its password (which goes in the environment,
    out of the process list)."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(args: list[str], env: dict[str, str], name: object) -> None:
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True, check=False, timeout=6 * 3600)
    except FileNotFoundError as exc:
        raise _error(name, f"{args[0]} is not installed (Debian: postgresql-client)") from exc
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or ["failed"])[-1][:300]
        raise _error(name, f"{args[0]}: {first}")


@dataclass(frozen=True)
class _Snapshot:
    member: str  # the database copy's name in the archive
    shas: list[str]  # every stored file it refers to
    tables: dict[str, int]  # its row counts


def _snapshot(store: Store, folder: Path, name: object) -> _Snapshot:
    """A copy of the database, with the files it refers to and its row counts, all of one
    state of the database."""
    engine = store.engine
    if engine.dialect.name == "sqlite":
        source = engine.url.database or ""
        target = folder / "database.sqlite3"
        with (
            contextlib.closing(sqlite3.connect(source)) as src,
            contextlib.closing(sqlite3.connect(target)) as dst,
        ):
            src.backup(dst)  # online: pages copied as of one transaction, writers not stopped for long
        with contextlib.closing(sqlite3.connect(target)) as copy:
            shas = [row[0] for row in copy.execute("SELECT sha256 FROM blobs ORDER BY sha256")]
        copied = create_engine(f"sqlite:///{target}")
        try:
            return _Snapshot(target.name, shas, _counts(copied))
        finally:
            copied.dispose()
    if engine.dialect.name != "postgresql":
        raise _error(name, f"no backup for the {engine.dialect.name} engine")
    url, env = _libpq(engine.url)
    # the transaction holds the snapshot until pg_dump has taken it up
    with engine.connect().execution_options(
        isolation_level="REPEATABLE READ", postgresql_readonly=True
    ) as conn:
        snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
        shas = list(conn.execute(select(BlobRecord.sha256).order_by(BlobRecord.sha256)).scalars())
        tables = _counts_in(conn, _tables(store.engine))
        target = folder / "database.pgdump"
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-acl",
                f"--snapshot={snapshot}",
                f"--file={target}",
                url,
            ],
            env,
            name,
        )
        conn.commit()
    return _Snapshot(target.name, shas, tables)


def _sha_of(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def backup(store: Store, out: Path) -> Summary:
    """Writes the archive to `out` (refused if it exists); see the module's text."""
    if out.exists():
        raise _error(out, "exists already; give a new file name")
    if not out.parent.is_dir():
        raise _error(out, "its folder does not exist")
    revision = migrate.current_revision(store.engine)
    with writing("the backup"), tempfile.TemporaryDirectory(prefix=".dondoc-backup-", dir=out.parent) as tmp:
        folder = Path(tmp)
        snap = _snapshot(store, folder, out)
        database, shas, tables = snap.member, snap.shas, snap.tables
        digest, size = _sha_of(folder / database)
        members: dict[str, dict[str, Any]] = {database: {"sha256": digest, "size": size}}
        part = out.with_name(f".{out.name}.part")
        total = 0
        try:
            with tarfile.open(part, "w", format=tarfile.PAX_FORMAT) as tar:
                tar.add(folder / database, arcname=database)
                # files kept in the database are in its copy already
                for sha in shas if store.files.kind == "folder" else ():
                    path = blob_path(store.data_dir, sha)
                    try:
                        digest, size = _sha_of(path)
                    except FileNotFoundError as exc:
                        raise _error(out, f"the stored file {sha} is missing from {store.data_dir}") from exc
                    if digest != sha:
                        raise _error(out, f"the stored file {sha} does not hold the bytes named by it")
                    arcname = f"blobs/{sha[:2]}/{sha}"
                    tar.add(path, arcname=arcname)
                    members[arcname] = {"sha256": sha, "size": size}
                    total += size
                manifest = {
                    "format": FORMAT,
                    "dondoc": __version__,
                    "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    "engine": store.engine.dialect.name,
                    "revision": revision,
                    "file_store": store.files.kind,
                    "files": len(shas),
                    "tables": tables,
                    "members": members,
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
                tar.addfile(info, io.BytesIO(data))
            with part.open("rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(part, out)
            sync_folder(out.parent)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    return Summary(out, store.engine.dialect.name, revision, tables, len(shas), total)


def _read_manifest(tar: tarfile.TarFile, name: object) -> dict[str, Any]:
    try:
        member = tar.getmember(MANIFEST)
        fh = tar.extractfile(member)
        assert fh is not None
        manifest: dict[str, Any] = json.loads(fh.read(16 * 1024 * 1024))
    except (KeyError, AssertionError, ValueError) as exc:
        raise _error(name, "not a dondoc backup (no readable manifest)") from exc
    if manifest.get("format") != FORMAT:
        raise _error(name, f"backup format {manifest.get('format')!r}, this dondoc reads {FORMAT}")
    return manifest


def verify(archive: Path) -> dict[str, Any]:
    """The archive's manifest, once every member matches it (no member missing, none
    added, every checksum right); else E_BACKUP saying what is wrong."""
    try:
        with tarfile.open(archive, "r:") as tar:
            manifest = _read_manifest(tar, archive)
            expected: dict[str, dict[str, Any]] = manifest["members"]
            seen = set()
            for member in tar:
                if member.name == MANIFEST:
                    continue
                if member.name not in expected or not member.isfile():
                    raise _error(archive, f"an unexpected member {member.name!r}")
                fh = tar.extractfile(member)
                assert fh is not None
                digest = hashlib.sha256()
                while chunk := fh.read(_CHUNK):
                    digest.update(chunk)
                if digest.hexdigest() != expected[member.name]["sha256"]:
                    raise _error(archive, f"{member.name} is damaged (its checksum differs)")
                seen.add(member.name)
            missing = sorted(set(expected) - seen)
            if missing:
                raise _error(archive, f"{len(missing)} members are missing, first {missing[0]}")
            return manifest
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise _error(archive, f"cannot be read ({type(exc).__name__}: {exc})") from exc


def restore(settings: Settings, archive: Path) -> Summary:
    """Restores the archive into the settings' database and data folder, which must be
    empty; see the module's text."""
    if not archive.is_file():
        raise DondocError(ErrorCode.INPUT_NOT_FOUND, name=archive)
    manifest = verify(archive)
    engine = make_engine(settings.resolved_database_url())
    try:
        if engine.dialect.name != manifest["engine"]:
            raise _error(archive, f"made on {manifest['engine']}; it restores into {manifest['engine']} only")
        if _tables(engine):
            raise _error(archive, "the target database is not empty; restore into a new one")
        blobs = settings.data_dir / "blobs"
        if blobs.is_dir() and any(blobs.iterdir()):
            raise _error(archive, f"the data folder {settings.data_dir} already holds stored files")
        if manifest.get("file_store", "folder") == "database" and settings.file_store != "database":
            # its files are rows of the database: a folder store would not find them
            raise _error(archive, "its files are kept in the database: restore with file_store = database")
        private_folder(settings.data_dir)
        with (
            tempfile.TemporaryDirectory(prefix=".dondoc-restore-", dir=settings.data_dir) as tmp,
            tarfile.open(archive, "r:") as tar,
        ):
            total = 0
            database: Path | None = None
            for member in tar:
                if member.name in ("database.sqlite3", "database.pgdump"):
                    fh = tar.extractfile(member)
                    assert fh is not None
                    database = Path(tmp) / member.name
                    with writing("the restored database"), database.open("wb") as out:
                        shutil.copyfileobj(fh, out, _CHUNK)
            if database is None:
                raise _error(archive, "holds no database")
            if engine.dialect.name == "sqlite":
                _restore_sqlite(engine, database)
            else:
                url, env = _libpq(engine.url)
                _run(
                    [
                        "pg_restore",
                        "--no-owner",
                        "--no-acl",
                        "--single-transaction",
                        "--exit-on-error",
                        f"--dbname={url}",
                        str(database),
                    ],
                    env,
                    archive,
                )
            # then the files, into the target's store (a folder, or the restored database)
            files: FileStore = (
                DatabaseStore(engine) if settings.file_store == "database" else FolderStore(settings.data_dir)
            )
            for member in tar.getmembers():
                if member.name.startswith("blobs/"):
                    fh = tar.extractfile(member)
                    assert fh is not None
                    data = fh.read()
                    files.put(data)  # named by its own checksum again
                    total += len(data)
        engine.dispose()
        tables = _counts(engine)
        expected = {k: int(v) for k, v in manifest["tables"].items()}
        if manifest.get("file_store", "folder") == "folder" and settings.file_store == "database":
            expected["stored_files"] = int(manifest.get("files", 0))  # moved into the database
        if tables != expected:
            differ = sorted(t for t in set(tables) | set(expected) if tables.get(t) != expected.get(t))
            raise _error(archive, f"restored, but the tables {', '.join(differ)} differ from the manifest")
        count = int(manifest.get("files", 0))
        return Summary(archive, engine.dialect.name, migrate.current_revision(engine), tables, count, total)
    finally:
        engine.dispose()


def _restore_sqlite(engine: Engine, copy: Path) -> None:
    target = Path(engine.url.database or "")
    engine.dispose()
    with contextlib.closing(sqlite3.connect(copy)) as src:
        if src.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            raise _error(copy.name, "the database in the archive fails its integrity check")
        with contextlib.closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
    target.chmod(0o600)
