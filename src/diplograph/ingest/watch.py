"""The feed watcher: poll feeds (or sitemaps), hand each new article to a coder and a sink.

Composition is injected (``code`` makes a CodeResult from a Document, ``sink`` stores a
list of them), so this module stays in the ingest layer; the CLI wires it to
``api.code_document`` and ``Graph.add``. What was seen survives restarts in a small JSON
state file: per feed its ETag and Last-Modified, and every article URL handled.

Stopping: ``stop`` (an Event) is checked between documents and while sleeping; writes
(the sink, the state file) run inside ``critical`` so a signal handler can tell whether it
may interrupt at once (see cli/watch.py).
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..errors import DiplographError, InputError, UsageError
from ..model import CodeResult, Document, Failure
from ..settings import Settings
from .feeds import Entry, parse_feed
from .reader import Reader, is_url, sniff
from .sitemap import parse_sitemap
from .urls import normalise

MAX_SEEN = 200_000  # article URLs remembered; the oldest are forgotten first
MAX_ATTEMPTS = 3  # polls on which a transiently failing article is tried again
TRANSIENT = {"DG110"}  # network errors, timeouts, 5xx: worth another try later
_CLIENT_ERROR = re.compile(r"HTTP 4(?!29)\d\d")  # 404, 410...: final, not transient


def is_transient(failure: Failure) -> bool:
    return failure.code in TRANSIENT and not _CLIENT_ERROR.search(failure.message)


def parse_interval(text: str) -> float:
    """Seconds from '90', '30s', '15m', '1h', '1h30m', '1d'."""
    text = str(text).strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        seconds = float(text)
    else:
        parts = re.findall(r"(\d+(?:\.\d+)?)\s*([smhd])", text)
        if not parts or re.sub(r"(\d+(?:\.\d+)?)\s*([smhd])", "", text).strip():
            raise UsageError(f"bad interval {text!r}", hint="Use e.g. 30s, 15m, 1h or 1h30m.")
        unit = {"s": 1, "m": 60, "h": 3600, "d": 86400}
        seconds = sum(float(n) * unit[u] for n, u in parts)
    if seconds <= 0:
        raise UsageError("the interval must be more than 0", hint="Use e.g. 15m.")
    return seconds


def state_path_for(db: str) -> str:
    """The state file beside a SQLite database; for other stores, in the current folder."""
    import hashlib

    db = str(db)
    if db.startswith("sqlite:///"):
        db = db[len("sqlite:///"):]
    if "://" not in db and db not in ("", ":memory:") and not db.startswith("sqlite:"):
        return db + ".watch.json"
    return f"diplograph-watch-{hashlib.sha256(db.encode()).hexdigest()[:10]}.json"


@dataclass
class WatchState:
    path: str
    feeds: dict[str, dict] = field(default_factory=dict)
    seen: dict[str, str] = field(default_factory=dict)  # url -> when handled
    attempts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str) -> "WatchState":
        if not os.path.exists(path):
            return cls(path)
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, json.JSONDecodeError) as exc:
            from ..errors import ConfigError
            raise ConfigError(f"cannot read the watch state {path}: {exc}",
                              hint="Fix or delete the state file (seen articles are then "
                                   "read again; the store ignores what it already has).")
        return cls(path, data.get("feeds", {}), data.get("seen", {}), data.get("attempts", {}))

    def save(self) -> None:
        if len(self.seen) > MAX_SEEN:
            keep = sorted(self.seen.items(), key=lambda kv: kv[1])[-MAX_SEEN:]
            self.seen = dict(keep)
        folder = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".watch-", suffix=".json", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"feeds": self.feeds, "seen": self.seen, "attempts": self.attempts},
                      fh, indent=0, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)  # atomic: a reader sees the old or the new state


@dataclass
class PollReport:
    feed: str
    status: str = "ok"  # ok | not-modified | failed
    entries: int = 0
    new: int = 0
    ingested: int = 0
    failed: int = 0
    events: int = 0
    message: str = ""

    def __str__(self) -> str:
        if self.status == "failed":
            return f"{self.feed}: failed: {self.message}"
        if self.status == "not-modified":
            return f"{self.feed}: not modified"
        return (f"{self.feed}: {self.entries} entries, {self.new} new, {self.ingested} "
                f"ingested ({self.events} events), {self.failed} failed")


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class Watcher:
    def __init__(self, feeds: list[str], *, settings: Settings, state: WatchState,
                 code: Callable[[Document], CodeResult],
                 sink: Callable[[list[CodeResult]], object],
                 log: Callable[[str], None] = lambda line: None,
                 fetcher=None):
        self.sources, self.settings, self.state = list(feeds), settings, state
        self.code, self.sink, self.log = code, sink, log
        self._fetcher = fetcher
        self.stop = threading.Event()
        self.in_critical = False

    @property
    def fetcher(self):
        if self._fetcher is None:
            from .http import Fetcher
            self._fetcher = Fetcher(self.settings)
        return self._fetcher

    @contextlib.contextmanager
    def critical(self) -> Iterator[None]:
        """Writes that a signal must not cut in half."""
        self.in_critical = True
        try:
            yield
        finally:
            self.in_critical = False

    # -- feeds ------------------------------------------------------------------------
    def feeds(self) -> list[str]:
        """Feed URLs and feed files; list files (one feed a line) are read at every poll."""
        out: list[str] = []
        for source in self.sources:
            if is_url(source):
                out.append(source)
            elif os.path.isfile(source):
                with open(source, "rb") as fh:
                    head = fh.read(4096)
                if sniff(head) in ("feed", "sitemap"):
                    out.append(source)
                    continue
                with open(source, encoding="utf-8", errors="replace") as fh:
                    out.extend(ln.strip() for ln in fh
                               if ln.strip() and not ln.lstrip().startswith("#"))
            else:
                self.log(f"{source}: no such feed URL, feed file or list file")
        return list(dict.fromkeys(out))

    def _get_feed(self, feed: str) -> tuple[bytes | None, dict]:
        """The feed's bytes (None when not modified) and the validators to remember."""
        memo = self.state.feeds.get(feed, {})
        if not is_url(feed):
            mtime = str(os.stat(feed).st_mtime_ns)
            if memo.get("mtime") == mtime:
                return None, memo
            with open(feed, "rb") as fh:
                return fh.read(self.settings.max_bytes), {"mtime": mtime}
        headers = {}
        if memo.get("etag"):
            headers["If-None-Match"] = memo["etag"]
        if memo.get("last_modified"):
            headers["If-Modified-Since"] = memo["last_modified"]
        resp = self.fetcher.fetch(feed, headers=headers)
        if resp.status == 304:
            return None, memo
        return resp.body, {"etag": resp.headers.get("etag"),
                           "last_modified": resp.headers.get("last-modified")}

    def entries(self, feed: str, data: bytes) -> list[Entry]:
        base = feed if is_url(feed) else None
        if sniff(data[:4096]) == "sitemap":
            kind, items = parse_sitemap(data, feed)
            if kind == "sitemapindex":
                raise InputError("a sitemap index is not watched; watch its sitemaps",
                                 origin=feed)
            return [Entry(link=loc, title=None, published=None, id=loc, content=None)
                    for loc, _ in items]
        return parse_feed(data, base)

    # -- polling ----------------------------------------------------------------------
    def poll_once(self) -> list[PollReport]:
        self.fetcher.robots.clear()  # robots.txt is read again at each poll
        reports = []
        for feed in self.feeds():
            if self.stop.is_set():
                break
            reports.append(self.poll_feed(feed))
            self.log(str(reports[-1]))
        return reports

    def poll_feed(self, feed: str) -> PollReport:
        report = PollReport(feed)
        try:
            data, memo = self._get_feed(feed)
            if data is None:
                report.status = "not-modified"
                return report
            entries = self.entries(feed, data)
        except (DiplographError, OSError) as exc:
            report.status, report.message = "failed", str(exc)
            return report
        report.entries = len(entries)
        reader = Reader(self.settings, self.fetcher)
        for entry in reversed(entries):  # feeds list the newest first
            if self.stop.is_set():
                return report  # validators not saved: the rest is read next time
            if not entry.link:
                continue
            url = normalise(entry.link)
            if url in self.state.seen:
                continue
            report.new += 1
            self._handle(entry, url, reader, report)
        with self.critical():
            self.state.feeds[feed] = {**memo, "checked": _now()}
            self.state.save()
        return report

    def _handle(self, entry: Entry, url: str, reader: Reader, report: PollReport) -> None:
        from .feeds import entry_documents

        reader.seen_urls.discard(url)
        results: list[CodeResult] = []
        for item in entry_documents(entry, reader):
            if isinstance(item, Failure):
                results.append(CodeResult(origin=item.origin, failure=item))
            else:
                results.append(self.code(item))
        failures = [r.failure for r in results if r.failure]
        transient = failures and all(is_transient(f) for f in failures)
        if transient:
            tries = self.state.attempts.get(url, 0) + 1
            if tries < MAX_ATTEMPTS:
                self.state.attempts[url] = tries
                report.failed += 1
                self.log(f"  ! {url}: {failures[0].message} (will retry, attempt {tries})")
                return
        with self.critical():
            try:
                self.sink(results)
            except DiplographError as exc:  # e.g. the database is locked or down
                report.failed += 1
                self.log(f"  ! {url}: not stored: {exc} (will retry)")
                return
            self.state.seen[url] = _now()
            self.state.attempts.pop(url, None)
            self.state.save()
        for res in results:
            if res.failure:
                report.failed += 1
                self.log(f"  ! {url}: {res.failure.message}")
            else:
                report.ingested += 1
                report.events += len(res.events)
                self.log(f"  + {url} ({len(res.events)} events)")

    def run(self, every: float, *, once: bool = False) -> list[PollReport]:
        """Poll until stopped (or once); the reports of the last poll."""
        reports: list[PollReport] = []
        while not self.stop.is_set():
            started = time.monotonic()
            reports = self.poll_once()
            if once:
                return reports
            # Event.wait wakes at once when stop is set (SIGTERM).
            self.stop.wait(max(0.0, every - (time.monotonic() - started)))
        return reports
