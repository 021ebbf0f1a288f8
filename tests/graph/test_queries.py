"""Answers: recognition and relations over time, event filters, documents, actors."""
from __future__ import annotations

import pytest

from diplograph.errors import QueryError

from .factory import event, result, simple


@pytest.fixture
def seeded(graph):
    graph.add([
        result("n1", "2022-07-18", [
            event("n1", "PRK", "DPR", "recognize", "2022-07-13", start=0),
            event("n1", "RUS", "DPR", "recognize", background=True, start=100),
            event("n1", "SYR", "DPR", "recognize", background=True, start=100),
            event("n1", "UKR", "PRK", "sever_relations", "2022-07-13", start=200),
            event("n1", "UKR", "PRK", "condemn", "2022-07-13", start=300),
            event("n1", "ZZZ", "DPR", "recognize", polarity="hypothetical", start=400),
            event("n1", "GEO", "DPR", "recognize", "2022-07", polarity="negated", start=500),
        ], url="https://news.example/n1", outlet="News"),
    ])
    return graph


def codes(rows):
    return [r["code"] for r in rows]


def test_recognition_as_of_the_report(seeded):
    ans = seeded.recognition("DPR", as_of="2022-07-18")
    assert ans["entity"]["code"] == "DPR" and ans["as_of"] == "2022-07-18"
    assert sorted(codes(ans["recognisers"])) == ["PRK", "RUS", "SYR"]
    by = {r["code"]: r for r in ans["recognisers"]}
    assert by["PRK"]["since"] == "2022-07-13" and by["PRK"]["date_precision"] == "day"
    assert by["RUS"]["since"] is None and by["RUS"]["known_by"] == "2022-07-18"
    assert all(r["status"] == "recognises" for r in ans["recognisers"])
    sentence = by["PRK"]["events"][0]["evidence"]["sentence"]
    assert "PRK did recognize" in sentence
    assert by["PRK"]["events"][0]["mentions"][0]["url"] == "https://news.example/n1"
    assert codes(ans["refuses"]) == ["GEO"]  # negated recognition; hypothetical ZZZ is nothing


def test_recognition_before_the_events(seeded):
    ans = seeded.recognition("DPR", as_of="2022-07-12")
    assert codes(ans["recognisers"]) == []  # undated ones are known only from their report
    ans = seeded.recognition("DPR", as_of="2022-07-15")
    assert codes(ans["recognisers"]) == ["PRK"]


def test_withdrawal_ends_recognition(graph):
    graph.add([simple("k1", "2008-02-20", ("AAA", "XKX", "recognize", "2008-02-19")),
               simple("k2", "2019-11-03", ("AAA", "XKX", "withdraw_recognition", "2019-11-02"))])
    assert codes(graph.recognition("XKX", "2010-01-01")["recognisers"]) == ["AAA"]
    later = graph.recognition("XKX", "2020-01-01")
    assert codes(later["recognisers"]) == [] and codes(later["withdrawn"]) == ["AAA"]
    assert later["withdrawn"][0]["since"] == "2019-11-02"


def test_a_recognised_claim_or_government_is_no_recognition_of_the_state(graph):
    """"AAA recognised BBB's sovereignty over a territory" and "CCC does not recognise the
    junta as BBB's government" say nothing of BBB's statehood."""
    graph.add([result("s1", "2020-12-11", [
        event("s1", "AAA", "BBB", "recognize", "2020-12-10", scope="sovereignty over the territory"),
        event("s1", "CCC", "BBB", "recognize", "2020-12-10", polarity="negated",
              scope="the junta as government of BBB", start=100),
        event("s1", "DDD", "BBB", "recognize", "2020-12-10", start=200)])])
    ans = graph.recognition("BBB", "2021-01-01")
    assert codes(ans["recognisers"]) == ["DDD"]
    assert codes(ans["refuses"]) == []


