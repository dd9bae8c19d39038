"""The server protocol turns Nagle's algorithm off on every connection, also on a
listening socket bound the way `dondoc serve --workers N` has uvicorn bind it."""

from __future__ import annotations

import asyncio
import socket
import threading

import pytest
import uvicorn

from dondoc.web.server import PROTOCOL, NoDelayH11Protocol, NoDelayHttpToolsProtocol


async def _app(scope: dict[str, object], receive: object, send: object) -> None:
    if scope["type"] == "http":
        await send({"type": "http.response.start", "status": 200, "headers": []})  # type: ignore[operator]
        await send({"type": "http.response.body", "body": b"ok"})  # type: ignore[operator]


def test_dondoc_serves_with_httptools() -> None:
    assert PROTOCOL.endswith(":NoDelayHttpToolsProtocol")


@pytest.mark.parametrize("protocol", [NoDelayHttpToolsProtocol, NoDelayH11Protocol])
def test_accepted_connections_have_tcp_nodelay_on_a_socket_bound_by_uvicorn(protocol: type) -> None:
    seen: list[int] = []

    class Recording(protocol):  # type: ignore[misc,valid-type]
        def connection_made(self, transport: asyncio.Transport) -> None:
            super().connection_made(transport)
            seen.append(transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    config = uvicorn.Config(
        _app, host="127.0.0.1", port=0, http=Recording, log_level="warning", lifespan="off"
    )
    sock = config.bind_socket()  # what the multi-process supervisor does: proto 0
    assert sock.proto == 0
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


def test_plain_h11_on_such_a_socket_leaves_nagle_on() -> None:
    """The reason for the protocol: if uvicorn fixes its socket, this test says so and the
    protocol can go."""
    config = uvicorn.Config(_app, host="127.0.0.1", port=0)
    sock = config.bind_socket()
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
