"""The single write path: documents, mentions merged into events, derived state.

Every batch is one transaction, so a crash leaves the store as it was before that batch.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from itertools import islice
from urllib.parse import urlsplit

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from ..model import CodeResult, Event, content_hash
from . import schema as s
from .cluster import best_date, bounds, normal_date, pick
from .state import (RECOGNITION_TYPES, RELATION_TYPES, recognition_intervals,
                    relations_intervals)


@dataclass
class IngestSummary:
    documents_new: int = 0
    documents_unchanged: int = 0
    documents_duplicate: int = 0  # new copies of a stored text (another URL, a wire copy)
    documents_failed: int = 0
    events_new: int = 0
    events_merged: int = 0  # mentions that joined an existing event
    run_id: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    def __iadd__(self, other: "IngestSummary") -> "IngestSummary":
        for k, v in asdict(other).items():
            if k != "run_id":
                setattr(self, k, getattr(self, k) + v)
        return self

    def __str__(self) -> str:
        return (f"documents: {self.documents_new} new, {self.documents_unchanged} unchanged, "
                f"{self.documents_duplicate} duplicate, {self.documents_failed} failed; "
                f"events: {self.events_new} new, {self.events_merged} merged")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


def norm_hash(text: str) -> str:
    """Hash of the text without case, punctuation or spacing: catches re-posted copies."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return content_hash(" ".join(_PUNCT.sub(" ", folded).split()))


def source_key(article) -> str:
    if article.outlet:
        return article.outlet.strip().lower()
    if article.url:
        host = urlsplit(article.url).hostname or article.url
        return host.removeprefix("www.")
    return f"doc:{article.id}"


def _report_date(article) -> str | None:
    if article.published:
        return article.published.isoformat()
    if article.retrieved:
        return str(article.retrieved)[:10]
    return None


def _stored_id(conn: Connection, art):
    """The id a document is stored under, and its row if stored already.

    Ids are content hashes unless the source gave one, so the same text under another URL
    has the same id; it is stored as a copy under a derived id and adds mentions.
    """
    d = s.documents.c
    row = conn.execute(select(d.id, d.status, d.url).where(d.id == art.id)).first()
    if row is None or not art.url or not row.url or row.url == art.url:
        return art.id, row
    copy_id = f"{art.id}~{content_hash(art.url)[:8]}"
    return copy_id, conn.execute(select(d.id, d.status, d.url).where(d.id == copy_id)).first()


