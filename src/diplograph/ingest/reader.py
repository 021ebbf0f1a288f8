"""read_documents: expand sources (paths, dirs, globs, '-', JSONL, URLs, feeds, sitemaps,
WARC, Documents) into Documents. A source that cannot be read is a Failure; the run goes on.
"""
from __future__ import annotations

import glob
import gzip
import io
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone

from ..errors import (DocumentTooLarge, InputError, MalformedInput, NotFound)
from ..model import Document, Failure
from ..settings import Settings, load_settings
from . import jsonl
from .decode import decode

log = logging.getLogger(__name__)

# Files a directory walk reads; other files (README.md, images, ...) are left alone.
DIR_SUFFIXES = (".txt", ".text", ".htm", ".html", ".xhtml", ".shtml", ".jsonl", ".xml",
                ".rss", ".atom", ".warc", ".arc")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def _failure(exc: InputError, origin: str, doc_id: str | None = None) -> Failure:
    return Failure(exc.origin or origin, exc.code, str(exc), doc_id)


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def read_bounded(path: str, limit: int) -> bytes:
    """The bytes of a file (gunzipped for .gz), refusing more than ``limit`` without
    reading them: the size is checked before (or, for gzip, while) reading."""
    if path.lower().endswith(".gz"):
        try:
            with gzip.open(path, "rb") as fh:
                data = fh.read(limit + 1)
        except (OSError, EOFError) as exc:
            raise MalformedInput(f"cannot gunzip the file: {exc}", origin=path) from None
        if len(data) > limit:
            raise DocumentTooLarge(f"more than {limit:,} bytes once gunzipped", origin=path)
        return data
    size = os.stat(path).st_size
    if size > limit:
        raise DocumentTooLarge(f"{size:,} bytes is more than the limit of {limit:,}", origin=path)
    with open(path, "rb") as fh:
        return fh.read(limit + 1)


def _head(path: str, n: int = 4096) -> bytes:
    try:
        if path.lower().endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                return fh.read(n)
        with open(path, "rb") as fh:
            return fh.read(n)
    except (OSError, EOFError):
        return b""


