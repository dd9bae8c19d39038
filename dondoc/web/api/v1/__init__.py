"""/api/v1: the same operations as the pages, as JSON, for the systems around dondoc.

Machine clients authenticate with a bearer token (`dondoc user token NAME`); a browser
session works too. Errors are RFC 9457 problem documents. One module per area, as the
pages are split; this one puts them together under one prefix and one set of errors.
"""

from __future__ import annotations

from fastapi import APIRouter

from dondoc.web.api.schemas import Problem
from dondoc.web.api.v1 import (
    dashboard,
    desk,
    directives,
    groups,
    notifications,
    reports,
    search,
    tasks,
    tokens,
    units,
)

_PROBLEM = {"model": Problem, "content": {"application/problem+json": {}}}
router = APIRouter(
    prefix="/api/v1",
    responses={
        400: {**_PROBLEM, "description": "A file that cannot be read (empty, corrupt, wrong kind)"},
        401: {**_PROBLEM, "description": "Not logged in or bad token"},
        403: {**_PROBLEM, "description": "Not allowed for this user"},
        404: {**_PROBLEM, "description": "No such record (or not visible to this user)"},
        409: {**_PROBLEM, "description": "Changed by someone else meanwhile"},
        413: {**_PROBLEM, "description": "Too large"},
        422: {**_PROBLEM, "description": "Invalid input or a rule refused it"},
        503: {**_PROBLEM, "description": "Database unavailable"},
    },
)
for _area in (directives, tasks, search, groups, desk, units, dashboard, tokens, notifications, reports):
    router.include_router(_area.router)
