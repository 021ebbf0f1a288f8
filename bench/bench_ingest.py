"""Ingest throughput: documents JSONL -> coded -> stored, with 1 and 2 local workers,
into SQLite and PostgreSQL.

    python bench/bench_ingest.py                 # 1,000 documents; a private PostgreSQL 15
    python bench/bench_ingest.py --pg URL        # use this PostgreSQL server instead
    python bench/bench_ingest.py --quick         # a smoke run

Each configuration runs in a fresh process (so model loading and cluster start-up are
paid the same way a user pays them) through the public ``Graph.ingest``; workers > 1 go
through ``diplograph.batch``. ``total`` is the time from a cold start (model
loading, and for workers > 1 the cluster start-up, included); ``steady`` subtracts the
start-up, measured by ingesting one document the same way just before. Prints a table and
writes bench/results/bench_ingest.json.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402


def _event_keys(graph) -> set[tuple]:
    out = set()
    for e in graph.events(limit=10_000_000):
        src, tgt = e.get("source"), e.get("target")
        out.add((e.get("type"), src.get("code") if isinstance(src, dict) else src,
                 tgt.get("code") if isinstance(tgt, dict) else tgt, e.get("polarity"),
                 e.get("date")))
    return out


def ingest_in_child(source: str, probe: str, url: str, probe_url: str, workers: int) -> dict:
    """Fresh process: ingest one document (start-up), then the corpus, into new stores.

    Without a probe (``--quick``) the start-up is not measured and counted as zero.
    """
    from diplograph import Graph
    w = workers if workers > 1 else None
    startup = 0.0
    if probe:
        t0 = time.perf_counter()
        with Graph(probe_url) as g:
            g.ingest([probe], workers=w, progress=False)
        startup = time.perf_counter() - t0
    if w is None:
        startup_paid_again = 0.0  # the model stays loaded in this process
    else:
        startup_paid_again = startup  # a new local cluster loads the model in each worker
    t0 = time.perf_counter()
    with Graph(url) as g:
        summary = g.ingest([source], workers=w, progress=False)
        seconds = time.perf_counter() - t0
        keys = _event_keys(g)
    # cold: what a user waits for from a fresh process (the 1-worker run reuses the model)
    cold = seconds + (startup if w is None else 0.0)
    return {"seconds": cold, "startup_seconds": startup,
            # None when start-up is too large a part of the run to subtract reliably
            "steady_seconds": (seconds - startup_paid_again
                               if seconds - startup_paid_again > 0.2 * seconds else None),
            "summary": summary.to_dict() if hasattr(summary, "to_dict") else str(summary),
            "events": len(keys), "event_keys": sorted(map(repr, keys)),
            "client_peak_rss_mb": round(common.peak_rss_mb(), 1)}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_common_args(ap)
    ap.add_argument("-n", type=int, default=None, help="documents (default 1000; quick 16)")
    ap.add_argument("--pg", default=None, help="PostgreSQL URL (default: start a private one)")
    ap.add_argument("--no-pg", action="store_true", help="SQLite only")
    ap.add_argument("--workers", default="1,2", help="worker counts to run (default 1,2)")
    ap.add_argument("--no-probe", action="store_true",
                    help="do not measure start-up separately (implied by --quick)")
    args = ap.parse_args(argv)
    common.clean_exit_on_sigterm()
    n = args.n or (16 if args.quick else 1000)
    corpus = common.load_corpus(n, synthetic=args.synthetic, distinct=True)
    worker_counts = [int(x) for x in args.workers.split(",")]
    print(f"corpus: {corpus.description}", file=sys.stderr)

    runs, notes = [], []
    ctx = get_context("spawn")
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="dg-bench-ingest-")))
        source = common.write_jsonl(corpus.items, tmp / "corpus.jsonl")
        probe = common.write_jsonl([common.perturb(corpus.items[0], 10**6)], tmp / "probe.jsonl")
        stores = [("sqlite", None)]
        if not args.no_pg:
            if args.pg:
                stores.append(("postgresql", args.pg))
            elif common.postgres_available():
                try:
                    stores.append(("postgresql", stack.enter_context(common.private_postgres())))
                except Exception as exc:  # report, and go on with SQLite
                    notes.append(f"PostgreSQL not started: {exc}")
            else:
                notes.append("PostgreSQL skipped: no initdb found and no --pg URL")
        for store, server in stores:
            for workers in worker_counts:
                name = f"{store}_{workers}w"
                if store == "sqlite":
                    url, probe_url = f"sqlite:///{tmp / name}.db", f"sqlite:///{tmp / name}-probe.db"
                else:
                    url = common.fresh_database(server, f"bench_{name}")
                    probe_url = common.fresh_database(server, f"bench_{name}_probe")
                print(f"ingesting {len(corpus.items)} documents into {store} with {workers} "
                      f"worker(s) ...", file=sys.stderr)
                with ProcessPoolExecutor(1, mp_context=ctx) as pool:
                    r = pool.submit(ingest_in_child, str(source),
                                    "" if args.quick or args.no_probe else str(probe), url, probe_url,
                                    workers).result()
                docs = len(corpus.items)
                runs.append({"store": store, "workers": workers, "documents": docs,
                             "total_s": round(r["seconds"], 2),
                             "startup_s": round(r["startup_seconds"], 2),
                             "docs_per_s_total": docs / r["seconds"],
                             "docs_per_s_steady": (docs / r["steady_seconds"]
                                                   if r["steady_seconds"] else None),
                             "words_per_s_total": corpus.words / r["seconds"],
                             "events": r["events"], "client_peak_rss_mb": r["client_peak_rss_mb"],
                             "summary": r["summary"], "_keys": r["event_keys"]})
    # every configuration must store the same events
    ref = runs[0]["_keys"] if runs else []
    for r in runs:
        r["same_events_as_first"] = r.pop("_keys") == ref
    result = {"quick": args.quick,
              "corpus": {"description": corpus.description, "synthetic": corpus.synthetic,
                         "documents": len(corpus.items), "words": corpus.words},
              "runs": runs, "notes": notes}
    path = common.save("bench_ingest", result, args.out)
    cols = ["store", "workers", "documents", "total_s", "startup_s", "docs_per_s_total",
            "docs_per_s_steady", "words_per_s_total", "events", "client_peak_rss_mb",
            "same_events_as_first"]
    print(f"corpus: {corpus.description}")
    print(common.table(runs, cols, "ingest throughput"))
    for note in notes:
        print("note:", note)
    print(f"\nwritten: {path}")
    return result


if __name__ == "__main__":
    main()
