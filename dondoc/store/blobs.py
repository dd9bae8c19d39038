"""Content-addressed files on disk: `blobs/ab/abcdef…` named by the sha256 of the bytes.

Storing the same bytes twice stores them once. A file is written to a temporary name in
the same folder, flushed, renamed and its folder flushed, so a crash never leaves a
half-written blob under its name nor loses one a write was acknowledged for.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from dondoc.store.files import sync_folder, writing


def blob_path(root: Path, sha256: str) -> Path:
    return root / "blobs" / sha256[:2] / sha256


def put_blob(root: Path, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
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
