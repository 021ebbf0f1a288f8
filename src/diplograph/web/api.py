"""The REST API under /api: read-only, except POST /api/documents behind a bearer token."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse

from . import views
from .access import Access
from .downloads import download
from .ingest import ingest_request
from .params import (DEFAULT_PER_PAGE, AsOf, EventFilters, Fmt, Format, Page, PerPage, Text,
                     check_date, event_filters)

router = APIRouter(prefix="/api", tags=["api"])

# a code (DPR) or a name (South Ossetia, Côte d'Ivoire)
CodePath = Annotated[str, Path(max_length=80, pattern=r"^[\w][\w .,'’()-]*$")]
IdPath = Annotated[str, Path(max_length=200)]


def access(request: Request) -> Access:
    return request.app.state.access


Store = Annotated[Access, Depends(access)]


def _listing(result: dict, fmt: Format, name: str, rows=None) -> Any:
    if fmt is Format.json:
        return result
    return download(rows if rows is not None else result["items"], fmt.value, name)


@router.get("/recognition/{entity}", summary="Who recognises an entity on a date")
def recognition(store: Store, entity: CodePath, as_of: AsOf = None, format: Fmt = Format.json):  # noqa: A002
    result = store.recognition(entity, check_date("as_of", as_of))
    if format is Format.json:
        return result
    rows = [{**r, "status": r.get("status") or group}
            for group in ("recognisers", "withdrawn", "refuses") for r in result.get(group, [])]
    return download(rows, format.value, f"recognition-{entity}")


@router.get("/relations/{a}/{b}", summary="The state of relations between two actors")
def relations(store: Store, a: CodePath, b: CodePath, as_of: AsOf = None,
              format: Fmt = Format.json):  # noqa: A002
    result = store.relations(a, b, check_date("as_of", as_of))
    if format is Format.json:
        return result
    return download(result.get("timeline") or [], format.value, f"relations-{a}-{b}")


@router.get("/events", summary="Events, filtered and paginated")
def events(store: Store, filters: Annotated[EventFilters, Depends(event_filters)],
           page: Page = 1, per_page: PerPage = DEFAULT_PER_PAGE, format: Fmt = Format.json):  # noqa: A002
    if format is not Format.json:  # a download holds every match (up to a cap), not one page
        return download(views.all_events(store, filters), format.value, "events")
    return views.events_page(store, filters, page, per_page)


@router.get("/events/{event_id}", summary="One event with its mentions")
def event(store: Store, event_id: IdPath):
    found = store.event(event_id)
    if not found:
        raise views.NotFoundError(f"no event with id {event_id!r}")
    return found


@router.get("/actors", summary="Actors, by code or name")
def actors(store: Store, q: Text = None, page: Page = 1, per_page: PerPage = DEFAULT_PER_PAGE,
           format: Fmt = Format.json):  # noqa: A002
    rows = store.actors(q)
    return _listing(views.list_page(rows, page, per_page), format, "actors", rows)


@router.get("/entities/{code}", summary="One actor or entity")
def entity(store: Store, code: CodePath):
    return store.resolve_entity(code)


@router.get("/documents", summary="Stored documents (without their text)")
def documents(store: Store, q: Text = None, page: Page = 1,
              per_page: PerPage = DEFAULT_PER_PAGE, format: Fmt = Format.json):  # noqa: A002
    if format is not Format.json:
        return download(views.all_documents(store, q), format.value, "documents")
    return views.documents_page(store, q, page, per_page)


@router.get("/documents/{doc_id}", summary="One document with its text")
def document(store: Store, doc_id: IdPath):
    found = store.document(doc_id)
    if not found:
        raise views.NotFoundError(f"no document with id {doc_id!r}")
    return found


@router.get("/search", summary="Actors, events and documents matching words")
def search(store: Store, filters: Annotated[EventFilters, Depends(event_filters)],
           page: Page = 1, per_page: PerPage = DEFAULT_PER_PAGE, format: Fmt = Format.json):  # noqa: A002
    result = views.search_view(store, filters.q, filters, page, per_page)
    if format is Format.json:
        return result
    rows = ([{"kind": "actor", **a} for a in result["actors"]]
            + [{"kind": "event", **e} for e in result["events"]["items"]]
            + [{"kind": "document", **d} for d in result["documents"]["items"]])
    return download(rows, format.value, "search")


@router.post("/documents", status_code=201, summary="Ingest a document (needs the token)",
             responses={401: {"description": "missing or wrong token"},
                        403: {"description": "writes are off (no token configured)"},
                        413: {"description": "body too large"}})
async def post_document(request: Request) -> JSONResponse:
    return await ingest_request(request)
