"""The REST API: every route, its JSON shape, its errors, downloads."""
from __future__ import annotations

import csv
import io
import json

import pytest


def test_recognition_as_of(client):
    r = client.get("/api/recognition/DPR", params={"as_of": "2022-07-18"})
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {"entity", "as_of", "recognisers", "withdrawn", "refuses"}
    assert body["entity"]["code"] == "DPR" and body["as_of"] == "2022-07-18"
    assert [x["code"] for x in body["recognisers"]] == ["RUS", "SYR", "PRK"]
    prk = body["recognisers"][2]
    assert prk["since"] == "2022-07-13" and prk["status"] == "recognises"
    assert prk["events"][0]["evidence"]["sentence"].startswith("Pyongyang became")
    earlier = client.get("/api/recognition/DPR?as_of=2022-07-01").json()
    assert [x["code"] for x in earlier["recognisers"]] == ["RUS", "SYR"]


def test_recognition_withdrawn_and_refused(client):
    body = client.get("/api/recognition/ABK?as_of=2014-01-01").json()
    assert [x["code"] for x in body["recognisers"]] == ["RUS"]
    assert [(x["code"], x["status"]) for x in body["withdrawn"]] == [("VUT", "withdrawn")]
    assert [(x["code"], x["status"]) for x in body["refuses"]] == [("GEO", "refuses")]
    earlier = client.get("/api/recognition/ABK?as_of=2012-01-01").json()
    assert [x["code"] for x in earlier["recognisers"]] == ["RUS", "VUT"]


def test_relations(client):
    body = client.get("/api/relations/UKR/PRK?as_of=2022-08-01").json()
    assert body["status"] == "severed" and body["since"] == "2022-07-13"
    assert {e["type"] for e in body["timeline"]} == {"sever_relations", "condemn"}
    before = client.get("/api/relations/UKR/PRK?as_of=2022-01-01").json()
    assert before["status"] == "unknown" and before["timeline"] == []


@pytest.mark.parametrize("url", [
    "/api/recognition/DPR?as_of=2022-13-45", "/api/recognition/DPR?as_of=yesterday",
    "/api/relations/UKR/PRK?as_of=2022-02-30", "/api/events?type=hug", "/api/events?polarity=maybe",
    "/api/events?since=2022-99", "/api/events?until=soon", "/api/events?per_page=501",
    "/api/events?page=0", "/api/events?format=xml", "/api/actors?per_page=10000",
    "/api/documents?page=-1", "/api/search?q=" + "x" * 201, "/api/events?source=R%3BDROP",
    "/entity/DPR.json?as_of=nope", "/search.json?type=hug", "/dyad/UKR/PRK.json?as_of=2022-02-31",
])
def test_bad_parameters_are_422_with_a_message(client, url):
    r = client.get(url)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"] == "invalid_parameter" and body["message"]
    assert body["detail"] and body["detail"][0]["loc"]


@pytest.mark.parametrize("url", [
    "/api/events/no-such-event", "/api/documents/no-such-doc", "/api/recognition/no-such-thing",
    "/api/entities/QQQQ", "/api/relations/UKR/no-such", "/event/no-such-event.json",
    "/document/nope.json", "/entity/QQQQ.json", "/api/nothing-here",
])
def test_missing_things_are_404_with_a_message(client, url):
    r = client.get(url)
    assert r.status_code == 404, r.text
    assert r.json()["error"] == "not_found" and r.json()["message"]


def test_bad_parameter_on_a_page_is_an_html_422(client):
    r = client.get("/entity/DPR?as_of=2022-02-31")
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    assert "as_of=" in r.text and "is not a date" in r.text


