"""Merging a batch of mentions into events, in bulk (a few statements per batch).

Candidates for each claim are loaded once per batch; clustering happens in memory; new
events and mentions are inserted with executemany; the aggregates of every touched event
(counts, report dates, best date, representative mention) are recomputed in SQL.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import bindparam, case, func, insert, select, tuple_, update
from sqlalchemy.engine import Connection

from ..model import Event
from . import schema as s
from .cluster import best_date, bounds, normal_date, pick

CHUNK = 400


@dataclass
class Pending:
    """One coded claim of one stored document, waiting to be merged."""

    uid: str
    event: Event
    doc_id: str
    report: str | None
    source_key: str


def _key(ev: Event) -> tuple:
    return (ev.source.code, ev.target.code, ev.type, ev.polarity)


def _chunks(items: list, size: int = CHUNK):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def existing_uids(conn: Connection, uids: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(uids):
        found |= {r[0] for r in conn.execute(select(s.mentions.c.uid).where(s.mentions.c.uid.in_(chunk)))}
    return found


def _candidates(conn: Connection, keys: list[tuple]) -> dict[tuple, list[dict]]:
    e = s.events.c
    out: dict[tuple, list[dict]] = defaultdict(list)
    for chunk in _chunks(keys, 200):
        rows = conn.execute(select(e.id, e.source, e.target, e.type, e.polarity, e.scope, e.date,
                                   e.first_report, e.last_report, e.confidence)
                            .where(tuple_(e.source, e.target, e.type, e.polarity).in_(chunk)))
        for r in rows:
            d = dict(r._mapping)
            d["new"] = False
            out[(r.source, r.target, r.type, r.polarity, r.scope)].append(d)
    return out


def merge(conn: Connection, pending: list[Pending], extractor: str) -> tuple[int, int, set[str]]:
    """Store the mentions, merging each into an event. Returns (new, merged, event ids)."""
    if not pending:
        return 0, 0, set()
    cands = _candidates(conn, sorted({_key(p.event) for p in pending}))
    new_events: list[dict] = []
    mention_rows: list[dict] = []
    best_new: dict[str, dict] = {}  # event id -> best new mention row
    n_new = n_merged = 0
    for p in pending:
        ev = p.event
        mdate, mprec = normal_date(ev.date, ev.date_precision)
        group = cands[_key(ev) + (ev.scope,)]
        hit = pick(ev.type, mdate, p.report, group)
        if hit is None:
            hit = {"id": p.uid, "date": mdate, "first_report": p.report, "last_report": p.report,
                   "confidence": None, "new": True}
            group.append(hit)
            new_events.append(dict(
                id=p.uid, source=ev.source.code, target=ev.target.code, type=ev.type,
                polarity=ev.polarity, scope=ev.scope, subject=ev.subject, cameo=ev.cameo,
                plover_event=ev.plover.event if ev.plover else None,
                plover_mode=ev.plover.mode if ev.plover else None,
                plover_context=json.dumps(ev.plover.context) if ev.plover else None,
                num_mentions=0, num_sources=0, background=ev.background))
            n_new += 1
        else:
            n_merged += 1
            # keep the in-memory candidate close to what the store will say, for the
            # next mentions of this batch
            hit["date"] = best_date([hit["date"], mdate]) if mdate else hit["date"]
            reports = [x for x in (hit["first_report"], hit["last_report"], p.report) if x]
            hit["first_report"] = min(reports) if reports else None
            hit["last_report"] = max(reports) if reports else None
        row = dict(uid=p.uid, event_id=hit["id"], doc_id=p.doc_id, source_key=p.source_key,
                   report_date=p.report, date=mdate, date_precision=mprec, date_text=ev.date_text,
                   source_role=ev.source.role, source_text=ev.source.text,
                   target_role=ev.target.role, target_text=ev.target.text,
                   sentence=ev.evidence.sentence, start=ev.evidence.start, end=ev.evidence.end,
                   background=ev.background, confidence=ev.confidence, extractor=extractor)
        mention_rows.append(row)
        cur = best_new.get(hit["id"])
        if _better(row, cur) and _better(row, None if hit["new"] else hit):
            best_new[hit["id"]] = row
    per_event: dict[str, list[dict]] = defaultdict(list)
    for row in mention_rows:
        per_event[row["event_id"]].append(row)
    settled = set()
    blank = {k: None for k in _single(mention_rows[0])}
    for ev_row in new_events:  # one report so far: its aggregates are that report's
        rows = per_event[ev_row["id"]]
        if len(rows) == 1:
            ev_row.update(_single(rows[0]))
            settled.add(ev_row["id"])
        else:  # executemany needs the same keys in every row; _refresh fills them
            ev_row.update({k: v for k, v in blank.items() if k not in ev_row})
    if new_events:
        conn.execute(insert(s.events), new_events)
    conn.execute(insert(s.mentions), mention_rows)
    touched = set(per_event)
    _refresh(conn, sorted(touched - settled),
             {k: v for k, v in best_new.items() if k not in settled})
    return n_new, n_merged, touched


def _single(m: dict) -> dict:
    lo, hi = bounds(m["date"])
    return dict(num_mentions=1, num_sources=1, first_report=m["report_date"],
                last_report=m["report_date"], background=bool(m["background"]),
                confidence=m["confidence"], date=m["date"], date_precision=m["date_precision"],
                date_lo=lo, date_hi=hi, sort_date=lo or m["report_date"],
                date_text=m["date_text"] if m["date"] else None, doc_id=m["doc_id"],
                source_role=m["source_role"], source_text=m["source_text"],
                target_role=m["target_role"], target_text=m["target_text"],
                sentence=m["sentence"], start=m["start"], end=m["end"])


def _better(row: dict, than: dict | None) -> bool:
    """Whether a mention should represent its event rather than ``than``."""
    if than is None:
        return True
    if "uid" not in than:  # the stored representative: only its confidence is known
        return (row["confidence"] or 0) > (than.get("confidence") or 0)
    return ((row["confidence"] or 0), not row["background"]) > \
        ((than["confidence"] or 0), not than["background"])


def _refresh(conn: Connection, event_ids: list[str], best_new: dict[str, dict]) -> None:
    """Recompute the aggregates of the given events from their mentions."""
    m = s.mentions.c
    agg: dict[str, dict] = {}
    dates: dict[str, list[tuple[str, int, str | None]]] = defaultdict(list)
    for chunk in _chunks(event_ids):
        for r in conn.execute(
                select(m.event_id, func.count(), func.count(func.distinct(m.source_key)),
                       func.min(m.report_date), func.max(m.report_date),
                       func.sum(case((m.background.is_(False), 1), else_=0)),
                       func.max(m.confidence))
                .where(m.event_id.in_(chunk)).group_by(m.event_id)):
            agg[r[0]] = dict(num_mentions=r[1], num_sources=r[2], first_report=r[3],
                             last_report=r[4], background=not r[5], confidence=r[6])
        for r in conn.execute(
                select(m.event_id, m.date, func.count(), func.min(m.date_text))
                .where(m.event_id.in_(chunk) & m.date.is_not(None))
                .group_by(m.event_id, m.date)):
            dates[r[0]].append((r[1], r[2], r[3]))
    if not event_ids:
        return
    rows = []
    for eid in event_ids:
        a = agg[eid]
        weighted = [d for d, n, _ in dates.get(eid, []) for _ in range(min(n, 50))]
        day = best_date(weighted)
        lo, hi = bounds(day)
        date_text = next((t for d, _, t in dates.get(eid, []) if d == day), None)
        rows.append(dict(b_id=eid, num_mentions=a["num_mentions"], num_sources=a["num_sources"],
                         first_report=a["first_report"], last_report=a["last_report"],
                         background=a["background"], confidence=a["confidence"], date=day,
                         date_precision=normal_date(day, None)[1] if day else None,
                         date_lo=lo, date_hi=hi, sort_date=lo or a["first_report"],
                         date_text=date_text))
    e = s.events.c
    conn.execute(update(s.events).where(e.id == bindparam("b_id")), rows)
    reps = [dict(b_id=eid, doc_id=r["doc_id"], source_role=r["source_role"],
                 source_text=r["source_text"], target_role=r["target_role"],
                 target_text=r["target_text"], sentence=r["sentence"], start=r["start"],
                 end=r["end"]) for eid, r in best_new.items()]
    if reps:
        conn.execute(update(s.events).where(e.id == bindparam("b_id")), reps)
