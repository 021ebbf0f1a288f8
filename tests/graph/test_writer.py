"""The single writer: idempotent re-ingest, copies, merging, failures, atomic batches."""
from __future__ import annotations

import pytest

from diplograph.graph import schema as s

from .factory import event, failed, result, simple


def test_reingesting_the_same_documents_changes_nothing(graph):
    docs = [simple("d1", "2022-07-18", ("PRK", "DPR", "recognize", "2022-07-13")),
            simple("d2", "2022-07-19", ("UKR", "PRK", "sever_relations", "2022-07-13"))]
    first = graph.add(docs)
    assert (first.documents_new, first.events_new) == (2, 2)
    before = graph.stats()
    again = graph.add(docs)
    assert again.documents_unchanged == 2
    assert (again.documents_new, again.events_new, again.events_merged) == (0, 0, 0)
    after = graph.stats()
    after.pop("runs"), before.pop("runs")
    assert after == before


def test_same_article_under_another_url_is_one_event_with_two_mentions(graph):
    evs = lambda: [event("a1", "PRK", "DPR", "recognize", "2022-07-13")]  # noqa: E731
    graph.add([result("a1", "2022-07-18", evs(), url="https://one.example/story")])
    summary = graph.add([result("a1", "2022-07-18", evs(), url="https://two.example/copy")])
    assert summary.documents_duplicate == 1 and summary.events_merged == 1
    (ev,) = graph.events()
    assert ev["num_mentions"] == 2 and ev["num_sources"] == 2
    full = graph.event(ev["id"])
    assert sorted(m["url"] for m in full["mentions"]) == ["https://one.example/story",
                                                          "https://two.example/copy"]


def test_wire_copy_with_other_spacing_is_marked_duplicate(graph):
    text = "Country A recognised Country B on Monday, officials said."
    graph.add([result("w1", "2020-01-02", [event("w1", "AAA", "BBB", "recognize", "2020-01-01")],
                      text=text, outlet="Wire One")])
    graph.add([result("w2", "2020-01-02", [event("w2", "AAA", "BBB", "recognize", "2020-01-01")],
                      text="  " + text.upper().replace(" ", "  "), outlet="Paper Two")])
    doc = graph.document("w2")
    assert doc["status"] == "duplicate" and doc["duplicate_of"] == "w1"
    (ev,) = graph.events()
    assert (ev["num_mentions"], ev["num_sources"]) == (2, 2)


def test_reports_of_one_claim_merge_with_the_best_date(graph):
    graph.add([
        simple("m1", "2022-07-20", ("PRK", "DPR", "recognize", "2022-07"), outlet="A"),
        simple("m2", "2022-07-14", ("PRK", "DPR", "recognize", "2022-07-13"), outlet="B"),
        result("m3", "2022-08-01", [event("m3", "PRK", "DPR", "recognize", background=True)],
               outlet="C"),
    ])
    (ev,) = graph.events(type="recognize")
    assert ev["date"] == "2022-07-13" and ev["date_precision"] == "day"
    assert (ev["num_mentions"], ev["num_sources"]) == (3, 3)
    assert (ev["first_report"], ev["last_report"]) == ("2022-07-14", "2022-08-01")
    assert ev["background"] is False  # one report was news


def test_disagreeing_days_fall_back_to_their_month(graph):
    graph.add([simple("x1", "2021-03-30", ("AAA", "BBB", "recognize", "2021-03-02"), outlet="A"),
               simple("x2", "2021-03-30", ("AAA", "BBB", "recognize", "2021-03-20"), outlet="B")])
    evs = graph.events()
    # state changes: a dated report joins the same claim only when the dates agree
    assert len(evs) == 2


def test_recurring_events_far_apart_stay_apart(graph):
    graph.add([simple("c1", "2020-01-05", ("USA", "RUS", "condemn", "2020-01-04")),
               simple("c2", "2020-06-05", ("USA", "RUS", "condemn", "2020-06-04")),
               result("c3", "2020-09-01", [event("c3", "USA", "RUS", "condemn")])])
    assert graph.count_events(type="condemn") == 3


def test_contradicting_polarities_are_kept_apart(graph):
    graph.add([simple("p1", "2019-05-01", ("AAA", "XKX", "recognize", "2019-04-30")),
               result("p2", "2019-05-02", [event("p2", "AAA", "XKX", "recognize", "2019-04-30",
                                                 polarity="negated")])])
    assert {e["polarity"] for e in graph.events()} == {"asserted", "negated"}


def test_failures_are_recorded_and_counted(graph):
    summary = graph.add([failed("bad.html"), simple("ok1", "2020-01-01")])
    assert (summary.documents_failed, summary.documents_new) == (1, 1)
    docs = {d["origin"]: d for d in graph.documents()}
    assert docs["bad.html"]["status"] == "failed" and docs["bad.html"]["error_code"] == "DG101"
    assert graph.seen(["bad.html", "ok1.txt", "other"]) == {"ok1.txt"}


def test_a_batch_that_breaks_leaves_the_store_as_before_it(graph):
    def results():
        yield simple("b1", "2020-01-01", ("AAA", "BBB", "meet", "2020-01-01"))
        yield simple("b2", "2020-01-01", ("AAA", "CCC", "meet", "2020-01-01"))
        yield simple("b3", "2020-01-01", ("AAA", "DDD", "meet", "2020-01-01"))
        raise RuntimeError("the coder crashed")

    with pytest.raises(RuntimeError):
        graph.add(results(), batch_size=2)
    assert {d["id"] for d in graph.documents()} == {"b1", "b2"}
    assert graph.check() == []


