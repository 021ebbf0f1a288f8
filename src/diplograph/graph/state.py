"""Recognition and relations as states over time, derived from events (pure functions).

Only asserted events change state. Each event takes effect from the first day of its date
(``date_lo``) or, when undated, from its first report: we know it by then. Reports of
different changes at the same moment (one says "severed", another "downgraded") are a
conflict: the change backed by more sources (then by higher coder confidence) wins and the
other is kept as a conflict.
"""
from __future__ import annotations

from collections.abc import Iterable

from .cluster import UNDATED_WINDOW, dates_agree

RECOGNITION_TYPES = ("recognize", "withdraw_recognition")
RELATION_STATUS = {"establish_relations": "established", "sever_relations": "severed",
                   "downgrade_relations": "downgraded", "restore_relations": "restored"}
RELATION_TYPES = tuple(RELATION_STATUS)


def effective(ev: dict) -> str | None:
    """The day from which an event is taken to hold."""
    return ev.get("date_lo") or ev.get("first_report")


def _weight(ev: dict) -> tuple:
    """How well an event is backed: sources first, then the coder's confidence."""
    return (ev.get("num_sources") or 0, ev.get("confidence") or 0.0)


def order(ev: dict):
    """Where an event stands in a fold: by date, then weight, then id."""
    return (effective(ev) or "", _weight(ev), ev.get("id") or "")


def _same_moment(a: dict, b: dict) -> bool:
    if a.get("date") and b.get("date"):
        return dates_agree(a["date"], b["date"])
    ea, eb = effective(a), effective(b)
    if not ea or not eb:
        return False
    from datetime import date
    return abs((date.fromisoformat(ea) - date.fromisoformat(eb)).days) <= UNDATED_WINDOW


def _interval(status: str, ev: dict) -> dict:
    return {"status": status, "since": ev.get("date"), "since_precision": ev.get("date_precision"),
            "known_by": ev.get("first_report"), "start": effective(ev), "until": None,
            "event_ids": [ev["id"]], "conflicts": [], "_setter": ev}


def support(iv: dict, ev: dict, at: int | None = None) -> None:
    """Count an event as backing an interval (at position ``at`` of its events, else last)."""
    iv["event_ids"].insert(len(iv["event_ids"]) if at is None else at, ev["id"])
    if ev.get("first_report") and (iv["known_by"] is None or ev["first_report"] < iv["known_by"]):
        iv["known_by"] = ev["first_report"]
    if iv["since"] is None and ev.get("date"):
        iv["since"], iv["since_precision"] = ev["date"], ev.get("date_precision")


def fold(events: Iterable[dict], status_of, tail: dict | None = None) -> list[dict]:
    """Fold ordered events into intervals. ``status_of(ev, current)`` gives the new status.

    ``tail`` carries on a fold of earlier events: their last interval, with the event that
    set it as ``_setter``. It comes back first (changed or not), then any new intervals.
    Every event given must come after the earlier ones in ``order``, or the result is not
    what one fold of all of them gives.
    """
    out: list[dict] = [tail] if tail else []
    cur: dict | None = tail
    for ev in sorted(events, key=order):
        if effective(ev) is None:
            continue  # neither a date nor a report date: cannot be placed in time
        new = status_of(ev, cur["status"] if cur else None)
        if new is None:
            continue
        if cur is not None and new == cur["status"]:
            support(cur, ev)
            continue
        if cur is not None and new == "conflict":
            cur["conflicts"].append(ev["id"])
            continue
        if cur is not None and _same_moment(cur["_setter"], ev):
            # contradicting reports of one moment: the better-sourced one stands
            if _weight(ev) <= _weight(cur["_setter"]):
                cur["conflicts"].append(ev["id"])
                continue
            new_iv = _interval(new, ev)
            new_iv["start"] = cur["start"]
            new_iv["conflicts"] = cur["conflicts"] + cur["event_ids"]
            out[-1] = new_iv
            cur = new_iv
            continue
        if cur is not None:
            cur["until"] = effective(ev)
        cur = _interval(new, ev)
        out.append(cur)
    for iv in out:
        iv.pop("_setter", None)
    return out


def recognition_status(ev: dict, current: str | None) -> str | None:
    if ev.get("scope"):
        # a recognised claim ("sovereignty over X") or government ("the Taliban as the
        # government of AFG") says nothing of the target's statehood: kept, changes nothing
        return None
    if ev["polarity"] == "asserted":
        return "recognises" if ev["type"] == "recognize" else "withdrawn"
    if ev["polarity"] == "negated" and ev["type"] == "recognize":
        # "will never recognise" while recognising contradicts the record: a conflict
        return "conflict" if current == "recognises" else "refuses"
    return None


def relations_status(ev: dict, current: str | None) -> str | None:
    if ev["polarity"] != "asserted":
        return None
    return RELATION_STATUS.get(ev["type"])


def placed(ev: dict, status_of) -> bool:
    """Whether an event takes part in a fold at all (some status, and a place in time)."""
    return effective(ev) is not None and status_of(ev, None) is not None


def recognition_intervals(events: Iterable[dict]) -> dict[str, list[dict]]:
    """Intervals per recogniser, from the recognize / withdraw events targeting one entity."""
    by_source: dict[str, list[dict]] = {}
    for ev in events:
        if ev["type"] in RECOGNITION_TYPES:
            by_source.setdefault(ev["source"], []).append(ev)
    return {src: fold(evs, recognition_status) for src, evs in by_source.items()}


def relations_intervals(events: Iterable[dict]) -> list[dict]:
    """Intervals of one dyad, from relation events in either direction."""
    return fold([ev for ev in events if ev["type"] in RELATION_TYPES], relations_status)


def at(intervals: Iterable[dict], as_of: str) -> dict | None:
    """The interval that holds on ``as_of`` (ISO day), if any."""
    for iv in intervals:
        if iv["start"] <= as_of and (iv["until"] is None or as_of < iv["until"]):
            return iv
    return None
