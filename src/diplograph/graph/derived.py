"""The derived tables (recognition, relations): full rebuilds and updates after a batch.

A pair's intervals (an entity and one recogniser, or a dyad) are a fold of all its events
(``state.py``). Folding them all again after every batch costs as much as the pair has
events, and a news feed piles thousands onto a few pairs. Yet a batch mostly adds events
after a pair's earlier ones (folded onto its stored last interval) or among them but only
backing the state they fall in (put in place in that interval's event list). The pair is
folded again in full whenever that cannot be shown to give the same rows: an event the
batch merged into has changed, a new event starts, ends or contests a state among earlier
ones, the inputs of the earlier fold are not all known.

``state_events`` keeps each event's fold inputs as they were when its pair was last folded:
the interval setters, the latest event so far, where a supporter goes, and whether a
merged-into event changed are read from it, a few rows per pair instead of every event.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Table, bindparam, delete, insert, select, tuple_, update
from sqlalchemy.engine import Connection

from . import schema as s
from .state import (RECOGNITION_TYPES, RELATION_TYPES, effective, fold, order, placed,
                    recognition_status, relations_status, support)

STATE_COLUMNS = ["id", "source", "target", "type", "polarity", "scope", "date", "date_precision",
                 "date_lo", "first_report", "num_sources", "confidence"]
INPUTS = ("date", "date_precision", "date_lo", "first_report", "num_sources", "confidence")
CHUNK = 300
# pairs updated each way, and why pairs were folded again (for benchmarks)
STATS = {"appended": 0, "inserted": 0, "refolded": 0, "changed": 0, "earlier": 0, "unknown": 0}


@dataclass(frozen=True)
class Kind:
    name: str
    table: Table
    cols: tuple[str, str]  # the pair's columns in ``table``
    types: tuple[str, ...]
    status_of: Callable

    def pair(self, ev: dict) -> tuple[str, str]:
        if self.name == "recognition":
            return ev["target"], ev["source"]  # (entity, recogniser)
        return tuple(sorted((ev["source"], ev["target"])))

    def where_events(self, pairs: list[tuple[str, str]]):
        e = s.events.c
        if self.name == "recognition":
            return tuple_(e.target, e.source).in_(pairs) & e.type.in_(self.types)
        both = pairs + [(b, a) for a, b in pairs]
        return tuple_(e.source, e.target).in_(both) & e.type.in_(self.types)

    def where_pair(self, pairs: list[tuple[str, str]]):
        return tuple_(*(self.table.c[c] for c in self.cols)).in_(pairs)


RECOGNITION = Kind("recognition", s.recognition, ("entity", "recogniser"), RECOGNITION_TYPES,
                   recognition_status)
RELATIONS = Kind("relations", s.relations, ("a", "b"), RELATION_TYPES, relations_status)
KINDS = (RECOGNITION, RELATIONS)


def _kind_of(ev: dict) -> Kind | None:
    return next((k for k in KINDS if ev["type"] in k.types), None)


def _chunks(items: list, size: int = CHUNK):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _state_events(conn: Connection, where) -> list[dict]:
    cols = [s.events.c[name] for name in STATE_COLUMNS]
    return [dict(zip(STATE_COLUMNS, r)) for r in conn.execute(select(*cols).where(where))]


def _state_row(kind: Kind, pair: tuple[str, str], iv: dict) -> dict:
    return {kind.cols[0]: pair[0], kind.cols[1]: pair[1], "status": iv["status"],
            "since": iv["since"], "since_precision": iv["since_precision"],
            "known_by": iv["known_by"], "start": iv["start"], "until": iv["until"],
            "event_ids": json.dumps(iv["event_ids"]), "conflicts": json.dumps(iv["conflicts"])}


def _input_row(kind: Kind, ev: dict) -> dict:
    a, b = kind.pair(ev)
    return dict(event_id=ev["id"], kind=kind.name, a=a, b=b,
                start=effective(ev) if placed(ev, kind.status_of) else None,
                **{c: ev[c] for c in INPUTS})


# full rebuilds ---------------------------------------------------------------------------
def rebuild_pairs(conn: Connection, kind: Kind, pairs) -> None:
    """Fold every event of these pairs again and store their intervals and fold inputs."""
    t = kind.table
    for chunk in _chunks(sorted(set(pairs))):
        by_pair: dict[tuple, list[dict]] = defaultdict(list)
        for ev in _state_events(conn, kind.where_events(chunk)):
            by_pair[kind.pair(ev)].append(ev)
        conn.execute(delete(t).where(kind.where_pair(chunk)))
        rows = [_state_row(kind, pair, iv) for pair in sorted(by_pair)
                for iv in fold(by_pair[pair], kind.status_of)]
        if rows:
            conn.execute(insert(t), rows)
        _save_inputs(conn, kind, chunk, [_input_row(kind, ev) for evs in by_pair.values()
                                         for ev in evs])
        STATS["refolded"] += len(chunk)


def _save_inputs(conn: Connection, kind: Kind, pairs: list, rows: list[dict]) -> None:
    """Store these pairs' fold inputs, writing only the rows that differ (most do not)."""
    g = s.state_events.c
    have = {r.event_id: r for r in conn.execute(select(s.state_events).where(
        (g.kind == kind.name) & tuple_(g.a, g.b).in_(pairs)))}
    fresh = [r for r in rows if r["event_id"] not in have]
    cols = INPUTS + ("start",)
    changed = [dict(b_id=r["event_id"], **{c: r[c] for c in cols}) for r in rows
               if r["event_id"] in have and any(getattr(have[r["event_id"]], c) != r[c]
                                                for c in cols)]
    stale = sorted(set(have) - {r["event_id"] for r in rows})
    if fresh:
        conn.execute(insert(s.state_events), fresh)
    if changed:
        conn.execute(update(s.state_events).where(g.event_id == bindparam("b_id")), changed)
    for part in _chunks(stale):
        conn.execute(delete(s.state_events).where(g.event_id.in_(part)))


