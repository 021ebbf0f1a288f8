"""Derived state kept up to date batch by batch equals one fold of every stored event."""
from __future__ import annotations

import json
import random
from collections import defaultdict
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from diplograph.graph import derived
from diplograph.graph import schema as s
from diplograph.graph.state import recognition_intervals, relations_intervals
from diplograph.graph.derived import rebuild_all_state

from .factory import event, result

STATE_TYPES = ("recognize", "withdraw_recognition", "establish_relations", "sever_relations",
               "downgrade_relations", "restore_relations")
ROW = ("status", "since", "since_precision", "known_by", "start", "until", "event_ids",
       "conflicts")


def _day(d: date) -> str:
    return d.isoformat()


def corpus(seed: int, n_docs: int = 70):
    """Documents of a small world, in publication order, with the awkward cases of a feed:
    late reports of old changes, re-reports (same outlet or another one), contradicting
    reports of one day, month/year/undated dates, negated and hypothetical claims."""
    rng = random.Random(seed)
    actors = ["AAA", "BBB", "CCC", "XXX"]
    claims: list[tuple] = []  # (source, target, type, polarity, date) reported so far
    docs = []
    day = date(2015, 1, 1)
    for i in range(n_docs):
        day += timedelta(days=rng.choice([0, 1, 2, 5, 20]))
        events = []
        for j in range(rng.choice([1, 1, 2, 3])):
            roll = rng.random()
            if claims and roll < 0.25:  # a re-report of an earlier claim
                src, tgt, typ, pol, when = rng.choice(claims)
            elif claims and roll < 0.35:  # a contradicting report of the same moment
                src, tgt, typ, pol, when = rng.choice(claims)
                typ = rng.choice([t for t in STATE_TYPES if t != typ])
                pol = "asserted"
            else:
                src, tgt = rng.sample(actors, 2)
                typ = rng.choices(STATE_TYPES + ("meet",), [4, 1, 3, 1, 1, 1, 1])[0]
                pol = rng.choices(["asserted", "negated", "hypothetical"], [8, 2, 1])[0]
                back = rng.choices([0, 1, 3, 40, 400], [4, 3, 2, 2, 1])[0]  # some out of order
                full = _day(day - timedelta(days=back))
                when = rng.choices([full, full[:7], full[:4], None], [10, 2, 1, 2])[0]
            claims.append((src, tgt, typ, pol, when))
            events.append(event(f"d{seed}-{i}", src, tgt, typ, when, polarity=pol,
                                start=j * 100, confidence=rng.choice([0.6, 0.7, 0.8, 0.9])))
        outlet = rng.choice(["wire", "daily", "herald", "post"])
        docs.append(result(f"d{seed}-{i}", _day(day), events, outlet=outlet,
                           url=f"https://{outlet}.example/{seed}/{i}"))
    return docs


def stored(conn) -> dict:
    """Both tables as ordered lists of rows per pair (ids left out, their order kept)."""
    out = {}
    for name, table, cols in (("recognition", s.recognition, ("entity", "recogniser")),
                              ("relations", s.relations, ("a", "b"))):
        rows = defaultdict(list)
        for r in conn.execute(select(table).order_by(table.c.id)):
            m = r._mapping
            rows[(m[cols[0]], m[cols[1]])].append(tuple(m[c] for c in ROW))
        out[name] = dict(rows)
    return out


def folded(conn) -> dict:
    """What one fold of every stored event gives, straight from ``state.py``."""
    cols = [s.events.c[c] for c in derived.STATE_COLUMNS]
    events = [dict(zip(derived.STATE_COLUMNS, r)) for r in conn.execute(select(*cols))]
    rec, rel = defaultdict(list), defaultdict(list)
    for ev in events:
        rec[ev["target"]].append(ev)
        rel[tuple(sorted((ev["source"], ev["target"])))].append(ev)

    def row(iv):
        return tuple(json.dumps(iv[c]) if c in ("event_ids", "conflicts") else iv[c] for c in ROW)

    out = {"recognition": {}, "relations": {}}
    for entity, evs in rec.items():
        for recogniser, ivs in recognition_intervals(evs).items():
            if ivs:
                out["recognition"][(entity, recogniser)] = [row(iv) for iv in ivs]
    for dyad, evs in rel.items():
        ivs = relations_intervals(evs)
        if ivs:
            out["relations"][dyad] = [row(iv) for iv in ivs]
    return out


def kept_inputs(conn) -> dict:
    return {r.event_id: tuple(r._mapping[c] for c in derived.INPUTS)
            for r in conn.execute(select(s.state_events))}


def current_inputs(conn) -> dict:
    """Every recognition / relations event's fold inputs, as the events table has them now."""
    e = s.events.c
    return {r[0]: tuple(r[1:]) for r in conn.execute(
        select(e.id, *(e[c] for c in derived.INPUTS)).where(e.type.in_(STATE_TYPES)))}


@pytest.mark.parametrize("seed", [1, 3, 8])  # seeds that take every way
def test_batch_updates_equal_a_full_fold(graph, seed):
    docs = corpus(seed)
    rng = random.Random(100 + seed)
    before = dict(derived.STATS)
    i = 0
    while i < len(docs):
        size = rng.choice([1, 1, 2, 3, 6])
        graph.add(docs[i:i + size])
        i += size
        with graph.engine.connect() as conn:
            assert stored(conn) == folded(conn), f"after {i} documents"
            assert kept_inputs(conn) == current_inputs(conn), f"after {i} documents"
    # every way was taken: appending, supporters put among earlier ones, folding again
    for way in ("appended", "inserted", "refolded"):
        assert derived.STATS[way] > before[way], way
    with graph.engine.begin() as conn:
        want = stored(conn)
        rebuild_all_state(conn)
        assert stored(conn) == want
        assert kept_inputs(conn) == current_inputs(conn)


