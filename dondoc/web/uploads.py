"""Uploads: streamed to a temporary file with the file's own limit enforced while reading
(the request body was capped before: limits.py), named by the basename only."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path, PurePosixPath, PureWindowsPath

from starlette.datastructures import UploadFile

from dondoc.errors import DondocError, ErrorCode
from dondoc.store.files import writing

CHUNK = 1 << 20


def safe_name(name: str | None) -> str:
    """The file name a browser sent, as dondoc keeps it: its last part only (no folders,
    either kind of separator), no control or direction-changing characters, 200 at most."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = _UNSAFE.sub("_", base).strip(" ._")
    return base[:200] or "tep-tai-len"


# C0/C1 controls, DEL, zero-width and direction marks: never part of a stored name
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


async def save_upload(upload: UploadFile, folder: Path, limit: int) -> Path:
    path = folder / safe_name(upload.filename)
    size = 0
    with writing("the upload's temporary file"), path.open("wb") as out:
        while chunk := await upload.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise DondocError(ErrorCode.TOO_LARGE, name=path.name, size=size, limit=limit)
            out.write(chunk)
    return path


def temp_folder() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="dondoc-upload-")
