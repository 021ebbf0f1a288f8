"""merge: the stored events read for a batch include every event a mention can join."""
from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from diplograph.graph.cluster import STATE_TYPES, bounds, compatible, pick
from diplograph.graph.merge import _windows


def _some_date(rng: random.Random) -> str | None:
    if rng.random() < 0.3:
        return None
    d = (date(2020, 1, 1) + timedelta(days=rng.randrange(0, 120))).isoformat()
    return rng.choice([d, d[:7], d[:4], d])


def _within(w: tuple, ev: dict, top: str | None) -> bool:
    fd, cd, fu, cu, _ = w
    if ev["date"] is None:
        return ((ev["last_report"] is None or fu is not None and ev["last_report"] >= fu)
                and (ev["first_report"] is None or cu is not None and ev["first_report"] <= cu))
    lo, hi = bounds(ev["date"])
    low_ok = (fd is not None and hi >= fd) or (top is not None and hi >= top)
    return low_ok and cd is not None and lo <= cd


def test_every_compatible_event_is_inside_the_window():
    rng = random.Random(7)
    kinds = ["recognize", "meet", "sever_relations", "condemn"]
    checked = 0
    for _ in range(4000):
        kind = rng.choice(kinds)
        mdate, report = _some_date(rng), rng.choice([None, _some_date(rng) or "2020-02-10"])
        if report and len(report) != 10:
            report = bounds(report)[0]
        events = []
        for _ in range(6):
            first = (date(2020, 1, 1) + timedelta(days=rng.randrange(0, 120))).isoformat()
            last = (date.fromisoformat(first) + timedelta(days=rng.randrange(0, 20))).isoformat()
            events.append({"date": _some_date(rng), "first_report": first, "last_report": last})
        w = _windows(kind, mdate, report)
        rs = w[4]
        top = max((bounds(e["date"])[0] for e in events
                   if e["date"] and rs and bounds(e["date"])[0] <= rs), default=None)
        latest_rule = mdate is None and report and kind in STATE_TYPES
        for ev in events:
            if latest_rule and ev["date"]:
                continue  # only the latest of them is read: checked below
            if compatible(kind, mdate, report, ev["date"], ev["first_report"], ev["last_report"]):
                checked += 1
                assert _within(w, ev, top), (kind, mdate, report, ev)
        # the rule for undated reports of a change of state: pick's choice is inside
        if latest_rule:
            best = pick(kind, mdate, report, events)
            if best is not None:
                assert _within(w, best, top)
    assert checked > 1000


def _reports(seed: int) -> list:
    """Documents re-reporting a few claims: dated and undated, background or not, from a
    few outlets (some repeating), with and without a confidence."""
    from tests.graph.factory import event, result
    rng = random.Random(seed)
    claims = [("USA", "RUS", "condemn"), ("FRA", "XKX", "recognize"), ("DEU", "IRN", "meet")]
    docs = []
    for i in range(40):
        day = date(2022, 3, 1) + timedelta(days=rng.randrange(40))
        events = []
        for j, (src, tgt, kind) in enumerate(rng.sample(claims, rng.randint(1, 2))):
            when = rng.choice([None, None, "2022-03", "2022", day.isoformat(),
                               (day - timedelta(days=1)).isoformat()])
            events.append(event(f"m{seed}-{i}", src, tgt, kind, when, start=j * 100,
                                background=rng.random() < 0.3,
                                confidence=rng.choice([0.5, 0.9, 0.7])))
        outlet = rng.choice(["wire", "daily", "weekly", None])
        docs.append(result(f"m{seed}-{i}", day.isoformat(), events, outlet=outlet,
                           url=f"https://{outlet or 'x'}.example/{seed}/{i}"))
    return docs


@pytest.mark.parametrize("seed", [2, 5])
def test_aggregates_carried_on_equal_those_of_all_mentions(graph, seed):
    """Stored events that new mentions join get their counts, report dates, background,
    confidence and best date from the new mentions alone: they must equal the aggregates
    computed from all of the event's mentions."""
    from sqlalchemy import select

    from diplograph.graph import schema as s
    from diplograph.graph.merge import _aggregate

    cols = ["num_mentions", "num_sources", "first_report", "last_report", "background",
            "confidence", "date", "date_precision", "date_lo", "date_hi", "date_text",
            "sort_date"]
    docs = _reports(seed)
    rng = random.Random(seed)
    i, merged = 0, 0
    while i < len(docs):
        size = rng.choice([1, 2, 3, 5])
        merged += graph.add(docs[i:i + size]).events_merged
        i += size
        with graph.engine.connect() as conn:
            e = s.events.c
            stored = {r.id: {c: r._mapping[c] for c in cols}
                      for r in conn.execute(select(e.id, *[e[c] for c in cols]))}
            full = {r["b_id"]: {c: r[c] for c in cols} for r in _aggregate(conn, sorted(stored))}
        assert stored == full, f"after {i} documents"
    assert merged > 20  # mentions did join stored events


def _stored_claim(conn, key: tuple) -> list[dict]:
    from sqlalchemy import select

    from diplograph.graph import schema as s
    e = s.events.c
    return [dict(r._mapping) for r in conn.execute(
        select(e.id, e.date, e.date_lo, e.date_hi, e.first_report, e.last_report).where(
            (e.source == key[0]) & (e.target == key[1]) & (e.type == key[2])
            & (e.polarity == key[3])))]


