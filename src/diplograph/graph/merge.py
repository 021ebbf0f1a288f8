"""Merging a batch of mentions into events, in bulk (a few statements per batch).

Candidates for each claim are loaded once per batch; clustering happens in memory; new
events and mentions are inserted with executemany; the aggregates of every touched event
(counts, report dates, best date, representative mention) are recomputed in SQL.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import (bindparam, case, func, insert, literal_column, select, text,
                        tuple_, union_all, update)
from sqlalchemy.engine import Connection

from ..model import Event
from . import schema as s
from .cluster import (DAY_SLACK, STATE_TYPES, UNDATED_WINDOW, _shift, best_date, bounds,
                      normal_date, pick)

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


_COLS = ("id", "source", "target", "type", "polarity", "scope", "date", "first_report",
         "last_report", "confidence")
_NONE = _END = "~"  # sorts after every ISO date: a floor that admits nothing, a ceiling


def _windows(kind: str, mdate: str | None, report: str | None) -> tuple:
    """Which stored events of its claim a mention can join (a superset of ``compatible``).

    Returns (fd, cd, fu, cu, rs): dated events with last day >= fd and first day <= cd;
    undated events with last report >= fu and first report <= cu (or unknown); and, for an
    undated report of a change of state, the dated events from the latest one that started
    by ``rs`` on (``pick`` takes the latest). A None floor opens no window.
    """
    if mdate:
        lo, hi = bounds(mdate)
        return (_shift(lo, -DAY_SLACK), _shift(hi, DAY_SLACK), lo,
                _END if kind in STATE_TYPES else _shift(hi, UNDATED_WINDOW), None)
    if kind in STATE_TYPES:
        if report is None:
            return "", _END, "", _END, None
        return None, report, "", _END, report
    if report is None:
        return None, None, "", _END, None
    week_before, week_after = _shift(report, -UNDATED_WINDOW), _shift(report, UNDATED_WINDOW)
    return week_before, report, week_before, week_after, None


YEAR_SPAN = 366  # a stored date covers a year at most: date_lo <= cd implies date_hi <= cd + 366


def _candidate_queries(rowid: bool):
    """The candidate queries: the dated events near one span of mention dates alone, and
    with the other branches (one statement per claim in the common one-span case), without
    and with the state-change branch.

    Each branch is a range on the index ``ix_events_claim`` (claim, date_hi, last_report),
    so a lookup reads the events near the mention's dates, not every event of its claim
    (a busy dyad gathers thousands over the years). The dated branch is bounded on both
    sides (``date_hi`` between the span's first day and a year after its last), and is run
    once per span of overlapping mention windows: one range from the earliest to the
    latest mention of a claim in a batch would read every event of the claim in between,
    more of them the more the store holds. Undated events have no ``date_hi`` and dated
    ones always have one (the writer stores only dates ``normal_date`` accepts).
    ``rowid`` (SQLite): also select the row id, to put the rows in the order of a single
    lookup (see ``_old_order``).
    """
    e, e2 = s.events.c, s.events.alias("e2").c
    key = ((e.source == bindparam("k_s")) & (e.target == bindparam("k_t"))
           & (e.type == bindparam("k_ty")) & (e.polarity == bindparam("k_p")))
    top = (select(func.max(e2.date_lo))
           .where((e2.source == bindparam("k_s")) & (e2.target == bindparam("k_t"))
                  & (e2.type == bindparam("k_ty")) & (e2.polarity == bindparam("k_p"))
                  & (e2.date_lo <= bindparam("rs")))
           .scalar_subquery())
    undated = (e.date.is_(None) & e.date_hi.is_(None)
               & (e.first_report.is_(None) | (e.first_report <= bindparam("cu"))))
    dated = e.date.is_not(None) & (e.date_lo.is_(None) | (e.date_lo <= bindparam("cd")))
    cols = [e[c] for c in _COLS] + [e.date_lo.label("o_lo"), e.date_hi.label("o_hi"),
                                    (literal_column("events.rowid") if rowid
                                     else literal_column("0")).label("o_row")]
    # the span's own bounds (sfd, scd): the state-change branch keeps those of all windows
    span = select(*cols).where(key & e.date.is_not(None)
                               & (e.date_lo.is_(None) | (e.date_lo <= bindparam("scd")))
                               & (e.date_hi >= bindparam("sfd")) & (e.date_hi <= bindparam("ceil")))
    rest = [select(*cols).where(key & undated & (e.last_report >= bindparam("fu"))),
            select(*cols).where(key & undated & e.last_report.is_(None))]
    # "the latest change before the report": only undated reports of a state ask for it
    latest = select(*cols).where(key & dated & (e.date_hi >= top))
    return span, union_all(span, *rest), union_all(span, *rest, latest)


_QUERIES = {True: _candidate_queries(True), False: _candidate_queries(False)}


def _lowest(values) -> str:
    vals = [v for v in values if v is not None]
    return min(vals) if vals else _NONE


def _highest(values) -> str:
    vals = [v for v in values if v is not None]
    return max(vals) if vals else ""


def _span_params(fd: str, cd: str) -> dict:
    return dict(sfd=fd, scd=cd, ceil=cd if cd in (_END, "") else _shift(cd, YEAR_SPAN))


def _spans(windows: list[tuple]) -> list[tuple[str, str]]:
    """The dated windows (fd, cd) of a claim's mentions, overlapping ones joined, in order:
    together they admit exactly the events some mention's window admits."""
    out: list[list[str]] = []
    for fd, cd in sorted((w[0], w[1]) for w in windows if w[0] is not None and w[1]):
        if out and fd <= out[-1][1]:
            out[-1][1] = max(out[-1][1], cd)
        else:
            out.append([fd, cd])
    return [(fd, cd) for fd, cd in out]


def _old_order(params: dict):
    """Sort key putting candidate rows in the order one lookup over the union of the
    windows gave (each branch in index order: date_hi, last_report, row id; dated, then
    undated, then unreported, then the latest change): ``pick`` keeps the first of equally
    good events, so reading fewer rows must not reorder the rest."""
    def nulls_first(v):
        return (v is not None, v or "")

    def sort_key(r):
        if r.date is not None:
            old_dated = r.o_hi >= params["fd"] and (r.o_lo is None or r.o_lo <= params["cd"])
            return (0 if old_dated else 3, r.o_hi, nulls_first(r.last_report), r.o_row)
        if r.last_report is not None:
            return (1, "", nulls_first(r.last_report), r.o_row)
        return (2, "", nulls_first(None), r.o_row)
    return sort_key


def _candidates(conn: Connection, pending: list["Pending"]) -> dict[tuple, list[dict]]:
    """The stored events each claim's mentions of this batch may join, by claim and scope.

    Only events within the mentions' date windows are read (a few indexed queries per
    claim), so the work does not grow with the number of older, later or in-between events
    of the same claim.
    """
    need: dict[tuple, list[tuple]] = defaultdict(list)
    for p in pending:
        ev = p.event
        need[_key(ev)].append(_windows(ev.type, normal_date(ev.date, ev.date_precision)[0],
                                       p.report))
    span_q, rest_q, latest_q = _QUERIES[conn.dialect.name == "sqlite"]
    out: dict[tuple, list[dict]] = defaultdict(list)
    for key in sorted(need):
        fds, cds, fus, cus, rss = zip(*need[key])
        params = dict(k_s=key[0], k_t=key[1], k_ty=key[2], k_p=key[3], fd=_lowest(fds),
                      cd=_highest(cds), fu=_lowest(fus), cu=_highest(cus),
                      rs=min((r for r in rss if r), default=""))
        spans = _spans(need[key]) or [(_NONE, "")]  # (~, ""): no dated window
        rows: dict[str, object] = {}  # the last branch may return events of the first
        fd, cd = spans[0]
        for r in conn.execute(latest_q if params["rs"] else rest_q,
                              dict(params, **_span_params(fd, cd))):
            rows.setdefault(r.id, r)
        for fd, cd in spans[1:]:
            for r in conn.execute(span_q, dict(params, **_span_params(fd, cd))):
                rows.setdefault(r.id, r)
        for r in sorted(rows.values(), key=_old_order(params)):
            _add(out, r)
    return out


def _add(out: dict, r) -> dict:
    d = {c: r._mapping[c] for c in _COLS}
    d["new"] = False
    out[(r.source, r.target, r.type, r.polarity, r.scope)].append(d)
    return d


def _reload(conn: Connection, key: tuple, cands: dict[tuple, list[dict]]) -> None:
    """Read every stored event of a claim, keeping the in-memory state of those read before
    and the events of this batch (in the order a full read would have given)."""
    e = s.events.c
    old = {k: v for k, v in cands.items() if k[:4] == key}
    have = {c["id"]: c for group in old.values() for c in group if not c["new"]}
    fresh: dict[tuple, list[dict]] = defaultdict(list)
    for r in conn.execute(select(*[e[c] for c in _COLS]).where(
            tuple_(e.source, e.target, e.type, e.polarity) == tuple_(*key))):
        if r.id in have:
            fresh[(r.source, r.target, r.type, r.polarity, r.scope)].append(have[r.id])
        else:
            _add(fresh, r)
    for k in set(old) | set(fresh):
        group = cands[k]
        group[:] = fresh.get(k, []) + [c for c in old.get(k, []) if c["new"]]


def merge(conn: Connection, pending: list[Pending], extractor: str) -> tuple[int, int, set[str]]:
    """Store the mentions, merging each into an event. Returns (new, merged, event ids)."""
    if not pending:
        return 0, 0, set()
    cands = _candidates(conn, pending)
    moved: set[tuple] = set()  # claims where a stored event read for this batch changed date
    complete: set[tuple] = set()  # claims whose stored events were all read
    new_events: list[dict] = []
    mention_rows: list[dict] = []
    best_new: dict[str, dict] = {}  # event id -> best new mention row
    n_new = n_merged = 0
    for p in pending:
        ev = p.event
        mdate, mprec = normal_date(ev.date, ev.date_precision)
        if (mdate is None and p.report and ev.type in STATE_TYPES and _key(ev) in moved
                and _key(ev) not in complete):
            # "the latest change before the report": the events read were chosen by their
            # stored dates, one of which has changed since; read them all to stay exact
            _reload(conn, _key(ev), cands)
            complete.add(_key(ev))
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
            day = best_date([hit["date"], mdate]) if mdate else hit["date"]
            if day != hit["date"] and not hit["new"]:
                moved.add(_key(ev))
            hit["date"] = day
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
        else:  # executemany needs the same keys in every row; _aggregate fills them
            ev_row.update({k: v for k, v in blank.items() if k not in ev_row})
    fresh_ids = {ev_row["id"] for ev_row in new_events}
    older = {k: v for k, v in per_event.items() if k not in fresh_ids}
    known = _known_sources(conn, sorted({(k, r["source_key"]) for k, rows in older.items()
                                         for r in rows if r["source_key"] is not None}))
    if new_events:
        conn.execute(insert(s.events), new_events)
    conn.execute(insert(s.mentions), mention_rows)
    touched = set(per_event)
    rows = (_aggregate(conn, sorted(fresh_ids - settled))
            + _accumulate(conn, older, known))
    _write(conn, rows, {k: v for k, v in best_new.items() if k not in settled})
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


def _known_sources(conn: Connection, pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which (event, source key) pairs have a stored mention: one index probe per pair,
    however many mentions the event has."""
    found: set[tuple[str, str]] = set()
    for chunk in _chunks(pairs, 200):
        params, rows = {}, []
        for i, (eid, key) in enumerate(chunk):
            params[f"e{i}"], params[f"k{i}"] = eid, key
            rows.append(f"(CAST(:e{i} AS VARCHAR(40)), CAST(:k{i} AS VARCHAR(255)))")
        sql = (f"WITH v(e, k) AS (VALUES {', '.join(rows)}) SELECT e, k FROM v WHERE EXISTS "
               "(SELECT 1 FROM mentions m WHERE m.event_id = v.e AND m.source_key = v.k)")
        found |= {(r[0], r[1]) for r in conn.execute(text(sql), params)}
    return found


def _dates(conn: Connection, event_ids: list[str]) -> dict[str, list[tuple[str, int, str | None]]]:
    """(date, mentions, first date text) of each given event's dated mentions."""
    m = s.mentions.c
    dates: dict[str, list[tuple[str, int, str | None]]] = defaultdict(list)
    for chunk in _chunks(event_ids):
        for r in conn.execute(
                select(m.event_id, m.date, func.count(), func.min(m.date_text))
                .where(m.event_id.in_(chunk) & m.date.is_not(None))
                .group_by(m.event_id, m.date)):
            dates[r[0]].append((r[1], r[2], r[3]))
    return dates


def _dated(dates: list[tuple[str, int, str | None]]) -> dict:
    """An event's date columns from its dated mentions (``_dates``): the best date and its text."""
    day = best_date([d for d, n, _ in dates for _ in range(min(n, 50))])
    lo, hi = bounds(day)
    return dict(date=day, date_precision=normal_date(day, None)[1] if day else None,
                date_lo=lo, date_hi=hi,
                date_text=next((t for d, _, t in dates if d == day), None))


def _aggregate(conn: Connection, event_ids: list[str]) -> list[dict]:
    """The aggregates of the given events, computed from all their mentions."""
    m = s.mentions.c
    agg: dict[str, dict] = {}
    for chunk in _chunks(event_ids):
        for r in conn.execute(
                select(m.event_id, func.count(), func.count(func.distinct(m.source_key)),
                       func.min(m.report_date), func.max(m.report_date),
                       func.sum(case((m.background.is_(False), 1), else_=0)),
                       func.max(m.confidence))
                .where(m.event_id.in_(chunk)).group_by(m.event_id)):
            agg[r[0]] = dict(num_mentions=r[1], num_sources=r[2], first_report=r[3],
                             last_report=r[4], background=not r[5], confidence=r[6])
    dates = _dates(conn, event_ids)
    rows = []
    for eid in event_ids:
        a = agg[eid]
        got = _dated(dates.get(eid, []))
        rows.append(dict(b_id=eid, **a, **got, sort_date=got["date_lo"] or a["first_report"]))
    return rows


_KEPT = ("num_mentions", "num_sources", "first_report", "last_report", "background",
         "confidence", "date", "date_precision", "date_lo", "date_hi", "date_text")


def _accumulate(conn: Connection, new: dict[str, list[dict]],
                known: set[tuple[str, str]]) -> list[dict]:
    """The aggregates of stored events after this batch's mentions (``new``) joined them.

    Each stored event's aggregates are those of all its mentions before the batch, so they
    are carried on with the new mentions alone; only an event that gained a dated mention
    reads its dated mentions again (for the best date). ``known``: the (event, source)
    pairs that had a mention before the batch.
    """
    e = s.events.c
    old: dict[str, dict] = {}
    for chunk in _chunks(sorted(new)):
        for r in conn.execute(select(e.id, *[e[c] for c in _KEPT]).where(e.id.in_(chunk))):
            old[r.id] = dict(r._mapping)
    redate = {eid for eid, rows in new.items() if any(r["date"] for r in rows)}
    dates = _dates(conn, sorted(redate))
    out = []
    for eid in sorted(new):
        o, rows = old[eid], new[eid]
        reports = [x for x in [o["first_report"], o["last_report"]]
                   + [r["report_date"] for r in rows] if x is not None]
        confs = [x for x in [o["confidence"]] + [r["confidence"] for r in rows] if x is not None]
        keys = {r["source_key"] for r in rows if r["source_key"] is not None}
        row = dict(b_id=eid, num_mentions=o["num_mentions"] + len(rows),
                   num_sources=o["num_sources"] + len({k for k in keys if (eid, k) not in known}),
                   first_report=min(reports, default=None), last_report=max(reports, default=None),
                   background=bool(o["background"]) and all(r["background"] for r in rows),
                   confidence=max(confs, default=None))
        if eid in redate:
            row.update(_dated(dates.get(eid, [])))
        else:  # no new dated report: the best date and its text stay
            row.update({c: o[c] for c in ("date", "date_precision", "date_lo", "date_hi",
                                          "date_text")})
        row["sort_date"] = row["date_lo"] or row["first_report"]
        out.append(row)
    return out


def _write(conn: Connection, rows: list[dict], best_new: dict[str, dict]) -> None:
    """Store the recomputed aggregates and the new representative mentions."""
    e = s.events.c
    if rows:
        conn.execute(update(s.events).where(e.id == bindparam("b_id")), rows)
    reps = [dict(b_id=eid, doc_id=r["doc_id"], source_role=r["source_role"],
                 source_text=r["source_text"], target_role=r["target_role"],
                 target_text=r["target_text"], sentence=r["sentence"], start=r["start"],
                 end=r["end"]) for eid, r in best_new.items()]
    if reps:
        conn.execute(update(s.events).where(e.id == bindparam("b_id")), reps)
