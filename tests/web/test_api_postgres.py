"""The API on PostgreSQL: the same answers as on SQLite (the store does the SQL)."""
from __future__ import annotations

import csv
import io

import pytest

from tests.graph.conftest import _create_db, _drop_db, pg_server  # noqa: F401 (fixture)

from .conftest import results

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_client(pg_server):  # noqa: F811
    from fastapi.testclient import TestClient

    from diplograph import Graph
    from diplograph.web import create_app

    name, url = _create_db(pg_server)
    graph = Graph(url)
    try:
        graph.add(results())
        with TestClient(create_app(graph)) as client:
            yield client
    finally:
        graph.close()
        _drop_db(pg_server, name)


def test_recognition_and_relations(pg_client):
    body = pg_client.get("/api/recognition/DPR?as_of=2022-07-18").json()
    assert [x["code"] for x in body["recognisers"]] == ["RUS", "SYR", "PRK"]
    abk = pg_client.get("/api/recognition/ABK?as_of=2014-01-01").json()
    assert [x["code"] for x in abk["withdrawn"]] == ["VUT"]
    assert pg_client.get("/api/relations/UKR/PRK?as_of=2022-08-01").json()["status"] == "severed"


def test_events_search_and_downloads(pg_client):
    body = pg_client.get("/api/events?per_page=4&page=3").json()
    assert body["total"] == 11 and len(body["items"]) == 3 and not body["has_next"]
    words = pg_client.get("/api/events", params={"q": "LATEST capital"}).json()
    assert [e["source"]["code"] for e in words["items"]] == ["PRK"]
    prk = words["items"][0]["id"]
    assert len(pg_client.get(f"/api/events/{prk}").json()["mentions"]) == 2
    rows = list(csv.DictReader(io.StringIO(
        pg_client.get("/api/events?format=csv&type=recognize&target=DPR").text)))
    assert {r["source.code"] for r in rows} == {"RUS", "SYR", "PRK"}
    assert pg_client.get("/api/events/nope").status_code == 404


def test_pages_render(pg_client):
    for path in ("/", "/entity/DPR", "/dyad/UKR/PRK", "/search?q=korea", "/document/hostile-1"):
        r = pg_client.get(path)
        assert r.status_code == 200, path
    assert "&lt;script&gt;" in pg_client.get("/document/hostile-1").text
