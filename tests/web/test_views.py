"""Pure helpers behind the pages: safe links, highlighting, the timeline, CSV flattening."""
from __future__ import annotations

import csv
import io

import pytest

from diplograph.web.downloads import csv_chunks, flatten
from diplograph.web.views import highlight, safe_url, timeline


@pytest.mark.parametrize("url,ok", [
    ("https://example.org/a", True), ("http://example.org", True),
    ("javascript:alert(1)", False), (" JavaScript:alert(1)", False), ("data:text/html,x", False),
    ("//evil.example/x", False), ("vbscript:x", False), ("", False), (None, False),
    ("http:///nohost", False),
])
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) == ok


def test_highlight_marks_exactly_the_evidence():
    text = "First sentence here. The evidence sentence. Last one."
    start = text.index("The evidence")
    end = start + len("The evidence sentence.")
    segs = highlight(text, start, end)
    assert [s["text"] for s in segs if s["mark"]] == ["The evidence sentence."]
    assert "".join(s["text"] for s in segs) == text
    assert highlight(text, 10, 5) == [] and highlight(text, 0, 999) == []


def test_highlight_trims_long_context():
    text = "a" * 1000 + "EVIDENCE" + "b" * 1000
    segs = highlight(text, 1000, 1008, around=10)
    assert segs[0]["text"] == "…" + "a" * 10 and segs[2]["text"] == "b" * 10 + "…"


def test_timeline_places_events_in_date_order():
    evs = [{"id": "1", "date": "2020-06", "type": "condemn"},
           {"id": "2", "date": "2022-01-01", "type": "sever_relations"},
           {"id": "3", "date": None, "type": "meet"}]
    tl = timeline(evs, width=500)
    xs = {p["event"]["id"]: p["x"] for p in tl["points"]}
    assert 0 < xs["1"] < xs["2"] < 500
    assert [e["id"] for e in tl["undated"]] == ["3"]
    assert tl["ticks"][0]["label"] == "2020"
    assert timeline([], width=500)["points"] == []


def test_flatten_and_csv():
    row = {"id": "x", "source": {"code": "RUS", "role": None}, "plover": {"context": ["a"]},
           "evidence": {"sentence": "=HYPERLINK(\"http://e\")"}}
    flat = flatten(row)
    assert flat["source.code"] == "RUS" and flat["plover.context"] == '["a"]'
    out = list(csv.DictReader(io.StringIO("".join(csv_chunks([row])))))
    assert out[0]["evidence.sentence"].startswith("'=")
    assert out[0]["source.role"] == ""
