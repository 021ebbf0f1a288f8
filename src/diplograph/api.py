"""The public API: the one place that composes the stages.

``code()`` is pure: text in, events out. ``code_documents()`` reads sources and codes
each document, yielding one CodeResult per document, failures included. The ``Graph``
facade (store + queries) is defined in ``diplograph.facade`` and re-exported here.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date

from .errors import DiplographError, InputError
from .model import Article, CodeResult, Document, Event, Failure, content_hash
from .settings import Settings, load_settings

log = logging.getLogger("diplograph")


def _as_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InputError(f"bad publication date {value!r}", hint="Use YYYY-MM-DD.") from exc


def code(text_or_article: str | Article, published: str | date | None = None, *,
         actors: str | None = None, settings: Settings | None = None) -> list[Event]:
    """Code one text or Article and return its events (stores nothing)."""
    from .coding import code_article

    if isinstance(text_or_article, Article):
        article = text_or_article
        if published is not None:
            article.published = _as_date(published)
    else:
        text = str(text_or_article)
        article = Article(id=content_hash(text), text=text, published=_as_date(published),
                          published_from="argument" if published else None)
    settings = settings or load_settings(actors=actors)
    return code_article(article, settings=settings)


def code_documents(sources: Iterable[str | Document], *, published: str | None = None,
                   actors: str | None = None, settings: Settings | None = None,
                   workers: int | None = None, scheduler: str | None = None,
                   ) -> Iterator[CodeResult]:
    """Read every source (paths, URLs, '-', JSONL, or Documents) and code each document.

    A document that cannot be read or coded yields a CodeResult with a Failure; the run
    goes on. With ``workers`` > 1 or a Dask ``scheduler`` address the documents are coded
    on a Dask cluster (in input order); otherwise in this process.
    """
    from .ingest import read_documents

    settings = settings or load_settings(actors=actors)
    workers = workers if workers is not None else settings.workers
    if (workers and workers > 1) or scheduler:
        from .batch import code_batch
        yield from code_batch(sources, workers=workers, scheduler=scheduler,
                              published=published, settings=settings)
        return
    window: list[Document] = []
    for item in read_documents(sources, settings=settings):
        if isinstance(item, Document):
            window.append(item)
            if len(window) < WINDOW:
                continue
        yield from _code_window(window, published, settings)
        window = []
        if isinstance(item, Failure):
            yield CodeResult(origin=item.origin, failure=item)
    yield from _code_window(window, published, settings)


WINDOW = 32  # documents coded together in one process: one batched parse (see code_document_batch)


def _code_window(docs: list[Document], published: str | None, settings: Settings) -> list[CodeResult]:
    return code_document_batch(docs, published=published, settings=settings) if docs else []


def code_document(doc: Document, *, published: str | None = None,
                  settings: Settings | None = None, _code=None, _to_article=None) -> CodeResult:
    """Clean and code one Document; errors become a recorded Failure."""
    if _code is None:
        from .coding import code_article as _code
    if _to_article is None:
        from .ingest import to_article as _to_article
    settings = settings or load_settings()
    origin = doc.origin or doc.url or doc.path or doc.id or "<document>"
    try:
        article = _to_article(doc, published=published, settings=settings)
        events = _code(article, settings=settings)
    except DiplographError as exc:
        exc.origin = exc.origin or origin
        return CodeResult(origin=origin, failure=Failure(origin, exc.code, str(exc), doc.id))
    except Exception as exc:  # a bug on one document must not lose the rest of the run
        log.exception("coding %s failed", origin)
        msg = f"[DG000] {origin}: internal error {type(exc).__name__}: {exc} — please report it"
        return CodeResult(origin=origin, failure=Failure(origin, "DG000", msg, doc.id))
    return CodeResult(origin=origin, article=article, events=events)


def code_document_batch(docs: list[Document], *, published: str | None = None,
                        settings: Settings | None = None) -> list[CodeResult]:
    """:func:`code_document` on each of ``docs`` (same results, same failures), with one
    batched parse for the articles that clean (``coding.code_articles``): the fast path's
    model calls cost less per sentence in batches. Falls back to one by one on an error."""
    from .coding import code_articles
    from .ingest import to_article

    settings = settings or load_settings()
    results: list[CodeResult | None] = [None] * len(docs)
    articles, where = [], []
    for i, doc in enumerate(docs):
        try:
            articles.append(to_article(doc, published=published, settings=settings))
            where.append(i)
        except Exception:  # recorded as code_document records it, below
            results[i] = code_document(doc, published=published, settings=settings)
    try:
        coded = code_articles(articles, settings=settings)
    except Exception:  # one bad article: code one by one so only it fails
        coded = None
    for n, i in enumerate(where):
        doc = docs[i]
        if coded is None:
            results[i] = code_document(doc, published=published, settings=settings)
        else:
            origin = doc.origin or doc.url or doc.path or doc.id or "<document>"
            results[i] = CodeResult(origin=origin, article=articles[n], events=coded[n])
    return results  # type: ignore[return-value]


def fetch_document(url: str, *, settings: Settings | None = None) -> Document | Failure:
    """Fetch one web page as a Document, never expanded as a feed, sitemap or WARC.

    For servers that fetch a URL a user submitted: one URL stays one fetch, and the
    address rules of ``settings.allow_private_urls`` apply on every redirect.
    """
    from .ingest.reader import fetch_document as fetch

    return fetch(url, settings=settings or load_settings())


def read_sources(sources: Iterable[str | Document], *, settings: Settings | None = None,
                 ) -> Iterator[Document | Failure]:
    """The documents of every source, unread ones as Failures (nothing is coded)."""
    from .ingest import read_documents

    return read_documents(sources, settings=settings or load_settings())


def lookup_actor(name: str, on: date | str | None = None, *, actors: str | None = None):
    """How a mention resolves at a date: a Resolved (code, role, name, wikidata, kind) or None."""
    from .nlp.actors import lookup

    return lookup(name, on, extra_file=actors)


def actor_index(actors: str | None = None):
    """The loaded actor knowledge (``.actors`` by code, ``.entries`` the aliases)."""
    from .nlp.actor_data import load_actor_index

    return load_actor_index(actors)


def parse_actor_dictionary(text: str, *, origin: str = "<dictionary>") -> list[dict]:
    """Rows of an actors CSV from a PETRARCH/TABARI dictionary's text."""
    from .nlp.petrarch import parse_dictionary

    return parse_dictionary(text, origin=origin)


# the feed watcher lives with the sources; the shells reach it through here
_WATCH_NAMES = {"Watcher", "WatchState", "parse_interval", "state_path_for"}


def __getattr__(name: str):
    if name == "Graph":
        from .facade import Graph
        return Graph
    if name in _WATCH_NAMES:
        from .ingest import watch
        return getattr(watch, name)
    raise AttributeError(name)
