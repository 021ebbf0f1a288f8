"""The web's one door to the Graph facade.

Every read goes through here, under one lock (a Graph may not be thread-safe and the
server answers from a thread pool). Where the facade lacks a call the pages want
(counting, listing documents, an entity summary), a small fallback built on the calls
it does have lives here, clearly separate from the store.
"""
from __future__ import annotations

import threading
from dataclasses import asdict, is_dataclass
from datetime import date
from typing import Any

from ..errors import QueryError


def _plain(value: Any) -> Any:
    """Dataclasses and dates as JSON-ready values."""
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


class Access:
    """Thin, locked wrapper over a ``diplograph.Graph``."""

    def __init__(self, graph: Any):
        self.graph = graph
        self.lock = threading.RLock()

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        with self.lock:
            return _plain(getattr(self.graph, name)(*args, **kwargs))

    def has(self, name: str) -> bool:
        return callable(getattr(self.graph, name, None))

    # -- the facade's own calls -------------------------------------------------------
    def recognition(self, entity: str, as_of: str | None) -> dict:
        return self._call("recognition", entity, as_of=as_of)

    def relations(self, a: str, b: str, as_of: str | None) -> dict:
        return self._call("relations", a, b, as_of=as_of)

    def events(self, filters: dict, limit: int, offset: int) -> list[dict]:
        return self._call("events", limit=limit, offset=offset, **filters)

    def count_events(self, filters: dict) -> int | None:
        if self.has("count_events"):
            return int(self._call("count_events", **filters))
        return None

    def event(self, event_id: str) -> dict | None:
        return self._call("event", event_id)

    def document(self, doc_id: str) -> dict | None:
        return self._call("document", doc_id)

    def actors(self, q: str | None) -> list[dict]:
        return self._call("actors", q=q or None)

    def documents(self, q: str | None, limit: int, offset: int) -> list[dict]:
        if self.has("documents"):
            return self._call("documents", q=q or None, limit=limit, offset=offset)
        return []  # fallback: the facade cannot list documents yet

    def entity(self, code: str) -> dict | None:
        if self.has("entity"):
            return self._call("entity", code)
        return self._entity_fallback(code)

    def add(self, results: list) -> Any:
        return self._call("add", results)

    # -- fallbacks ----------------------------------------------------------------------
    def _entity_fallback(self, code: str) -> dict | None:
        """An actor entry from ``actors()`` (exact code match), else None."""
        for row in self.actors(code):
            if str(row.get("code", "")).upper() == code.upper():
                return row
        return None

    def resolve_entity(self, code: str) -> dict:
        """The entity as {'code', 'name', ...}; QueryError when nothing knows it."""
        found = self.entity(code)
        counts = (found or {}).get("counts") or {}
        known = found and (found.get("name") or counts.get("as_source") or counts.get("as_target"))
        if known:
            return found
        # the facade trusts any code-shaped name when no actor index is at hand
        raise QueryError(f"nothing is known about {code!r}: no such actor and no events")
