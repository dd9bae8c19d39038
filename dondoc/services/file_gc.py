"""Stored files nothing refers to: removed once they are a day old.

A blob is written before the record that refers to it (a file is never referenced before
it is on disk), so a failure between the two leaves a blob with no record: an upload that
could not be read, evidence of a report that was refused, a process killed mid-write.
Such blobs are collected by the workers' housekeeping once they are ORPHAN_AGE old and no
waiting job names them. Storing the same bytes again refreshes a blob's time
(store/blobs.py), and the time is looked at again right before the file goes, so bytes
being stored anew at that moment are kept.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time

from sqlalchemy import select

from dondoc.services.context import Store
from dondoc.store.blobs import blob_path
from dondoc.store.records import BlobRecord, JobRecord

log = logging.getLogger("dondoc.files")

ORPHAN_AGE_SECONDS = 24 * 3600
_CHUNK = 500


def collect_orphans(store: Store, *, now: float | None = None, age: float = ORPHAN_AGE_SECONDS) -> list[str]:
    """Removes the blobs no record and no waiting job refers to, older than `age`
    seconds; the sha256 of each removed."""
    now = now or time.time()
    root = store.data_dir / "blobs"
    if not root.is_dir():
        return []
    old = []
    for path in root.glob("??/*"):
        with contextlib.suppress(OSError):
            if len(path.name) == 64 and not path.name.startswith(".") and now - path.stat().st_mtime > age:
                old.append(path.name)
    if not old:
        return []
    with store.reading() as s:
        kept: set[str] = set()
        for n in range(0, len(old), _CHUNK):
            chunk = old[n : n + _CHUNK]
            kept.update(s.scalars(select(BlobRecord.sha256).where(BlobRecord.sha256.in_(chunk))))
        for payload in s.scalars(select(JobRecord.payload).where(JobRecord.state.in_(("queued", "running")))):
            with contextlib.suppress(ValueError, AttributeError):
                sha = json.loads(payload).get("sha256")
                if isinstance(sha, str):
                    kept.add(sha)
    removed = []
    for sha in old:
        if sha in kept:
            continue
        path = blob_path(store.data_dir, sha)
        with contextlib.suppress(OSError):
            if time.time() - path.stat().st_mtime > age:  # not stored again meanwhile
                path.unlink()
                removed.append(sha)
    if removed:
        log.info("removed %d stored files nothing refers to", len(removed))
    return removed
