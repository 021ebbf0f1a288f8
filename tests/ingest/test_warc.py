"""ingest.warc: a WARC file written with warcio, read with each record's URL and date."""
from __future__ import annotations

from datetime import date

import pytest

from diplograph.ingest import read_documents, to_article
from diplograph.model import Document, Failure

from .site import make_warc


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


def test_arc_files_are_read_too(tmp_path, settings):
    from .site import page
    body = page("four").encode()
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body)) + body
    desc = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    data = (b"filedesc://crawl.arc 0.0.0.0 20230101000000 text/plain %d\n" % len(desc) + desc
            + b"\nhttp://news.example/fair 192.0.2.1 20230612093000 text/html %d\n" % len(http)
            + http + b"\n")
    path = tmp_path / "crawl.arc"
    path.write_bytes(data)
    (doc,) = list(read_documents([str(path)], settings=settings))
    assert (doc.url, doc.retrieved) == ("http://news.example/fair", "2023-06-12T09:30:00Z")
    assert to_article(doc, settings=settings).title == "Trade fair draws visitors from abroad"
