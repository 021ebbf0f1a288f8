"""ingest.feeds: RSS and Atom entries fetched with their title and date."""
from __future__ import annotations

from datetime import date

from diplograph.ingest import read_documents
from diplograph.model import Document

from .test_web_run import run


def test_rss_feed_entries_are_fetched_with_title_and_date(site, settings):
    site.feed_slugs = ["one", "two", "three"]
    articles, failures = run([site.base + "/feed.rss"], settings)
    assert not failures
    # tracking parameters are stripped from the entry links
    assert sorted(articles) == [site.base + f"/article/{s}" for s in ("one", "three", "two")]
    two = articles[site.base + "/article/two"]
    assert two.title == "Harbour talks resume after a long pause"
    assert two.published == date(2023, 4, 2) and two.published_from == "jsonl"


def test_atom_feed_and_duplicates_under_tracking_parameters(site, settings):
    sources = [site.base + "/article/one?utm_source=newsletter&utm_campaign=x",
               site.base + "/feed.atom"]
    items = list(read_documents(sources, settings=settings))
    assert all(isinstance(i, Document) for i in items)
    urls = [i.url for i in items]
    assert urls == [site.base + "/article/one", site.base + "/article/three"]
    assert site.hits["/article/one"] == 1
    assert items[1].published == "2023-05-20"
