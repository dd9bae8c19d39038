"""The server protocol turns Nagle's algorithm off on every connection, also on a
listening socket bound with `proto` 0, the way uvicorn releases before 0.55 bound it for
`dondoc serve --workers N` (pyproject allows them), and on the socket today's uvicorn binds."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable

import pytest
import uvicorn

from dondoc.web.server import PROTOCOL, NoDelayH11Protocol, NoDelayHttpToolsProtocol


async def _app(scope: dict[str, object], receive: object, send: object) -> None:
    if scope["type"] == "http":
        await send({"type": "http.response.start", "status": 200, "headers": []})  # type: ignore[operator]
        await send({"type": "http.response.body", "body": b"ok"})  # type: ignore[operator]


def test_dondoc_serves_with_httptools() -> None:
    assert PROTOCOL.endswith(":NoDelayHttpToolsProtocol")


def _proto_zero_socket(config: uvicorn.Config) -> socket.socket:
    """Bound as older uvicorn's `Config.bind_socket` did: no protocol number given."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.set_inheritable(True)
    return sock


def _uvicorn_socket(config: uvicorn.Config) -> socket.socket:
    return config.bind_socket()


@pytest.mark.parametrize("bind", [_proto_zero_socket, _uvicorn_socket], ids=["proto0", "uvicorn"])
@pytest.mark.parametrize("protocol", [NoDelayHttpToolsProtocol, NoDelayH11Protocol])
def test_accepted_connections_have_tcp_nodelay(
    protocol: type, bind: Callable[[uvicorn.Config], socket.socket]
) -> None:
    seen: list[int] = []

    class Recording(protocol):  # type: ignore[misc,valid-type]
        def connection_made(self, transport: asyncio.Transport) -> None:
            super().connection_made(transport)
            seen.append(transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    config = uvicorn.Config(
        _app, host="127.0.0.1", port=0, http=Recording, log_level="warning", lifespan="off"
    )
    sock = bind(config)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        port = sock.getsockname()[1]
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
                    client.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    assert client.recv(1024).startswith(b"HTTP/1.1 200")
                break
            except ConnectionRefusedError:
                threading.Event().wait(0.05)
        assert seen and all(seen), seen
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def test_a_proto_zero_socket_leaves_nagle_on_its_connections() -> None:
    """The reason for the protocol: connections accepted on such a socket report `proto` 0,
    so asyncio's own TCP_NODELAY (given only when `proto == IPPROTO_TCP`) never comes."""
    sock = _proto_zero_socket(uvicorn.Config(_app))
    try:
        sock.listen()
        port = sock.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port)):
            conn, _ = sock.accept()
            with conn:
                assert conn.proto == 0
                assert conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
    finally:
        sock.close()