def test_missing_page_is_an_html_404(client):
    r = client.get("/event/no-such-event", headers={"Accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "no event with id" in r.text


def test_events_filters_and_pages(client):
    body = client.get("/api/events?per_page=2").json()
    assert set(body) == {"items", "page", "per_page", "total", "has_next", "has_prev"}
    assert body["total"] == 11 and len(body["items"]) == 2 and body["has_next"]
    seen = []
    for page in range(1, 7):
        seen += [e["id"] for e in client.get(f"/api/events?per_page=2&page={page}").json()["items"]]
    assert len(seen) == len(set(seen)) == 11
    rec = client.get("/api/events?type=recognize&target=dpr").json()
    assert rec["total"] == 3 and {e["source"]["code"] for e in rec["items"]} == {"RUS", "SYR", "PRK"}
    assert client.get("/api/events?source=UKR&type=condemn").json()["total"] == 1
    dated = client.get("/api/events?since=2022-07&until=2022-07-31").json()
    assert {e["date"] for e in dated["items"]} == {"2022-07-13"}
    words = client.get("/api/events", params={"q": "latest capital"}).json()
    assert [e["source"]["code"] for e in words["items"]] == ["PRK"]
    negated = client.get("/api/events?polarity=negated").json()
    assert [(e["source"]["code"], e["target"]["code"]) for e in negated["items"]] == [("GEO", "ABK")]
    event = body["items"][0]
    for key in ("id", "doc_id", "type", "source", "target", "date", "polarity", "evidence"):
        assert key in event


def test_one_event_has_its_mentions(client):
    prk = client.get("/api/events?source=PRK&type=recognize").json()["items"][0]
    body = client.get(f"/api/events/{prk['id']}").json()
    assert body["id"] == prk["id"]
    assert sorted(m["outlet"] for m in body["mentions"]) == ["Daily Example", "Example Wire"]


def test_actors_entities_documents(client):
    actors = client.get("/api/actors?q=korea").json()
    assert [a["code"] for a in actors["items"]] == ["PRK"] and actors["total"] == 1
    assert len(client.get("/api/actors?per_page=3").json()["items"]) == 3
    ent = client.get("/api/entities/DPR").json()
    assert ent["code"] == "DPR" and ent["name"] == "Donetsk People's Republic"
    docs = client.get("/api/documents").json()
    assert {d["id"] for d in docs["items"]} == {"wire-1", "daily-1", "hostile-1", "abk-1"}
    assert all("text" not in d for d in docs["items"])
    assert [d["id"] for d in client.get("/api/documents?q=daily").json()["items"]] == ["daily-1"]
    doc = client.get("/api/documents/wire-1").json()
    assert doc["text"].startswith("Moscow formally") and doc["outlet"] == "Example Wire"


def test_search(client):
    body = client.get("/api/search?q=korea").json()
    assert set(body) >= {"q", "actors", "events", "documents"}
    assert [a["code"] for a in body["actors"]] == ["PRK"]
    assert [e["source"]["code"] for e in body["events"]["items"]] == ["UKR"]
    body = client.get("/api/search?q=rare").json()
    assert [d["id"] for d in body["documents"]["items"]] == ["daily-1"]


def test_events_csv_download(client):
    r = client.get("/api/events?format=csv&type=recognize&target=DPR")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 3
    assert {row["source.code"] for row in rows} == {"RUS", "SYR", "PRK"}
    assert all(row["evidence.sentence"] for row in rows)


def test_csv_cells_never_start_a_formula(client):
    text = client.get("/api/documents?format=csv").text
    for row in csv.DictReader(io.StringIO(text)):
        assert not any(v.startswith(("=", "+", "@")) for v in row.values())


@pytest.mark.parametrize("url,n", [
    ("/api/events?format=jsonl", 11), ("/api/actors?format=jsonl", None),
    ("/api/documents?format=jsonl", 4), ("/api/recognition/ABK?as_of=2014-01-01&format=jsonl", 3),
    ("/api/recognition/DPR?as_of=2022-07-18&format=jsonl", 3),
    ("/api/relations/UKR/PRK?format=jsonl", 2), ("/api/search?q=korea&format=jsonl", 2),
])
def test_jsonl_downloads(client, url, n):
    r = client.get(url)
    assert r.status_code == 200 and "ndjson" in r.headers["content-type"]
    rows = [json.loads(line) for line in r.text.splitlines()]
    assert rows and all(isinstance(x, dict) for x in rows)
    if n is not None:
        assert len(rows) == n
    csv_rows = list(csv.DictReader(io.StringIO(client.get(url.replace("jsonl", "csv")).text)))
    assert len(csv_rows) == len(rows)


def test_openapi_schema_lists_the_routes(client):
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/recognition/{entity}", "/api/relations/{a}/{b}", "/api/events",
            "/api/events/{event_id}", "/api/actors", "/api/entities/{code}", "/api/documents",
            "/api/documents/{doc_id}", "/api/search"} <= paths
    assert "post" in schema["paths"]["/api/documents"]
    assert not any(p.startswith("/entity") for p in paths)  # pages are not API


def test_no_docs_pages_that_would_load_a_cdn(client):
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


@pytest.mark.parametrize("url", ["/", "/api/events", "/entity/DPR", "/static/map.js",
                                 "/api/events/nope"])
def test_security_headers(client, url):
    h = client.get(url).headers
    csp = h["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "no-referrer"


def test_entities_by_name(client):
    assert client.get("/api/recognition/Donetsk People's Republic?as_of=2022-07-18").json()[
        "entity"]["code"] == "DPR"
    assert client.get("/api/entities/North Korea").json()["code"] == "PRK"
    assert client.get("/api/relations/Ukraine/North Korea?as_of=2022-08-01").json()[
        "status"] == "severed"


class BrokenGraph:
    """A graph whose store fails: the app must answer, not crash or leak a traceback."""

    def events(self, **kw):
        raise RuntimeError("secret internals /etc/db-password")

    def recognition(self, entity, as_of=None):
        from diplograph.errors import StoreError
        raise StoreError("database is locked")


def test_failures_are_answered_without_tracebacks():
    from fastapi.testclient import TestClient

    from diplograph.web import create_app

    c = TestClient(create_app(BrokenGraph()), raise_server_exceptions=False)
    r = c.get("/api/events")
    assert r.status_code == 500 and r.json()["error"] == "internal_error"
    assert "secret" not in r.text and "Traceback" not in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]
    r = c.get("/api/recognition/DPR")
    assert r.status_code == 503 and r.json()["code"] == "DG200"
