"""merge: the stored events read for a batch include every event a mention can join."""
from __future__ import annotations

import random
from datetime import date, timedelta

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
