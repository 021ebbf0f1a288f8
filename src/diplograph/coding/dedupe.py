"""One event per (source, target, type, polarity) and compatible date within a document.

When mentions merge, the evidence is the mention that best supports the merged event: the
one that states the event's date, else the most confident, body sentences before headlines
(a headline is a summary; the body sentence says who did what when), then the earliest.
"""
from __future__ import annotations

from ..model import UNSCORED_TYPES, Event

PRECISION_RANK = {None: 0, "year": 1, "month": 2, "day": 3}
END_PUNCT = (".", "!", "?", '"', "'", "\u201d", "\u2019", ")")


def _compatible(a: str | None, b: str | None) -> bool:
    return not a or not b or a.startswith(b) or b.startswith(a)


def _inferred(ev: Event) -> bool:
    return bool(getattr(ev, "inferred_date", False))


def _key(ev: Event) -> tuple:
    # general CAMEO events ("other") of different roots are different events
    root = (ev.cameo or "")[:2] if ev.type in UNSCORED_TYPES else ""
    return (ev.source.code, ev.target.code, ev.type, ev.polarity, root)


def is_headline(ev: Event) -> bool:
    """A line with no closing punctuation ("Britain expels 23 Russian diplomats")."""
    return not ev.evidence.sentence.rstrip().endswith(END_PUNCT)


def _support(ev: Event, date: str | None) -> tuple:
    """How well one mention supports the merged event (higher is better)."""
    states_date = bool(date) and ev.date == date and bool(ev.date_text) and not _inferred(ev)
    return (states_date, not is_headline(ev), round(ev.confidence, 2), -ev.evidence.start)


def _take_evidence(twin: Event, best: Event) -> None:
    twin.evidence = best.evidence
    twin.source, twin.target = best.source, best.target  # their text is the evidence's


def dedupe(events: list[Event]) -> list[Event]:
    kept: list[Event] = []
    mentions: dict[int, list[Event]] = {}
    events = [ev for ev in events if not _reading_of_withdrawal(ev, events)
              and not _part_of_severance(ev, events)]
    for ev in sorted(events, key=lambda e: e.evidence.start):
        twin = next((k for k in kept if _key(k) == _key(ev)
                     and (_inferred(k) or _inferred(ev) or _compatible(k.date, ev.date))), None)
        if twin is None:
            kept.append(ev)
            mentions[id(ev)] = [_copy_view(ev)]
            continue
        mentions[id(twin)].append(_copy_view(ev))
        # the more precise date wins
        finer = (PRECISION_RANK[ev.date_precision] > PRECISION_RANK[twin.date_precision]
                 and _compatible(twin.date, ev.date))
        if _inferred(twin) != _inferred(ev) and not _compatible(twin.date, ev.date):
            better = _inferred(twin) and bool(ev.date)  # a stated date beats a guess
        else:
            better = finer
        if better:
            twin.date, twin.date_precision, twin.date_text = ev.date, ev.date_precision, ev.date_text
            twin.inferred_date = _inferred(ev)
        elif _inferred(twin) and not _inferred(ev) and ev.date and _compatible(twin.date, ev.date):
            twin.inferred_date = False  # the guess is confirmed: no longer open to other dates
            twin.date_text = twin.date_text or ev.date_text
        twin.confidence = max(twin.confidence, ev.confidence)
        twin.background = twin.background and ev.background
        if twin.cameo != ev.cameo and ev.confidence > twin.confidence:
            twin.cameo = ev.cameo
    for ev in kept:
        group = mentions[id(ev)]
        if len(group) > 1:
            best = max(group, key=lambda m: _support(m, ev.date))
            if best.evidence.start != ev.evidence.start:
                _take_evidence(ev, best)
        ev.id = ev.stable_id()
    return kept


def _reading_of_withdrawal(ev: Event, events: list[Event]) -> bool:
    """ "X withdrew its recognition of Y" read twice: as a withdrawal and as a negated
    recognition from the same sentence; the withdrawal is the act."""
    return ev.type == "recognize" and ev.polarity == "negated" and any(
        k.type == "withdraw_recognition" and k.source.code == ev.source.code
        and k.target.code == ev.target.code and k.evidence.start == ev.evidence.start for k in events)


def _part_of_severance(ev: Event, events: list[Event]) -> bool:
    """A downgrade ("closed its embassy in Damascus in 2012") the same document reports
    as a severance of the same pair at a compatible date is one step of that rupture."""
    return ev.type == "downgrade_relations" and any(
        k.type == "sever_relations" and k.source.code == ev.source.code
        and k.target.code == ev.target.code and k.polarity == ev.polarity
        and _compatible(k.date, ev.date) for k in events)


def _copy_view(ev: Event) -> Event:
    """The mention as it was coded (merging later changes the kept event's date)."""
    from copy import copy
    return copy(ev)
