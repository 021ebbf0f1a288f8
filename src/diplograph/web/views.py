"""What each page shows, as plain data: the page templates and their .json twins share it."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from ..errors import QueryError
from .access import Access
from .params import MAX_DOWNLOAD_ROWS, EventFilters

CONTEXT_CHARS = 280
TIMELINE_WIDTH = 900
ENTITY_EVENTS = 200
RECOGNITION_TYPES = ("recognize", "withdraw_recognition")


class NotFoundError(LookupError):
    """Nothing under that id; answered with 404 and this message."""


def safe_url(url: Any) -> str | None:
    """An http(s) link to an article, or None (javascript:, data: and the like are dropped)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


def page_of(items: list, page: int, per_page: int, total: int | None) -> dict:
    has_next = len(items) > per_page
    return {"items": items[:per_page], "page": page, "per_page": per_page, "total": total,
            "has_next": has_next, "has_prev": page > 1}


def events_page(access: Access, filters: EventFilters, page: int, per_page: int) -> dict:
    kwargs = filters.as_kwargs()
    rows = access.events(kwargs, limit=per_page + 1, offset=(page - 1) * per_page)
    return page_of(rows, page, per_page, access.count_events(kwargs))


def all_events(access: Access, filters: EventFilters, chunk: int = 1000) -> Iterator[dict]:
    kwargs, offset = filters.as_kwargs(), 0
    while offset < MAX_DOWNLOAD_ROWS:
        rows = access.events(kwargs, limit=chunk, offset=offset)
        yield from rows
        if len(rows) < chunk:
            return
        offset += chunk


def list_page(rows: list, page: int, per_page: int) -> dict:
    """Paginate a list the facade returns whole."""
    start = (page - 1) * per_page
    return page_of(rows[start:start + per_page + 1], page, per_page, len(rows))


def documents_page(access: Access, q: str | None, page: int, per_page: int) -> dict:
    rows = access.documents(q, limit=per_page + 1, offset=(page - 1) * per_page)
    return page_of([doc_summary(d) for d in rows], page, per_page, None)


def all_documents(access: Access, q: str | None, chunk: int = 500) -> Iterator[dict]:
    offset = 0
    while offset < MAX_DOWNLOAD_ROWS:
        rows = access.documents(q, limit=chunk, offset=offset)
        yield from (doc_summary(d) for d in rows)
        if len(rows) < chunk:
            return
        offset += chunk


def doc_summary(doc: dict) -> dict:
    """A document row without its full text (lists stay small)."""
    out = {k: v for k, v in doc.items() if k not in ("text", "html", "events")}
    out["url"] = doc.get("url")
    return out


def day_of(value: str | None) -> date | None:
    """The first day of a YYYY[-MM[-DD]] date, or None."""
    if not value:
        return None
    parts = str(value)[:10].split("-")
    try:
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                    int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def entity_view(access: Access, code: str, as_of: str | None) -> dict:
    entity = access.resolve_entity(code)
    code = entity.get("code", code)
    recognition = access.recognition(code, as_of)
    seen, events = set(), []
    for key in ("target", "source"):
        for ev in access.events({key: code}, limit=ENTITY_EVENTS, offset=0):
            if ev.get("id") not in seen:
                seen.add(ev.get("id"))
                events.append(ev)
    events.sort(key=lambda e: (e.get("date") or "", e.get("id") or ""), reverse=True)
    dates = [d for d in (day_of(e.get("date")) for e in events) if d]
    first = min(dates) if dates else date(1990, 1, 1)
    slider_min = date(first.year - 1, 1, 1)  # a year before the first report of it
    # the days on which some recogniser's status may change: the slider's stops
    changes = sorted({d.isoformat() for d in (day_of(e.get("date") or e.get("first_report"))
                                               for e in events
                                               if e.get("type") in RECOGNITION_TYPES
                                               and (e.get("target") or {}).get("code") == code)
                      if d})
    return {"entity": entity, "as_of": recognition.get("as_of") or as_of,
            "recognition": recognition, "events": events,
            "slider": {"min": slider_min.isoformat(), "max": date.today().isoformat(),
                       "changes": changes}}