class Writer:
    """Writes CodeResults in batches. Only one Writer should write a store at a time."""

    def __init__(self, engine: Engine, extractor: str = "diplograph"):
        self.engine = engine
        self.extractor = extractor

    # runs -----------------------------------------------------------------------------
    def start_run(self, manifest: dict | None) -> int:
        m = manifest or {}
        with self.engine.begin() as conn:
            res = conn.execute(insert(s.runs).values(
                started=now(), status="running", package_version=m.get("package_version"),
                model_version=m.get("model_version"), data_version=m.get("data_version"),
                settings=json.dumps(m.get("settings") or {}, default=str)))
            return res.inserted_primary_key[0]

    def finish_run(self, run_id: int, summary: IngestSummary, inputs: list[str]) -> None:
        digest = hashlib.sha256("\n".join(sorted(inputs)).encode()).hexdigest()[:32]
        with self.engine.begin() as conn:
            conn.execute(update(s.runs).where(s.runs.c.id == run_id).values(
                finished=now(), status="done", inputs=len(inputs), inputs_hash=digest,
                summary=json.dumps(summary.to_dict())))

    # the write path -------------------------------------------------------------------
    def add(self, results: Iterable[CodeResult], *, batch_size: int = 200,
            manifest: dict | None = None, on_batch=None) -> IngestSummary:
        total = IngestSummary()
        run_id = self.start_run(manifest)
        total.run_id = run_id
        inputs: list[str] = []
        it = iter(results)
        while True:
            batch = list(islice(it, max(1, batch_size)))
            if not batch:
                break
            with self.engine.begin() as conn:
                part = self._batch(conn, batch, run_id, inputs)
            total += part
            if on_batch:
                on_batch(part, len(batch))
        self.finish_run(run_id, total, inputs)
        return total

    def _batch(self, conn: Connection, batch: list[CodeResult], run_id: int,
               inputs: list[str]) -> IngestSummary:
        summary = IngestSummary()
        touched_entities: set[str] = set()
        touched_dyads: set[tuple[str, str]] = set()
        for res in batch:
            if res.failure is not None or res.article is None:
                self._failed(conn, res, run_id)
                summary.documents_failed += 1
                continue
            art = res.article
            inputs.append(f"{art.id}:{art.hash}")
            doc_id, row = _stored_id(conn, art)
            if row is not None and row.status != "failed":
                summary.documents_unchanged += 1
                continue
            if row is not None:  # a retry of a document that failed before
                conn.execute(delete(s.documents).where(s.documents.c.id == doc_id))
            nh = norm_hash(art.text)
            twin = conn.execute(select(s.documents.c.id).where(
                (s.documents.c.norm_hash == nh) & (s.documents.c.status == "ok")).limit(1)).first()
            status = "duplicate" if twin else "ok"
            conn.execute(insert(s.documents).values(
                id=doc_id, content_hash=art.hash, norm_hash=nh, url=art.url, origin=res.origin,
                outlet=art.outlet, title=art.title,
                published=art.published.isoformat() if art.published else None,
                retrieved=art.retrieved, text=art.text, status=status,
                duplicate_of=twin.id if twin else None, run_id=run_id, added=now()))
            if twin:
                summary.documents_duplicate += 1
            else:
                summary.documents_new += 1
            report = _report_date(art)
            skey = source_key(art)
            for ev in res.events:
                if self._mention(conn, ev, doc_id, report, skey, summary):
                    if ev.type in RECOGNITION_TYPES:
                        touched_entities.add(ev.target.code)
                    if ev.type in RELATION_TYPES:
                        touched_dyads.add(tuple(sorted((ev.source.code, ev.target.code))))
        for entity in touched_entities:
            rebuild_recognition(conn, entity)
        for a, b in touched_dyads:
            rebuild_relations(conn, a, b)
        return summary

    def _failed(self, conn: Connection, res: CodeResult, run_id: int) -> None:
        f = res.failure
        doc_id = (f.doc_id if f and f.doc_id else None) or "failed:" + content_hash(res.origin)
        if conn.execute(select(s.documents.c.id).where(s.documents.c.id == doc_id)).first():
            return  # already stored, failed or not: a failure never overwrites
        conn.execute(insert(s.documents).values(
            id=doc_id, origin=res.origin, status="failed", error_code=f.code if f else "DG000",
            error=f.message if f else "no article", run_id=run_id, added=now()))

    def _actor(self, conn: Connection, ref) -> None:
        row = conn.execute(select(s.actors.c.name, s.actors.c.wikidata)
                           .where(s.actors.c.code == ref.code)).first()
        if row is None:
            conn.execute(insert(s.actors).values(code=ref.code, name=ref.name,
                                                 wikidata=ref.wikidata))
        elif (not row.name and ref.name) or (not row.wikidata and ref.wikidata):
            conn.execute(update(s.actors).where(s.actors.c.code == ref.code).values(
                name=row.name or ref.name, wikidata=row.wikidata or ref.wikidata))

    def _mention(self, conn: Connection, ev: Event, doc_id: str, report: str | None,
                 skey: str, summary: IngestSummary) -> bool:
        uid = ev.id if doc_id == ev.doc_id else content_hash(f"{ev.id}@{doc_id}")
        if conn.execute(select(s.mentions.c.id).where(s.mentions.c.uid == uid)).first():
            return False  # the same claim of the same document, already stored
        self._actor(conn, ev.source)
        self._actor(conn, ev.target)
        mdate, mprec = normal_date(ev.date, ev.date_precision)
        e = s.events.c
        cands = [dict(r._mapping) for r in conn.execute(
            select(e.id, e.date, e.first_report, e.last_report).where(
                (e.source == ev.source.code) & (e.target == ev.target.code) & (e.type == ev.type)
                & (e.polarity == ev.polarity)
                & (e.scope.is_(None) if ev.scope is None else e.scope == ev.scope)))]
        hit = pick(ev.type, mdate, report, cands)
        if hit is None:
            event_id = uid
            conn.execute(insert(s.events).values(
                id=event_id, source=ev.source.code, target=ev.target.code, type=ev.type,
                polarity=ev.polarity, scope=ev.scope, subject=ev.subject, cameo=ev.cameo,
                plover_event=ev.plover.event if ev.plover else None,
                plover_mode=ev.plover.mode if ev.plover else None,
                plover_context=json.dumps(ev.plover.context) if ev.plover else None,
                num_mentions=0, num_sources=0, background=ev.background))
            summary.events_new += 1
        else:
            event_id = hit["id"]
            summary.events_merged += 1
        conn.execute(insert(s.mentions).values(
            uid=uid, event_id=event_id, doc_id=doc_id, source_key=skey, report_date=report,
            date=mdate, date_precision=mprec, date_text=ev.date_text,
            source_role=ev.source.role, source_text=ev.source.text, target_role=ev.target.role,
            target_text=ev.target.text, sentence=ev.evidence.sentence, start=ev.evidence.start,
            end=ev.evidence.end, background=ev.background, confidence=ev.confidence,
            extractor=self.extractor))
        refresh_event(conn, event_id)
        return True


