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

from sqlalchemy import select

from dondoc.services.context import Store
from dondoc.store.records import BlobRecord, JobRecord

log = logging.getLogger("dondoc.files")

ORPHAN_AGE_SECONDS = 24 * 3600
_CHUNK = 500


def collect_orphans(store: Store, *, age: float = ORPHAN_AGE_SECONDS) -> list[str]:
    """Removes the stored files no record and no waiting job refers to, last stored more
    than `age` seconds ago; the sha256 of each removed."""
    files = store.files
    old = list(files.older_than(age))
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
    # looked at again right before each goes: bytes stored anew meanwhile are kept
    removed = [sha for sha in old if sha not in kept and files.remove_if_older(sha, age)]
    if removed:
        log.info("removed %d stored files nothing refers to", len(removed))
    return removed
