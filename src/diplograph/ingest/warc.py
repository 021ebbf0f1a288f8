"""WARC and ARC files (warcio): each HTTP response record holding HTML or text is a
document, with its target URI as url and its WARC-Date as ``retrieved`` (the crawl date,
not the publication date, which comes from the page itself)."""
from __future__ import annotations

import logging
from collections.abc import Iterator

from ..errors import DocumentTooLarge, InputError, MalformedInput
from ..model import Document, Failure
from .decode import decode
from .http import _content_type
from .urls import normalise

log = logging.getLogger(__name__)

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def read_warc(stream, origin: str, reader) -> Iterator[Document | Failure]:
    """Documents of the response records of a WARC/ARC stream (gzipped or not)."""
    from warcio.archiveiterator import ArchiveIterator

    limit = reader.settings.max_bytes
    n_records = n_docs = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            n_records += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{origin}#{n_records}"
            when = record.rec_headers.get_header("WARC-Date")
            status = record.http_headers.get_statuscode()
            ctype, charset = _content_type(record.http_headers.get_header("Content-Type"))
            if not str(status).startswith("2") or (ctype and not ctype.startswith(PAGE_TYPES)):
                log.debug("warc %s: skipping %s (HTTP %s, %s)", origin, uri, status, ctype)
                continue
            url = normalise(uri)
            if url in reader.seen_urls:
                continue
            reader.seen_urls.add(url)
            body = record.content_stream().read(limit + 1)
            try:
                if len(body) > limit:
                    raise DocumentTooLarge(f"the record is larger than {limit:,} bytes",
                                           origin=uri)
                text = decode(body, charset=charset, origin=uri)
            except InputError as exc:
                yield Failure(uri, exc.code, str(exc))
                continue
            n_docs += 1
            if ctype and ctype.startswith("text/plain"):
                yield Document(text=text, url=url, origin=uri, retrieved=when)
            else:
                yield Document(html=text, url=url, origin=uri, retrieved=when)
    except Exception as exc:  # warcio raises many kinds (AttributeError, EOFError...) on bad input
        err = MalformedInput(f"not a readable WARC/ARC file after {n_records} record(s): {exc}",
                             origin=origin)
        yield Failure(origin, err.code, str(err))
    log.info("warc %s: %d records, %d documents", origin, n_records, n_docs)
