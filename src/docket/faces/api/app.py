"""The application: the JSON API under /api, the web app at /, static assets under /static.

Build it with :func:`create_app`; nothing is built at import. Single-user local mode (no login,
every request acts as the local admin) is on when the settings bind to a loopback address.
"""

from __future__ import annotations

import importlib
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from docket import __version__
from docket.accounts import Accounts
from docket.errors import DocketError
from docket.faces.api import errors
from docket.faces.api.deps import CSRF_COOKIE, Services, host_allowed, is_loopback
from docket.faces.api.limits import BodyLimit, refusal
from docket.faces.api.routes import ROUTERS
from docket.settings import Settings
from docket.store import open_store

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def create_app(settings: Settings, *, local: bool | None = None) -> FastAPI:
    """The app over the store named by ``settings``. ``local`` forces local mode on or off;
    by default it is on exactly when ``settings.host`` is a loopback address."""
    from docket.faces import web

    store = open_store(settings)
    services = Services(
        settings=settings,
        store=store,
        accounts=Accounts(store),
        local=is_loopback(settings.host) if local is None else local,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="docket",
        version=__version__,
        description="Incidents, claims and figures read from reporting on armed conflict, "
        "each traced to a quote in an archived source. Errors are JSON with stable codes.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.services = services
    api = APIRouter(prefix="/api")
    for name in ROUTERS:
        api.include_router(importlib.import_module(name).router)
    app.include_router(api)
    app.include_router(web.router)
    app.mount("/static", StaticFiles(directory=web.STATIC), name="static")
    app.add_middleware(BodyLimit, limit=settings.max_request_bytes)
    app.middleware("http")(_csrf_cookie_and_headers)
    app.middleware("http")(_known_host)
    app.add_exception_handler(DocketError, _for(errors.docket_error, web.error_page))
    app.add_exception_handler(RequestValidationError, _for(errors.invalid_request, web.error_page))
    app.add_exception_handler(HTTPException, _for(errors.http_error, web.error_page))
    return app


Handler = Callable[[Request, Exception], Response]


def _for(api_handler: Handler, web_handler: Handler) -> Handler:
    """JSON errors under /api, HTML pages elsewhere."""

    def handle(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith("/api/"):
            return api_handler(request, exc)
        return web_handler(request, exc)

    return handle


async def _known_host(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """E051 (HTTP 421) for a Host this server does not answer to (DNS rebinding): JSON for API
    clients, a page for browsers."""
    svc: Services = request.app.state.services
    host = request.headers.get("host", "")
    if not host_allowed(host, svc.local, svc.settings.allowed_hosts):
        where = (
            "local mode answers only localhost, 127.0.0.1 and [::1]"
            if svc.local
            else ("allowed hosts: " + ", ".join(svc.settings.allowed_hosts))
        )
        message = f"this server does not answer to the host name {host!r}; {where}"
        return refusal(request.url.path, request.headers.get("accept", ""), "E051", message)
    return await call_next(request)


async def _csrf_cookie_and_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Give every browser a random CSRF cookie (double submit) and every page strict headers."""
    token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
    request.state.cookie_csrf = token
    response = await call_next(request)
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
