"""`create_app(settings)`: the FastAPI application, its routers, static files and errors.

Every error is a Vietnamese page (or an RFC 9457 problem document under /api): a
DondocError by its code, anything else as a 500 with no traceback shown.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode
from dondoc.services.context import Store
from dondoc.web.deps import CsrfFailed, LoginRequired
from dondoc.web.render import page
from dondoc.web.security import LoginLimiter
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


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    if settings.env != "dev" and settings.secret_key == Settings.model_fields["secret_key"].default:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="set DONDOC_SECRET_KEY outside dev (DONDOC_ENV)")
    app = FastAPI(
        title="dondoc",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.store = store or Store.open(settings)
    app.state.settings = settings
    app.state.limiter = LoginLimiter(settings.login_attempts)
    # uploads are read in the background, one at a time per process: OCR already keeps
    # every core busy, and a second scan would only slow the first
    app.state.readers = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dondoc-reader")
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie="dondoc_session",
        same_site="lax",
        https_only=settings.https,
        max_age=12 * 3600,
    )
    app.mount(
        "/static", StaticFiles(directory=str(resources.files("dondoc.web").joinpath("static"))), name="static"
    )

    from dondoc.web.api import v1
    from dondoc.web.pages import admin, auth, dashboard, desk, directives, tasks

    for router in (
        auth.router,
        directives.router,
        tasks.router,
        desk.router,
        dashboard.router,
        admin.router,
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
        log.info("%s %s: %s", request.method, request.url.path, exc.message)
        return _error(request, status, error_message(exc), exc.code.value)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, status_message(exc.status_code))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 422, status_message(422))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _error(request, 500, status_message(500), ErrorCode.INTERNAL.value)

    return app


def app_from_environment() -> FastAPI:
    """The app of a worker process started by `dondoc serve --workers N` (settings from the
    environment, which the command filled in)."""
    from dondoc.config import load_settings

    return create_app(load_settings())
