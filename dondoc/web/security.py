"""CSRF tokens.

The CSRF token lives in the signed session cookie and must come back with every form
(hidden field `csrf`) or HTMX request (header `X-CSRF-Token`). Failed logins are counted
in the database (services/login_throttle.py).
"""

from __future__ import annotations

import hmac
import secrets

from starlette.requests import Request


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def csrf_ok(request: Request, sent: str | None) -> bool:
    expected = request.session.get("csrf")
    return isinstance(expected, str) and sent is not None and hmac.compare_digest(expected, sent)
