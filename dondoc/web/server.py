"""How uvicorn serves dondoc: its httptools protocol (C, about twice h11's speed) with
Nagle's algorithm turned off.

With `--workers N` uvicorn binds the listening socket itself with `proto` 0; accepted
sockets inherit it and asyncio then skips TCP_NODELAY (it checks `proto == IPPROTO_TCP`).
Every keep-alive response after the first then sends its headers, and holds its body until
the client's delayed ACK arrives: ~40 ms added to each request on Linux (uvicorn issue
#3149). uvicorn 0.55 binds with `proto=IPPROTO_TCP`; the releases before it, which pyproject
still allows, do not. Setting the option on each connection fixes it whatever bound the socket.
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

PROTOCOL = "dondoc.web.server:NoDelayHttpToolsProtocol"


def _no_delay(transport: asyncio.Transport) -> None:
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class NoDelayHttpToolsProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        _no_delay(transport)
        super().connection_made(transport)


class NoDelayH11Protocol(H11Protocol):
    """The same for h11 (pure Python), should httptools ever be unavailable."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        _no_delay(transport)
        super().connection_made(transport)
