"""A small news site on 127.0.0.1 for the ingest tests: pages, feeds, a sitemap, and
every way a fetch can go wrong. The texts are written for these tests."""
from __future__ import annotations

import gzip
import io
import threading
import time
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLES = {
    "one": ("Freedonia opens an embassy in Sylvania",
            "2023-03-14",
            "The government of Freedonia opened an embassy in the Sylvanian capital on "
            "Tuesday, the foreign ministry said in a statement. The two countries have "
            "traded goods for decades, but they had no resident ambassadors until now. "
            "Officials from both sides said the move would help their farmers and ports."),
    "two": ("Harbour talks resume after a long pause",
            "2023-04-02",
            "Negotiators from the two neighbours met again at the harbour town on Sunday, "
            "after talks broke down last year over fishing quotas. A spokesman said the "
            "meeting was friendly and that another round would follow in the summer."),
    "three": ("Minister visits the northern provinces",
              "2023-05-20",
              "The foreign minister of Sylvania visited the northern provinces on Saturday "
              "and spoke with local leaders about the new border crossing. She said the "
              "crossing would open to trucks before the end of the year."),
    "four": ("Trade fair draws visitors from abroad",
             "2023-06-11",
             "A trade fair in the old port drew visitors from eleven countries this week. "
             "Organisers said that the number of stands had doubled since the last fair "
             "and that they expect even more companies to come next spring."),
}


def page(slug: str, *, with_date: bool = True) -> str:
    title, published, body = ARTICLES[slug]
    meta = (f'<meta property="article:published_time" content="{published}T08:00:00Z">'
            if with_date else "")
    paras = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>{paras}</article>"
            f"<footer>Copyright The Test Gazette</footer></body></html>")


def rss(base: str, slugs: list[str], tracking: bool = True) -> str:
    items = []
    for slug in slugs:
        title, published, _ = ARTICLES[slug]
        when = format_datetime(datetime.fromisoformat(published).replace(
            hour=8, tzinfo=timezone.utc))
        link = f"{base}/article/{slug}" + ("?utm_source=rss&utm_medium=feed" if tracking else "")
        items.append(f"<item><title>{title}</title><link>{link}</link>"
                     f"<guid>{base}/article/{slug}</guid><pubDate>{when}</pubDate></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>The Test Gazette</title><link>{base}/</link>"
            f"<description>Test news</description>{''.join(items)}</channel></rss>")


def atom(base: str, slugs: list[str]) -> str:
    entries = []
    for slug in slugs:
        title, published, _ = ARTICLES[slug]
        entries.append(f"<entry><title>{title}</title><link href='{base}/article/{slug}'/>"
                       f"<id>tag:test,{slug}</id><updated>{published}T08:00:00Z</updated>"
                       f"<published>{published}T08:00:00Z</published></entry>")
    return ('<?xml version="1.0" encoding="utf-8"?>'
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette</title>'
            f"<id>tag:test,feed</id><updated>2023-06-11T08:00:00Z</updated>{''.join(entries)}</feed>")


def sitemap(base: str, slugs: list[str]) -> str:
    urls = "".join(f"<url><loc>{base}/article/{s}</loc><lastmod>2024-01-01</lastmod></url>"
                   for s in slugs)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')


def sitemap_index(base: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{base}/sitemap.xml</loc></sitemap>"
            f"<sitemap><loc>{base}/missing-sitemap.xml</loc></sitemap></sitemapindex>")


class Site:
    """Mutable state the handler reads: tests change the feed while a watcher runs."""

    def __init__(self):
        self.feed_slugs = ["one", "two"]
        self.hits: dict[str, int] = {}
        self.agents: list[str] = []
        self.huge_bytes = 3_000_000
        self.slow_seconds = 3.0
        self.lock = threading.Lock()
        self.feed_etag_requests: list[str | None] = []
        self.warc = b""


