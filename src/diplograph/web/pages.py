"""Server-rendered pages; each has a JSON twin at the same path plus '.json'."""
from __future__ import annotations

from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates

from ..model import EVENT_TYPES, POLARITIES
from . import views
from .api import Store
from .params import DEFAULT_PER_PAGE, AsOf, EventFilters, Page, PerPage, check_date, event_filters

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("diplograph.web") / "templates"))
templates.env.autoescape = True  # every template, whatever its name ends with

CodePath = Annotated[str, Path(max_length=80, pattern=r"^[\w][\w ,'’()-]*$")]
IdPath = Annotated[str, Path(max_length=200, pattern=r"^[^/]+$")]


def _url_with(request: Request, **changes: Any) -> str:
    params = dict(request.query_params)
    params.update({k: v for k, v in changes.items() if v is not None})
    return f"{request.url.path}?{urlencode(params)}"


def _link(path: str, params: dict | None = None, **extra: Any) -> str:
    """A same-site link with a query string (values are URL-encoded)."""
    merged = {k: v for k, v in {**(params or {}), **extra}.items() if v not in (None, "")}
    return path + (f"?{urlencode(merged)}" if merged else "")


templates.env.filters["seg"] = lambda value: quote(str(value), safe="")  # one path segment
templates.env.globals.update(EVENT_TYPES=EVENT_TYPES, POLARITIES=POLARITIES, url_with=_url_with,
                             link=_link)


def render(request: Request, name: str, context: dict, twin: str, status: int = 200):
    return templates.TemplateResponse(request, name, {**context, "json_twin": twin},
                                      status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return templates.TemplateResponse(request, "error.html",
                                      {"status": status, "message": message, "json_twin": None},
                                      status_code=status)


def _twin(request: Request, path: str) -> str:
    q = request.url.query
    return f"{path}.json" + (f"?{q}" if q else "")


@router.get("/index.json")
def index_json(store: Store):
    return JSONResponse(views.index_view(store))


@router.get("/", response_class=HTMLResponse)
def index(request: Request, store: Store):
    return render(request, "index.html", views.index_view(store), "/index.json")


@router.get("/entity/{code}.json")
def entity_json(store: Store, code: CodePath, as_of: AsOf = None):
    return views.entity_view(store, code, check_date("as_of", as_of))


@router.get("/entity/{code}", response_class=HTMLResponse)
def entity(request: Request, store: Store, code: CodePath, as_of: AsOf = None):
    ctx = views.entity_view(store, code, check_date("as_of", as_of))
    return render(request, "entity.html", ctx,
                  _twin(request, f"/entity/{quote(ctx['entity']['code'])}"))


@router.get("/dyad/{a}/{b}.json")
def dyad_json(store: Store, a: CodePath, b: CodePath, as_of: AsOf = None):
    return views.dyad_view(store, a, b, check_date("as_of", as_of))


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse)
def dyad(request: Request, store: Store, a: CodePath, b: CodePath, as_of: AsOf = None):
    ctx = views.dyad_view(store, a, b, check_date("as_of", as_of))
    return render(request, "dyad.html", ctx, _twin(
        request, f"/dyad/{quote(ctx['a']['code'])}/{quote(ctx['b']['code'])}"))


@router.get("/event/{event_id}.json")
def event_json(store: Store, event_id: IdPath):
    return views.event_view(store, event_id)


@router.get("/event/{event_id}", response_class=HTMLResponse)
def event(request: Request, store: Store, event_id: IdPath):
    ctx = views.event_view(store, event_id)
    return render(request, "event.html", ctx, _twin(request, f"/event/{quote(event_id)}"))


@router.get("/document/{doc_id}.json")
def document_json(store: Store, doc_id: IdPath):
    return views.document_view(store, doc_id)


@router.get("/document/{doc_id}", response_class=HTMLResponse)
def document(request: Request, store: Store, doc_id: IdPath):
    ctx = views.document_view(store, doc_id)
    return render(request, "document.html", ctx, _twin(request, f"/document/{quote(doc_id)}"))


@router.get("/search.json")
def search_json(store: Store, filters: Annotated[EventFilters, Depends(event_filters)],
                page: Page = 1, per_page: PerPage = DEFAULT_PER_PAGE):
    return views.search_view(store, filters.q, filters, page, per_page)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, store: Store,
           filters: Annotated[EventFilters, Depends(event_filters)],
           page: Page = 1, per_page: PerPage = DEFAULT_PER_PAGE):
    ctx = views.search_view(store, filters.q, filters, page, per_page)
    return render(request, "search.html", ctx, _twin(request, "/search"))