def test_candidates_are_exactly_the_events_inside_the_windows(graph):
    """The lookup seeks by claim and date in several branches: together they return every
    stored event of the claim inside the windows, each once, and no other."""
    from diplograph.graph.merge import Pending, _candidates, _highest, _lowest, _windows
    from tests.graph.factory import event, result

    rng = random.Random(11)
    claims = [("USA", "RUS", "condemn"), ("FRA", "XKX", "recognize")]
    docs = []
    for i in range(90):
        day = date(2021, 1, 1) + timedelta(days=rng.randrange(700))
        src, tgt, kind = rng.choice(claims)
        when = rng.choice([None, None, day.isoformat()[:7]] + [day.isoformat()] * 7)
        docs.append(result(f"c{i}", rng.choice([None, day.isoformat()]),
                           [event(f"c{i}", src, tgt, kind, when)]))
    graph.add(docs)
    checked = 0
    with graph.engine.connect() as conn:
        stored = {c: _stored_claim(conn, c + ("asserted",)) for c in claims}
        assert all(len(v) > 15 for v in stored.values()), {c: len(v) for c, v in stored.items()}
        for n in range(150):
            src, tgt, kind = rng.choice(claims)
            day = date(2021, 1, 1) + timedelta(days=rng.randrange(700))
            when = rng.choice([None, day.isoformat(), day.isoformat()[:7]])
            report = rng.choice([None, (day + timedelta(days=rng.randrange(30))).isoformat()])
            p = Pending(f"q{n}", event(f"q{n}", src, tgt, kind, when), f"q{n}", report, "x")
            got = [c["id"] for group in _candidates(conn, [p]).values() for c in group]
            fd, cd, fu, cu, rs = _windows(kind, when, report)
            fd, cd, fu, cu = _lowest([fd]), _highest([cd]), _lowest([fu]), _highest([cu])
            events = stored[(src, tgt, kind)]
            top = max((e["date_lo"] for e in events if e["date_lo"] and rs and e["date_lo"] <= rs),
                      default=None)
            want = {e["id"] for e in events if _within((fd, cd, fu, cu, rs), e, top)}
            assert len(got) == len(set(got)), "an event returned twice"
            assert set(got) == want, (kind, when, report)
            checked += bool(want)
    assert checked > 50


def _plan(conn, stmt, **values) -> list[str]:
    compiled = stmt.compile(dialect=conn.dialect)
    params = compiled.construct_params(values)
    return [r[-1] for r in conn.exec_driver_sql(
        "EXPLAIN QUERY PLAN " + str(compiled), tuple(params[k] for k in compiled.positiontup))]


def test_candidate_lookup_seeks_by_date_on_sqlite(tmp_path):
    """The lookup must not read every event of a busy claim: each branch is a range on the
    claim-and-date index (SQLite's plan says which index and which columns it seeks on),
    and the dated one is bounded on both sides, not read to the claim's latest event."""
    from diplograph.facade import Graph
    from diplograph.graph.merge import _QUERIES

    span, _, latest = _QUERIES[True]
    values = dict(k_s="A", k_t="B", k_ty="meet", k_p="asserted", sfd="2020-01-01",
                  scd="2020-02-01", ceil="2021-02-01", cd="2020-02-01", fu="2020-01-01",
                  cu="2020-02-01", rs="2020-01-15")
    g = Graph(f"sqlite:///{tmp_path / 'plan.db'}")
    try:
        with g.engine.connect() as conn:
            dated = _plan(conn, span, **values)
            plan = _plan(conn, latest, **values)
    finally:
        g.close()
    assert len(dated) == 1 and "ix_events_claim" in dated[0], dated
    assert "date_hi>? AND date_hi<?" in dated[0], dated
    seeks = [p for p in plan if "ix_events_claim" in p]
    assert len(seeks) >= 4, plan
    assert any("date_hi>? AND date_hi<?" in p for p in seeks), plan
    # every branch seeks past the claim's four columns, to date_hi
    assert all("date_hi" in p for p in seeks if "e2" not in p), plan


def test_spans_join_overlapping_windows():
    from diplograph.graph.merge import _spans

    windows = [("2020-03-01", "2020-03-03", None, None, None),
               ("2020-01-01", "2020-01-03", None, None, None),
               ("2020-01-02", "2020-01-05", None, None, None),
               (None, "2020-02-01", "", "~", "2020-02-01"),  # no dated window of its own
               (None, None, "", "~", None)]
    assert _spans(windows) == [("2020-01-01", "2020-01-05"), ("2020-03-01", "2020-03-03")]
    assert _spans([("", "~", "", "~", None)] + windows) == [("", "~")]


def test_candidates_of_distant_mentions_skip_the_events_between(graph):
    """Two mentions of one claim years apart in one batch read the events near each, not
    every event of the claim in between; what they join is what separate batches give."""
    from diplograph.graph.merge import Pending, _candidates
    from tests.graph.factory import event, result

    docs = [result(f"b{i}", (date(2020, 1, 1) + timedelta(days=3 * i)).isoformat(),
                   [event(f"b{i}", "USA", "CHN", "meet",
                          (date(2020, 1, 1) + timedelta(days=3 * i)).isoformat())])
            for i in range(200)]
    graph.add(docs)
    near = [Pending(f"q{n}", event(f"q{n}", "USA", "CHN", "meet", day), f"q{n}", day, "x")
            for n, day in enumerate(["2020-01-04", "2021-08-01"])]
    with graph.engine.connect() as conn:
        got = [c["date"] for group in _candidates(conn, near).values() for c in group]
    assert sorted(got) == ["2020-01-04", "2021-08-02"], got  # not the ~190 in between
