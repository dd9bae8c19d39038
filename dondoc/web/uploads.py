"""Uploads: refused from their declared size before they are read, streamed to a
temporary file with the limit enforced while reading, named by the basename only."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath, PureWindowsPath

from fastapi import Request
from starlette.datastructures import UploadFile

from dondoc.errors import DondocError, ErrorCode

CHUNK = 1 << 20


def declared_too_large(request: Request, limit: int) -> None:
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > limit + 64 * 1024:
        raise DondocError(ErrorCode.TOO_LARGE, name="upload", size=int(length), limit=limit)


def safe_name(name: str | None) -> str:
    base = PureWindowsPath(PurePosixPath(name or "").name).name.strip()
    return base[:200] or "tep-tai-len"


async def save_upload(upload: UploadFile, folder: Path, limit: int) -> Path:
    path = folder / safe_name(upload.filename)
    size = 0
    with path.open("wb") as out:
        while chunk := await upload.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise DondocError(ErrorCode.TOO_LARGE, name=path.name, size=size, limit=limit)
            out.write(chunk)
    return path


def temp_folder() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="dondoc-upload-")
