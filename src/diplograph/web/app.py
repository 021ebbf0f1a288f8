"""The FastAPI app factory: routes, security headers, error answers, static files."""
from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import DiplographError, InputError, QueryError, StoreError, UsageError
from .access import Access
from .ingest import HTTPProblem
from .params import BadParameter
from .views import NotFoundError

MAX_UPLOAD_BYTES = 5_000_000

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def _open_graph(graph_or_url: Any) -> Any:
    if graph_or_url is None or isinstance(graph_or_url, str) or hasattr(graph_or_url, "__fspath__"):
        from ..facade import Graph
        return Graph(None if graph_or_url is None else str(graph_or_url))
    return graph_or_url


def create_app(graph_or_url: Any = None, *, token: str | None = None,
               allow_private_urls: bool = False,
               max_upload_bytes: int = MAX_UPLOAD_BYTES,
               allowed_hosts: list[str] | None = None) -> FastAPI:
    """The web app over a ``Graph`` (or a database URL/path opened as one).

    Read-only unless ``token`` is set: then POST /api/documents needs
    ``Authorization: Bearer <token>``. ``allowed_hosts`` limits the Host header (against
    DNS rebinding of a server on 127.0.0.1); None accepts any.
    """
    app = FastAPI(title="diplograph", version=_version(),
                  description="Who recognises whom, relations between states, and the "
                              "sourced events behind them.",
                  docs_url=None, redoc_url=None,  # their pages load scripts from a CDN
                  openapi_url="/api/openapi.json")
    app.state.access = Access(_open_graph(graph_or_url))
    app.state.token = token or None
    app.state.allow_private_urls = allow_private_urls
    app.state.max_upload_bytes = max_upload_bytes

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    _add_error_handlers(app)
    static = resources.files("diplograph.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    from . import api, pages
    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def _version() -> str:
    from .. import __version__
    return __version__


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api/") or path.endswith(".json")) and \
        "application/json" not in request.headers.get("accept", "")


def _problem(request: Request, status: int, error: str, message: str,
             extra: dict | None = None, headers: dict | None = None) -> Response:
    if _wants_html(request):
        from .pages import render_error
        return render_error(request, status, message)
    body = {"error": error, "message": message, **(extra or {})}
    return JSONResponse(body, status_code=status, headers=headers)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        details = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")}
                   for e in exc.errors()]
        where = ", ".join(f"{'.'.join(str(p) for p in d['loc'][1:])}: {d['msg']}" for d in details)
        return _problem(request, 422, "invalid_parameter", f"bad parameter(s): {where}",
                        {"detail": details})

    @app.exception_handler(BadParameter)
    async def bad_parameter(request: Request, exc: BadParameter):
        return _problem(request, 422, "invalid_parameter", exc.message,
                        {"detail": [{"loc": ["query", exc.name], "msg": exc.message}]})

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError):
        return _problem(request, 404, "not_found", str(exc))

    @app.exception_handler(HTTPProblem)
    async def problem(request: Request, exc: HTTPProblem):
        return _problem(request, exc.status, "request_refused", exc.message, headers=exc.headers)

    @app.exception_handler(DiplographError)
    async def diplograph_error(request: Request, exc: DiplographError):
        if isinstance(exc, QueryError):
            status, error = 404, "not_found"
        elif isinstance(exc, (InputError, UsageError)):
            status, error = 422, "bad_input"
        elif isinstance(exc, StoreError):
            status, error = 503, "store_error"
        else:
            status, error = 500, "error"
        return _problem(request, status, error, exc.message,
                        {"code": exc.code, "hint": exc.hint})

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        # a bug: say so without a traceback (it goes to the server log)
        import logging
        logging.getLogger("diplograph.web").error("%s %s failed", request.method,
                                                  request.url.path, exc_info=exc)
        response = JSONResponse({"error": "internal_error",
                                 "message": "the server failed on this request; see its log"},
                                status_code=500)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page or resource: {request.url.path}"
        return _problem(request, exc.status_code, "not_found" if exc.status_code == 404
                        else "http_error", message, headers=getattr(exc, "headers", None))
