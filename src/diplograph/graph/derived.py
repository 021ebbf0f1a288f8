"""The derived tables (recognition, relations): full rebuilds and updates after a batch.

A pair's intervals (an entity and one recogniser, or a dyad) are a fold of all its events
(``state.py``). Folding them all again after every batch costs as much as the pair has
events, and a news feed piles thousands onto a few pairs. Yet it mostly adds events at the
end of a pair's history: those are folded onto the stored last interval instead. The pair
is folded again in full whenever that cannot be shown to give the same rows: an event the
batch merged into has changed, a new event sorts before an older one, the inputs of the
earlier fold are not all known.

``state_events`` keeps each event's fold inputs as they were when its pair was last folded:
the setter of the last interval, the latest event so far, and whether a merged-into event
changed are read from it, a few rows per pair instead of every event.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Table, bindparam, delete, func, insert, select, tuple_, update
from sqlalchemy.engine import Connection

from . import schema as s
from .state import (RECOGNITION_TYPES, RELATION_TYPES, effective, fold, order, placed,
                    recognition_status, relations_status)

STATE_COLUMNS = ["id", "source", "target", "type", "polarity", "date", "date_precision",
                 "date_lo", "first_report", "num_sources", "confidence"]
INPUTS = ("date", "date_precision", "date_lo", "first_report", "num_sources", "confidence")
CHUNK = 300
# pairs updated each way, and why pairs were folded again (for benchmarks)
STATS = {"appended": 0, "refolded": 0, "changed": 0, "earlier": 0, "unknown": 0}


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
    inputs: list[dict] = []
    for (kind, pair), evs in sorted(by_pair.items(), key=lambda kv: (kv[0][0].name, kv[0][1])):
        fresh = _new_events(evs, before, new)
        if fresh is None or not _append(conn, kind, pair, fresh):
            refold[kind].append(pair)
        else:
            inputs += [_input_row(kind, ev) for ev in fresh]
    if inputs:
        conn.execute(insert(s.state_events), inputs)
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


def _append(conn: Connection, kind: Kind, pair: tuple[str, str], fresh: list[dict]) -> bool:
    """Fold new events onto the pair's last interval; False when that would not be exact."""
    t, g = kind.table, s.state_events.c
    todo = [ev for ev in fresh if placed(ev, kind.status_of)]
    if not todo:
        STATS["appended"] += 1
        return True
    mine = (t.c[kind.cols[0]] == pair[0]) & (t.c[kind.cols[1]] == pair[1])
    last = conn.execute(select(t).where(mine).order_by(t.c.start.desc(), t.c.id.desc())
                        .limit(1)).first()
    tail = None
    if last is not None:  # nothing stored: no earlier event takes part, fold the new alone
        if last.until is not None:
            return False
        ids = json.loads(last.event_ids)
        setter = conn.execute(select(s.state_events).where(g.event_id == ids[0])).first()
        if setter is None:
            STATS["unknown"] += 1
            return False  # folded before fold inputs were kept
        pair_of = (g.kind == kind.name) & (g.a == pair[0]) & (g.b == pair[1])
        latest = select(func.max(g.start)).where(pair_of).scalar_subquery()
        tops = conn.execute(select(s.state_events).where(pair_of & (g.start == latest)))
        top = max(order(_as_event(r)) for r in tops)
        if min(order(ev) for ev in todo) <= top:
            STATS["earlier"] += 1
            return False  # a new event sorts among the earlier ones
        tail = dict(status=last.status, since=last.since, since_precision=last.since_precision,
                    known_by=last.known_by, start=last.start, until=None, event_ids=ids,
                    conflicts=json.loads(last.conflicts or "[]"), _setter=_as_event(setter))
    ivs = fold(todo, kind.status_of, tail)
    if last is not None:
        row = _state_row(kind, pair, ivs.pop(0))
        conn.execute(update(t).where(t.c.id == last.id).values(**row))
    if ivs:
        conn.execute(insert(t), [_state_row(kind, pair, iv) for iv in ivs])
    STATS["appended"] += 1
    return True


def _as_event(r) -> dict:
    """A state_events row as the event dict a fold reads."""
    return dict(id=r.event_id, **{c: getattr(r, c) for c in INPUTS})
