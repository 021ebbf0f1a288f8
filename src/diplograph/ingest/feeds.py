"""RSS and Atom feeds (feedparser): each entry's link is fetched; its title and date kept."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urljoin

from ..errors import MalformedInput
from ..model import Document, Failure

log = logging.getLogger(__name__)

MAX_ENTRIES = 1000  # per feed, a bound against runaway feeds


@dataclass
class Entry:
    link: str | None
    title: str | None
    published: str | None  # ISO date
    id: str | None
    content: str | None  # HTML the feed carries, used when the entry has no link


def _date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime(*value[:6], tzinfo=timezone.utc).date().isoformat()
            except (TypeError, ValueError):
                continue
    return None


def _link(entry) -> str | None:
    if entry.get("link"):
        return entry["link"]
    for link in entry.get("links") or []:
        if link.get("href") and link.get("rel", "alternate") == "alternate":
            return link["href"]
    return None


def parse_feed(data: bytes, base: str | None = None) -> list[Entry]:
    """The entries of an RSS/Atom feed; MalformedInput when it is no feed at all."""
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise MalformedInput(f"not an RSS or Atom feed ({reason})" if reason
                             else "not an RSS or Atom feed", origin=base)
    entries = []
    for entry in parsed.entries[:MAX_ENTRIES]:
        link = _link(entry)
        if link and base and base.lower().startswith(("http://", "https://")):
            link = urljoin(base, link)
        content = None
        if entry.get("content"):
            content = entry["content"][0].get("value")
        entries.append(Entry(link=link, title=entry.get("title") or None,
                             published=_date(entry), id=entry.get("id") or link,
                             content=content))
    return entries


def read_feed(data: bytes, origin: str, reader) -> Iterator[Document | Failure]:
    """Documents for every entry of a feed, fetched through ``reader`` (ingest.reader)."""
    base = origin if origin.lower().startswith(("http://", "https://")) else None
    try:
        entries = parse_feed(data, base)
    except MalformedInput as exc:
        yield Failure(origin, exc.code, str(exc))
        return
    log.info("feed %s: %d entries", origin, len(entries))
    for n, entry in enumerate(entries, start=1):
        if entry.link:
            yield from entry_documents(entry, reader)
        elif entry.content:
            yield Document(html=entry.content, title=entry.title, published=entry.published,
                           origin=f"{origin}#entry{n}")
        else:
            err = MalformedInput("the feed entry has neither a link nor content",
                                 origin=f"{origin}#entry{n}")
            yield Failure(err.origin, err.code, str(err))


def entry_documents(entry: Entry, reader) -> Iterator[Document | Failure]:
    """Fetch one entry's page, keeping the feed's title and date."""
    for item in reader.read_url(entry.link, page_only=True):
        if isinstance(item, Document):
            item.title = entry.title or item.title
            item.published = entry.published or item.published
        yield item