def rebuild_recognition(conn: Connection, *entities: str) -> None:
    """Rebuild the recognition intervals of these entities, every recogniser of each."""
    e = s.events.c
    pairs: set[tuple[str, str]] = set()
    for chunk in _chunks(sorted(set(entities))):
        pairs.update(tuple(r) for r in conn.execute(
            select(e.target, e.source).where(e.target.in_(chunk)
                                             & e.type.in_(RECOGNITION_TYPES)).distinct()))
    rebuild_pairs(conn, RECOGNITION, pairs)


def rebuild_relations(conn: Connection, *dyads: tuple[str, str]) -> None:
    """Rebuild the relations intervals of these dyads (in either order)."""
    rebuild_pairs(conn, RELATIONS, {tuple(sorted(d)) for d in dyads})


def rebuild_all_state(conn: Connection) -> None:
    """Rebuild every derived interval from scratch (after bulk loads)."""
    e = s.events.c
    for table in (s.recognition, s.relations, s.state_events):
        conn.execute(delete(table))
    for kind in KINDS:
        pairs = {kind.pair(dict(source=a, target=b)) for a, b in conn.execute(
            select(e.source, e.target).where(e.type.in_(kind.types)).distinct())}
        rebuild_pairs(conn, kind, pairs)


# after a batch ----------------------------------------------------------------------------
def update_state(conn: Connection, touched: set[str], new: set[str]) -> None:
    """Bring the intervals of the pairs of these events up to date.

    ``touched``: the events a batch created or merged mentions into; ``new``: those of them
    it created.
    """
    e, g = s.events.c, s.state_events.c
    ids = sorted(touched)
    events: list[dict] = []
    before: dict[str, dict] = {}
    for chunk in _chunks(ids):
        events += _state_events(conn, e.id.in_(chunk)
                                & e.type.in_(RECOGNITION_TYPES + RELATION_TYPES))
    for chunk in _chunks(sorted(ev["id"] for ev in events)):
        for r in conn.execute(select(s.state_events).where(g.event_id.in_(chunk))):
            before[r.event_id] = dict(r._mapping)
    by_pair: dict[tuple, list[dict]] = defaultdict(list)
    for ev in events:
        kind = _kind_of(ev)
        by_pair[(kind, kind.pair(ev))].append(ev)
    refold: dict[Kind, list] = defaultdict(list)
    todo: dict[Kind, dict] = defaultdict(dict)
    inputs: list[dict] = []
    for (kind, pair), evs in sorted(by_pair.items(), key=lambda kv: (kv[0][0].name, kv[0][1])):
        fresh = _new_events(evs, before, new)
        if fresh is None:
            refold[kind].append(pair)
            continue
        inputs += [_input_row(kind, ev) for ev in fresh]
        fold_in = [ev for ev in fresh if placed(ev, kind.status_of)]
        if fold_in:
            todo[kind][pair] = fold_in
        else:
            STATS["appended"] += 1
    if inputs:  # a pair folded again below keeps them (it rewrites only what differs)
        conn.execute(insert(s.state_events), inputs)
    for kind, pairs in todo.items():
        refold[kind] += _extend_pairs(conn, kind, pairs)
    for kind, pairs in refold.items():
        rebuild_pairs(conn, kind, pairs)


