"""The single write path: documents, mentions merged into events, derived state.

Every batch is one transaction, so a crash leaves the store as it was before that batch.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from itertools import islice
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

import numpy as np
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from ..model import CodeResult, content_hash
from . import bandindex
from . import schema as s
from .merge import Pending, existing_uids, merge
from .neardup import MIN_SHINGLES, SIG_FLOOR
from .neardup import THRESHOLD as NEAR_THRESHOLD
from .neardup import agreement, band_keys, jaccard, pack, shingle_array, signature, unpack
from .derived import update_state


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
        ok = [r for r in batch if r.failure is None and r.article is not None]
        for res in batch:
            if res.failure is not None or res.article is None:
                self._failed(conn, res, run_id)
                summary.documents_failed += 1
        stored = _stored_docs(conn, ok)
        nhs = [norm_hash(r.article.text) for r in ok]
        twins = _twins(conn, nhs)
        near = _NearCopies(conn, _kept(self.engine))
        near.prefetch([r.article.text for r, nh in zip(ok, nhs)  # likely new originals
                       if nh not in twins and _place(r.article, stored)[1] in (None, "failed")])
        pending: list[Pending] = []
        doc_rows: list[dict] = []
        refs: dict[str, object] = {}
        for res, nh in zip(ok, nhs):
            art = res.article
            inputs.append(f"{art.id}:{art.hash}")
            doc_id, status = _place(art, stored)
            if status is not None and status != "failed":
                summary.documents_unchanged += 1
                continue
            if status == "failed":  # a retry of a document that failed before
                conn.execute(delete(s.documents).where(s.documents.c.id == doc_id))
            stored[doc_id] = ("ok", art.url)
            twin = twins.get(nh)
            twins.setdefault(nh, doc_id)
            if twin is None:
                twin = near.match(art.text, doc_id)
            doc_rows.append(dict(
                id=doc_id, content_hash=art.hash, norm_hash=nh, url=art.url, origin=res.origin,
                outlet=art.outlet, title=art.title,
                published=art.published.isoformat() if art.published else None,
                retrieved=art.retrieved, text=art.text, status="duplicate" if twin else "ok",
                duplicate_of=twin, error_code=None, error=None, run_id=run_id, added=now()))
            if twin:
                summary.documents_duplicate += 1
            else:
                summary.documents_new += 1
            report, skey = _report_date(art), source_key(art)
            for ev in res.events:
                uid = ev.id if doc_id == ev.doc_id else content_hash(f"{ev.id}@{doc_id}")
                pending.append(Pending(uid, ev, doc_id, report, skey))
                refs.setdefault(ev.source.code, ev.source)
                refs.setdefault(ev.target.code, ev.target)
        if doc_rows:
            conn.execute(insert(s.documents), doc_rows)
        near.save()
        known = existing_uids(conn, [p.uid for p in pending])
        fresh, seen = [], set()
        for p in pending:
            if p.uid not in known and p.uid not in seen:
                seen.add(p.uid)
                fresh.append(p)
        _actors(conn, refs)
        n_new, n_merged, touched = merge(conn, fresh, self.extractor)
        summary.events_new += n_new
        summary.events_merged += n_merged
        # an event a batch creates takes the id of the mention that started it
        update_state(conn, touched, touched & {p.uid for p in fresh})
        return summary

    def _failed(self, conn: Connection, res: CodeResult, run_id: int) -> None:
        f = res.failure
        doc_id = (f.doc_id if f and f.doc_id else None) or "failed:" + content_hash(res.origin)
        if conn.execute(select(s.documents.c.id).where(s.documents.c.id == doc_id)).first():
            return  # already stored, failed or not: a failure never overwrites
        conn.execute(insert(s.documents).values(
            id=doc_id, origin=res.origin, status="failed", error_code=f.code if f else "DG000",
            error=f.message if f else "no article", run_id=run_id, added=now()))


def _stored_docs(conn: Connection, results: list[CodeResult]) -> dict[str, tuple]:
    """Stored (status, url) of the batch's document ids and of their copy ids."""
    d = s.documents.c
    ids = set()
    for r in results:
        ids.add(r.article.id)
        if r.article.url:
            ids.add(_copy_id(r.article.id, r.article.url))
    out: dict[str, tuple] = {}
    ids_l = sorted(ids)
    for i in range(0, len(ids_l), 400):
        for row in conn.execute(select(d.id, d.status, d.url).where(d.id.in_(ids_l[i:i + 400]))):
            out[row.id] = (row.status, row.url)
    return out


