"""XML sitemaps (urlset and sitemapindex), read with a safe parser and within bounds."""
from __future__ import annotations

import gzip
import logging
from collections.abc import Iterator

from ..errors import InputError, MalformedInput
from ..model import Document, Failure

log = logging.getLogger(__name__)

MAX_URLS = 1000  # per sitemap source, including its nested sitemaps
MAX_SITEMAPS = 50
MAX_DEPTH = 2


def parse_sitemap(data: bytes, origin: str | None = None) -> tuple[str, list[tuple[str, str | None]]]:
    """('urlset' | 'sitemapindex', [(loc, lastmod), ...])."""
    from lxml import etree

    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise MalformedInput(f"cannot gunzip the sitemap: {exc}", origin=origin) from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, recover=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise MalformedInput(f"the sitemap is not XML: {exc}", origin=origin) from None
    if root is None:
        raise MalformedInput("the sitemap is empty", origin=origin)
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise MalformedInput(f"not a sitemap (root element <{kind}>)", origin=origin)
    items = []
    for child in root:
        if not isinstance(child.tag, str):
            continue
        loc = lastmod = None
        for field in child:
            if not isinstance(field.tag, str):
                continue
            name = etree.QName(field).localname
            if name == "loc" and field.text:
                loc = field.text.strip()
            elif name == "lastmod" and field.text:
                lastmod = field.text.strip()[:10]
        if loc:
            items.append((loc, lastmod))
    return kind, items


def read_sitemap(data: bytes, origin: str, reader, depth: int = 0,
                 budget: list[int] | None = None) -> Iterator[Document | Failure]:
    """Documents for the pages a sitemap lists (nested sitemaps followed, bounded)."""
    budget = budget if budget is not None else [MAX_URLS, MAX_SITEMAPS]
    try:
        kind, items = parse_sitemap(data, origin)
    except MalformedInput as exc:
        yield Failure(origin, exc.code, str(exc))
        return
    log.info("sitemap %s: %d %s", origin, len(items), kind)
    if kind == "sitemapindex":
        for loc, _ in items:
            if depth >= MAX_DEPTH or budget[1] <= 0:
                log.warning("sitemap %s: nested sitemaps past the bound are skipped", origin)
                return
            budget[1] -= 1
            try:
                resp = reader.fetcher.fetch(loc)
            except InputError as exc:  # recorded; the index goes on
                yield Failure(loc, exc.code, str(exc))
                continue
            yield from read_sitemap(resp.body, loc, reader, depth + 1, budget)
        return
    for loc, lastmod in items:
        if budget[0] <= 0:
            log.warning("sitemap %s: URLs past the bound of %d are skipped", origin, MAX_URLS)
            return
        budget[0] -= 1
        # lastmod is when the page changed, not when it was published: not a date for us
        yield from reader.read_url(loc, page_only=True)