def _new_events(evs: list[dict], before: dict[str, dict], new: set[str]) -> list[dict] | None:
    """A pair's new events, when every other touched event is as it was last folded."""
    fresh = []
    for ev in evs:
        old = before.get(ev["id"])
        if old is None and ev["id"] in new:
            fresh.append(ev)
        elif old is None or any(old[c] != ev[c] for c in INPUTS):
            STATS["changed" if old else "unknown"] += 1
            return None  # an event of an earlier fold changed, or its inputs are unknown
    return fresh


def _extend_pairs(conn: Connection, kind: Kind, todo: dict[tuple, list[dict]]) -> list:
    """Fold each pair's new events onto its stored intervals; the pairs where that would not
    be exact (to be folded again in full)."""
    t = kind.table
    pairs = sorted(todo)
    rows: dict[tuple, list] = defaultdict(list)
    for chunk in _chunks(pairs):
        for r in conn.execute(select(t).where(kind.where_pair(chunk)).order_by(t.c.start, t.c.id)):
            rows[(getattr(r, kind.cols[0]), getattr(r, kind.cols[1]))].append(r)
    ivs = {pair: [_as_interval(r) for r in rs] for pair, rs in rows.items()}
    ends = {i for got in ivs.values() for i in _ends(got)}
    inputs = _inputs(conn, ends)
    updates, inserts, failed = [], [], []
    for pair in pairs:
        got = _extend(conn, kind, todo[pair], ivs.get(pair, []), inputs)
        if got is None:
            failed.append(pair)
            continue
        changed, added = got
        updates += [dict(_state_row(kind, pair, ivs[pair][k]), b_id=rows[pair][k].id)
                    for k in sorted(changed)]
        inserts += [_state_row(kind, pair, iv) for iv in added]
        STATS["appended"] += 1
    if updates:
        conn.execute(update(t).where(t.c.id == bindparam("b_id")), updates)
    if inserts:
        conn.execute(insert(t), inserts)
    return failed


def _ends(ivs: list[dict]) -> list[str]:
    """The events a fold carried on from a pair's intervals needs: every interval's setter,
    and the latest supporter and contester of the last one (the latest event is one of
    these three: events after a setter join its interval in order)."""
    if not ivs:
        return []
    return [iv["event_ids"][0] for iv in ivs] + ivs[-1]["event_ids"][-1:] + \
        ivs[-1]["conflicts"][-1:]