def timeline(events: list[dict], width: int = TIMELINE_WIDTH) -> dict:
    """Positions of dated events on a year axis (x in 0..width); undated ones apart."""
    dated = [(day_of(e.get("date")), e) for e in events]
    days = [d for d, _ in dated if d]
    if not days:
        return {"width": width, "points": [], "ticks": [],
                "undated": [e for _, e in dated]}
    lo, hi = date(min(days).year, 1, 1), date(max(days).year + 1, 1, 1)
    span = (hi - lo).days or 1
    x = lambda d: round(20 + (width - 40) * (d - lo).days / span, 1)  # noqa: E731
    points, lanes = [], {}
    for d, e in sorted(((d, e) for d, e in dated if d), key=lambda p: p[0]):
        px = x(d)
        lane = lanes.get(round(px / 12), 0)  # stack events that would overlap
        lanes[round(px / 12)] = lane + 1
        points.append({"x": px, "y": 60 - 14 * min(lane, 3), "event": e,
                       "type": e.get("type"), "date": e.get("date")})
    step = max(1, (hi.year - lo.year) // 10)
    ticks = [{"x": x(date(y, 1, 1)), "label": str(y)}
             for y in range(lo.year, hi.year + 1, step)]
    return {"width": width, "points": points, "ticks": ticks,
            "undated": [e for d, e in dated if not d]}


def dyad_view(access: Access, a: str, b: str, as_of: str | None) -> dict:
    ea, eb = access.resolve_entity(a), access.resolve_entity(b)
    rel = access.relations(ea.get("code", a), eb.get("code", b), as_of)
    return {"a": ea, "b": eb, "relations": rel, "as_of": rel.get("as_of") or as_of,
            "timeline": timeline(list(rel.get("timeline") or []))}


def highlight(text: str, start: int, end: int, around: int = CONTEXT_CHARS) -> list[dict]:
    """Text around [start, end) as segments; the evidence segment has mark=True."""
    if not text or not (0 <= start < end <= len(text)):
        return []
    lo, hi = max(0, start - around), min(len(text), end + around)
    return [{"text": ("…" if lo else "") + text[lo:start], "mark": False},
            {"text": text[start:end], "mark": True},
            {"text": text[end:hi] + ("…" if hi < len(text) else ""), "mark": False}]


def _evidence(m: dict) -> dict:
    ev = m.get("evidence")
    if isinstance(ev, dict):
        return ev
    return {"sentence": m.get("sentence") or ev, "start": m.get("start"), "end": m.get("end")}


def event_view(access: Access, event_id: str) -> dict:
    event = access.event(event_id)
    if not event:
        raise NotFoundError(f"no event with id {event_id!r}")
    mentions = event.get("mentions") or [{"doc_id": event.get("doc_id"),
                                          "evidence": event.get("evidence")}]
    docs: dict[str, dict | None] = {}
    shown = []
    for m in mentions:
        doc_id = m.get("doc_id")
        if doc_id and doc_id not in docs:
            docs[doc_id] = access.document(doc_id)
        doc = docs.get(doc_id) or {}
        ev = _evidence(m)
        start, end = ev.get("start"), ev.get("end")
        segments = (highlight(doc.get("text") or "", start, end)
                    if isinstance(start, int) and isinstance(end, int) else [])
        shown.append({"doc_id": doc_id, "evidence": ev, "segments": segments,
                      "title": m.get("title") or doc.get("title"),
                      "outlet": m.get("outlet") or doc.get("outlet"),
                      "published": (m.get("published") or m.get("report_date")
                                    or doc.get("published")),
                      "url": safe_url(m.get("url") or doc.get("url"))})
    return {"event": event, "mentions": shown}


def document_view(access: Access, doc_id: str) -> dict:
    doc = access.document(doc_id)
    if not doc:
        raise NotFoundError(f"no document with id {doc_id!r}")
    text = doc.get("text") or ""
    events = doc.get("events")
    if events is None:
        events = [e for e in access.events({}, limit=500, offset=0) if e.get("doc_id") == doc_id]
    spans = sorted({(e["evidence"]["start"], e["evidence"]["end"]) for e in events
                    if isinstance(e.get("evidence"), dict)
                    and isinstance(e["evidence"].get("start"), int)
                    and isinstance(e["evidence"].get("end"), int)})
    segments, pos = [], 0
    for start, end in spans:
        if start < pos or end > len(text) or start >= end:
            continue
        segments += [{"text": text[pos:start], "mark": False},
                     {"text": text[start:end], "mark": True}]
        pos = end
    segments.append({"text": text[pos:], "mark": False})
    return {"document": {**doc, "url": safe_url(doc.get("url")), "source_url": doc.get("url")},
            "events": events, "segments": segments}


def search_view(access: Access, q: str | None, filters: EventFilters, page: int,
                per_page: int) -> dict:
    actors = access.actors(q)[:50] if q else []
    events = events_page(access, filters, page, per_page)
    documents = documents_page(access, q, 1, 20) if q else page_of([], 1, 20, 0)
    return {"q": q, "filters": filters.as_kwargs(), "actors": actors, "events": events,
            "documents": documents}


def index_view(access: Access) -> dict:
    recent = access.events({}, limit=20, offset=0)
    entities: dict[str, dict] = {}
    for ev in access.events({"type": "recognize"}, limit=500, offset=0):
        t = ev.get("target") or {}
        if t.get("code"):
            entities.setdefault(t["code"], {"code": t["code"], "name": t.get("name"), "events": 0})
            entities[t["code"]]["events"] += 1
    return {"total_events": access.count_events({}), "recent": recent,
            "entities": sorted(entities.values(), key=lambda e: -e["events"])}


__all__ = ["NotFoundError", "QueryError", "entity_view", "dyad_view", "event_view",
           "document_view", "search_view", "index_view", "events_page", "all_events",
           "list_page", "documents_page", "safe_url"]
