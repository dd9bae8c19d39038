"""Uploads: refused from their declared size before they are read (`BodyLimit`, for every
request), streamed to a temporary file with the file's own limit enforced while reading,
named by the basename only."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath, PureWindowsPath

from starlette.datastructures import UploadFile
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dondoc.errors import DondocError, ErrorCode

CHUNK = 1 << 20


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


class BodyLimit:
    """ASGI middleware: a request body larger than `limit` is refused with E_TOO_LARGE as
    soon as that is known — from Content-Length before anything is read, else while it
    streams — so no route (and no form parser) ever reads more than the limit."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        size = int(declared) if declared.isdigit() else 0
        received = 0

        async def limited() -> Message:
            nonlocal received
            if size > self.limit:
                raise DondocError(ErrorCode.TOO_LARGE, name="upload", size=size, limit=self.limit)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise DondocError(ErrorCode.TOO_LARGE, name="upload", size=received, limit=self.limit)
            return message

        await self.app(scope, limited, send)
