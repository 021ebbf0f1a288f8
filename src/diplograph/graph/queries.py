"""Read side: events, documents, actors, and recognition / relations answers as dicts."""
from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection

from ..errors import QueryError
from . import schema as s
from .cluster import bounds
from .state import at, effective

MENTIONS_PER_EVENT = 5  # in answers; .event(id) gives all of them
EVENTS_PER_ANSWER = 10  # per recogniser: the first and last five; num_events counts all


def day(value: str | date | None, *, end: bool = False, what: str = "date") -> str | None:
    """An ISO day from 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' or a date (its last day if ``end``)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    lo, hi = bounds(str(value).strip())
    if lo is None:
        raise QueryError(f"bad {what} {value!r}", hint="Use YYYY-MM-DD (or YYYY-MM, YYYY).")
    return hi if end else lo


def names(conn: Connection, codes: Iterable[str]) -> dict[str, str | None]:
    codes = sorted({c for c in codes if c})
    if not codes:
        return {}
    rows = conn.execute(select(s.actors.c.code, s.actors.c.name).where(s.actors.c.code.in_(codes)))
    found = {r.code: r.name for r in rows}
    return {c: found.get(c) for c in codes}


def event_dict(row, actor_names: dict[str, str | None]) -> dict:
    """An events row as the event contract of DESIGN.md, plus the merge counts."""
    r = row._asdict() if hasattr(row, "_asdict") else row
    plover = None
    if r["plover_event"] or r["plover_mode"]:
        plover = {"event": r["plover_event"], "mode": r["plover_mode"],
                  "context": json.loads(r["plover_context"] or "[]")}
    return {
        "id": r["id"], "doc_id": r["doc_id"], "type": r["type"], "cameo": r["cameo"],
        "plover": plover,
        "source": {"code": r["source"], "role": r["source_role"],
                   "name": actor_names.get(r["source"]), "text": r["source_text"]},
        "target": {"code": r["target"], "role": r["target_role"],
                   "name": actor_names.get(r["target"]), "text": r["target_text"]},
        "date": r["date"], "date_precision": r["date_precision"], "date_text": r["date_text"],
        "polarity": r["polarity"], "background": bool(r["background"]), "scope": r["scope"],
        "subject": r["subject"],
        "evidence": {"sentence": r["sentence"], "start": r["start"], "end": r["end"]},
        "confidence": round(r["confidence"] or 0.0, 3),
        "num_mentions": r["num_mentions"], "num_sources": r["num_sources"],
        "first_report": r["first_report"], "last_report": r["last_report"],
    }


def mention_rows(conn: Connection, event_ids: list[str], per_event: int | None = None
                 ) -> dict[str, list[dict]]:
    if not event_ids:
        return {}
    m, d = s.mentions.c, s.documents.c
    out: dict[str, list[dict]] = {}
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start:start + 500]
        rows = conn.execute(
            select(m.event_id, m.doc_id, m.report_date, m.date, m.date_precision, m.date_text,
                   m.sentence, m.start, m.end, m.background, m.confidence, m.extractor,
                   d.url, d.outlet, d.title)
            .join(s.documents, s.documents.c.id == m.doc_id)
            .where(m.event_id.in_(chunk)).order_by(m.event_id, m.report_date, m.id))
        for r in rows:
            lst = out.setdefault(r.event_id, [])
            if per_event is None or len(lst) < per_event:
                item = r._asdict()
                item.pop("event_id")
                item["background"] = bool(item["background"])
                lst.append(item)
    return out


def load_events(conn: Connection, ids: Iterable[str], *, with_mentions: bool = True,
                per_event: int | None = MENTIONS_PER_EVENT) -> dict[str, dict]:
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    rows = []
    for start in range(0, len(ids), 500):
        rows += list(conn.execute(select(s.events).where(s.events.c.id.in_(ids[start:start + 500]))))
    nm = names(conn, [r.source for r in rows] + [r.target for r in rows])
    out = {r.id: event_dict(r, nm) for r in rows}
    if with_mentions:
        ms = mention_rows(conn, list(out), per_event)
        for eid, ev in out.items():
            ev["mentions"] = ms.get(eid, [])
    return out


def _filters(source=None, target=None, type=None, polarity=None, since=None, until=None,
             q=None) -> list:
    e = s.events.c
    conds = []
    if source:
        conds.append(e.source.in_(source) if isinstance(source, (list, tuple, set)) else e.source == source)
    if target:
        conds.append(e.target.in_(target) if isinstance(target, (list, tuple, set)) else e.target == target)
    if type:
        conds.append(e.type.in_(type) if isinstance(type, (list, tuple, set)) else e.type == type)
    if polarity:
        conds.append(e.polarity == polarity)
    lo, hi = day(since, what="--since date"), day(until, end=True, what="--until date")
    if lo:
        conds.append(func.coalesce(e.date_hi, e.first_report) >= lo)
    if hi:
        conds.append(e.sort_date <= hi)
    if q:
        conds.append(func.lower(e.sentence).contains(q.lower(), autoescape=True))
    return conds


def events(conn: Connection, *, limit: int | None = 100, offset: int = 0,
           with_mentions: bool = False, **filters) -> list[dict]:
    e = s.events.c
    stmt = select(s.events).where(and_(True, *_filters(**filters)))
    stmt = stmt.order_by(e.sort_date.desc(), e.id).offset(offset or 0)
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = list(conn.execute(stmt))
    nm = names(conn, [r.source for r in rows] + [r.target for r in rows])
    out = [event_dict(r, nm) for r in rows]
    if with_mentions:
        ms = mention_rows(conn, [ev["id"] for ev in out])
        for ev in out:
            ev["mentions"] = ms.get(ev["id"], [])
    return out


def count_events(conn: Connection, **filters) -> int:
    return conn.execute(select(func.count()).select_from(s.events)
                        .where(and_(True, *_filters(**filters)))).scalar() or 0


def event(conn: Connection, event_id: str) -> dict | None:
    return load_events(conn, [event_id], per_event=None).get(event_id)


def _doc_dict(r, with_text: bool) -> dict:
    d = r._asdict()
    if not with_text:
        d.pop("text", None)
    return d


def document(conn: Connection, doc_id: str) -> dict | None:
    row = conn.execute(select(s.documents).where(s.documents.c.id == doc_id)).first()
    if row is None:
        return None
    out = _doc_dict(row, True)
    ids = [r.event_id for r in conn.execute(
        select(s.mentions.c.event_id).where(s.mentions.c.doc_id == doc_id).distinct())]
    evs = load_events(conn, ids, with_mentions=False)
    out["events"] = sorted(evs.values(), key=lambda ev: (ev["evidence"]["start"] or 0))
    return out


def documents(conn: Connection, q: str | None = None, limit: int = 100, offset: int = 0) -> list[dict]:
    d = s.documents.c
    stmt = select(*[c for c in s.documents.c if c.name != "text"])
    if q:
        like = f"%{q.lower()}%"
        stmt = stmt.where(or_(func.lower(d.title).like(like), func.lower(d.url).like(like),
                              func.lower(d.outlet).like(like), func.lower(d.origin).like(like)))
    stmt = stmt.order_by(d.published.desc().nulls_last(), d.id).limit(limit).offset(offset)
    return [r._asdict() for r in conn.execute(stmt)]


def actors(conn: Connection, q: str | None = None, limit: int = 500) -> list[dict]:
    a = s.actors.c
    stmt = select(s.actors)
    if q:
        like = f"%{q.lower()}%"
        stmt = stmt.where(or_(func.lower(a.code).like(like), func.lower(a.name).like(like)))
    return [r._asdict() for r in conn.execute(stmt.order_by(a.code).limit(limit))]


def entity(conn: Connection, code: str) -> dict:
    row = conn.execute(select(s.actors).where(s.actors.c.code == code)).first()
    e = s.events.c
    as_source = conn.execute(select(func.count()).where(e.source == code)).scalar() or 0
    as_target = conn.execute(select(func.count()).where(e.target == code)).scalar() or 0
    by_type = {t: n for t, n in conn.execute(
        select(e.type, func.count()).where(or_(e.source == code, e.target == code)).group_by(e.type))}
    return {"code": code, "name": row.name if row else None, "kind": row.kind if row else None,
            "wikidata": row.wikidata if row else None,
            "counts": {"as_source": as_source, "as_target": as_target, "by_type": by_type}}


def _json_list(value: str | None) -> list[str]:
    return json.loads(value) if value else []


def _shown(evs: dict[str, dict], ids: list[str], as_of: str) -> list[dict]:
    """Events that were in effect (dated or reported) on ``as_of``, oldest first."""
    out = []
    for i in ids:
        ev = evs.get(i)
        if ev is None:
            continue
        when = _effective_of(ev)
        if when is None or when <= as_of:
            out.append(ev)
    return sorted(out, key=lambda ev: (_effective_of(ev) or "", ev["id"]))


def _effective_of(ev: dict) -> str | None:
    return effective({"date_lo": bounds(ev["date"])[0] if ev["date"] else None,
                      "first_report": ev["first_report"]})


def recognition(conn: Connection, code: str, as_of: str) -> dict:
    r = s.recognition.c
    rows = [x._asdict() for x in conn.execute(
        select(s.recognition).where(r.entity == code).order_by(r.recogniser, r.start))]
    by_rec: dict[str, list[dict]] = {}
    for row in rows:
        by_rec.setdefault(row["recogniser"], []).append(row)
    holding = {rec: at(ivs, as_of) for rec, ivs in by_rec.items()}
    holding = {k: v for k, v in holding.items() if v is not None}
    ids = [i for iv in holding.values()
           for i in _sample(_json_list(iv["event_ids"])) + _sample(_json_list(iv["conflicts"]))]
    evs = load_events(conn, ids)
    nm = names(conn, list(holding) + [code])
    answer = {"entity": {"code": code, "name": nm.get(code)}, "as_of": as_of,
              "recognisers": [], "withdrawn": [], "refuses": []}
    key = {"recognises": "recognisers", "withdrawn": "withdrawn", "refuses": "refuses"}
    for rec in sorted(holding, key=lambda k: (holding[k]["start"], k)):
        iv = holding[rec]
        answer[key[iv["status"]]].append({
            "code": rec, "name": nm.get(rec), "since": iv["since"],
            "date_precision": iv["since_precision"], "known_by": iv["known_by"],
            "status": iv["status"], "events": _shown(evs, _json_list(iv["event_ids"]), as_of),
            "num_events": len(_json_list(iv["event_ids"])),
            "conflicts": _shown(evs, _json_list(iv["conflicts"]), as_of)})
    return answer


def _sample(ids: list[str], each_end: int = EVENTS_PER_ANSWER // 2) -> list[str]:
    """The first and the last supporting events (ids are in time order)."""
    if len(ids) <= 2 * each_end:
        return ids
    return ids[:each_end] + ids[-each_end:]


def relations(conn: Connection, a: str, b: str, as_of: str, timeline_limit: int = 500) -> dict:
    lo, hi = sorted((a, b))
    r = s.relations.c
    ivs = [x._asdict() for x in conn.execute(
        select(s.relations).where((r.a == lo) & (r.b == hi)).order_by(r.start))]
    iv = at(ivs, as_of)
    e = s.events.c
    pair = or_(and_(e.source == a, e.target == b), and_(e.source == b, e.target == a))
    ids = [x.id for x in conn.execute(
        select(e.id).where(pair & (e.sort_date <= as_of))
        .order_by(e.sort_date.desc(), e.id).limit(timeline_limit))]
    conflicts = _json_list(iv["conflicts"]) if iv else []
    evs = load_events(conn, ids + conflicts)
    nm = names(conn, [a, b])
    return {"a": a, "b": b, "a_name": nm.get(a), "b_name": nm.get(b), "as_of": as_of,
            "status": iv["status"] if iv else "unknown",
            "since": iv["since"] if iv else None,
            "date_precision": iv["since_precision"] if iv else None,
            "known_by": iv["known_by"] if iv else None,
            "events": _shown(evs, _json_list(iv["event_ids"]), as_of) if iv else [],
            "conflicts": _shown(evs, conflicts, as_of),
            "timeline": _shown(evs, ids, as_of)}
