"""Server-rendered pages and their JSON twins (no browser needed)."""
from __future__ import annotations

import re

import pytest


def prk_event_id(client) -> str:
    return client.get("/api/events?source=PRK&type=recognize").json()["items"][0]["id"]


@pytest.mark.parametrize("path", ["/", "/entity/DPR", "/dyad/UKR/PRK", "/search?q=korea",
                                  "/document/wire-1", "/entity/DPR?as_of=2022-07-01"])
def test_pages_render_and_link_their_json_twin(client, path):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    twin = re.search(r'<a class="twin" href="([^"]+)"', r.text).group(1).replace("&amp;", "&")
    j = client.get(twin)
    assert j.status_code == 200 and j.headers["content-type"] == "application/json"


def test_event_page_and_twin(client):
    eid = prk_event_id(client)
    html = client.get(f"/event/{eid}").text
    assert "Pyongyang became the latest capital" in html
    assert html.count('<mark class="evidence-mark">') == 2
    twin = client.get(f"/event/{eid}.json").json()
    assert twin["event"]["id"] == eid and len(twin["mentions"]) == 2
    assert {m["url"] for m in twin["mentions"]} == {"https://news.example.org/wire-1",
                                                    "https://daily.example.net/story"}


def test_entity_twin_holds_what_the_page_shows(client):
    body = client.get("/entity/DPR.json?as_of=2022-07-01").json()
    assert body["entity"]["code"] == "DPR" and body["as_of"] == "2022-07-01"
    assert [r["code"] for r in body["recognition"]["recognisers"]] == ["RUS", "SYR"]
    assert len(body["events"]) == 3
    assert body["slider"]["min"] <= "2022-02-21" <= body["slider"]["max"]
    html = client.get("/entity/DPR?as_of=2022-07-01").text
    assert 'data-as-of="2022-07-01"' in html and '<script src="/static/map.js"' in html


def test_entity_by_name_uses_its_code(client):
    body = client.get("/entity/Russia.json").json()
    assert body["entity"]["code"] == "RUS"


def test_dyad_twin_and_timeline(client):
    body = client.get("/dyad/UKR/PRK.json?as_of=2022-08-01").json()
    assert body["relations"]["status"] == "severed"
    assert len(body["timeline"]["points"]) == 2
    html = client.get("/dyad/UKR/PRK?as_of=2022-08-01").text
    assert html.count('<circle class="pt') == 2 and ">severed<" in html


def test_search_page_filters(client):
    html = client.get("/search?q=&type=recognize&source=&polarity=&since=2022-07&until=").text
    assert html.count('class="event-row"') == 1  # only PRK's recognition is dated July 2022
    html = client.get("/search?type=sign_agreement").text
    assert html.count('class="event-row"') == 1 and "1963" in html


def test_hostile_text_is_escaped_in_html(client):
    html = client.get("/document/hostile-1").text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert "<b onmouseover" not in client.get("/search?q=paris").text
    eid = client.get("/api/events?source=FRA&type=praise_or_thank").json()["items"][0]["id"]
    page = client.get(f"/event/{eid}").text
    assert "<b onmouseover" not in page and "&lt;b onmouseover" in page
    assert "<script>alert" not in page and 'href="javascript:' not in page


def test_no_inline_scripts_or_styles_anywhere(client):
    for path in ("/", "/entity/DPR", "/dyad/UKR/PRK", "/search?q=a", "/document/wire-1"):
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert " style=" not in html and "<style" not in html, path
        # nothing loads from elsewhere (links to articles are fine: they load nothing)
        assert not re.search(r'src="(https?:)?//', html), path
        assert not re.search(r'<link[^>]+href="(https?:)?//', html), path


def test_pages_link_their_downloads(client):
    html = client.get("/search?type=recognize&target=DPR").text
    link = re.search(r'href="(/api/events\?[^"]*format=csv)"', html).group(1).replace("&amp;", "&")
    r = client.get(link)
    assert r.status_code == 200 and r.text.count("\n") == 4  # a header and three events
    html = client.get("/entity/DPR?as_of=2022-07-18").text
    link = re.search(r'href="(/api/recognition/DPR\?[^"]*format=jsonl)"', html).group(1)
    assert len(client.get(link.replace("&amp;", "&")).text.splitlines()) == 3
    html = client.get("/dyad/UKR/PRK").text
    assert re.search(r'href="/api/relations/UKR/PRK\?[^"]*format=csv"', html)


def test_an_emptied_date_field_means_today(client):
    r = client.get("/dyad/UKR/PRK?as_of=")
    assert r.status_code == 200 and ">severed<" in r.text
