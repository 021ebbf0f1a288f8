"""POST /api/documents: the only write. Off without a server token; then Bearer TOKEN.

The body is JSON ({"text" | "html" | "url", "id"?, "published"?, "title"?, "outlet"?}) or a
raw text/plain or text/html body (published etc. then come from the query string). URLs
are refused when they name a private, loopback or link-local address unless the server
was started with allow_private_urls; the fetcher in diplograph.ingest checks again.
"""
from __future__ import annotations

import hmac
import ipaddress
import json
import socket
from dataclasses import replace
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ..api import code_documents, fetch_document
from ..errors import FetchRefused
from ..model import CodeResult, Document, Failure
from ..settings import load_settings
from .access import _plain

DOC_FIELDS = ("id", "text", "html", "url", "published", "title", "outlet")


class HTTPProblem(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


def check_token(request: Request) -> None:
    token = request.app.state.token
    if not token:
        raise HTTPProblem(403, "writes are off: start the server with --token TOKEN to allow "
                               "POST /api/documents")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(),
                                                             token.encode()):
        raise HTTPProblem(401, "missing or wrong token: send 'Authorization: Bearer TOKEN'",
                          {"WWW-Authenticate": "Bearer"})


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPProblem(413, f"body larger than the limit of {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPProblem(413, f"body larger than the limit of {limit} bytes")
    return bytes(body)


def check_url(url: str, allow_private: bool) -> None:
    """Refuse non-http(s) URLs and, unless allowed, hosts on private or local addresses."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchRefused(f"only http and https URLs are fetched, not {url!r}")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchRefused(f"cannot resolve {parts.hostname!r}: {exc}") from exc
    for info in infos:
        addr = ipaddress.ip_address(info[4][0].split("%")[0])
        if not addr.is_global or addr.is_multicast:
            raise FetchRefused(f"{parts.hostname} resolves to a non-public address ({addr})",
                               hint="The server refuses private and loopback URLs unless "
                                    "it was started to allow them.")


def parse_document(request: Request, body: bytes) -> Document:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise HTTPProblem(422, f"the body is not valid JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise HTTPProblem(422, "the JSON body must be an object")
        unknown = set(data) - set(DOC_FIELDS)
        if unknown:
            raise HTTPProblem(422, f"unknown field(s) {sorted(unknown)}; allowed: {DOC_FIELDS}")
        if any(data.get(k) is not None and not isinstance(data[k], str) for k in DOC_FIELDS):
            raise HTTPProblem(422, "every field must be a string")
        fields = {k: data.get(k) for k in DOC_FIELDS}
    elif ctype in ("text/plain", "text/html"):
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise HTTPProblem(422, "the body must be UTF-8 text") from exc
        fields = {k: request.query_params.get(k) for k in ("id", "published", "title", "outlet")}
        fields["html" if ctype == "text/html" else "text"] = text
    else:
        raise HTTPProblem(415, "send application/json, text/plain or text/html")
    bodies = [k for k in ("text", "html", "url") if fields.get(k)]
    if len(bodies) != 1:
        raise HTTPProblem(422, "give exactly one of 'text', 'html' or 'url'")
    pub = fields.get("published")
    if pub is not None:
        from .params import BadParameter, check_date
        try:
            if len(pub) != 10:
                raise BadParameter("published", "published must be YYYY-MM-DD")
            check_date("published", pub)
        except BadParameter as exc:
            raise HTTPProblem(422, exc.message) from exc
    return Document(origin=fields.get("url") or "POST /api/documents", **fields)


def _ingest(request: Request, doc: Document) -> dict:
    state = request.app.state
    settings = replace(load_settings(), allow_private_urls=state.allow_private_urls)
    if doc.url:
        check_url(doc.url, state.allow_private_urls)
        # one page, one fetch: a submitted feed or sitemap is not expanded into many
        # fetches; the fetcher checks the address again when it connects
        page = fetch_document(doc.url, settings=settings)
        if isinstance(page, Failure):
            results = [CodeResult(origin=doc.url, failure=page)]
        else:
            page.title = doc.title or page.title
            page.outlet = doc.outlet or page.outlet
            page.id = doc.id or page.id
            results = list(code_documents([page], published=doc.published, settings=settings))
    else:
        results = list(code_documents([doc], settings=settings))
    summary = state.access.add(results)
    docs = [{"origin": r.origin, "id": r.article.id if r.article else None,
             "events": [e.id for e in r.events],
             "failure": r.failure.to_dict() if r.failure else None} for r in results]
    return {"summary": _plain(summary), "documents": docs}


async def ingest_request(request: Request) -> JSONResponse:
    check_token(request)
    body = await read_body(request, request.app.state.max_upload_bytes)
    doc = parse_document(request, body)
    result = await run_in_threadpool(_ingest, request, doc)
    failed = [d for d in result["documents"] if d["failure"]]
    return JSONResponse(result, status_code=422 if failed and len(failed) == len(
        result["documents"]) else 201)