def _extend(conn: Connection, kind: Kind, todo: list[dict], ivs: list[dict],
            inputs: dict) -> tuple[set[int], list[dict]] | None:
    """Fold a pair's new events onto its intervals ``ivs`` (changed in place): the positions
    of those that changed and the new intervals, or None when that would not be exact.

    Events after every earlier one carry the fold on from the last interval. An event that
    sorts among earlier ones is taken only when it just supports the interval it falls in
    (same status, and that interval's ``since`` cannot move): it goes into that interval's
    ``event_ids`` where a fold would have put it, and nothing else changes.
    """
    if not ivs:  # nothing stored: no earlier event takes part, fold the new alone
        return set(), fold(todo, kind.status_of)
    if ivs[-1]["until"] is not None:
        return None
    if any(i not in inputs for i in _ends(ivs)):
        STATS["unknown"] += 1
        return None  # folded before fold inputs were kept
    setters = [inputs[iv["event_ids"][0]] for iv in ivs]
    last = ivs[-1]
    top = max(order(inputs[i]) for i in last["event_ids"][:1] + last["event_ids"][-1:]
              + last["conflicts"][-1:])
    known = {ev["id"]: order(ev) for ev in todo}
    known.update((ev["id"], order(ev)) for ev in setters)
    changed: set[int] = set()
    for ev in sorted((ev for ev in todo if order(ev) <= top), key=order):
        k = _insert_support(conn, kind, ivs, setters, ev, known)
        if k is None:
            STATS["earlier"] += 1
            return None  # it would change more than one interval's supporters
        changed.add(k)
    late = [ev for ev in todo if order(ev) > top]
    if not late:
        return changed, []
    added = fold(late, kind.status_of, dict(ivs[-1], _setter=setters[-1]))
    ivs[-1] = added.pop(0)
    return changed | {len(ivs) - 1}, added


def _as_interval(r) -> dict:
    return dict(status=r.status, since=r.since, since_precision=r.since_precision,
                known_by=r.known_by, start=r.start, until=r.until,
                event_ids=json.loads(r.event_ids), conflicts=json.loads(r.conflicts or "[]"))


def _inputs(conn: Connection, ids) -> dict[str, dict]:
    """Kept fold inputs of these events, as event dicts."""
    g = s.state_events.c
    out: dict[str, dict] = {}
    for chunk in _chunks(sorted(set(ids))):
        out.update((r.event_id, _as_event(r))
                   for r in conn.execute(select(s.state_events).where(g.event_id.in_(chunk))))
    return out


def _insert_support(conn: Connection, kind: Kind, ivs: list[dict], setters: list[dict],
                    ev: dict, known: dict) -> int | None:
    """Put an event that sorts among earlier ones into the interval it supports; the
    interval's position, or None when the event would do more than support it."""
    key = order(ev)
    k = next((k for k in range(len(ivs) - 1, -1, -1)
              if known[ivs[k]["event_ids"][0]] < key), None)
    if k is None:
        return None  # before the first interval: it would start one
    iv, setter = ivs[k], setters[k]
    if kind.status_of(ev, iv["status"]) != iv["status"]:
        return None
    if ev.get("date") and not setter.get("date"):
        return None  # it might become the interval's ``since``
    pos = _position(conn, iv["event_ids"], key, known)
    if pos is None:
        return None
    support(iv, ev, pos)
    STATS["inserted"] += 1
    return k


def _position(conn: Connection, ids: list[str], key: tuple, known: dict) -> int | None:
    """Where an event of order ``key`` goes among ``ids[1:]`` (supporters, in fold order):
    a search that reads a few dozen kept inputs per step, not all of them."""
    lo, hi = 1, len(ids)  # the answer lies in [lo, hi]
    while lo < hi:
        step = max(1, (hi - lo) // 48)
        probes = list(range(lo, hi, step))
        missing = [ids[p] for p in probes if ids[p] not in known]
        known.update((i, order(ev)) for i, ev in _inputs(conn, missing).items())
        if any(ids[p] not in known for p in probes):
            return None
        first_after = next((p for p in probes if known[ids[p]] > key), hi)
        if step == 1:
            return first_after
        before = [p for p in probes if p < first_after]
        lo, hi = (before[-1] + 1 if before else lo), first_after
    return lo


def _as_event(r) -> dict:
    """A state_events row as the event dict a fold reads."""
    return dict(id=r.event_id, **{c: getattr(r, c) for c in INPUTS})
