"""Query latency of the graph on a large synthetic store, and the store's write throughput.

1. Bulk-loads N synthetic events (default 1,000,000; one mention each, ten events per
   document) straight into a fresh store with executemany, rebuilds the derived
   recognition and relations intervals, then times `Graph.recognition` and
   `Graph.relations` (and `Graph.events` by source) on random entities, dyads and dates:
   median and p99 in milliseconds.
2. Times `Graph.add` (the single writer, with merging) on synthetic CodeResults - no NLP -
   into SQLite and PostgreSQL: documents and mentions per second.

PostgreSQL is a private server started for the run (see common.private_postgres) unless
--pg URL names one or --no-pg is given. Results: a table on stdout and
bench/results/bench_query.json.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

TYPES = [("recognize", 8), ("withdraw_recognition", 1), ("establish_relations", 5),
         ("sever_relations", 2), ("downgrade_relations", 1), ("restore_relations", 1),
         ("condemn", 30), ("praise_or_thank", 15), ("meet", 20), ("visit", 10), ("veto", 2),
         ("impose_sanctions", 5)]
STATES = [f"S{i:03d}" for i in range(200)]
ENTITIES = [f"E{i:02d}" for i in range(50)]
DAY0 = date(1990, 1, 1)
SPAN = 35 * 365


def _pick_type(rng: random.Random) -> str:
    return rng.choices([t for t, _ in TYPES], weights=[w for _, w in TYPES])[0]


def synthetic_rows(n: int, seed: int = 11):
    """Yield (document, [(event, mention)]) rows, ten events per document."""
    rng = random.Random(seed)
    for d in range(0, n, 10):
        doc_id = f"syn{d // 10:07d}"
        report = DAY0 + timedelta(days=rng.randrange(SPAN))
        doc = dict(id=doc_id, content_hash=doc_id, norm_hash=doc_id, url=f"https://s.example/{doc_id}",
                   origin=doc_id, outlet=f"outlet {rng.randrange(300)}", title=None,
                   published=report.isoformat(), retrieved=None, text="synthetic", status="ok",
                   duplicate_of=None, error_code=None, error=None, run_id=None, added=None)
        pairs = []
        for k in range(min(10, n - d)):
            typ = _pick_type(rng)
            src = rng.choice(STATES)
            tgt = rng.choice(ENTITIES) if typ in ("recognize", "withdraw_recognition") else \
                ("UNSC" if typ == "veto" else rng.choice(STATES))
            if tgt == src:
                tgt = STATES[(STATES.index(src) + 1) % len(STATES)]
            r = rng.random()
            when = report - timedelta(days=rng.randrange(0, 30))
            if r < 0.8:
                dt, prec, lo, hi = when.isoformat(), "day", when.isoformat(), when.isoformat()
            elif r < 0.9:
                dt, prec = when.isoformat()[:7], "month"
                lo, hi = dt + "-01", dt + "-28"
            else:
                dt = prec = lo = hi = None
            pol = "asserted" if rng.random() < 0.9 else rng.choice(["negated", "hypothetical"])
            eid = f"{doc_id}e{k}"
            sentence = f"{src} did {typ} to {tgt}."
            ev = dict(id=eid, source=src, target=tgt, type=typ, polarity=pol, scope=None,
                      subject=None, date=dt, date_precision=prec, date_lo=lo, date_hi=hi,
                      sort_date=lo or report.isoformat(), cameo="054", plover_event="SUPPORT",
                      plover_mode=None, plover_context="[]", num_mentions=1, num_sources=1,
                      first_report=report.isoformat(), last_report=report.isoformat(),
                      background=False, confidence=0.8, doc_id=doc_id, mention_id=None,
                      source_role="GOV", source_text=src, target_role=None, target_text=tgt,
                      date_text=None, sentence=sentence, start=k * 40, end=k * 40 + len(sentence))
            men = dict(uid=eid, event_id=eid, doc_id=doc_id, source_key=doc["outlet"],
                       report_date=report.isoformat(), date=dt, date_precision=prec, date_text=None,
                       source_role="GOV", source_text=src, target_role=None, target_text=tgt,
                       sentence=sentence, start=k * 40, end=k * 40 + len(sentence),
                       background=False, confidence=0.8, extractor="bench")
            pairs.append((ev, men))
        yield doc, pairs


def bulk_load(g, n: int, chunk: int = 20_000) -> dict:
    """Insert n synthetic events straight into the store, then derive the state."""
    from sqlalchemy import insert

    from diplograph.graph import schema as s
    from diplograph.graph.derived import rebuild_all_state

    with g.engine.begin() as conn:
        conn.execute(insert(s.actors), [dict(code=c, name=f"State {c}", kind="state", wikidata=None)
                                        for c in STATES + ENTITIES + ["UNSC"]])
    t0 = time.perf_counter()
    docs, evs, mens = [], [], []

    mark = "?" if g.engine.dialect.paramstyle == "qmark" else "%s"

    def raw_insert(conn, table, rows):
        # straight to the driver's executemany: no per-row SQLAlchemy processing
        cols = list(rows[0])
        sql = (f'INSERT INTO {table.name} ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
               f'VALUES ({", ".join([mark] * len(cols))})')
        conn.exec_driver_sql(sql, [tuple(r[c] for c in cols) for r in rows])

    def flush():
        with g.engine.begin() as conn:
            if docs:
                raw_insert(conn, s.documents, docs)
            if evs:
                raw_insert(conn, s.events, evs)
                raw_insert(conn, s.mentions, mens)
        docs.clear(), evs.clear(), mens.clear()

    for doc, pairs in synthetic_rows(n):
        docs.append(doc)
        for ev, men in pairs:
            evs.append(ev)
            mens.append(men)
        if len(evs) >= chunk:
            flush()
    flush()
    t1 = time.perf_counter()
    with g.engine.begin() as conn:
        rebuild_all_state(conn)
    t2 = time.perf_counter()
    if g.engine.dialect.name == "postgresql":
        with g.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            from sqlalchemy import text
            conn.execute(text("ANALYZE"))
    return {"insert_s": round(t1 - t0, 1), "derive_state_s": round(t2 - t1, 1),
            "events_per_s": round(n / (t1 - t0))}


def _ms(samples: list[float]) -> dict:
    s = sorted(samples)
    return {"median_ms": round(statistics.median(s) * 1000, 2),
            "p99_ms": round(s[min(len(s) - 1, int(len(s) * 0.99))] * 1000, 2),
            "max_ms": round(s[-1] * 1000, 2), "n": len(s)}


def time_queries(g, repeat: int, seed: int = 5) -> dict:
    rng = random.Random(seed)

    def as_of():
        return (DAY0 + timedelta(days=rng.randrange(SPAN))).isoformat()

    for e in ENTITIES[:3]:  # warm caches
        g.recognition(e, as_of())
    out = {}
    samples, sizes = [], []
    for _ in range(repeat):
        ent = rng.choice(ENTITIES)
        t = time.perf_counter()
        ans = g.recognition(ent, as_of())
        samples.append(time.perf_counter() - t)
        sizes.append(len(ans["recognisers"]) + len(ans["withdrawn"]) + len(ans["refuses"]))
    out["recognition"] = {**_ms(samples), "mean_answer_actors": round(statistics.mean(sizes), 1)}
    samples, sizes = [], []
    for _ in range(repeat):
        a, b = rng.sample(STATES, 2)
        t = time.perf_counter()
        ans = g.relations(a, b, as_of())
        samples.append(time.perf_counter() - t)
        sizes.append(len(ans["timeline"]))
    out["relations"] = {**_ms(samples), "mean_timeline": round(statistics.mean(sizes), 1)}
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        g.events(source=rng.choice(STATES), limit=100)
        samples.append(time.perf_counter() - t)
    out["events_by_source"] = _ms(samples)
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        g.events(limit=50, offset=rng.randrange(0, 500))
        samples.append(time.perf_counter() - t)
    out["events_newest_page"] = _ms(samples)
    return out


def write_throughput(url: str, docs: int, per_doc: int = 10) -> dict:
    """Graph.add on synthetic CodeResults (merging on): documents and mentions per second."""
    from diplograph.facade import Graph
    from diplograph.model import ActorRef, Article, CodeResult, Event, Evidence

    rng = random.Random(3)

    def results():
        for i in range(docs):
            pub = DAY0 + timedelta(days=rng.randrange(SPAN))
            text = f"Synthetic report {i}."
            evs = []
            for k in range(per_doc):
                typ = _pick_type(rng)
                src, tgt = rng.sample(STATES[:60], 2)
                when = (pub - timedelta(days=rng.randrange(3))).isoformat()
                sent = f"{src} {typ} {tgt} {i} {k}."
                evs.append(Event(doc_id=f"w{i}", type=typ, source=ActorRef(src, name=src),
                                 target=ActorRef(tgt, name=tgt), evidence=Evidence(sent, k, k + 9),
                                 date=when, date_precision="day", cameo="010"))
            yield CodeResult(origin=f"w{i}", article=Article(id=f"w{i}", text=text, published=pub,
                                                             outlet=f"o{i % 40}"), events=evs)

    with Graph(url) as g:
        t = time.perf_counter()
        summary = g.add(results(), batch_size=200)
        secs = time.perf_counter() - t
    return {"documents": docs, "mentions": docs * per_doc, "seconds": round(secs, 2),
            "docs_per_s": round(docs / secs, 1), "mentions_per_s": round(docs * per_doc / secs),
            "events_new": summary.events_new, "events_merged": summary.events_merged}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000, help="synthetic events in the store")
    ap.add_argument("--repeat", type=int, default=300, help="queries of each kind")
    ap.add_argument("--write-docs", type=int, default=2000, help="documents for write throughput")
    ap.add_argument("--pg", default=None, help="an existing PostgreSQL server URL")
    ap.add_argument("--no-pg", action="store_true", help="SQLite only")
    ap.add_argument("--pg-queries", action="store_true",
                    help="also load the large store into PostgreSQL and time queries there")
    common.add_common_args(ap)
    args = ap.parse_args(argv)
    if args.quick:
        args.events = min(args.events, 20_000)
        args.repeat, args.write_docs = min(args.repeat, 30), min(args.write_docs, 100)
    from contextlib import nullcontext
    import tempfile

    from diplograph.facade import Graph

    tmp = Path(tempfile.mkdtemp(prefix="dg-bench-query-"))
    result = {"quick": args.quick, "events": args.events, "stores": {}, "write": {}}
    use_pg = not args.no_pg and (args.pg or common.postgres_available())
    server = (nullcontext(args.pg) if args.pg else common.private_postgres()) if use_pg else nullcontext(None)
    with server as pg:
        targets = [("sqlite", f"sqlite:///{tmp / 'big.db'}")]
        if pg and args.pg_queries:
            targets.append(("postgresql", common.fresh_database(pg, "bench_query_big")))
        for name, url in targets:
            with Graph(url) as g:
                load = bulk_load(g, args.events)
                print(f"{name}: loaded {args.events:,} events in {load['insert_s']} s, "
                      f"state in {load['derive_state_s']} s", file=sys.stderr)
                result["stores"][name] = {"load": load, "queries": time_queries(g, args.repeat),
                                          "stats": g.stats()}
                common.save("bench_query", result, args.out)  # keep what is done so far
        write_targets = [("sqlite", f"sqlite:///{tmp / 'write.db'}")]
        if pg:
            write_targets.append(("postgresql", common.fresh_database(pg, "bench_query_write")))
        for name, url in write_targets:
            result["write"][name] = write_throughput(url, args.write_docs)
    rows = [{"store": s, "query": q, **v} for s, d in result["stores"].items()
            for q, v in d["queries"].items()]
    print(common.table(rows, ["store", "query", "median_ms", "p99_ms", "max_ms", "n"],
                       f"query latency on {args.events:,} synthetic events"))
    print()
    print(common.table([{"store": k, **v} for k, v in result["write"].items()],
                       ["store", "documents", "mentions", "seconds", "docs_per_s", "mentions_per_s"],
                       "write throughput of Graph.add (no NLP)"))
    shutil.rmtree(tmp, ignore_errors=True)
    path = common.save("bench_query", result, args.out)
    print(f"\nwritten {path}", file=sys.stderr)
    json.dumps(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
