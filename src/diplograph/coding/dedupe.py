"""One event per (source, target, type, polarity) and compatible date within a document."""
from __future__ import annotations

from ..model import UNSCORED_TYPES, Event

PRECISION_RANK = {None: 0, "year": 1, "month": 2, "day": 3}


def _compatible(a: str | None, b: str | None) -> bool:
    return not a or not b or a.startswith(b) or b.startswith(a)


def _inferred(ev: Event) -> bool:
    return bool(getattr(ev, "inferred_date", False))


def _key(ev: Event) -> tuple:
    # general CAMEO events ("other") of different roots are different events
    root = (ev.cameo or "")[:2] if ev.type in UNSCORED_TYPES else ""
    return (ev.source.code, ev.target.code, ev.type, ev.polarity, root)


def dedupe(events: list[Event]) -> list[Event]:
    kept: list[Event] = []
    for ev in sorted(events, key=lambda e: e.evidence.start):
        twin = next((k for k in kept if _key(k) == _key(ev)
                     and (_inferred(k) or _inferred(ev) or _compatible(k.date, ev.date))), None)
        if twin is None:
            kept.append(ev)
            continue
        # the more precise date wins; the earlier mention keeps its evidence
        finer = (PRECISION_RANK[ev.date_precision] > PRECISION_RANK[twin.date_precision]
                 and _compatible(twin.date, ev.date))
        if _inferred(twin) != _inferred(ev) and not _compatible(twin.date, ev.date):
            better = _inferred(twin) and bool(ev.date)  # a stated date beats a guess
        else:
            better = finer
        if better:
            twin.date, twin.date_precision, twin.date_text = ev.date, ev.date_precision, ev.date_text
            twin.inferred_date = _inferred(ev)
        twin.confidence = max(twin.confidence, ev.confidence)
        twin.background = twin.background and ev.background
        if twin.cameo != ev.cameo and ev.confidence > twin.confidence:
            twin.cameo = ev.cameo
    for ev in kept:
        ev.id = ev.stable_id()
    return kept