def test_a_changed_merge_refolds_the_pair(graph):
    """A second outlet's report of an old change gives it more weight than a same-day
    contradiction that had won before: the earlier interval must change."""
    evs = [
        result("r1", "2020-03-01", [event("r1", "AAA", "BBB", "downgrade_relations",
                                          "2020-03-01", confidence=0.7)], outlet="wire"),
        result("r2", "2020-03-02", [event("r2", "AAA", "BBB", "sever_relations",
                                          "2020-03-01", confidence=0.9)], outlet="wire"),
        result("r3", "2020-05-01", [event("r3", "AAA", "BBB", "restore_relations",
                                          "2020-05-01")], outlet="wire"),
    ]
    graph.add(evs[:1])
    graph.add(evs[1:])
    with graph.engine.connect() as conn:
        assert [r[0] for r in stored(conn)["relations"][("AAA", "BBB")]] == ["severed", "restored"]
    graph.add([result("r4", "2020-06-01", [event("r4", "AAA", "BBB", "downgrade_relations",
                                                 "2020-03-01", confidence=0.5)], outlet="post"),
               result("r5", "2020-06-02", [event("r5", "BBB", "AAA", "downgrade_relations",
                                                 "2020-03-01", confidence=0.5)], outlet="daily")])
    with graph.engine.connect() as conn:
        got = stored(conn)
        assert got == folded(conn)
        assert [r[0] for r in got["relations"][("AAA", "BBB")]] == ["downgraded", "restored"]


def test_a_store_folded_before_inputs_were_kept_is_folded_again(graph):
    graph.add([result("o1", "2020-01-01", [event("o1", "AAA", "XXX", "recognize", "2020-01-01")])])
    with graph.engine.begin() as conn:  # as a store migrated to 0006 looks: no inputs kept
        conn.execute(s.state_events.delete())
    graph.add([result("o2", "2021-01-01", [event("o2", "AAA", "XXX", "withdraw_recognition",
                                                 "2021-01-01")])])
    with graph.engine.connect() as conn:
        got = stored(conn)
        assert got == folded(conn)
        assert [r[0] for r in got["recognition"][("XXX", "AAA")]] == ["recognises", "withdrawn"]
        assert len(conn.execute(select(s.state_events)).all()) == 2


def test_supporters_put_among_many_earlier_ones(graph):
    """Two streams of reports of one recognition, years apart, each later per batch:
    the older stream's new events fall among hundreds of supporters of one interval."""
    before = dict(derived.STATS)
    start = date(2010, 1, 1)
    for k in range(0, 130, 2):
        docs = []
        for j, base in enumerate((start, start + timedelta(days=2000))):
            for d in (k, k + 1):  # a week apart: distinct events, not re-reports of one
                when = _day(base + timedelta(days=7 * d))
                doc = f"s{j}-{d}"
                docs.append(result(doc, when, [event(doc, "AAA", "XXX", "recognize", when,
                                                     confidence=0.5 + d % 5 / 10)]))
        graph.add(docs)
    with graph.engine.connect() as conn:
        got = stored(conn)
        assert got == folded(conn)
        assert len(got["recognition"][("XXX", "AAA")][0][6]) > 260 * 20  # event ids JSON
    assert derived.STATS["inserted"] - before["inserted"] > 100
    assert derived.STATS["refolded"] == before["refolded"]


def test_a_late_dated_supporter_of_an_undated_change_moves_its_since(graph):
    """An interval set by an undated report takes its ``since`` from its first dated
    supporter in date order, which a late report can change."""
    graph.add([simple_doc("u1", "2020-01-10", None)])
    graph.add([simple_doc("u2", "2020-03-01", "2020-03-01")])
    graph.add([simple_doc("u3", "2020-04-01", "2020-02-01")])
    with graph.engine.connect() as conn:
        got = stored(conn)
        assert got == folded(conn)
        (iv,) = got["recognition"][("XXX", "AAA")]
        assert iv[ROW.index("since")] == "2020-02-01" and iv[ROW.index("start")] == "2020-01-10"


def simple_doc(doc: str, published: str, when: str | None):
    return result(doc, published, [event(doc, "AAA", "XXX", "recognize", when)])


def test_a_change_before_the_latest_contesting_report_folds_the_pair_again(graph):
    """The latest event of a pair can be a conflict (a refusal while recognising): a
    withdrawal dated before it turns that refusal into a state of its own."""
    graph.add([simple_doc("c1", "2020-01-01", "2020-01-01")])
    graph.add([result("c2", "2020-06-01", [event("c2", "AAA", "XXX", "recognize", "2020-06-01",
                                                 polarity="negated")])])
    graph.add([result("c3", "2020-07-01", [event("c3", "AAA", "XXX", "withdraw_recognition",
                                                 "2020-03-01")])])
    with graph.engine.connect() as conn:
        got = stored(conn)
        assert got == folded(conn)
        assert [r[0] for r in got["recognition"][("XXX", "AAA")]] == \
            ["recognises", "withdrawn", "refuses"]
