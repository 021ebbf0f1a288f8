"""One run over every kind of web source: pages, feeds, sitemaps, WARC and every failure.

Each case is read or refused with a coded, recorded reason; the run always completes.
(Named after what it tests, the web sources of ingest.reader, feeds, sitemap and warc.)
"""
from __future__ import annotations

from datetime import date

import pytest

from diplograph.ingest import read_documents, to_article
from diplograph.model import Document, Failure

from .site import make_warc


def run(sources, settings):
    """(articles by url, failures by origin) of one read + clean run."""
    articles, failures = {}, {}
    for item in read_documents(sources, settings=settings):
        if isinstance(item, Failure):
            failures[item.origin] = item
            continue
        try:
            art = to_article(item, settings=settings)
        except Exception as exc:  # InputError: recorded as a failure by the API
            failures[item.origin] = Failure(item.origin, exc.code, str(exc))
            continue
        articles[art.url] = art
    return articles, failures


def test_a_run_over_every_case_completes_with_reasons(site, settings):
    b = site.base
    sources = [b + "/article/one", b + "/redirect/1", b + "/slow", b + "/huge",
               b + "/binary", b + "/image.png", b + "/article/none", b + "/error",
               b + "/private/secret", b + "/plain.txt", b + "/article/three"]
    site.slow_seconds = 1.5
    articles, failures = run(sources, settings)
    assert set(articles) == {b + "/article/one", b + "/article/two", b + "/plain.txt",
                             b + "/article/three"}
    codes = {origin.replace(b, ""): f.code for origin, f in failures.items()}
    assert codes == {"/slow": "DG110", "/huge": "DG112", "/binary": "DG102",
                     "/image.png": "DG111", "/article/none": "DG110", "/error": "DG110",
                     "/private/secret": "DG111"}
    assert "HTTP 404" in failures[b + "/article/none"].message
    assert "robots.txt" in failures[b + "/private/secret"].message
    one = articles[b + "/article/one"]
    assert one.title == "Freedonia opens an embassy in Sylvania"
    assert one.published == date(2023, 3, 14) and one.published_from == "html"
    assert "Copyright" not in one.text and "opened an embassy" in one.text
    assert articles[b + "/plain.txt"].text.startswith("Harbour notes")


def test_declared_http_charset_is_used(site, settings):
    articles, failures = run([site.base + "/latin1"], settings)
    assert not failures
    assert "ministère" in next(iter(articles.values())).text


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


def test_sitemap_and_sitemap_index(site, settings):
    items = list(read_documents([site.base + "/sitemap-index.xml"], settings=settings))
    docs = [i for i in items if isinstance(i, Document)]
    fails = [i for i in items if isinstance(i, Failure)]
    assert [d.url for d in docs] == [site.base + "/article/one", site.base + "/article/four"]
    assert [(f.origin, f.code) for f in fails] == [(site.base + "/missing-sitemap.xml", "DG110")]


def test_local_feed_and_sitemap_files(site, settings, tmp_path):
    from .site import rss, sitemap
    (tmp_path / "news.xml").write_text(rss(site.base, ["four"]), encoding="utf-8")
    (tmp_path / "map.xml").write_text(sitemap(site.base, ["two"]), encoding="utf-8")
    docs = list(read_documents([str(tmp_path)], settings=settings))
    assert sorted(d.url for d in docs) == [site.base + "/article/four", site.base + "/article/two"]


@pytest.mark.parametrize("gzip_it", [True, False])
def test_warc_records_keep_their_url_and_date(tmp_path, settings, gzip_it):
    from .site import page
    data = make_warc([
        ("https://news.example/one?utm_source=x", "2023-03-15T10:00:00Z", page("one").encode(),
         "text/html; charset=utf-8"),
        ("https://news.example/logo.png", "2023-03-15T10:00:01Z", b"\x89PNG\r\n", "image/png"),
        ("https://news.example/two", "2023-04-03T11:00:00Z", page("two", with_date=False).encode(),
         "text/html"),
    ], gzip_it=gzip_it)
    path = tmp_path / ("crawl.warc.gz" if gzip_it else "crawl.warc")
    path.write_bytes(data)
    docs = list(read_documents([str(path)], settings=settings))
    assert [(d.url, d.retrieved) for d in docs] == [
        ("https://news.example/one", "2023-03-15T10:00:00Z"),
        ("https://news.example/two", "2023-04-03T11:00:00Z")]
    arts = [to_article(d, settings=settings) for d in docs]
    assert arts[0].published == date(2023, 3, 14)  # from the page, not the crawl date
    assert arts[1].title == "Harbour talks resume after a long pause"


def test_warc_over_http(site, settings):
    from .site import page
    site.warc = make_warc([("https://news.example/three", "2023-05-21T00:00:00Z",
                            page("three").encode(), "text/html")])
    docs = list(read_documents([site.base + "/archive.warc.gz"], settings=settings))
    assert [(d.url, d.retrieved) for d in docs] == [("https://news.example/three",
                                                      "2023-05-21T00:00:00Z")]


def test_a_broken_warc_is_a_recorded_failure(tmp_path, settings):
    path = tmp_path / "broken.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort")
    good = tmp_path / "good.txt"
    good.write_text("A short note about harbour talks.", encoding="utf-8")
    items = list(read_documents([str(path), str(good)], settings=settings))
    assert isinstance(items[-1], Document) and items[-1].path == str(good)
    assert all(isinstance(i, Failure) and i.code == "DG105" for i in items[:-1])
