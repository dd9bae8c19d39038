"""The data folder on disk: private, durable, tidy, and honest when it cannot be written.

- The folder is made (or tightened to) 0700 and the SQLite database 0600: they hold
  password hashes, and every document an office uploaded.
- A file written for good (a blob, the install's key) is flushed to disk, and so is its
  folder after the rename: a power cut keeps it or not, never half of it.
- Temporary files a killed process left behind (`.part-*`, a reading's pages) are removed
  when the server starts, once they are an hour old (a live writer's are younger).
- A full disk or a read-only folder is E_STORAGE_UNAVAILABLE (the web answers 503 with a
  Vietnamese message), never an internal error; what is stored can still be read.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from dondoc.errors import DondocError, ErrorCode

STALE_SECONDS = 3600

# what a write meets when the disk is full, the folder read-only, or the rights are wrong
_STORAGE_ERRNOS = frozenset({errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EFBIG})


@contextlib.contextmanager
def writing(what: str) -> Iterator[None]:
    """Writes in the block that the storage refuses (full, read-only, no right) end in
    E_STORAGE_UNAVAILABLE; any other failure is left as it is."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in _STORAGE_ERRNOS:
            raise
        raise DondocError(
            ErrorCode.STORAGE_UNAVAILABLE, detail=f"{what}: {os.strerror(exc.errno or 0)}"
        ) from exc


def private_folder(path: Path) -> None:
    """Make dondoc's data folder (0700), or tighten one of ours that others can read (an
    install from before this rule). A folder that is not clearly dondoc's (no database,
    blobs or key in it) or is shared (sticky, like /tmp) is never changed."""
    with contextlib.suppress(OSError):  # read-only or not ours: as it is
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    ours = any((path / name).exists() for name in ("dondoc.sqlite3", "blobs", "secret_key"))
    with contextlib.suppress(OSError):
        if ours and not path.stat().st_mode & stat.S_ISVTX:
            _tighten(path, 0o700)


def private_file(path: Path) -> None:
    """Create an empty file readable by its owner only, unless it exists (then tighten it)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        _tighten(path, 0o600)
        return
    os.close(fd)


def _tighten(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):  # not ours, or read-only: left as it is
        info = path.stat()
        if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & ~mode:
            path.chmod(mode)


def writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a file just renamed into it) to disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def clean_temporaries(data_dir: Path, *, now: float | None = None) -> int:
    """Remove what killed processes left: blob parts in the data folder, upload and OCR
    folders in the system's temporary folder, all at least STALE_SECONDS old. Returns how
    many went. Never fails: a folder that cannot be cleaned is left as it is."""
    now = now or time.time()
    removed = 0
    candidates = list((data_dir / "blobs").glob("*/.part-*")) if (data_dir / "blobs").is_dir() else []
    candidates += list(data_dir.glob(".secret_key-*")) if data_dir.is_dir() else []
    system = Path(tempfile.gettempdir())
    candidates += [p for prefix in ("dondoc-upload-", "dondoc-ocr-") for p in system.glob(f"{prefix}*")]
    for path in candidates:
        try:
            if now - path.lstat().st_mtime < STALE_SECONDS:
                continue
            if path.is_dir() and not path.is_symlink():
                for child in sorted(path.rglob("*"), key=lambda p: len(p.parts), reverse=True):
                    child.rmdir() if child.is_dir() and not child.is_symlink() else child.unlink()
                path.rmdir()
            else:
                path.unlink()
            removed += 1
        except OSError:
            continue
    return removed