def make_handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet tests
            pass

        def _send(self, status: int, body: bytes | str = b"", ctype: str = "text/html; charset=utf-8",
                  headers: dict | None = None):
            if isinstance(body, str):
                body = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_GET(self):  # noqa: N802
            base = f"http://{self.headers['Host']}"
            path = self.path.split("?", 1)[0]
            with site.lock:
                site.hits[path] = site.hits.get(path, 0) + 1
                site.agents.append(self.headers.get("User-Agent", ""))
                hits = site.hits[path]
            if path == "/robots.txt":
                return self._send(200, "User-agent: *\nDisallow: /private/\n", "text/plain")
            if path.startswith("/article/"):
                slug = path.rsplit("/", 1)[1]
                if slug in ARTICLES:
                    return self._send(200, page(slug))
                return self._send(404, "<html><body>Not found</body></html>")
            if path == "/plain.txt":
                return self._send(200, "Harbour notes\n\n" + ARTICLES["two"][2], "text/plain; charset=utf-8")
            if path == "/latin1":
                body = page("three").replace("minister", "ministre").encode("utf-8")
                body = body.replace(b"ministre", "ministère".encode("latin-1"))
                return self._send(200, body, "text/html; charset=iso-8859-1")
            if path == "/feed.rss":
                etag = f'"v{len(site.feed_slugs)}"'
                site.feed_etag_requests.append(self.headers.get("If-None-Match"))
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", headers={"ETag": etag})
                return self._send(200, rss(base, site.feed_slugs), "application/rss+xml",
                                  {"ETag": etag})
            if path == "/feed.atom":
                return self._send(200, atom(base, ["three", "one"]), "application/atom+xml")
            if path == "/sitemap.xml":
                return self._send(200, sitemap(base, ["one", "four"]), "application/xml")
            if path == "/sitemap-index.xml":
                return self._send(200, sitemap_index(base), "application/xml")
            if path == "/redirect/1":
                return self._send(302, b"", headers={"Location": "/redirect/2"})
            if path == "/redirect/2":
                return self._send(301, b"", headers={"Location": f"{base}/article/two"})
            if path == "/redirect/loop":
                return self._send(302, b"", headers={"Location": "/redirect/loop"})
            if path == "/redirect/file":
                return self._send(302, b"", headers={"Location": "file:///etc/passwd"})
            if path == "/private/secret":
                return self._send(200, page("one"))
            if path == "/slow":
                time.sleep(site.slow_seconds)
                return self._send(200, page("one"))
            if path == "/huge":
                return self._send(200, b"<html><body><p>" + b"word " * (site.huge_bytes // 5))
            if path == "/huge-chunked":
                return self._chunked(site.huge_bytes)
            if path == "/binary":
                return self._send(200, bytes(range(256)) * 20, "application/octet-stream")
            if path == "/image.png":
                return self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")
            if path == "/error":
                return self._send(500, "<html><body>Internal error</body></html>")
            if path == "/flaky":
                if hits == 1:
                    return self._send(503, "busy")
                return self._send(200, page("four"))
            if path == "/archive.warc.gz":
                return self._send(200, site.warc, "application/warc")
            return self._send(404, "<html><body>Not found</body></html>")

        def _chunked(self, total: int):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"<p>" + b"word " * 2000 + b"</p>"
            sent = 0
            try:
                while sent < total:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    sent += len(chunk)
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


def serve(site: Site):
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site))
    server.daemon_threads = True
    server.handle_error = lambda request, address: None  # clients hang up on huge pages
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def gz(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as fh:
        fh.write(data)
    return buf.getvalue()


def make_warc(records: list[tuple[str, str, bytes, str]], *, gzip_it: bool = True) -> bytes:
    """A WARC file with one response record per (uri, WARC-Date, body, content type),
    plus a request record before each, as crawlers write them."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip_it)
    for uri, when, body, ctype in records:
        request = f"GET {uri} HTTP/1.1\r\nUser-Agent: test\r\n\r\n".encode()
        req = writer.create_warc_record(uri, "request", payload=io.BytesIO(request),
                                        warc_headers_dict={"WARC-Date": when})
        writer.write_record(req)
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype),
                                              ("Content-Length", str(len(body)))],
                                   protocol="HTTP/1.1")
        rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                        http_headers=headers,
                                        warc_headers_dict={"WARC-Date": when})
        writer.write_record(rec)
    return buf.getvalue()
