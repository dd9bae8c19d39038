"""Every request gets an id and is counted: the outermost middleware.

The id is the proxy's `X-Request-ID` when it sends a sane one (so a line of nginx's log
and of dondoc's share it), else a new one; the response carries it back, and every log
line written while serving the request names it (dondoc/logs.py). Each answer is counted
and timed per route *template* ("/tasks/{task_id}", never the ids or the query, which
may hold what a user searched for) for /metrics, and logged as one access line.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dondoc import metrics
from dondoc.logs import REQUEST_ID

access = logging.getLogger("dondoc.access")

_SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def route_of(scope: Scope) -> str:
    route = getattr(scope.get("route"), "path", None)
    if isinstance(route, str):
        return route
    path = str(scope.get("path", ""))
    return "/static" if path.startswith("/static/") else "unmatched"


class Observe:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get("x-request-id", "")
        request_id = given if _SANE_ID.fullmatch(given) else uuid.uuid4().hex
        token = REQUEST_ID.set(request_id)
        status = 500  # what the client gets when the app ends without an answer
        started = time.perf_counter()

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                MutableHeaders(scope=message).append("X-Request-ID", request_id)
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            # the id stays set when the app raised: the error handler, outside this
            # middleware, logs the failure under it and answers with it
            seconds = time.perf_counter() - started
            method, route = str(scope.get("method", "")), route_of(scope)
            metrics.REQUESTS.labels(method, route, str(status)).inc()
            metrics.LATENCY.labels(method, route).observe(seconds)
            ms = round(seconds * 1000, 1)
            access.info(
                "%s %s %d %.1f ms",
                method,
                route,
                status,
                ms,
                extra={"method": method, "route": route, "status": status, "ms": ms},
            )
        REQUEST_ID.reset(token)
