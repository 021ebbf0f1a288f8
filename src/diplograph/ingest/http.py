"""Fetching over HTTP(S) with httpx, politely and safely.

- timeouts (settings.fetch_timeout, per connect/read, and as a deadline for the body);
- a size cap: the body is streamed and the fetch stops past settings.max_bytes (DG112);
- content types: HTML, text, XML feeds and sitemaps, WARC and gzip; others refused (DG111);
- redirects followed by hand, at most MAX_REDIRECTS, each hop checked again;
- retries with exponential backoff on 5xx, 429, timeouts and connection errors;
- a clear user agent (settings.user_agent) and robots.txt respected (cached per host);
- no SSRF: only http/https; unless settings.allow_private_urls, hosts resolving to
  private, loopback or link-local addresses are refused before the request and again
  when the connection is made (a guarded network backend), on every redirect.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from ..errors import FetchError, FetchRefused, FetchTooLarge
from ..settings import Settings, load_settings
from .urls import check_address, check_url

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
MAX_BACKOFF = 30.0
ROBOTS_MAX_BYTES = 512_000
REDIRECTS = {301, 302, 303, 307, 308}
RETRY_STATUS = {429, 500, 502, 503, 504}
ALLOWED_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/xml",
                 "application/xml", "application/rss+xml", "application/atom+xml",
                 "application/rdf+xml", "application/warc", "application/gzip",
                 "application/x-gzip", "application/octet-stream")


@dataclass
class Response:
    url: str
    status: int
    body: bytes = b""
    content_type: str | None = None
    charset: str | None = None
    headers: dict = field(default_factory=dict)


class _Retry(Exception):
    def __init__(self, reason: str, wait: float | None = None, status: int | None = None):
        super().__init__(reason)
        self.reason, self.wait, self.status = reason, wait, status


def _http_error(status: int, message: str, url: str) -> FetchError:
    exc = FetchError(message, origin=url)
    exc.status = status  # what robots.txt handling looks at
    return exc


class GuardedBackend(httpcore.SyncBackend):
    """Checks the resolved address at connect time, then connects to that very address."""

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = check_address(host, port, self.allow_private)
        error: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout=timeout,
                                           local_address=local_address,
                                           socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error or httpcore.ConnectError(f"no address for {host}")


def _transport(allow_private: bool) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport()
    pool = getattr(transport, "_pool", None)
    if pool is not None and hasattr(pool, "_network_backend"):
        pool._network_backend = GuardedBackend(allow_private)
    return transport


class Fetcher:
    """An HTTP client for one run (or one watcher): one connection pool, one robots cache."""

    def __init__(self, settings: Settings | None = None, *, transport=None,
                 retries: int | None = None, backoff: float = 0.5, sleep=time.sleep,
                 respect_robots: bool = True):
        self.settings = settings or load_settings()
        self.allow_private = self.settings.allow_private_urls
        self.retries = self.settings.fetch_retries if retries is None else retries
        self.backoff, self.sleep, self.respect_robots = backoff, sleep, respect_robots
        self.robots: dict[str, RobotFileParser | str | None] = {}
        self.client = httpx.Client(
            transport=transport or _transport(self.allow_private), follow_redirects=False,
            timeout=httpx.Timeout(self.settings.fetch_timeout),
            headers={"User-Agent": self.settings.user_agent,
                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,"
                               "text/plain;q=0.8,*/*;q=0.5"})

    def close(self) -> None:
        self.client.close()

    # -- public -----------------------------------------------------------------------
    def fetch(self, url: str, *, headers: dict | None = None,
              max_bytes: int | None = None) -> Response:
        """GET a URL (following redirects); a 304 answer is returned as it is."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, self.allow_private)
            if self.respect_robots:
                self._check_robots(current)
            resp = self._with_retries(current, headers, max_bytes)
            if resp.status in REDIRECTS:
                location = resp.headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {resp.status} redirect without a Location",
                                     origin=url)
                current = urljoin(current, location.strip())
                continue
            return resp
        raise FetchError(f"more than {MAX_REDIRECTS} redirects", origin=url)

    # -- internals --------------------------------------------------------------------
    def _with_retries(self, url: str, headers, max_bytes) -> Response:
        for attempt in range(self.retries + 1):
            try:
                return self._once(url, headers, max_bytes)
            except _Retry as exc:
                if attempt >= self.retries:
                    tries = f" after {attempt + 1} attempts" if attempt else ""
                    raise _http_error(exc.status, f"{exc.reason}{tries}", url) from None
                wait = min(MAX_BACKOFF, exc.wait if exc.wait is not None
                           else self.backoff * 2 ** attempt)
                log.info("retrying %s in %.1fs: %s", url, wait, exc.reason)
                self.sleep(wait)
        raise AssertionError("unreachable")

    def _once(self, url: str, headers, max_bytes) -> Response:
        limit = max_bytes or self.settings.max_bytes
        deadline = time.monotonic() + max(self.settings.fetch_timeout * 3, 1.0)
        try:
            with self.client.stream("GET", url, headers=headers or {}) as r:
                hdrs = {k.lower(): v for k, v in r.headers.items()}
                if r.status_code in REDIRECTS or r.status_code == 304:
                    return Response(url=str(r.url), status=r.status_code, headers=hdrs)
                if r.status_code in RETRY_STATUS:
                    raise _Retry(f"the server answered HTTP {r.status_code}",
                                 _retry_after(hdrs.get("retry-after")), r.status_code)
                if r.status_code >= 400:
                    raise _http_error(r.status_code, f"the server answered HTTP "
                                      f"{r.status_code} ({r.reason_phrase})", url)
                ctype, charset = _content_type(hdrs.get("content-type"))
                if ctype and not ctype.startswith(ALLOWED_TYPES):
                    raise FetchRefused(f"the content type {ctype!r} is not a page, feed, "
                                       "sitemap or WARC", origin=url)
                length = hdrs.get("content-length", "")
                if length.isdigit() and int(length) > limit:
                    raise FetchTooLarge(f"the page announces {int(length):,} bytes, more "
                                        f"than the limit of {limit:,}", origin=url)
                chunks, size = [], 0
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchTooLarge(f"the page is larger than the limit of "
                                            f"{limit:,} bytes", origin=url)
                    if time.monotonic() > deadline:
                        raise _Retry("the page is too slow to arrive")
                    chunks.append(chunk)
                return Response(url=str(r.url), status=r.status_code, body=b"".join(chunks),
                                content_type=ctype, charset=charset, headers=hdrs)
        except httpx.TimeoutException as exc:
            raise _Retry(f"timed out ({type(exc).__name__})") from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            if isinstance(exc, httpx.UnsupportedProtocol):
                raise FetchRefused(f"unsupported protocol: {exc}", origin=url) from None
            raise _Retry(f"network error: {exc}") from None

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}".lower()
        if key not in self.robots:
            try:
                self.robots[key] = self._load_robots(key)
            except FetchError as exc:
                raise FetchError(f"{exc.message} (while reading robots.txt)",
                                 origin=url) from None
        rules = self.robots[key]
        if isinstance(rules, str):
            raise FetchRefused(rules, origin=url)
        if rules is not None and not rules.can_fetch(_agent(self.settings.user_agent), url):
            raise FetchRefused("robots.txt disallows fetching this URL", origin=url,
                               hint="The site asks crawlers not to fetch it; the URL is skipped.")

    def _load_robots(self, base: str) -> RobotFileParser | str | None:
        """Rules, None (everything allowed) or the reason everything is refused."""
        saved, self.respect_robots = self.respect_robots, False
        try:
            resp = self.fetch(base + "/robots.txt", max_bytes=ROBOTS_MAX_BYTES)
        except FetchTooLarge:
            return None
        except FetchRefused:
            raise
        except FetchError as exc:
            status = getattr(exc, "status", None) or 0
            if 400 <= status < 500:
                return None  # no robots.txt: everything is allowed (RFC 9309)
            if status >= 500:
                return "robots.txt is unavailable (server error), so the site is not fetched"
            raise
        finally:
            self.respect_robots = saved
        parser = RobotFileParser()
        parser.parse(resp.body.decode("utf-8", "replace").splitlines())
        return parser


def _agent(user_agent: str) -> str:
    return user_agent.split("/", 1)[0].strip() or "diplograph"


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    parts = [p.strip() for p in value.split(";")]
    charset = None
    for p in parts[1:]:
        if p.lower().startswith("charset="):
            charset = p.split("=", 1)[1].strip("'\" ") or None
    return parts[0].lower() or None, charset


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None
