"""POST /api/documents: off without a token, Bearer token required, limits, URL policy."""
from __future__ import annotations

import http.server
import threading

import pytest
from fastapi.testclient import TestClient

from diplograph.web import create_app

TOKEN = "s3cret-token-for-tests"
TEXT = ("Published on a quiet Monday. The government of Freedonia said on Monday that "
        "Ruritania had recognised the independence of Kosovo.")


@pytest.fixture()
def graph(tmp_path):
    from diplograph import Graph

    g = Graph(str(tmp_path / "ingest.db"))
    yield g
    g.close()


def client_for(graph, **kw) -> TestClient:
    return TestClient(create_app(graph, **kw))


def test_writes_are_off_without_a_server_token(graph):
    c = client_for(graph)
    r = c.post("/api/documents", json={"text": TEXT},
               headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and "--token" in r.json()["message"]
    assert graph.documents() == []


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}", "Bearer",
                                    f"Bearer {TOKEN}x"])
def test_a_wrong_or_missing_token_is_401(graph, header):
    c = client_for(graph, token=TOKEN)
    headers = {"Authorization": header} if header else {}
    r = c.post("/api/documents", json={"text": TEXT}, headers=headers)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert graph.documents() == []


def test_other_methods_stay_read_only(graph):
    c = client_for(graph, token=TOKEN)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert c.delete("/api/documents/x", headers=auth).status_code == 405
    assert c.put("/api/events/x", headers=auth, json={}).status_code == 405


@pytest.mark.parametrize("kwargs,status", [
    ({"json": {"text": TEXT, "colour": "red"}}, 422),
    ({"json": {"text": TEXT, "url": "https://example.org/"}}, 422),
    ({"json": {}}, 422),
    ({"json": ["not", "an", "object"]}, 422),
    ({"json": {"text": 42}}, 422),
    ({"json": {"text": TEXT, "published": "last week"}}, 422),
    ({"content": b"{broken", "headers": {"Content-Type": "application/json"}}, 422),
    ({"content": b"x", "headers": {"Content-Type": "application/pdf"}}, 415),
    ({"content": b"\xff\xfe\xfa", "headers": {"Content-Type": "text/plain"}}, 422),
])
def test_bad_bodies_are_refused(graph, kwargs, status):
    c = client_for(graph, token=TOKEN)
    headers = {"Authorization": f"Bearer {TOKEN}", **kwargs.pop("headers", {})}
    r = c.post("/api/documents", headers=headers, **kwargs)
    assert r.status_code == status, r.text
    assert r.json()["message"]


def test_upload_size_is_limited(graph):
    c = client_for(graph, token=TOKEN, max_upload_bytes=1000)
    r = c.post("/api/documents", content=("x" * 1001).encode(),
               headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"})
    assert r.status_code == 413


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/page", "http://localhost/x",
                                 "http://10.1.2.3/a", "http://[::1]/b", "http://169.254.169.254/",
                                 "file:///etc/passwd", "javascript:alert(1)"])
def test_private_and_odd_urls_are_refused(graph, url):
    c = client_for(graph, token=TOKEN)
    r = c.post("/api/documents", json={"url": url}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "DG111"
    assert graph.documents() == []


def test_text_is_ingested_with_the_token(graph):
    c = client_for(graph, token=TOKEN)
    r = c.post("/api/documents", json={"id": "posted-1", "text": TEXT, "published": "2024-03-04",
                                       "title": "A posted story"},
               headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["documents"][0]["id"] == "posted-1" and body["documents"][0]["failure"] is None
    stored = c.get("/api/documents/posted-1").json()
    assert stored["title"] == "A posted story" and "Ruritania" in stored["text"]
    again = c.post("/api/documents", json={"id": "posted-1", "text": TEXT,
                                           "published": "2024-03-04"},
                   headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.status_code == 201
    assert len(graph.documents()) == 1  # re-posting changes nothing


def test_raw_html_body_is_ingested(graph):
    c = client_for(graph, token=TOKEN)
    html = (f"<html><head><title>Raw post</title></head><body><article><p>{TEXT}</p>"
            f"<p>{TEXT.replace('Kosovo', 'Somaliland')}</p></article></body></html>")
    r = c.post("/api/documents?published=2024-03-04&id=raw-1", content=html.encode(),
               headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/html"})
    assert r.status_code == 201, r.text
    assert "Ruritania" in c.get("/api/documents/raw-1").json()["text"]


@pytest.fixture()
def local_site():
    page = (f"<html><head><title>Local page</title></head><body><article><p>{TEXT}</p>"
            f"<p>{TEXT}</p></article></body></html>").encode()

    items = "".join(f"<item><title>Story {i}</title><link>/story.html?{i}</link></item>"
                    for i in range(5))
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}'
            "</channel></rss>").encode()
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            body, ctype = {"/story.html": (page, "text/html; charset=utf-8"),
                           "/feed.xml": (feed, "application/rss+xml")}.get(
                               self.path.split("?")[0], (None, None))
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield base, hits
    server.shutdown()


def test_a_local_url_is_fetched_only_when_allowed(graph, local_site):
    base, hits = local_site
    local_site = base + "/story.html"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    refused = client_for(graph, token=TOKEN).post("/api/documents", json={"url": local_site},
                                                  headers=auth)
    assert refused.status_code == 422 and refused.json()["code"] == "DG111"
    c = client_for(graph, token=TOKEN, allow_private_urls=True)
    r = c.post("/api/documents", json={"url": local_site, "published": "2024-03-04"}, headers=auth)
    assert r.status_code == 201, r.text
    docs = graph.documents()
    assert len(docs) == 1 and docs[0]["url"] == local_site


def test_a_posted_feed_is_one_fetch_not_many(graph, local_site):
    base, hits = local_site
    c = client_for(graph, token=TOKEN, allow_private_urls=True)
    r = c.post("/api/documents", json={"url": base + "/feed.xml"},
               headers={"Authorization": f"Bearer {TOKEN}"})
    assert [h for h in hits if h.startswith("/story")] == []  # no entry was fetched
    assert r.status_code in (201, 422), r.text
