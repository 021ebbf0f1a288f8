"""How cost grows with the store: 1,000, 10,000 and 100,000 documents.

    python bench/bench_scale.py                       # SQLite, 1k / 10k / 100k
    python bench/bench_scale.py --pg URL              # also PostgreSQL at that URL
    python bench/bench_scale.py --quick               # a smoke run (tiny sizes)

Coding 100,000 articles on 2 cores takes longer than a benchmark should, and coding cost
per document does not depend on the store. So this benchmark:

1. codes a sample of real articles (mixed/ + dev/ of ../shared/data; synthetic articles
   when absent) once, with the fast path, and reports the coding time per document;
2. grows ONE store to the largest size with copies of those CodeResults: copy k of an
   article gets its own text (a quarter of the words outside the evidence sentences
   replaced by random letters of the same length, and a dateline suffix, so it is neither
   a duplicate nor a near-duplicate), id and publication date (+k days), and its
   day-precision event dates move by k days too, so copies are new documents and mostly
   new events (month/year-dated and undated events merge, as real re-reports do);
3. writes in windows the way ``diplograph.batch`` does (``Graph.seen`` on the window's
   origins, then ``Graph.add``, one transaction per batch), timing each window in wall
   time and in CPU time of this process (the writer runs here; on a shared machine CPU
   time is the steadier figure, wall time also holds SQLite's I/O waits);
4. at each checkpoint reports the time per document of the window just before it, the
   cumulative time per document, process memory and store size per document, and a
   query (recognition of the most recognised entity) timed on the grown store.

Target: time per document at 100k within 20% of that at 1k. Two readings are checked:
the write alone (the part that can grow with the store), and the ingest time per document
a user pays (coding, measured once on the sample, plus the write at that size). Prints a
table and writes bench/results/bench_scale.json.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import string
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

from diplograph.model import content_hash  # noqa: E402


def code_sample(items: list[common.Item]):
    """Code the sample in this process (fast path); CodeResults and seconds per document."""
    from diplograph.api import WINDOW, code_document, code_document_batch
    from diplograph.settings import load_settings
    settings = load_settings(fast_path=True)
    docs = common.to_documents(items)
    code_document(docs[0], settings=settings)  # load the model outside the timing
    t0 = time.perf_counter()
    results = []  # in the windows code_documents uses in one process
    for i in range(0, len(docs), WINDOW):
        results += code_document_batch(docs[i:i + WINDOW], settings=settings)
    seconds = time.perf_counter() - t0
    return [r for r in results if r.article is not None], seconds / max(len(docs), 1)


def _shift(day: str | None, k: int, precision: str | None) -> str | None:
    if not day or precision not in (None, "day") or len(day) != 10:
        return day
    try:
        return (date.fromisoformat(day) + timedelta(days=k % 3650)).isoformat()
    except ValueError:
        return day


_WORD = re.compile(r"[A-Za-z]{3,}")


def scramble(text: str, spans: list[tuple[int, int]], seed: str, rate: float = 0.25) -> str:
    """Replace about ``rate`` of the words outside ``spans`` by random letters of the same
    length: offsets stay valid, evidence stays verbatim, and most word 5-shingles change,
    so copies are not near-duplicates of each other (the store checks Jaccard >= 0.8)."""
    rng = random.Random(seed)
    out, last = [], 0
    for m in _WORD.finditer(text):
        if any(a <= m.start() < b for a, b in spans) or rng.random() >= rate:
            continue
        word = "".join(rng.choice(string.ascii_lowercase) for _ in m.group())
        out += [text[last:m.start()], word.capitalize() if m.group()[0].isupper() else word]
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def copy_result(res, k: int):
    """Copy k of a CodeResult: a distinct document with its events moved k days."""
    if k == 0:
        return res
    art = res.article
    spans = [(e.evidence.start, e.evidence.end) for e in res.events]
    text = f"{scramble(art.text, spans, f'{art.id}/{k}').rstrip()}\n\n(Filed by desk {k}.)"
    new_id = content_hash(text)
    published = art.published + timedelta(days=k % 3650) if art.published else None
    article = replace(art, id=new_id, text=text, published=published,
                      origin=f"{res.origin}~{k}")
    events = [replace(e, doc_id=new_id, date=_shift(e.date, k, e.date_precision), id="")
              for e in res.events]
    return replace(res, origin=f"{res.origin}~{k}", article=article, events=events)


def stream(sample, n: int):
    for i in range(n):
        k, j = divmod(i, len(sample))
        yield copy_result(sample[j], k)


def _db_bytes(url: str, graph) -> int | None:
    if url.startswith("sqlite:///"):
        path = Path(url.split(":///", 1)[1])
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    try:
        from sqlalchemy import text
        with graph.engine.connect() as conn:
            return conn.execute(text("select pg_database_size(current_database())")).scalar()
    except Exception:
        return None


def write_window(graph, group: list, batch_size: int) -> None:
    """Write one window the way ``diplograph.batch`` does: skip the stored origins, then one
    transaction per ``batch_size`` documents."""
    seen = graph.seen([r.origin for r in group])
    graph.add([r for r in group if r.origin not in seen], batch_size=batch_size)


def _snapshot(graph, url: str, folder: str | None, size: int) -> str | None:
    """A copy of the SQLite file as it stands (WAL folded in first), for :func:`probe`."""
    if not folder or not url.startswith("sqlite:///"):
        return None
    from sqlalchemy import text
    with graph.engine.connect() as conn:
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    dest = os.path.join(folder, f"at-{size}.db")
    shutil.copyfile(url.split(":///", 1)[1], dest)
    return dest


def probe(snapshots: dict[int, str], sample, docs: int, rounds: int, window: int,
          batch_size: int) -> dict:
    """Write the same kind of next ``docs`` documents into a fresh copy of each size's
    snapshot, the sizes taking turns for ``rounds`` rounds: a slow spell of a shared
    machine then hits every size alike, unlike the growth readings, which are taken
    minutes apart. Returns the CPU and wall ms per document of each size (median)."""
    import itertools
    from statistics import median

    from diplograph import Graph
    groups = {}
    for size in snapshots:  # built before timing: copying results costs CPU too
        it = itertools.islice(stream(sample, size + docs), size, None)
        groups[size] = list(it)
    runs: dict[int, list[tuple[float, float]]] = {size: [] for size in snapshots}
    for _ in range(rounds):
        for size, path in snapshots.items():
            work = path + ".probe"
            shutil.copyfile(path, work)
            graph = Graph(f"sqlite:///{work}")
            try:
                t0, c0 = time.perf_counter(), time.process_time()
                for i in range(0, docs, window):
                    write_window(graph, groups[size][i:i + window], batch_size)
                runs[size].append((time.perf_counter() - t0, time.process_time() - c0))
            finally:
                graph.close()
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(work + suffix):
                        os.remove(work + suffix)
    return {str(size): {"cpu_ms_per_doc": median(c for _, c in r) / docs * 1000,
                        "ms_per_doc": median(w for w, _ in r) / docs * 1000,
                        "cpu_ms_per_doc_runs": [round(c / docs * 1000, 3) for _, c in r]}
            for size, r in runs.items()}


def grow(url: str, sample, sizes: list[int], window: int, batch_size: int,
         on_checkpoint=None, snapshots: dict[int, str] | None = None,
         snapshot_dir: str | None = None) -> list[dict]:
    from diplograph import Graph
    graph = Graph(url)
    rows = []
    checkpoints = sorted(sizes)
    top = checkpoints[-1]
    target_counts = Counter(e.target.code for r in sample for e in r.events
                            if e.type == "recognize")
    probe_entity = target_counts.most_common(1)[0][0] if target_counts else "UKR"
    graph.recognition(probe_entity)  # load what the query needs once, outside the timing
    # (written so far, window size, wall seconds, CPU seconds of this process)
    times: list[tuple[int, int, float, float]] = []
    written, t_all, c_all = 0, 0.0, 0.0
    it = stream(sample, top)
    try:
        while written < top:
            size = min(window, top - written)
            group = [next(it) for _ in range(size)]
            t0, c0 = time.perf_counter(), time.process_time()
            write_window(graph, group, batch_size)
            dt, dc = time.perf_counter() - t0, time.process_time() - c0
            written += size
            t_all += dt
            c_all += dc
            times.append((written, size, dt, dc))
            if written in checkpoints:
                span = max(min(1000, written // 2), 1)  # documents in the measured tail
                tail = ([(n, d, c) for w, n, d, c in times if w > written - span]
                        or [times[-1][1:]])
                docs_tail = sum(n for n, _, _ in tail)
                per_doc = sum(d for _, d, _ in tail) / max(docs_tail, 1)
                cpu_per_doc = sum(c for _, _, c in tail) / max(docs_tail, 1)
                t0 = time.perf_counter()
                graph.recognition(probe_entity)
                q = time.perf_counter() - t0
                nbytes = _db_bytes(url, graph)
                rows.append({"documents": written, "ms_per_doc_tail": per_doc * 1000,
                             "cpu_ms_per_doc_tail": cpu_per_doc * 1000,
                             "tail_docs": docs_tail, "ms_per_doc_cumulative": t_all / written * 1000,
                             "cpu_ms_per_doc_cumulative": c_all / written * 1000,
                             "rss_mb": round(common.rss_mb(), 1),
                             "peak_rss_mb": round(common.peak_rss_mb(), 1),
                             "store_bytes_per_doc": (nbytes / written) if nbytes else None,
                             "query_ms": q * 1000, "query": f"recognition {probe_entity}"})
                print(f"  {written:>7} documents: {per_doc * 1000:.2f} ms/doc wall, "
                      f"{cpu_per_doc * 1000:.2f} ms/doc CPU (tail), {common.rss_mb():.0f} MB",
                      file=sys.stderr)
                if snapshots is not None:
                    path = _snapshot(graph, url, snapshot_dir, written)
                    if path:
                        snapshots[written] = path
                if on_checkpoint:
                    on_checkpoint(rows)
    finally:
        graph.close()
    return rows


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_common_args(ap)
    ap.add_argument("--sizes", default=None, help="checkpoints (default 1000,10000,100000; "
                                                  "quick 40,80,160)")
    ap.add_argument("--sample", type=int, default=None,
                    help="articles coded for the sample (default: all of mixed+dev; quick 12)")
    ap.add_argument("--window", type=int, default=None,
                    help="documents per seen+add window (default 500; quick 20)")
    ap.add_argument("--pg", default=None, help="also grow a PostgreSQL store at this URL")
    ap.add_argument("--db", default=None, help="SQLite file (default: a temporary file)")
    ap.add_argument("--probe", type=int, default=None,
                    help="documents written into a copy of each size's SQLite store, sizes "
                         "taking turns (default 1000; quick 20; 0: none)")
    ap.add_argument("--rounds", type=int, default=3, help="turns of the probe (default 3)")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in (args.sizes or ("40,80,160" if args.quick else
                                               "1000,10000,100000")).split(",")]
    window = args.window or (20 if args.quick else 500)
    if any(s % window for s in sizes):
        ap.error("every size must be a multiple of --window")
    corpus = common.load_corpus(args.sample or (12 if args.quick else None),
                                synthetic=args.synthetic)  # distinct articles, no copies
    base = corpus.items
    print(f"coding a sample of {len(base)} articles ...", file=sys.stderr)
    sample, code_s_per_doc = code_sample(base)
    events_per_doc = sum(len(r.events) for r in sample) / max(len(sample), 1)
    from diplograph.settings import load_settings
    batch_size = load_settings().batch_size

    stores: dict[str, list[dict]] = {}
    probes: dict[str, dict] = {}
    n_probe = args.probe if args.probe is not None else (20 if args.quick else 1000)

    def build(complete: bool) -> dict:
        checks = {}
        for name, rows in stores.items():
            if not rows:
                continue
            first, last = rows[0], rows[-1]
            ratio = (last["ms_per_doc_tail"] / first["ms_per_doc_tail"]
                     if first["ms_per_doc_tail"] else None)
            cpu = (last["cpu_ms_per_doc_tail"] / first["cpu_ms_per_doc_tail"]
                   if first["cpu_ms_per_doc_tail"] else None)
            checks[name] = {"tail_ratio_largest_over_smallest": round(ratio, 3) if ratio else None,
                            "within_20_percent": None if ratio is None else ratio <= 1.2,
                            "cpu_tail_ratio_largest_over_smallest":
                                round(cpu, 3) if cpu else None,
                            "cpu_within_20_percent": None if cpu is None else cpu <= 1.2,
                            "largest_size_reached": last["documents"]}
            # what a user's ingest pays per document: coding (independent of the store,
            # measured once on the sample) plus this store's write time at that size
            code_ms = code_s_per_doc * 1000
            if first["cpu_ms_per_doc_tail"] is not None:
                total = ((code_ms + last["cpu_ms_per_doc_tail"]) / (code_ms + first["cpu_ms_per_doc_tail"]))
                checks[name]["ingest_ms_per_doc_smallest"] = round(code_ms + first["cpu_ms_per_doc_tail"], 3)
                checks[name]["ingest_ms_per_doc_largest"] = round(code_ms + last["cpu_ms_per_doc_tail"], 3)
                checks[name]["ingest_ratio_largest_over_smallest"] = round(total, 3)
                checks[name]["ingest_within_20_percent"] = total <= 1.2
        for name, by_size in probes.items():
            small, large = by_size[str(min(sizes))], by_size[str(max(sizes))]
            ratio = large["cpu_ms_per_doc"] / small["cpu_ms_per_doc"]
            checks.setdefault(name, {}).update({
                "probe_cpu_ratio_largest_over_smallest": round(ratio, 3),
                "probe_within_20_percent": ratio <= 1.2})
        return {
            "quick": args.quick, "complete": complete,
            "method": ("code a sample once (fast path), then grow one store with perturbed "
                       "copies of its CodeResults; 'tail' = the last min(1000, size/2) "
                       "documents written before each checkpoint; wall time and CPU time of "
                       "this process (the writer runs in it; CPU is steadier on a shared "
                       "machine, but SQLite's I/O waits only show in wall time)"),
            "sample": {"description": corpus.description,
                       "articles": len(sample), "synthetic": corpus.synthetic,
                       "coding_ms_per_doc": code_s_per_doc * 1000,
                       "events_per_doc": round(events_per_doc, 3)},
            "replication": "copy k: ~25% of the words outside evidence sentences replaced by "
                           "random letters of the same length (offsets kept; not a "
                           "near-duplicate), '(Filed by desk k.)' appended (new id), published "
                           "+k days, day-precision event dates +k days; origins '<origin>~k'",
            "sizes": sizes, "window": window, "batch_size": batch_size,
            "stores": stores, "checks": checks,
            "probe": {"documents": n_probe, "rounds": args.rounds, "sizes": probes,
                      "method": "after growing, the same kind of next documents written into a "
                                "fresh copy of the store as it stood at each size, the sizes "
                                "taking turns; median of the rounds (SQLite only)"},
            "coding_projection_2_workers_s": {str(s): s * code_s_per_doc / 2 for s in sizes},
        }

    def partial(name):
        def save(rows):  # a long run keeps what it measured so far
            stores[name] = list(rows)
            common.save("bench_scale", build(False), args.out)
        return save

    with tempfile.TemporaryDirectory(prefix="dg-bench-scale-") as tmp:
        url = f"sqlite:///{args.db or os.path.join(tmp, 'scale.db')}"
        print(f"growing a SQLite store to {sizes[-1]:,} documents ...", file=sys.stderr)
        snaps: dict[int, str] = {}
        stores["sqlite"] = grow(url, sample, sizes, window, batch_size, partial("sqlite"),
                                snapshots=snaps if n_probe else None, snapshot_dir=tmp)
        if n_probe and snaps:
            print(f"probing: {n_probe} documents into a copy of each size's store, "
                  f"{args.rounds} rounds ...", file=sys.stderr)
            probes["sqlite"] = probe(snaps, sample, n_probe, args.rounds, window, batch_size)
            for path in snaps.values():
                os.remove(path)
        if args.pg:
            pg = common.fresh_database(args.pg, "bench_scale")
            print(f"growing a PostgreSQL store to {sizes[-1]:,} documents ...", file=sys.stderr)
            stores["postgresql"] = grow(pg, sample, sizes, window, batch_size,
                                        partial("postgresql"))
    result = build(True)
    checks = result["checks"]
    path = common.save("bench_scale", result, args.out)
    print(f"sample: {result['sample']['description']}; coding "
          f"{result['sample']['coding_ms_per_doc']:.1f} ms/doc, "
          f"{events_per_doc:.2f} events/doc")
    cols = ["documents", "ms_per_doc_tail", "cpu_ms_per_doc_tail", "ms_per_doc_cumulative",
            "cpu_ms_per_doc_cumulative", "rss_mb", "peak_rss_mb", "store_bytes_per_doc",
            "query_ms"]
    for name, rows in stores.items():
        print(common.table(rows, cols, f"store growth: {name}"))
        c = checks[name]
        print(f"largest/smallest time per document: wall {c['tail_ratio_largest_over_smallest']} "
              f"({'PASS' if c['within_20_percent'] else 'FAIL'} the 20% target), CPU "
              f"{c['cpu_tail_ratio_largest_over_smallest']} "
              f"({'PASS' if c['cpu_within_20_percent'] else 'FAIL'})")
        if "probe_cpu_ratio_largest_over_smallest" in c:
            by_size = probes[name]
            print("write CPU per document, probes taking turns (ms, median of "
                  f"{args.rounds}): " + ", ".join(f"{k}: {v['cpu_ms_per_doc']:.3f}"
                                               for k, v in by_size.items())
                  + f"; largest/smallest {c['probe_cpu_ratio_largest_over_smallest']} "
                  f"({'PASS' if c['probe_within_20_percent'] else 'FAIL'} the 20% target)")
        if "ingest_ratio_largest_over_smallest" in c:
            print(f"ingest time per document (coding {result['sample']['coding_ms_per_doc']:.1f} "
                  f"ms + write, CPU): {c['ingest_ms_per_doc_smallest']} -> "
                  f"{c['ingest_ms_per_doc_largest']} ms, ratio {c['ingest_ratio_largest_over_smallest']} "
                  f"({'PASS' if c['ingest_within_20_percent'] else 'FAIL'} the 20% target)")
        print()
    print(f"written: {path}")
    return result


if __name__ == "__main__":
    main()
