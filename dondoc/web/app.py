"""`create_app(settings)`: the FastAPI application, its routers, static files and errors.

Every error is a Vietnamese page (or an RFC 9457 problem document under /api): a
DondocError by its code, anything else as a 500 with no traceback shown.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import Receive, Scope, Send

from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode, printable
from dondoc.logs import REQUEST_ID, configure
from dondoc.services import jobs
from dondoc.services.context import Store
from dondoc.services.schedule import ReminderSchedule
from dondoc.store.files import clean_temporaries
from dondoc.web.deps import CsrfFailed, LoginRequired
from dondoc.web.headers import SecurityHeaders, page_headers
from dondoc.web.keys import session_key
from dondoc.web.limits import BodyLimits, BodyTooLarge
from dondoc.web.observe import Observe
from dondoc.web.render import page
from dondoc.web.text import catalogue, error_message, http_status, status_message

log = logging.getLogger("dondoc.web")


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _problem(status: int, title: str, detail: str, code: str | None = None) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if code:
        body["code"] = code
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


def _error(request: Request, status: int, message: str, code: str | None = None) -> Response:
    if _is_api(request):
        return _problem(status, status_message(status), message, code)
    if request.headers.get("HX-Request"):
        # a form updating part of a page: the message goes to the page's alert region
        return page(
            request,
            "errors/_inline.html",
            None,
            status_code=status,
            message=message,
            headers={"HX-Retarget": "#flash", "HX-Reswap": "innerHTML"},
        )
    return page(request, "errors/error.html", None, status_code=status, status=status, message=message)


async def _refuse(scope: Scope, receive: Receive, send: Send, exc: DondocError) -> None:
    """A body refused from its headers: answered like any DondocError, the app not run."""
    request = Request(scope, receive)
    log.info("%s %s: %s", request.method, printable(request.url.path), exc.message)
    response = _error(request, http_status(exc), error_message(exc), exc.code.value)
    response.headers["Connection"] = "close"
    await response(scope, receive, send)


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    key = session_key(settings)  # refuses to start with a published, short or missing key

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # the day's reminders, queued every few minutes by each server process for a
        # worker (the run happens once per day across them: services/schedule.py)
        schedule = None
        if settings.reminder_check_minutes > 0:
            schedule = ReminderSchedule(app.state.store, settings.reminder_check_minutes)
            schedule.start()
        workers = None
        if settings.background == "in-process":
            # jobs left queued (or lost) by the last run of the server are taken up now
            workers = jobs.local_workers(app.state.store)
            workers.ensure_started()
        try:
            yield
        finally:
            if schedule is not None:
                schedule.stop()
            if workers is not None:
                workers.shutdown()

    app = FastAPI(
        lifespan=lifespan,
        title="dondoc",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.store = store or Store.open(settings)
    # what processes killed mid-write left (an hour old or more: not a live writer's)
    clean_temporaries(settings.data_dir)
    app.state.settings = settings
    # bodies are capped before they are read (inside the session middleware: it asks
    # whether the sender is logged in)
    app.add_middleware(BodyLimits, store=app.state.store, refuse=_refuse)
    # the signed cookie holds a random login id (checked against the server's table on
    # every request) and the CSRF token; it lasts as long as a login can
    app.add_middleware(
        SessionMiddleware,
        secret_key=key,
        session_cookie="dondoc_session",
        same_site="lax",
        https_only=settings.over_https,
        max_age=settings.session_hours * 3600,
    )
    # security headers on every response
    app.add_middleware(SecurityHeaders, https=settings.over_https)
    # a request id, the access log line and the counts for /metrics (outermost: timed whole)
    app.add_middleware(Observe)
    app.mount(
        "/static", StaticFiles(directory=str(resources.files("dondoc.web").joinpath("static"))), name="static"
    )

    from dondoc.web.api import v1
    from dondoc.web.pages import (
        admin,
        auth,
        dashboard,
        desk,
        directives,
        followup,
        health,
        imports,
        notifications,
        reports,
        search,
        tasks,
    )

    for router in (
        health.router,
        auth.router,
        directives.router,
        tasks.router,
        desk.router,
        dashboard.router,
        admin.router,
        notifications.router,
        followup.router,
        imports.router,
        reports.router,
        search.router,
        v1.router,
    ):
        app.include_router(router)
    catalogue()  # fail at start-up, not on the first error, if the catalogue is broken

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        if _is_api(request):
            return _problem(401, status_message(401), status_message(401))
        if request.headers.get("HX-Request"):
            return Response(status_code=204, headers={"HX-Redirect": "/login"})  # the whole page goes
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, exc: CsrfFailed) -> Response:
        return _error(request, 403, catalogue()["csrf"]["invalid"])

    @app.exception_handler(DondocError)
    async def _dondoc(request: Request, exc: DondocError) -> Response:
        status = http_status(exc)
        log.info("%s %s: %s", request.method, printable(request.url.path), exc.message)
        response = _error(request, status, error_message(exc), exc.code.value)
        if status == 413:
            # the rest of the body is not wanted: the connection closes, the client stops
            response.headers["Connection"] = "close"
        return response

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if isinstance(exc, BodyTooLarge):
            return await _dondoc(request, exc.error)
        return _error(request, exc.status_code, status_message(exc.status_code))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 422, status_message(422))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, printable(request.url.path))
        response = _error(request, 500, status_message(500), ErrorCode.INTERNAL.value)
        # answered from outside the middleware stack: the headers are added here
        for name, value in page_headers(https=settings.over_https):
            response.headers[name.decode()] = value.decode()
        response.headers["Cache-Control"] = "no-store"
        request_id = REQUEST_ID.get()
        if request_id:
            response.headers["X-Request-ID"] = request_id
        return response

    return app


def app_from_environment() -> FastAPI:
    """The app of a worker process started by `dondoc serve --workers N` (settings from the
    environment, which the command filled in)."""
    from dondoc.config import load_settings

    settings = load_settings()
    configure(settings.resolved_log_format(), settings.log_level)  # a process of its own
    return create_app(settings)
