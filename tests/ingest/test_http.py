"""ingest.http against a local site: every way a fetch goes right or wrong."""
from __future__ import annotations

from dataclasses import replace

import pytest

from diplograph.errors import FetchError, FetchRefused, FetchTooLarge
from diplograph.ingest.http import Fetcher


@pytest.fixture
def fetcher(settings):
    f = Fetcher(settings, sleep=lambda s: None)
    yield f
    f.close()


def test_fetches_a_page_with_our_user_agent(site, fetcher, settings):
    resp = fetcher.fetch(site.base + "/article/one")
    assert resp.status == 200
    assert b"Freedonia opens an embassy" in resp.body
    assert resp.content_type == "text/html" and resp.charset == "utf-8"
    assert settings.user_agent in site.agents


def test_follows_bounded_redirects(site, fetcher):
    resp = fetcher.fetch(site.base + "/redirect/1")
    assert resp.url.endswith("/article/two")
    assert b"Harbour talks" in resp.body
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher.fetch(site.base + "/redirect/loop")
    assert site.hits["/redirect/loop"] == 6


def test_redirect_to_another_scheme_is_refused(site, fetcher):
    with pytest.raises(FetchRefused, match="scheme 'file'"):
        fetcher.fetch(site.base + "/redirect/file")


def test_slow_page_times_out_after_retries(site, fetcher):
    site.slow_seconds = 2.0
    with pytest.raises(FetchError, match="timed out.*after 2 attempts"):
        fetcher.fetch(site.base + "/slow")


def test_huge_pages_stop_at_the_cap(site, fetcher):
    with pytest.raises(FetchTooLarge, match="announces 3,000,"):
        fetcher.fetch(site.base + "/huge")
    with pytest.raises(FetchTooLarge, match="larger than the limit"):
        fetcher.fetch(site.base + "/huge-chunked")


def test_content_type_is_checked(site, fetcher):
    with pytest.raises(FetchRefused, match="content type 'image/png'"):
        fetcher.fetch(site.base + "/image.png")


def test_404_is_not_retried_and_500_is(site, fetcher):
    with pytest.raises(FetchError, match="HTTP 404") as info:
        fetcher.fetch(site.base + "/article/nowhere")
    assert not isinstance(info.value, FetchRefused)
    assert site.hits["/article/nowhere"] == 1
    with pytest.raises(FetchError, match="HTTP 500 after 2 attempts"):
        fetcher.fetch(site.base + "/error")
    assert site.hits["/error"] == 2


def test_a_transient_503_is_retried_with_backoff(site, settings):
    waits = []
    fetcher = Fetcher(settings, sleep=waits.append, backoff=0.25)
    resp = fetcher.fetch(site.base + "/flaky")
    assert resp.status == 200 and b"Trade fair" in resp.body
    assert waits == [0.25]


def test_robots_txt_is_respected_and_cached(site, fetcher):
    with pytest.raises(FetchRefused, match="robots.txt disallows"):
        fetcher.fetch(site.base + "/private/secret")
    fetcher.fetch(site.base + "/article/one")
    assert "/private/secret" not in site.hits
    assert site.hits["/robots.txt"] == 1


def test_loopback_is_refused_unless_allowed(site, settings):
    strict = Fetcher(replace(settings, allow_private_urls=False))
    with pytest.raises(FetchRefused, match="private or local address"):
        strict.fetch(site.base + "/article/one")
    with pytest.raises(FetchRefused, match="private or local address"):
        strict.fetch(site.base.replace("127.0.0.1", "localhost") + "/article/one")
    assert not site.hits, "nothing may reach the server"


def test_the_connect_time_guard_refuses_too(site, settings):
    """Even if the pre-check were bypassed, the network backend checks the address."""
    strict = Fetcher(replace(settings, allow_private_urls=False), respect_robots=False)
    with pytest.raises(FetchRefused):
        strict.client.get(site.base + "/article/one")
    assert not site.hits


@pytest.mark.parametrize("url", ["ftp://example.org/a", "file:///etc/passwd",
                                 "gopher://example.org/", "http://user:pw@example.org/"])
def test_other_schemes_and_credentials_are_refused(fetcher, url):
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)


def test_public_address_check():
    from diplograph.ingest.urls import is_public
    assert is_public("93.184.216.34")
    for private in ["10.0.0.1", "192.168.1.1", "172.16.0.1", "127.0.0.1", "169.254.169.254",
                    "::1", "fe80::1", "0.0.0.0", "::ffff:127.0.0.1", "fd00::1"]:
        assert not is_public(private), private
