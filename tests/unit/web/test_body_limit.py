"""BodyLimit refuses a large body before (declared) or while (streamed) it is read."""

from __future__ import annotations

import asyncio

import pytest

from dondoc.errors import DondocError, ErrorCode
from dondoc.web.uploads import BodyLimit


def _run(headers: list[tuple[bytes, bytes]], chunks: int) -> int:
    """Drive the middleware with an app that reads the whole body; returns the chunks handed out."""
    handed = 0

    async def receive() -> dict[str, object]:
        nonlocal handed
        handed += 1
        return {"type": "http.request", "body": b"x" * 1000, "more_body": handed < chunks}

    async def app(scope: object, receive_: object, send: object) -> None:
        while True:
            message = await receive_()  # type: ignore[operator]
            if not message.get("more_body"):
                return

    async def send(message: object) -> None:
        return None

    scope = {"type": "http", "headers": headers}
    asyncio.run(BodyLimit(app, limit=5000)(scope, receive, send))  # type: ignore[arg-type]
    return handed


def test_body_limit_refuses_a_declared_size_before_reading() -> None:
    with pytest.raises(DondocError) as err:
        _run([(b"content-length", b"10000000000")], chunks=3)
    assert err.value.code is ErrorCode.TOO_LARGE


def test_body_limit_stops_a_stream_at_the_limit() -> None:
    with pytest.raises(DondocError) as err:
        _run([], chunks=100)
    assert err.value.code is ErrorCode.TOO_LARGE
    assert "6000" in err.value.message  # refused at the first chunk past 5 000 bytes


def test_body_limit_lets_a_small_body_through() -> None:
    assert _run([(b"content-length", b"3000")], chunks=3) == 3
