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