def test_relations_move_through_states(seeded):
    seeded.add([simple("r1", "1995-01-10", ("UKR", "PRK", "establish_relations", "1995-01-09")),
                simple("r2", "2030-03-02", ("PRK", "UKR", "restore_relations", "2030-03-01"))])
    assert seeded.relations("UKR", "PRK", "2000-01-01")["status"] == "established"
    ans = seeded.relations("UKR", "PRK", as_of="2022-07-18")
    assert (ans["status"], ans["since"]) == ("severed", "2022-07-13")
    assert {ev["type"] for ev in ans["timeline"]} == {"establish_relations", "sever_relations",
                                                       "condemn"}
    assert seeded.relations("PRK", "UKR", "2031-01-01")["status"] == "restored"
    assert seeded.relations("UKR", "SYR", "2022-07-18")["status"] == "unknown"


def test_contradicting_reports_show_the_conflict(graph):
    graph.add([
        simple("g1", "2008-08-30", ("GEO", "RUS", "sever_relations", "2008-08-29"), outlet="A"),
        simple("g2", "2008-08-30", ("GEO", "RUS", "sever_relations", "2008-08-29"), outlet="B"),
        simple("g3", "2008-08-30", ("GEO", "RUS", "downgrade_relations", "2008-08-29"), outlet="C"),
    ])
    ans = graph.relations("GEO", "RUS", "2009-01-01")
    assert ans["status"] == "severed"  # two sources against one
    assert [ev["type"] for ev in ans["conflicts"]] == ["downgrade_relations"]


def test_event_filters_and_counts(seeded):
    assert seeded.count_events() == 7
    assert codes([e["source"] for e in seeded.events(type="recognize", polarity="asserted")]) \
        and seeded.count_events(type="recognize", polarity="asserted") == 3
    assert seeded.count_events(source="UKR") == 2
    assert seeded.count_events(target="PRK", type="condemn") == 1
    # undated ones count by their report date; the month-precise one overlaps both sides
    assert seeded.count_events(since="2022-07-14") == 4
    assert seeded.count_events(until="2022-07-13") == 4
    assert seeded.count_events(q="SEVER_RELATIONS") == 1
    page = seeded.events(limit=2, offset=0) + seeded.events(limit=5, offset=2)
    assert len({e["id"] for e in page}) == 7


def test_bad_queries_raise_query_error(seeded):
    with pytest.raises(QueryError):
        seeded.events(type="invade")
    with pytest.raises(QueryError):
        seeded.recognition("DPR", as_of="last tuesday")
    with pytest.raises(QueryError):
        seeded.recognition("No Such Place Anywhere")
    with pytest.raises(QueryError):
        seeded.relations("UKR", "UKR")


def test_event_document_actors_entity(seeded):
    ev = seeded.events(type="sever_relations")[0]
    full = seeded.event(ev["id"])
    assert full["mentions"][0]["doc_id"] == "n1" and full["source"]["name"] == "UKR land"
    assert seeded.event("nope") is None
    doc = seeded.document("n1")
    assert doc["url"] == "https://news.example/n1" and len(doc["events"]) == 7
    assert seeded.document("nope") is None
    assert "PRK" in codes(seeded.actors()) and codes(seeded.actors(q="prk")) == ["PRK"]
    ent = seeded.entity("PRK")
    assert ent["name"] == "PRK land" and ent["counts"]["as_target"] == 2
    assert ent["counts"]["as_source"] == 1


def test_to_pandas_and_export(seeded, tmp_path):
    df = seeded.to_pandas()
    assert len(df) == 7 and {"source", "target", "num_mentions", "urls"} <= set(df.columns)
    out = tmp_path / "e.jsonl"
    assert seeded.export("jsonl", out, type="recognize") == 5
    assert out.read_text().count("\n") == 5


def test_text_search_takes_wildcards_literally(seeded):
    assert seeded.count_events(q="%") == 0
    assert seeded.count_events(q="_") == 1  # only "sever_relations" has an underscore
    assert seeded.count_events(q="did recognize") == 5