def _copy_id(doc_id: str, url: str) -> str:
    return f"{doc_id}~{content_hash(url)[:8]}"


def _place(art, stored: dict[str, tuple]) -> tuple[str, str | None]:
    """The id a document is stored under, and its stored status (None when new).

    Ids are content hashes unless the source gave one, so the same text under another URL
    has the same id; it is stored as a copy under a derived id and adds mentions.
    """
    row = stored.get(art.id)
    if row is None or not art.url or not row[1] or row[1] == art.url:
        return art.id, (row[0] if row else None)
    copy = _copy_id(art.id, art.url)
    return copy, (stored[copy][0] if copy in stored else None)


class _Kept:
    """Stored texts' shingles and signatures read by the writers of one store, kept across
    batches: stored texts never change, and the band candidates of a new text are mostly
    the same stored ones batch after batch (the copies of a story keep coming)."""

    ARRAYS = 4096  # shingle arrays (a few KB each), least recently used dropped first
    ARRAY_BYTES = 64 << 20  # and at most this much of them: long texts have long arrays
    SIGS = 1 << 16  # packed signatures (128 bytes each), emptied when full

    def __init__(self):
        self.arrays: OrderedDict[str, np.ndarray] = OrderedDict()
        self.array_bytes = 0
        self.sigs: dict[str, bytes | None] = {}

    def array(self, doc_id: str) -> np.ndarray | None:
        got = self.arrays.get(doc_id)
        if got is not None:
            self.arrays.move_to_end(doc_id)
        return got

    def keep_array(self, doc_id: str, sh: np.ndarray) -> None:
        old = self.arrays.pop(doc_id, None)
        if old is not None:
            self.array_bytes -= old.nbytes
        self.arrays[doc_id] = sh
        self.array_bytes += sh.nbytes
        while self.arrays and (len(self.arrays) > self.ARRAYS or self.array_bytes > self.ARRAY_BYTES):
            self.array_bytes -= self.arrays.popitem(last=False)[1].nbytes

    def keep_sig(self, doc_id: str, data: bytes | None) -> None:
        if len(self.sigs) >= self.SIGS:
            self.sigs.clear()
        self.sigs[doc_id] = data


_KEPT: WeakKeyDictionary = WeakKeyDictionary()  # engine -> _Kept


def _kept(engine: Engine) -> _Kept:
    got = _KEPT.get(engine)
    if got is None:
        got = _KEPT[engine] = _Kept()
    return got


