"""Request bodies capped before they are read, per route, and by who sends them.

Every route takes a small body (a form, a JSON document: DEFAULT_BYTES) unless it is
listed in ROUTE_LIMITS (a file upload, evidence, a units file). A request whose sender
is not logged in (no live session, no working token) is held to ANONYMOUS_BYTES whatever
the route: the login form fits, and a stranger's gigabyte is never read. The decision is
made from the headers:
- a declared Content-Length over the limit is refused at once, without running the app
  or reading a byte of the body, and the connection is closed (so the client stops
  sending);
- a body without one (chunked) is counted as it streams and refused as soon as it
  passes the limit.
Who is logged in is asked only when a body could exceed ANONYMOUS_BYTES, so the usual
small form costs nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode
from dondoc.services import sessions, task_import, users
from dondoc.services.context import Store
from dondoc.services.progress import MAX_EVIDENCE_BYTES
from dondoc.services.units import MAX_FILE_BYTES

ANONYMOUS_BYTES = 64 * 1024
DEFAULT_BYTES = 1024 * 1024
# what multipart framing and the other fields of an upload form add to its file
_FRAMING = 1024 * 1024


def route_limits(settings: Settings) -> list[tuple[str, str, int]]:
    """(method, path, bytes) of the routes that take more than DEFAULT_BYTES."""
    upload = settings.max_input_bytes + _FRAMING
    return [
        ("POST", "/directives/upload", upload),
        ("POST", "/api/v1/directives", upload),
        ("POST", "/tasks/{task_id}/progress", MAX_EVIDENCE_BYTES + _FRAMING),
        # evidence travels base64-encoded in the JSON: four bytes for every three
        ("POST", "/api/v1/tasks/{task_id}/progress", MAX_EVIDENCE_BYTES * 4 // 3 + _FRAMING),
        ("POST", "/admin/units/import", MAX_FILE_BYTES + _FRAMING),
        ("POST", "/api/v1/units/import", MAX_FILE_BYTES + _FRAMING),
        ("POST", "/directives/{directive_id}/import", task_import.MAX_FILE_BYTES + _FRAMING),
        ("POST", "/api/v1/directives/{directive_id}/tasks/import", task_import.MAX_FILE_BYTES + _FRAMING),
    ]


# what answers a refusal: (scope, status, the error) → sends the response
Refuse = Callable[[Scope, Receive, Send, DondocError], Awaitable[None]]


@dataclass(frozen=True)
class _Route:
    method: str
    pattern: re.Pattern[str]
    limit: int


class BodyLimits:
    """ASGI middleware (inside the session middleware, which it reads the login id from)."""

    def __init__(self, app: ASGIApp, *, store: Store, refuse: Refuse) -> None:
        self.app = app
        self.store = store
        self.refuse = refuse
        self.routes = [
            _Route(method, compile_path(path)[0], limit)
            for method, path, limit in route_limits(store.settings)
        ]

    def limit_of(self, method: str, path: str) -> int:
        for route in self.routes:
            if route.method == method and route.pattern.match(path):
                return route.limit
        return DEFAULT_BYTES

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        declared_header = headers.get(b"content-length")
        declared = int(declared_header) if declared_header is not None and declared_header.isdigit() else None
        chunked = b"transfer-encoding" in headers
        if not chunked and not declared:
            await self.app(scope, receive, send)  # no body at all (a GET): nothing to limit
            return
        limit = self.limit_of(scope["method"], scope["path"])
        if (chunked or (declared or 0) > ANONYMOUS_BYTES) and not await self._logged_in(scope, headers):
            limit = min(limit, ANONYMOUS_BYTES)
        if declared is not None and declared > limit:
            await self.refuse(scope, receive, send, _too_large(declared, limit))
            return
        received = 0
        pending = True  # until the body's last part has come

        async def limited() -> Message:
            nonlocal received, pending
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(_too_large(received, limit))
                pending = pending and bool(message.get("more_body"))
            return message

        async def closing(message: Message) -> None:
            if message["type"] == "http.response.start" and pending:
                # answered before the whole body came (a refusal, a login page): the rest
                # is not wanted, and closing the connection stops the client sending it
                message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
            await send(message)

        await self.app(scope, limited, closing)

    async def _logged_in(self, scope: Scope, headers: dict[bytes, bytes]) -> bool:
        auth = headers.get(b"authorization", b"").decode("latin-1")
        if auth.lower().startswith("bearer "):
            token = auth[7:].strip()
            return await run_in_threadpool(lambda: users.live_token(self.store, token) is not None)
        sid = scope.get("session", {}).get("sid")
        if not isinstance(sid, str):
            return False
        return await run_in_threadpool(lambda: sessions.live_session(self.store, sid) is not None)


class BodyTooLarge(HTTPException):
    """A body that passed its limit while it streamed. An HTTPException, as FastAPI lets
    those through its body parsing (anything else becomes a 400); it carries the error to
    answer with."""

    def __init__(self, error: DondocError) -> None:
        super().__init__(status_code=413, detail=error.message)
        self.error = error


def _too_large(size: int, limit: int) -> DondocError:
    return DondocError(ErrorCode.TOO_LARGE, name="request", size=size, limit=limit)