def sniff(head: bytes) -> str | None:
    """'warc', 'feed', 'sitemap' or None (a page) from the first bytes of a body."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(4096)
        except (OSError, EOFError):
            head = head  # truncated gzip: what we could read
    if head.lstrip().startswith((b"WARC/", b"filedesc://")):
        return "warc"
    low = head[:4096].lower()
    if b"<html" in low or b"<!doctype html" in low:
        return None
    if b"<rss" in low or b"<rdf:rdf" in low or (b"<feed" in low and b"atom" in low):
        return "feed"
    if b"<urlset" in low or b"<sitemapindex" in low:
        return "sitemap"
    return None


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


class Reader:
    """One run of reading: settings, a lazily built fetcher, and what was already read."""

    def __init__(self, settings: Settings, fetcher=None):
        self.settings = settings
        self._fetcher = fetcher
        self.seen_urls: set[str] = set()
        self.seen_paths: set[str] = set()

    @property
    def fetcher(self):
        if self._fetcher is None:
            from .http import Fetcher
            self._fetcher = Fetcher(self.settings)
        return self._fetcher

    # -- dispatch ---------------------------------------------------------------------
    def read(self, source) -> Iterator[Document | Failure]:
        if isinstance(source, Document):
            yield source
            return
        source = os.fspath(source)
        if source == "-":
            yield from self.read_stdin()
        elif is_url(source):
            yield from self.read_url(source)
        elif _SCHEME.match(source) and not os.path.exists(source):
            from ..errors import FetchRefused
            yield _failure(FetchRefused("only http and https URLs are fetched", origin=source),
                           source)
        elif os.path.isdir(source):
            yield from self.read_dir(source)
        elif os.path.isfile(source):
            yield from self.read_file(source)
        elif glob.has_magic(source):
            matches = sorted(p for p in glob.glob(source, recursive=True)
                             if not _hidden(p))
            if not matches:
                yield _failure(NotFound("no file matches the pattern", origin=source), source)
            for path in matches:
                yield from (self.read_dir(path) if os.path.isdir(path) else self.read_file(path))
        else:
            yield _failure(NotFound("no such file, directory or URL", origin=source), source)

    def read_stdin(self) -> Iterator[Document | Failure]:
        limit = self.settings.max_bytes
        stream = getattr(sys.stdin, "buffer", None)
        if stream is not None:
            data = stream.read(limit + 1)
        else:  # a text stream (embedding, tests): UTF-8 by definition
            data = sys.stdin.read(limit + 1).encode("utf-8", "surrogatepass")
        if len(data) > limit:
            yield _failure(DocumentTooLarge(f"stdin gives more than {limit:,} bytes",
                                            origin="-"), "-")
            return
        kind = sniff(data[:4096])
        if kind:
            yield from self._container(kind, data, "<stdin>", None)
            return
        yield Document(data=data, origin="<stdin>")

    # -- files ------------------------------------------------------------------------
    def read_dir(self, folder: str) -> Iterator[Document | Failure]:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            names = sorted(f for f in files if not f.startswith(".")
                           and _suffix_ok(f))
            # JSONL first: an index.jsonl names its articles with their metadata.
            names.sort(key=lambda f: not f.lower().endswith((".jsonl", ".jsonl.gz")))
            for name in names:
                yield from self.read_file(os.path.join(root, name), in_dir=True)

    def read_file(self, path: str, *, in_dir: bool = False) -> Iterator[Document | Failure]:
        real = os.path.realpath(path)
        if real in self.seen_paths:
            return
        self.seen_paths.add(real)
        low = path.lower()
        head = _head(path)
        if low.endswith(WARC_SUFFIXES) or sniff(head) == "warc":
            from .warc import read_warc
            with open(path, "rb") as fh:
                yield from read_warc(fh, path, self)
            return
        if low.endswith((".jsonl", ".jsonl.gz")):
            yield from self.read_jsonl(path, in_dir=in_dir)
            return
        try:
            data = read_bounded(path, self.settings.max_bytes)
        except InputError as exc:
            yield _failure(exc, path)
            return
        except OSError as exc:
            yield _failure(NotFound(f"cannot read the file: {exc.strerror}", origin=path), path)
            return
        kind = None if low.endswith((".html", ".htm", ".txt")) else sniff(head)
        if kind:
            yield from self._container(kind, data, path, None)
            return
        if low.removesuffix(".gz").endswith((".xml", ".rss", ".atom")):
            yield _failure(MalformedInput("an XML file that is neither an RSS/Atom feed nor a "
                                          "sitemap", origin=path), path)
            return
        yield Document(data=data, path=path, origin=path)

    def read_jsonl(self, path: str, *, in_dir: bool = False) -> Iterator[Document | Failure]:
        folder = os.path.dirname(os.path.abspath(path))
        opener = gzip.open if path.lower().endswith(".gz") else open
        try:
            fh = opener(path, "rt", encoding="utf-8", errors="replace")
        except OSError as exc:
            yield _failure(NotFound(f"cannot read the file: {exc}", origin=path), path)
            return
        with fh:
            if in_dir and not _is_documents_jsonl(path):
                log.info("skipping %s: not a documents JSONL", path)
                return
            for item in jsonl.parse_jsonl(fh, path):
                if isinstance(item, Failure):
                    yield item
                    continue
                origin, obj = item
                doc = jsonl.document_from_line(obj, origin, folder)
                if isinstance(doc, Failure):
                    yield doc
                elif doc == "url":
                    yield from self._jsonl_url(obj, origin)
                elif doc.path is not None:
                    yield from self._jsonl_file(doc)
                else:
                    yield doc

    def _jsonl_file(self, doc: Document) -> Iterator[Document | Failure]:
        self.seen_paths.add(os.path.realpath(doc.path))
        try:
            doc.data = read_bounded(doc.path, self.settings.max_bytes)
        except InputError as exc:
            yield _failure(exc, doc.origin, doc.id)
            return
        yield doc

    def _jsonl_url(self, obj: dict, origin: str) -> Iterator[Document | Failure]:
        for item in self.read_url(str(obj["url"]), page_only=True):
            if isinstance(item, Failure):
                item.origin = f"{origin} ({item.origin})"
                item.doc_id = jsonl._str(obj.get("id"))
                yield item
                continue
            for key in ("id", "published", "outlet", "title"):
                if obj.get(key) is not None:
                    setattr(item, key, jsonl._str(obj[key]))
            yield item

    # -- the web ----------------------------------------------------------------------
    def read_url(self, url: str, *, page_only: bool = False, depth: int = 0,
                 ) -> Iterator[Document | Failure]:
        from .urls import normalise
        norm = normalise(url)
        if norm in self.seen_urls:
            log.info("skipping %s: already read in this run", url)
            return
        self.seen_urls.add(norm)
        try:
            resp = self.fetcher.fetch(norm)
        except InputError as exc:
            # origin: the URL the user gave; the message names the hop that failed
            yield Failure(url, exc.code, str(exc))
            return
        kind = None if page_only else sniff(resp.body[:4096])
        if kind and depth < 2:
            yield from self._container(kind, resp.body, resp.url, resp.url, depth=depth)
            return
        try:
            yield page_document(resp, origin=url)
        except InputError as exc:
            yield _failure(exc, url)

    def _container(self, kind: str, data: bytes, origin: str, base_url: str | None,
                   depth: int = 0) -> Iterator[Document | Failure]:
        if kind == "warc":
            from .warc import read_warc
            yield from read_warc(io.BytesIO(data), origin, self)
        elif kind == "feed":
            from .feeds import read_feed
            yield from read_feed(data, origin, self)
        else:
            from .sitemap import read_sitemap
            yield from read_sitemap(data, origin, self, depth=depth)


def page_document(resp, *, origin: str) -> Document:
    """A Document from a fetched page: decoded with its HTTP charset, HTML or text."""
    from .urls import normalise

    ctype = (resp.content_type or "").lower()
    url = normalise(resp.url)  # the final URL, after redirects
    if ctype.startswith("text/plain"):
        return Document(text=decode(resp.body, charset=resp.charset, origin=origin),
                        url=url, origin=origin, retrieved=now_iso())
    if "html" in ctype or "xml" in ctype:
        return Document(html=decode(resp.body, charset=resp.charset, origin=origin),
                        url=url, origin=origin, retrieved=now_iso())
    # Unknown type: let to_article sniff (and refuse binary).
    return Document(data=resp.body, url=url, origin=origin, retrieved=now_iso())


def _hidden(path: str) -> bool:
    return any(part.startswith(".") and part not in {".", ".."} for part in path.split(os.sep))


def _suffix_ok(name: str) -> bool:
    low = name.lower()
    if low.endswith(".gz"):
        low = low[:-3]
    return low.endswith(DIR_SUFFIXES)


def _is_documents_jsonl(path: str) -> bool:
    """Whether the first parseable line of a JSONL file is a document (not e.g. gold.jsonl)."""
    import json
    opener = gzip.open if path.lower().endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                return jsonl.is_documents_line(json.loads(line))
            except json.JSONDecodeError:
                continue
    return False


def read_documents(sources: Iterable | str | Document, *, settings: Settings | None = None,
                   fetcher=None) -> Iterator[Document | Failure]:
    """Every document of every source, or a Failure for what cannot be read."""
    settings = settings or load_settings()
    if isinstance(sources, (str, Document, os.PathLike)):
        sources = [sources]
    reader = Reader(settings, fetcher)
    try:
        for source in sources:
            origin = source.origin if isinstance(source, Document) else os.fspath(source)
            try:
                yield from reader.read(source)
            except InputError as exc:
                yield _failure(exc, origin or "<source>")
            except OSError as exc:
                yield Failure(origin or "<source>", NotFound.code,
                              f"[{NotFound.code}] {origin}: {exc}")
    finally:
        if fetcher is None and reader._fetcher is not None:
            reader._fetcher.close()  # ours: close its connections


def fetch_document(url: str, *, settings: Settings | None = None,
                   fetcher=None) -> Document | Failure:
    """One web page as a Document (or a Failure), never expanded as a feed, sitemap or WARC:
    for servers that fetch a URL a user submitted, where one URL must stay one fetch."""
    settings = settings or load_settings()
    reader = Reader(settings, fetcher)
    try:
        items = list(reader.read_url(url, page_only=True))
    finally:
        if fetcher is None and reader._fetcher is not None:
            reader._fetcher.close()
    return items[0] if items else Failure(url, MalformedInput.code, "nothing was read")
