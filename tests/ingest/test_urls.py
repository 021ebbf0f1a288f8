"""ingest.urls: normalisation and the address policy."""
from __future__ import annotations

import pytest

from diplograph.errors import FetchRefused
from diplograph.ingest.urls import check_url, normalise


def test_tracking_parameters_and_fragments_go():
    a = normalise("https://News.Example.org:443/world/story-1?utm_source=tw&utm_medium=social#top")
    b = normalise("https://news.example.org/world/story-1?fbclid=abc123")
    c = normalise("https://news.example.org/world/story-1")
    assert a == b == c == "https://news.example.org/world/story-1"


def test_meaningful_parameters_stay():
    assert normalise("https://example.org/article?id=42&utm_campaign=x") == \
        "https://example.org/article?id=42"


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://localhost:8000/x",
                                 "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data",
                                 "http://[::1]/", "http://0.0.0.0/"])
def test_private_hosts_are_refused(url):
    with pytest.raises(FetchRefused):
        check_url(url, allow_private=False)
    check_url(url, allow_private=True)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/", "javascript:alert(1)",
                                 "http:///nohost", "http://user:secret@example.org/"])
def test_bad_urls_are_refused(url):
    with pytest.raises(FetchRefused):
        check_url(url, allow_private=True)