def test_run_manifest_is_written(graph):
    graph.add([simple("r1", "2020-01-01", ("AAA", "BBB", "meet", "2020-01-01"))],
              manifest={"settings": {"batch_size": 5}})
    with graph.engine.connect() as conn:
        run = conn.execute(s.runs.select()).first()
    assert run.status == "done" and run.package_version and run.inputs == 1
    assert run.inputs_hash and '"batch_size": 5' in run.settings


def test_one_batch_with_single_and_repeated_claims(graph):
    graph.add([simple("s1", "2020-05-02", ("AAA", "BBB", "meet", "2020-05-01"),
                      ("AAA", "CCC", "visit", "2020-05-01"), outlet="A"),
               simple("s2", "2020-05-02", ("AAA", "BBB", "meet", "2020-05-01"), outlet="B")])
    by_type = {e["type"]: e for e in graph.events()}
    assert by_type["meet"]["num_mentions"] == 2 and by_type["visit"]["num_mentions"] == 1
    assert by_type["visit"]["evidence"]["sentence"] and by_type["meet"]["date"] == "2020-05-01"
    assert graph.check() == []


def test_near_identical_wire_copy_is_a_duplicate(graph):
    body = ("Officials in the capital confirmed on Monday that the two governments had agreed "
            "to open embassies within the year, after months of quiet talks mediated by a third "
            "country. The ministers signed a short joint statement and promised regular visits. "
            "Trade delegations are expected to follow in the spring, the statement said.")
    graph.add([result("o1", "2020-03-02", [event("o1", "AAA", "BBB", "establish_relations",
                                                 "2020-03-02")], text="By Desk One. " + body)])
    summary = graph.add([result("o2", "2020-03-03", [event("o2", "AAA", "BBB",
                                                           "establish_relations", "2020-03-02")],
                                text=body + " Reporting by Desk Two; editing by Desk Three.")])
    assert summary.documents_duplicate == 1
    assert graph.document("o2")["duplicate_of"] == "o1"
    other = "A different story about the weather and football results entirely. " * 5
    graph.add([result("o3", "2020-03-03", [], text=other)])
    assert graph.document("o3")["status"] == "ok"


def test_near_copies_in_one_batch_and_across_batches(graph):
    from .test_neardup import OTHER, STORY
    first = graph.add([result("n1", "2021-01-01", [], text=STORY),
                       result("n2", "2021-01-01", [], text="By a stringer. " + STORY),
                       result("n3", "2021-01-01", [], text=OTHER)], batch_size=10)
    assert (first.documents_new, first.documents_duplicate) == (2, 1)
    assert graph.document("n2")["duplicate_of"] == "n1"
    later = graph.add([result("n4", "2021-01-02", [], text=OTHER + " Reporting by the desk."),
                       result("n5", "2021-01-02", [], text=STORY + " Copyright the agency."),
                       result("n6", "2021-01-02", [], text=STORY[::-1])], batch_size=10)
    assert (later.documents_new, later.documents_duplicate) == (1, 2)
    assert graph.document("n4")["duplicate_of"] == "n3"
    assert graph.document("n5")["duplicate_of"] == "n1"
    assert graph.document("n6")["status"] == "ok"


def test_stored_texts_read_once_are_kept_for_later_batches(graph):
    """A stored text compared in one batch is kept (its shingles, its signature) and not
    read again by the next; the decisions are those of a fresh read."""
    from diplograph.graph.writer import _kept

    from .test_neardup import STORY
    graph.add([result("k1", "2021-01-01", [], text=STORY)])
    first = graph.add([result("k2", "2021-01-02", [], text=STORY + " Filed by desk two.")])
    kept = _kept(graph.engine)
    assert "k1" in kept.arrays and kept.sigs.get("k1") is not None
    kept.arrays["k1"] = kept.arrays["k1"][:1]  # what a later batch compares with comes from here
    second = graph.add([result("k3", "2021-01-03", [], text=STORY + " Filed by desk three.")])
    assert first.documents_duplicate == 1
    assert second.documents_duplicate == 0  # the kept (altered) shingles were used, not the text
    kept.arrays.clear()
    third = graph.add([result("k4", "2021-01-04", [], text=STORY + " Filed by desk four.")])
    assert third.documents_duplicate == 1 and graph.document("k4")["duplicate_of"] == "k1"


def test_kept_shingle_arrays_are_bounded_by_count_and_by_bytes():
    import numpy as np

    from diplograph.graph.writer import _Kept

    kept = _Kept()
    kept.ARRAYS, kept.ARRAY_BYTES = 3, 10_000
    for i in range(5):
        kept.keep_array(f"d{i}", np.zeros(100, dtype=np.int64))  # 800 bytes each
    assert list(kept.arrays) == ["d2", "d3", "d4"] and kept.array_bytes == 2400
    kept.array("d2")  # used: now the most recent
    kept.keep_array("big", np.zeros(1000, dtype=np.int64))  # 8,000 bytes: over the byte budget
    assert list(kept.arrays) == ["d4", "d2", "big"] and kept.array_bytes == 9600
    kept.keep_array("big", np.zeros(10, dtype=np.int64))  # kept again: counted once
    assert kept.array_bytes == 1680
    kept.keep_array("huge", np.zeros(2000, dtype=np.int64))  # alone over the budget: not kept
    assert "huge" not in kept.arrays and kept.array_bytes <= kept.ARRAY_BYTES
