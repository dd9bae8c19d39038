"""Rendering a page: the template, the actor, the CSRF token and the shared helpers."""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from dondoc.tracking.permissions import Actor
from dondoc.web.security import csrf_token
from dondoc.web.text import (
    BUCKET_LABELS,
    audit_action,
    catalogue,
    directive_reason,
    linkify,
    review_flag,
    unit_kind,
    vn_date,
    vn_percent,
    vn_time,
)

_TEMPLATES = Jinja2Templates(directory=str(resources.files("dondoc.web").joinpath("templates")))
_TEMPLATES.env.filters["vn_date"] = vn_date
_TEMPLATES.env.filters["vn_percent"] = vn_percent
_TEMPLATES.env.filters["directive_reason"] = directive_reason
_TEMPLATES.env.filters["review_flag"] = review_flag
_TEMPLATES.env.filters["audit_action"] = audit_action
_TEMPLATES.env.filters["unit_kind"] = unit_kind
_TEMPLATES.env.filters["vn_time"] = vn_time
_TEMPLATES.env.filters["linkify"] = linkify
_TEMPLATES.env.globals["BUCKET_LABELS"] = BUCKET_LABELS
ROLE_LABELS = {"admin": "Quản trị", "office": "Văn phòng", "reporter": "Đầu mối đơn vị", "leader": "Lãnh đạo"}
_TEMPLATES.env.globals["ROLE_LABELS"] = ROLE_LABELS
_TEMPLATES.env.globals["catalogue_reading"] = catalogue()["reading"]


def page(
    request: Request,
    template: str,
    actor: Actor | None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    return _TEMPLATES.TemplateResponse(
        request,
        template,
        {"actor": actor, "csrf": csrf_token(request), **context},
        status_code=status_code,
        headers=headers,
    )


def fragment(template: str, **context: Any) -> Markup:
    """A part of a page that holds nothing of the session (no CSRF token, no user), so it
    can be rendered once and cached: the page's own template places it."""
    return Markup(_TEMPLATES.env.get_template(template).render(**context))