class _NearCopies:
    """Near-identical copies among the stored texts and those of the current batch.

    ``prefetch`` looks up the band keys of the whole batch in one query per chunk (not one
    per document), drops stored candidates whose MinHash signatures disagree (``SIG_FLOOR``)
    and reads the texts of the rest (unless ``kept`` from an earlier batch); ``match`` then
    decides document by document, in batch order, by the exact Jaccard similarity.
    """

    PER_DOC = 50  # stored candidates read per document at most

    def __init__(self, conn: Connection, kept: _Kept | None = None):
        self.conn = conn
        self.kept = kept or _Kept()
        self.batch: dict[str, str] = {}  # band -> doc id of a batch original
        self.rows: list[dict] = []
        self.sig_rows: list[dict] = []
        self.prints: dict[str, tuple] = {}  # text -> (shingles, band keys, signature)
        self.stored: dict[str, set[str]] = {}  # band -> stored doc ids
        self.sigs: dict[str, np.ndarray | None] = {}  # stored doc id -> signature
        self.sets: dict[str, np.ndarray] = {}  # doc id -> sorted shingles (stored and batch)
        self.originals: dict[str, np.ndarray] = {}  # batch originals' shingles

    def _print(self, text: str) -> tuple:
        got = self.prints.get(text)
        if got is None:
            sh = shingle_array(text)
            sig = signature(sh) if len(sh) >= MIN_SHINGLES else None
            got = self.prints[text] = (sh, band_keys(sig) if sig is not None else [], sig)
        return got

    def _load_sigs(self, ids) -> None:
        kept = self.kept.sigs
        todo = []
        for i in sorted(i for i in ids if i not in self.sigs):
            if i in kept:
                self.sigs[i] = None if kept[i] is None else unpack(kept[i])
            else:
                todo.append(i)
        g = s.doc_sigs.c
        for i in range(0, len(todo), 400):
            chunk = todo[i:i + 400]
            found = dict.fromkeys(chunk)  # None: no signature stored, read the text
            found.update((r[0], r[1]) for r in self.conn.execute(
                select(g.doc_id, g.sig).where(g.doc_id.in_(chunk))))
            for doc_id, data in found.items():
                self.sigs[doc_id] = None if data is None else unpack(data)
                self.kept.keep_sig(doc_id, data)

    def _close(self, sig: np.ndarray, ids: set[str]) -> list[str]:
        """The stored candidates worth an exact comparison, at most PER_DOC of them."""
        self._load_sigs(ids)
        return sorted(i for i in ids if self.sigs[i] is None
                      or agreement(sig, self.sigs[i]) >= SIG_FLOOR)[:self.PER_DOC]

    def prefetch(self, texts: list[str]) -> None:
        keys = [k for t in texts for k in self._print(t)[1]]
        for band, doc_id in bandindex.lookup(self.conn, keys):
            self.stored.setdefault(band, set()).add(doc_id)
        self._load_sigs({i for ids in self.stored.values() for i in ids})
        want: set[str] = set()
        for t in texts:
            _, tkeys, sig = self._print(t)
            if tkeys:
                want.update(self._close(sig, self._stored_ids(tkeys)))
        self._read(want)

    def _read(self, ids) -> None:
        todo = []
        for i in sorted(i for i in ids if i not in self.sets):
            got = self.kept.array(i)
            if got is None:
                todo.append(i)
            else:
                self.sets[i] = got
        d = s.documents.c
        for i in range(0, len(todo), 400):
            for row in self.conn.execute(select(d.id, d.text).where(d.id.in_(todo[i:i + 400]))):
                self.sets[row.id] = shingle_array(row.text or "")
                self.kept.keep_array(row.id, self.sets[row.id])

    def _stored_ids(self, keys: list[str]) -> set[str]:
        return set().union(*(self.stored.get(k, ()) for k in keys))

    def match(self, text: str, doc_id: str) -> str | None:
        sh, keys, sig = self._print(text)
        if not keys:
            return None
        cands = {self.batch[k] for k in keys if k in self.batch}
        close = self._close(sig, self._stored_ids(keys))
        self._read(close)  # a no-op unless prefetch was not told of this text
        cands.update(close)
        found = None
        if cands:
            found = next((c for c in sorted(cands)
                          if jaccard(sh, self._set(c)) >= NEAR_THRESHOLD), None)
        if found is None:  # an original: index it for the copies to come
            self.originals[doc_id] = sh
            self.sig_rows.append(dict(doc_id=doc_id, sig=pack(sig)))
            for k in keys:
                self.batch.setdefault(k, doc_id)
                self.rows.append(dict(band=k, doc_id=doc_id))
        return found

    def _set(self, doc_id: str) -> np.ndarray:
        got = self.sets.get(doc_id)
        return self.originals[doc_id] if got is None else got

    def save(self) -> None:
        bandindex.add(self.conn, self.rows)
        if self.sig_rows:
            self.conn.execute(insert(s.doc_sigs), self.sig_rows)


def _twins(conn: Connection, hashes: list[str]) -> dict[str, str]:
    d = s.documents.c
    out: dict[str, str] = {}
    hs = sorted(set(hashes))
    for i in range(0, len(hs), 400):
        for row in conn.execute(select(d.norm_hash, d.id).where(
                d.norm_hash.in_(hs[i:i + 400]) & (d.status == "ok")).order_by(d.added, d.id)):
            out.setdefault(row.norm_hash, row.id)
    return out


def _actors(conn: Connection, refs: dict) -> None:
    a = s.actors.c
    codes = sorted(refs)
    have: dict[str, tuple] = {}
    for i in range(0, len(codes), 400):
        for row in conn.execute(select(a.code, a.name, a.wikidata).where(a.code.in_(codes[i:i + 400]))):
            have[row.code] = (row.name, row.wikidata)
    new = [dict(code=c, name=refs[c].name, kind=None, wikidata=refs[c].wikidata)
           for c in codes if c not in have]
    if new:
        conn.execute(insert(s.actors), new)
    for c, (name, wd) in have.items():
        ref = refs[c]
        if (not name and ref.name) or (not wd and ref.wikidata):
            conn.execute(update(s.actors).where(a.code == c).values(
                name=name or ref.name, wikidata=wd or ref.wikidata))


def count(conn: Connection, table) -> int:
    return conn.execute(select(func.count()).select_from(table)).scalar() or 0
