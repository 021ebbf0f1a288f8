"""The watcher loop with an injected coder and sink (no NLP, no store)."""
from __future__ import annotations

import json
import threading

import pytest

from diplograph.errors import UsageError
from diplograph.ingest.watch import Watcher, WatchState, parse_interval, state_path_for
from diplograph.model import Article, CodeResult


class Sink:
    def __init__(self):
        self.results: list[CodeResult] = []

    def __call__(self, results):
        self.results.extend(results)

    @property
    def urls(self):
        return [r.article.url for r in self.results if r.ok]


def fake_code(doc):
    return CodeResult(origin=doc.origin, article=Article(id=doc.url, text="x", url=doc.url,
                                                         title=doc.title))


def make(site, settings, tmp_path, sink, feeds=None):
    state = WatchState.load(str(tmp_path / "db.watch.json"))
    return Watcher(feeds or [site.base + "/feed.rss"], settings=settings, state=state,
                   code=fake_code, sink=sink)


def test_new_entries_are_ingested_once_and_remembered_across_restarts(site, settings, tmp_path):
    sink = Sink()
    w = make(site, settings, tmp_path, sink)
    (report,) = w.poll_once()
    assert (report.entries, report.new, report.ingested) == (2, 2, 2)
    assert sorted(sink.urls) == [site.base + "/article/one", site.base + "/article/two"]
    # unchanged feed: a conditional GET answered 304
    (report,) = w.poll_once()
    assert report.status == "not-modified" and site.feed_etag_requests[-1] == '"v2"'
    # a new entry appears
    site.feed_slugs = ["three", "one", "two"]
    (report,) = w.poll_once()
    assert (report.new, report.ingested) == (1, 1)
    assert sink.urls[-1] == site.base + "/article/three"
    assert sink.results[-1].article.title == "Minister visits the northern provinces"
    # a restart: the state file remembers what was seen
    site.feed_slugs = ["four", "three", "one", "two"]
    saved = json.loads((tmp_path / "db.watch.json").read_text())
    assert site.base + "/article/three" in saved["seen"]
    sink2 = Sink()
    w2 = make(site, settings, tmp_path, sink2)
    (report,) = w2.poll_once()
    assert (report.new, report.ingested) == (1, 1)
    assert sink2.urls == [site.base + "/article/four"]
    assert site.hits["/article/one"] == 1


def test_failures_are_recorded_and_transient_ones_retried(site, settings, tmp_path):
    from .site import rss
    feed = tmp_path / "local.xml"
    xml = rss(site.base, ["one"]).replace("/article/one", "/error").replace(
        "</channel>", f"<item><title>Gone</title><link>{site.base}/article/gone</link>"
                      "</item></channel>")
    feed.write_text(xml, encoding="utf-8")
    sink = Sink()
    w = make(site, settings, tmp_path, sink, feeds=[str(feed)])
    (report,) = w.poll_once()
    assert report.failed == 2
    # the 404 is final: stored as a failure and marked seen; the 500 will be tried again
    assert [(r.failure.code, "404" in r.failure.message) for r in sink.results] == [
        ("DG110", True)]
    assert site.base + "/error" not in w.state.seen
    feed.write_text(xml + " ", encoding="utf-8")  # touched: read again
    for _ in range(2):
        w.poll_once()
        feed.write_text(feed.read_text() + " ", encoding="utf-8")
    assert site.base + "/error" in w.state.seen  # given up after 3 attempts
    assert len(sink.results) == 2


def test_list_files_and_bad_feeds(site, settings, tmp_path):
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# my feeds\n{site.base}/feed.atom\n\n{site.base}/article/none\n"
                       f"{site.base}/sitemap.xml\n", encoding="utf-8")
    sink = Sink()
    w = make(site, settings, tmp_path, sink, feeds=[str(listing), str(tmp_path / "nope")])
    reports = w.poll_once()
    assert [r.status for r in reports] == ["ok", "failed", "ok"]
    assert "HTTP 404" in reports[1].message
    assert sorted(set(sink.urls)) == [site.base + "/article/four", site.base + "/article/one",
                                      site.base + "/article/three"]


def test_run_stops_promptly_when_asked(site, settings, tmp_path):
    w = make(site, settings, tmp_path, Sink())
    thread = threading.Thread(target=w.run, args=(3600,))
    thread.start()
    while not w.state.feeds:
        thread.join(0.05)
    w.stop.set()
    thread.join(2)
    assert not thread.is_alive()


@pytest.mark.parametrize("text,seconds", [("90", 90), ("30s", 30), ("15m", 900),
                                          ("1h30m", 5400), ("1d", 86400), ("0.5s", 0.5)])
def test_parse_interval(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "15x", "0", "5m later"])
def test_bad_intervals(text):
    with pytest.raises(UsageError):
        parse_interval(text)


def test_state_path():
    assert state_path_for("x/graph.db") == "x/graph.db.watch.json"
    assert state_path_for("sqlite:///x/graph.db") == "x/graph.db.watch.json"
    assert state_path_for("postgresql://u@h/db").startswith("diplograph-watch-")


def test_a_store_error_is_logged_and_the_article_retried(site, settings, tmp_path):
    from diplograph.errors import StoreError

    calls = []

    def failing_sink(results):
        calls.append(results)
        if len(calls) == 1:
            raise StoreError("database is locked")

    lines = []
    w = make(site, settings, tmp_path, failing_sink)
    w.log = lines.append
    (report,) = w.poll_once()
    assert report.failed == 1 and report.ingested == 1
    assert any("not stored" in ln and "database is locked" in ln for ln in lines)
    site.feed_slugs = ["three", "one", "two"]
    (report,) = w.poll_once()
    assert report.ingested == 2  # the article that was not stored, and the new one