def refresh_event(conn: Connection, event_id: str) -> None:
    """Recompute an event's aggregates from its mentions."""
    m = s.mentions.c
    rows = [dict(r._mapping) for r in conn.execute(
        select(s.mentions).where(m.event_id == event_id).order_by(m.id))]
    if not rows:
        return
    best = max(rows, key=lambda r: ((r["confidence"] or 0), not r["background"], -r["id"]))
    day = best_date(r["date"] for r in rows)
    lo, hi = bounds(day)
    reports = sorted(r["report_date"] for r in rows if r["report_date"])
    first = reports[0] if reports else None
    precise = next((r for r in rows if r["date"] == day), best)
    conn.execute(update(s.events).where(s.events.c.id == event_id).values(
        num_mentions=len(rows), num_sources=len({r["source_key"] for r in rows}),
        first_report=first, last_report=reports[-1] if reports else None,
        date=day, date_precision=normal_date(day, None)[1] if day else None,
        date_lo=lo, date_hi=hi, sort_date=lo or first,
        background=all(r["background"] for r in rows),
        confidence=max((r["confidence"] or 0) for r in rows),
        doc_id=best["doc_id"], mention_id=best["id"], source_role=best["source_role"],
        source_text=best["source_text"], target_role=best["target_role"],
        target_text=best["target_text"], date_text=precise["date_text"] if day else None,
        sentence=best["sentence"], start=best["start"], end=best["end"]))


STATE_COLUMNS = ["id", "source", "target", "type", "polarity", "date", "date_precision",
                 "date_lo", "first_report", "num_sources"]


def _state_events(conn: Connection, where) -> list[dict]:
    cols = [s.events.c[name] for name in STATE_COLUMNS]
    return [dict(r._mapping) for r in conn.execute(select(*cols).where(where))]


def rebuild_recognition(conn: Connection, entity: str) -> None:
    e = s.events.c
    evs = _state_events(conn, (e.target == entity) & e.type.in_(RECOGNITION_TYPES))
    conn.execute(delete(s.recognition).where(s.recognition.c.entity == entity))
    rows = []
    for recogniser, intervals in recognition_intervals(evs).items():
        for iv in intervals:
            rows.append(dict(entity=entity, recogniser=recogniser, **_state_row(iv)))
    if rows:
        conn.execute(insert(s.recognition), rows)


def rebuild_relations(conn: Connection, a: str, b: str) -> None:
    e = s.events.c
    pair = ((e.source == a) & (e.target == b)) | ((e.source == b) & (e.target == a))
    evs = _state_events(conn, pair & e.type.in_(RELATION_TYPES))
    r = s.relations.c
    conn.execute(delete(s.relations).where((r.a == a) & (r.b == b)))
    rows = [dict(a=a, b=b, **_state_row(iv)) for iv in relations_intervals(evs)]
    if rows:
        conn.execute(insert(s.relations), rows)


def _state_row(iv: dict) -> dict:
    return dict(status=iv["status"], since=iv["since"], since_precision=iv["since_precision"],
                known_by=iv["known_by"], start=iv["start"], until=iv["until"],
                event_ids=json.dumps(iv["event_ids"]), conflicts=json.dumps(iv["conflicts"]))


def rebuild_all_state(conn: Connection) -> None:
    """Rebuild every derived interval (after bulk loads)."""
    e = s.events.c
    for (entity,) in conn.execute(select(e.target).where(e.type.in_(RECOGNITION_TYPES)).distinct()):
        rebuild_recognition(conn, entity)
    dyads = {tuple(sorted((a, b))) for a, b in conn.execute(
        select(e.source, e.target).where(e.type.in_(RELATION_TYPES)).distinct())}
    for a, b in dyads:
        rebuild_relations(conn, a, b)


def count(conn: Connection, table) -> int:
    return conn.execute(select(func.count()).select_from(table)).scalar() or 0
