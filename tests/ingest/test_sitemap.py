"""ingest.sitemap: urlset and sitemapindex, over HTTP and from files."""
from __future__ import annotations

from diplograph.ingest import read_documents
from diplograph.model import Document, Failure


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
