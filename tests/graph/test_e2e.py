"""End to end with the real coder: sources -> coding -> store -> answers."""
from __future__ import annotations

import json

import pytest

from diplograph.facade import Graph

pytestmark = pytest.mark.shared


@pytest.fixture(scope="session")
def seed_results(shared_data):
    from diplograph.api import code_documents

    return list(code_documents([str(shared_data / "seed")]))


@pytest.fixture
def seeded(store_url, seed_results):
    with Graph(store_url) as g:
        summary = g.add(seed_results)
        assert summary.documents_failed == 0
        yield g


def test_seed_recognition_of_dpr(seeded):
    ans = seeded.recognition("DPR", as_of="2022-07-18")
    assert sorted(r["code"] for r in ans["recognisers"]) == ["PRK", "RUS", "SYR"]
    for r in ans["recognisers"]:
        assert r["since"] or r["known_by"]
        assert r["events"] and r["events"][0]["evidence"]["sentence"]
    prk = next(r for r in ans["recognisers"] if r["code"] == "PRK")
    assert prk["since"] == "2022-07-13"
    json.dumps(ans)  # the answer is plain JSON


def test_seed_recognition_before_north_korea(seeded):
    ans = seeded.recognition("DPR", as_of="2022-07-01")
    assert "PRK" not in {r["code"] for r in ans["recognisers"]}
    for r in ans["recognisers"]:
        assert (r["since"] or r["known_by"]) <= "2022-07-01"


def test_seed_relations_ukraine_north_korea(seeded):
    ans = seeded.relations("UKR", "PRK")
    assert ans["status"] == "severed" and ans["since"] == "2022-07-13"
    assert any(ev["type"] == "sever_relations" for ev in ans["timeline"])


def test_ingesting_a_folder_twice_changes_no_count(tmp_path, shared_data):
    with Graph(str(tmp_path / "twice.db")) as g:
        first = g.ingest([str(shared_data / "seed")], progress=False)
        counts = g.stats()
        again = g.ingest([str(shared_data / "seed")], progress=False)
        after = g.stats()
    assert first.documents_new == 1 and again.documents_unchanged == 1
    assert again.events_new == again.events_merged == 0
    counts.pop("runs"), after.pop("runs")
    assert after == counts


@pytest.mark.slow
def test_ingesting_dev_twice_changes_no_count(tmp_path, shared_data):
    with Graph(str(tmp_path / "dev.db")) as g:
        g.ingest([str(shared_data / "dev")], progress=False)
        counts = g.stats()
        again = g.ingest([str(shared_data / "dev")], progress=False)
        after = g.stats()
        assert g.check() == []
    assert again.documents_new == 0 and again.events_new == 0 and again.events_merged == 0
    counts.pop("runs"), after.pop("runs")
    assert after == counts


def test_two_copies_under_different_urls_are_one_event(tmp_path):
    text = ("Lisbon, 3 March 2021. Portugal established diplomatic relations with Bhutan on "
            "Tuesday, the foreign ministry in Lisbon said in a statement.")
    src = tmp_path / "copies.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"copy{i}", "text": text, "url": url,
                                         "published": "2021-03-03"})
                             for i, url in enumerate(["https://a.example/portugal-bhutan",
                                                      "https://b.example/wire/123"])) + "\n")
    with Graph(str(tmp_path / "copies.db")) as g:
        summary = g.ingest([str(src)], progress=False)
        assert summary.documents_failed == 0
        evs = g.events(type="establish_relations")
        if not evs:
            pytest.skip("the coder found no event in the test sentence")
        assert len(evs) == 1
        assert evs[0]["num_mentions"] == 2 and evs[0]["num_sources"] == 2
