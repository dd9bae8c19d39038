"""Security headers on every response, and how users' own files are served.

Pages carry a Content-Security-Policy without inline script (every script is a file of
dondoc's own: /static), may not be framed, and tell the browser not to guess types, send
referrers elsewhere or use devices; under HTTPS, HSTS. A response that sets a header of
its own keeps it (a user's file sets a stricter policy).

Files users uploaded (the original of a directive, evidence) are served as attachments,
typed from their own first bytes (never text/html or SVG, whatever the uploader said),
with nosniff and a sandbox policy: opened in the browser they can run nothing on
dondoc's origin.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # positions and widths drawn from data (bars, boxes on a page picture); no <style>
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
FILE_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'"

_COMMON: list[tuple[bytes, bytes]] = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (
        b"permissions-policy",
        b"camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def page_headers(*, https: bool) -> list[tuple[bytes, bytes]]:
    extra = [(b"content-security-policy", PAGE_POLICY.encode())]
    if https:
        extra.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))
    return _COMMON + extra


class SecurityHeaders:
    """ASGI middleware (the outermost): adds what a response does not set itself."""

    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self.app = app
        self.headers = page_headers(https=https)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def add(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in self.headers if k not in present]
                if not static and b"cache-control" not in present:
                    # pages show one user's data: not kept by the browser or a proxy
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, add)


_TYPES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"PK\x03\x04", "application/zip"),
)


def _type_of(head: bytes, name: str) -> str:
    for magic, media in _TYPES:
        if head.startswith(magic):
            if media == "application/zip" and name.lower().endswith(".docx"):
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            return media
    return "application/octet-stream"


def user_file(data: bytes, name: str) -> Response:
    """A file a user uploaded, as an attachment that cannot act on dondoc's pages (its
    bytes from the file store, which may be the database: a directive is megabytes)."""
    ascii_name = name.encode("ascii", "replace").decode().replace('"', "").replace("?", "_") or "tep"
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return Response(
        data,
        media_type=_type_of(data[:16], name),
        headers={
            "Content-Disposition": disposition,
            "Content-Security-Policy": FILE_POLICY,
            "Cache-Control": "private, no-store",
        },
    )
