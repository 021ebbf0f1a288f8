"""One run over every kind of web page and failure (ingest.reader + ingest.http +
ingest.clean): each case is read or refused with a coded, recorded reason; the run completes."""
from __future__ import annotations

from datetime import date

from diplograph.ingest import read_documents, to_article
from diplograph.model import Failure



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
               b + "/private/secret", b + "/plain.txt", b + "/article/three",
               b + "/redirect/file"]
    site.slow_seconds = 1.5
    articles, failures = run(sources, settings)
    assert set(articles) == {b + "/article/one", b + "/article/two", b + "/plain.txt",
                             b + "/article/three"}
    codes = {origin.replace(b, ""): f.code for origin, f in failures.items()}
    assert codes == {"/slow": "DG110", "/huge": "DG112", "/binary": "DG102",
                     "/image.png": "DG111", "/article/none": "DG110", "/error": "DG110",
                     "/private/secret": "DG111", "/redirect/file": "DG111"}
    assert "file:///etc/passwd" in failures[b + "/redirect/file"].message
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


def test_fetch_document_reads_one_page_only(site, settings):
    from diplograph.ingest.reader import fetch_document
    from diplograph.model import Document
    doc = fetch_document(site.base + "/feed.rss", settings=settings)
    assert isinstance(doc, Document) and not any(k.startswith("/article") for k in site.hits)
    fail = fetch_document(site.base + "/image.png", settings=settings)
    assert isinstance(fail, Failure) and fail.code == "DG111"
