"""Coding throughput: the fast path against the full parse, on the same documents.

    python bench/bench_code.py              # >= 1,000 articles of mixed news, 1 and 2 workers
    python bench/bench_code.py --quick      # a smoke run on a few documents

Measures articles/s, words/s and sentences/s and the peak memory of each process, for
``fast_path=True`` (parse only candidate sentences) and ``fast_path=False`` (parse every
sentence), in one process and on 2 local Dask workers; and the dev-set F1 of both paths
(``diplograph.eval``), so that speed is never bought with quality. Prints a table and
writes bench/results/bench_code.json. See bench/README.md.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

MODES = {"fast": True, "full": False}


def _settings(fast: bool):
    from diplograph.settings import load_settings
    return load_settings(fast_path=fast)


def _warm(settings) -> None:
    from diplograph.api import code
    code("Kenya recalled its ambassador to Somalia on Monday.", settings=settings)


def clean(items: list[common.Item]):
    """Documents to Articles once, in this process (timed separately from coding)."""
    from diplograph.errors import DiplographError
    from diplograph.ingest import to_article
    settings = _settings(True)
    articles, failed = [], 0
    for doc in common.to_documents(items):
        try:
            articles.append(to_article(doc, settings=settings))
        except DiplographError:
            failed += 1
    return articles, failed


def _code_windows(articles, settings) -> tuple[int, int]:
    """Code as api.code_documents does in one process; (events, errors)."""
    from diplograph.api import WINDOW
    from diplograph.coding import code_article, code_articles
    events = errors = 0
    for i in range(0, len(articles), WINDOW):
        window = articles[i:i + WINDOW]
        try:
            events += sum(map(len, code_articles(window, settings=settings)))
        except Exception:  # one by one, as the API does; failures counted, not fatal
            for art in window:
                try:
                    events += len(code_article(art, settings=settings))
                except Exception:
                    errors += 1
    return events, errors


def code_in_child(articles, fast: bool, dev: bool, distinct: int = 0) -> dict:
    """Runs in a fresh process: load, warm, code every article, report time and memory.

    ``distinct``: the first articles that are no copies. They are coded once first, timed
    as the *cold* reading (a fresh process meeting unseen text: every cache and the
    vocabulary empty); the timed run that follows is the *steady* reading of a process
    that has seen this vocabulary (and, with a replicated corpus, these very texts)."""
    settings = _settings(fast)
    t0 = time.perf_counter()
    _warm(settings)
    load_s = time.perf_counter() - t0
    rss_loaded = common.rss_mb()
    cold = None
    if distinct:
        t0, c0 = time.perf_counter(), time.process_time()
        _code_windows(articles[:distinct], settings)
        cold = {"articles": distinct, "seconds": time.perf_counter() - t0,
                "cpu_seconds": time.process_time() - c0}
    t0, c0 = time.perf_counter(), time.process_time()
    events, errors = _code_windows(articles, settings)
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - c0
    out = {"seconds": seconds, "cpu_seconds": cpu_seconds, "events": events, "errors": errors,
           "cold": cold, "load_seconds": load_s,
           "rss_after_load_mb": round(rss_loaded, 1), "peak_rss_mb": round(common.peak_rss_mb(), 1)}
    if dev:
        out["dev"] = dev_scores(settings)
    return out


def dev_scores(settings) -> dict:
    """Dev-set F1 (article gold) and mixed-news false positives, via diplograph.eval."""
    try:
        from diplograph.eval import run_articles, run_mixed
    except ImportError as exc:
        return {"error": f"diplograph.eval unavailable: {exc}"}
    out = {}
    dev = run_articles(common.SHARED / "dev" / "gold.jsonl", settings=settings)
    out["f1"], out["precision"], out["recall"] = dev["f1"], dev["precision"], dev["recall"]
    out["date_accuracy"] = dev.get("date_accuracy")
    try:
        mixed = run_mixed(common.SHARED / "mixed" / "labels.jsonl", settings=settings)
        out["mixed"] = {k: v for k, v in mixed.items() if isinstance(v, (int, float))}
    except Exception as exc:  # a secondary figure: report, do not fail
        out["mixed"] = {"error": str(exc)}
    return out


def profile_in_child(articles, fast: bool, top: int = 20) -> dict:
    """cProfile of coding ``articles``: the functions with the most own and total time."""
    settings = _settings(fast)
    _warm(settings)
    prof = cProfile.Profile()
    prof.enable()
    _code_windows(articles, settings)
    prof.disable()
    stats = pstats.Stats(prof, stream=io.StringIO())
    rows = []
    for (file, line, func), (cc, nc, tt, ct, _) in stats.stats.items():
        rows.append({"function": f"{Path(file).name}:{line}({func})", "calls": nc,
                     "own_s": round(tt, 3), "total_s": round(ct, 3)})
    by_own = sorted(rows, key=lambda r: -r["own_s"])[:top]
    ours = sorted((r for r in rows if "diplograph" in r["function"] or r["function"].split(":")[0]
                   in _our_files()), key=lambda r: -r["total_s"])[:top]
    return {"by_own_time": by_own, "ours_by_total_time": ours}


STAGES = {  # stage: (module, attribute) whose calls are timed by stages_in_child
    "cheap pass (tokenizer, sentence split, actor ruler)": ("diplograph.coding.coder", "scan"),
    "actor resolution (ruler in the cheap pass + reuse on parsed sentences)": None,
    "parse (selected sentences)": ("diplograph.coding.coder", "parse_many"),
    "dates: entity recogniser (lazy)": ("diplograph.coding.dates", "ensure_entities"),
}


def stages_in_child(articles, fast: bool = True) -> dict:
    """CPU time of the coder's stages, timed around their calls (no profiler: cProfile
    slows Python code far more than the model's C code, so its shares mislead). The
    actor resolution share is the issue-4 figure: the ruler (whole article, in the cheap
    pass, and any fallback on a parsed sentence) plus attaching its mentions."""
    import importlib
    from diplograph.nlp import actors
    settings = _settings(fast)
    _warm(settings)
    spent = dict.fromkeys(STAGES, 0.0)

    def timed(fn, *keys):
        def wrapper(*a, **k):
            t = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                for key in keys:
                    spent[key] += time.process_time() - t
        return wrapper

    actor_key = next(k for k, v in STAGES.items() if v is None)
    for key, where in STAGES.items():
        if where:
            mod = importlib.import_module(where[0])
            setattr(mod, where[1], timed(getattr(mod, where[1]), key))
    actors.ActorRuler.__call__ = timed(actors.ActorRuler.__call__, actor_key)
    coder = importlib.import_module("diplograph.coding.coder")
    if hasattr(coder, "attach_mentions"):
        coder.attach_mentions = timed(coder.attach_mentions, actor_key)
    t0 = time.process_time()
    _code_windows(articles, settings)
    total = time.process_time() - t0
    return {"articles": len(articles), "cpu_seconds": round(total, 3),
            "stages": {k: {"cpu_seconds": round(v, 3), "share": round(v / total, 4) if total else None}
                       for k, v in spent.items()}}


def actor_load_in_child() -> dict:
    """Runs in a fresh process: the start-up cost of all actor data (issue 4: under 1 s and
    200 MB), i.e. adding the actor ruler to a loaded model and its first call on a short
    text (tables read and people indexed when it is added; its matchers are built on the
    first call)."""
    from diplograph.nlp.pipeline import ACTOR_PIPE, _add_actor_ruler, load_model
    nlp = load_model()
    doc = nlp.make_doc("Kenya's foreign minister met the Chinese ambassador in Nairobi.")
    rss0, peak0 = common.rss_mb(), common.peak_rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    _add_actor_ruler(nlp, None)
    nlp.get_pipe(ACTOR_PIPE)(doc)
    return {"seconds": round(time.perf_counter() - t0, 3),
            "cpu_seconds": round(time.process_time() - c0, 3),
            "rss_added_mb": round(common.rss_mb() - rss0, 1),
            "peak_added_mb": round(common.peak_rss_mb() - peak0, 1)}


def actor_load(repeats: int = 3) -> dict:
    """:func:`actor_load_in_child` in ``repeats`` fresh processes: the median run."""
    ctx = get_context("spawn")
    runs = []
    for _ in range(repeats):
        with ProcessPoolExecutor(1, mp_context=ctx) as pool:
            runs.append(pool.submit(actor_load_in_child).result())
    runs.sort(key=lambda r: r["seconds"])
    return {**runs[len(runs) // 2], "repeats": repeats, "all_seconds": [r["seconds"] for r in runs]}


def selection_in_child(articles, fast: bool) -> dict | None:
    """How many sentences the coder scans and how many it sends to the parser (untimed).

    Counts the calls of the coder's ``scan``/``parse`` helpers; None when the coder has no
    such helpers (the figure is then unknown, not zero).
    """
    try:
        from diplograph.coding import coder
        scan0 = coder.scan
    except (ImportError, AttributeError):
        return None
    parsers = {name: getattr(coder, name) for name in ("parse", "parse_many")
               if hasattr(coder, name)}
    if not parsers:
        return None
    counts = {"articles": len(articles), "sentences_scanned": 0, "sentences_parsed": 0}

    def scan(*a, **k):
        out = scan0(*a, **k)
        counts["sentences_scanned"] += len(getattr(out, "sentences", ()) or ())
        return out

    def counting(parse0):
        def parse(nlp, texts, *a, **k):
            texts = list(texts)
            counts["sentences_parsed"] += len(texts)
            return parse0(nlp, texts, *a, **k)
        return parse

    coder.scan = scan
    for name, fn in parsers.items():
        setattr(coder, name, counting(fn))
    settings = _settings(fast)
    for art in articles:
        try:
            coder.code_article(art, settings=settings)
        except Exception:
            pass
    counts["parsed_share"] = round(counts["sentences_parsed"] / max(counts["sentences_scanned"], 1), 4)
    return counts


def _our_files() -> set[str]:
    import diplograph
    root = Path(diplograph.__file__).parent
    return {p.name for p in root.rglob("*.py")}


def on_workers(items, workers: int, distinct: int = 0) -> dict:
    """Clean and code on one local Dask cluster (the product's batch path), warm-started,
    for each path in turn (settings travel with each task, so one cluster serves both)."""
    from diplograph import batch
    cluster = batch._Cluster(workers, None)
    out = {}
    try:
        for mode, fast in MODES.items():
            print(f"cleaning+coding {len(items)} documents, {mode} path, {workers} workers ...",
                  file=sys.stderr)
            settings = _settings(fast)
            cluster.client.run(batch._warm, settings)
            cold = None
            if distinct:  # every worker codes the unseen texts once: the cold reading
                first = common.to_documents(items[:distinct])
                t0 = time.perf_counter()
                cluster.client.run(batch._code_chunk, first, None, settings)
                took = time.perf_counter() - t0
                cold = {"articles": distinct * workers, "seconds": took,
                        "note": "each worker coded all distinct articles at once"}
            docs = common.to_documents(items)
            t0 = time.perf_counter()
            n = events = failed = 0
            for res in batch._stream(cluster.client, iter(docs), settings=settings,
                                     published=None, chunk_size=settings.chunk_size,
                                     max_pending=batch.IN_FLIGHT_PER_WORKER * workers,
                                     ordered=False):
                n += 1
                events += len(res.events)
                failed += res.failure is not None
            seconds = time.perf_counter() - t0
            # cumulative over the modes run so far: the fast path runs first
            out[mode] = {"seconds": seconds, "documents": n, "events": events, "failed": failed,
                         "cold": cold, "worker_peak_rss_mb": common.worker_peak_rss(cluster.client)}
    finally:
        cluster.close()
    return out


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_common_args(ap)
    ap.add_argument("-n", type=int, default=None, help="articles (default 1000; quick 24)")
    ap.add_argument("--workers", type=int, default=2, help="Dask workers for the parallel run")
    ap.add_argument("--no-workers", action="store_true", help="skip the parallel runs")
    ap.add_argument("--profile", type=int, default=None,
                    help="articles to profile on the fast path (default 300; quick 10; 0: none)")
    args = ap.parse_args(argv)
    n = args.n or (24 if args.quick else 1000)
    n_prof = args.profile if args.profile is not None else (10 if args.quick else 300)
    corpus = common.load_corpus(n, synthetic=args.synthetic)
    items = corpus.items
    print(f"corpus: {corpus.description}", file=sys.stderr)

    t0 = time.perf_counter()
    articles, clean_failed = clean(items)
    clean_s = time.perf_counter() - t0
    n_words = sum(common.words(a.text) for a in articles)
    n_sents = sum(common.sentences(a.text) for a in articles)
    do_dev = not corpus.synthetic and (common.SHARED / "dev" / "gold.jsonl").is_file()
    distinct = min(corpus.base, len(articles))  # round 0 of the replication: no copies

    runs, dev = [], {}
    ctx = get_context("spawn")
    for mode, fast in MODES.items():
        print(f"coding {len(articles)} articles, {mode} path, 1 process ...", file=sys.stderr)
        with ProcessPoolExecutor(1, mp_context=ctx) as pool:
            r = pool.submit(code_in_child, articles, fast, do_dev, distinct).result()
        if "dev" in r:
            dev[mode] = r.pop("dev")
        runs.append(_row(mode, 1, "code", len(articles), n_words, n_sents, r["seconds"],
                         r["events"], r["peak_rss_mb"], r))
    if not args.no_workers and args.workers > 1:
        for mode, r in on_workers(items, args.workers, distinct).items():
            peak = max(r["worker_peak_rss_mb"].values()) if r["worker_peak_rss_mb"] else None
            runs.append(_row(mode, args.workers, "clean+code", r["documents"], n_words, n_sents,
                             r["seconds"], r["events"], peak, r))
    # single-process clean+code, for a like-for-like comparison with the workers
    for row in [r for r in runs if r["processes"] == 1]:
        secs = row["seconds"] + clean_s
        runs.append(_row(row["mode"], 1, "clean+code", len(articles), n_words, n_sents, secs,
                         row["events"], row["peak_rss_mb"], {"clean_seconds": clean_s}))

    profile = {}
    if n_prof:
        print(f"profiling the fast path on {n_prof} articles ...", file=sys.stderr)
        with ProcessPoolExecutor(1, mp_context=ctx) as pool:
            profile = pool.submit(profile_in_child, articles[:n_prof], True).result()
            profile["selection"] = {mode: pool.submit(selection_in_child, articles[:n_prof],
                                                      fast).result()
                                    for mode, fast in MODES.items()}
        with ProcessPoolExecutor(1, mp_context=ctx) as pool:  # fresh: nothing patched yet
            profile["stages"] = pool.submit(stages_in_child, articles).result()

    print("timing the actor data start-up ...", file=sys.stderr)
    profile["actor_load"] = actor_load(1 if args.quick else 3)
    result = summarise(corpus, articles, clean_failed, clean_s, n_words, n_sents, runs, dev,
                       profile, args)
    path = common.save("bench_code", result, args.out)
    print(report(result))
    print(f"\nwritten: {path}")
    return result


def _row(mode, processes, what, docs, n_words, n_sents, seconds, events, peak, extra) -> dict:
    return {"mode": mode, "processes": processes, "what": what, "articles": docs,
            "seconds": round(seconds, 3), "articles_per_s": docs / seconds if seconds else None,
            "words_per_s": n_words / seconds if seconds else None,
            "sentences_per_s": n_sents / seconds if seconds else None,
            "events": events, "peak_rss_mb": peak,
            **{k: v for k, v in extra.items() if k not in ("seconds", "events", "peak_rss_mb")}}


def _find(runs, mode, processes, what):
    for r in runs:
        if r["mode"] == mode and r["processes"] == processes and r["what"] == what:
            return r
    return None


def summarise(corpus, articles, clean_failed, clean_s, n_words, n_sents, runs, dev, profile,
              args) -> dict:
    ratios = {}
    for procs, what in ((1, "code"), (1, "clean+code"), (args.workers, "clean+code")):
        f, s = _find(runs, "fast", procs, what), _find(runs, "full", procs, what)
        if f and s and f["seconds"]:
            ratios[f"{procs}p_{what}"] = round(s["seconds"] / f["seconds"], 2)
    best = _find(runs, "fast", args.workers, "clean+code") or _find(runs, "fast", 1, "clean+code")
    peaks = [r["peak_rss_mb"] for r in runs if r.get("peak_rss_mb")]
    f1_drop = None
    if dev.get("fast", {}).get("f1") is not None and dev.get("full", {}).get("f1") is not None:
        f1_drop = round(dev["full"]["f1"] - dev["fast"]["f1"], 4)
    ratio_key = f"{args.workers}p_clean+code" if f"{args.workers}p_clean+code" in ratios else "1p_code"
    cold = []
    for r in runs:
        c = r.get("cold")
        if c and c.get("seconds"):  # the derived 1-process clean+code rows carry none
            cold.append({"mode": r["mode"], "processes": r["processes"], "articles": c["articles"],
                         "seconds": round(c["seconds"], 3),
                         "articles_per_s": c["articles"] / c["seconds"]})
    cold_best = next((c for c in cold if c["mode"] == "fast" and c["processes"] == args.workers),
                     None)
    targets = {
        "articles_per_s>=100 (fast, 2 workers)": _check(best and best["articles_per_s"], 100),
        "articles_per_s>=100 (fast, 2 workers, cold)": _check(
            cold_best and cold_best["articles_per_s"], 100),
        "words_per_s>=60000 (fast, 2 workers)": _check(best and best["words_per_s"], 60000),
        "fast/full>=5": _check(ratios.get(ratio_key), 5),
        "dev_f1_drop<=0.01": None if f1_drop is None else f1_drop <= 0.01,
        "peak_rss<1024MB per process": (max(peaks) < 1024) if peaks else None,
    }
    load = (profile or {}).get("actor_load")
    if load:
        targets["actor data start-up<1s (issue 4)"] = load["seconds"] < 1.0
        targets["actor data start-up<200MB (issue 4)"] = max(load["rss_added_mb"],
                                                              load["peak_added_mb"]) < 200
    return {
        "quick": args.quick,
        "corpus": {"description": corpus.description, "synthetic": corpus.synthetic,
                   "base_articles": corpus.base, "documents": len(corpus.items),
                   "articles": len(articles), "clean_failed": clean_failed,
                   "words": n_words, "sentences": n_sents,
                   "words_per_article": round(n_words / max(len(articles), 1), 1),
                   "sentence_count": "punctuation rule (bench/common.py), same for all modes"},
        "clean": {"seconds": round(clean_s, 3),
                  "articles_per_s": len(articles) / clean_s if clean_s else None},
        "runs": runs,
        "cold": cold,
        "fast_over_full": ratios,
        "dev": dev,
        "dev_f1_drop": f1_drop,
        "targets": targets,
        "profile": profile,
    }


def _check(value, floor):
    return None if value is None else value >= floor


def report(result: dict) -> str:
    cols = ["mode", "processes", "what", "articles", "seconds", "articles_per_s", "words_per_s",
            "sentences_per_s", "events", "peak_rss_mb"]
    lines = [f"corpus: {result['corpus']['description']}",
             f"        {result['corpus']['words']:,} words, "
             f"{result['corpus']['words_per_article']} words/article",
             "", common.table(result["runs"], cols, "coding throughput (steady: after a pass over "
                                                        "the distinct articles)"), ""]
    if result.get("cold"):
        lines += [common.table(result["cold"], ["mode", "processes", "articles", "seconds",
                                                "articles_per_s"],
                               "cold: a fresh process's first pass over unseen articles"), ""]
    lines.append("fast/full time ratio: " + ", ".join(f"{k} {v}x" for k, v in
                                                      result["fast_over_full"].items()))
    for mode, d in result["dev"].items():
        lines.append(f"dev ({mode}): F1 {d.get('f1')}  P {d.get('precision')}  "
                     f"R {d.get('recall')}  dates {d.get('date_accuracy')}")
    if result["dev_f1_drop"] is not None:
        lines.append(f"dev F1 drop of the fast path: {result['dev_f1_drop']}")
    lines.append("")
    lines.append("targets: " + "; ".join(f"{k}: {'n/a' if v is None else ('PASS' if v else 'FAIL')}"
                                        for k, v in result["targets"].items()))
    prof = result.get("profile") or {}
    for mode, sel in (prof.get("selection") or {}).items():
        if sel:
            lines.append(f"sentences parsed ({mode}): {sel['sentences_parsed']} of "
                         f"{sel['sentences_scanned']} scanned ({sel['parsed_share']:.1%}) "
                         f"over {sel['articles']} articles")
    load = prof.get("actor_load")
    if load:
        lines.append(f"actor data start-up (median of {load['repeats']} fresh processes): "
                     f"{load['seconds']} s ({load['cpu_seconds']} s CPU), +{load['rss_added_mb']} MB "
                     f"resident, +{load['peak_added_mb']} MB peak")
    if prof.get("stages"):
        st = prof["stages"]
        rows = [{"stage": k, "cpu_seconds": v["cpu_seconds"], "share": f"{v['share']:.1%}"}
                for k, v in st["stages"].items()]
        lines += ["", common.table(rows, ["stage", "cpu_seconds", "share"],
                                   f"fast path stages, CPU time over {st['articles']} articles "
                                   f"({st['cpu_seconds']} s in all; stages overlap: the ruler "
                                   f"runs inside the cheap pass)")]
    if prof.get("by_own_time"):
        lines += ["", common.table(prof["by_own_time"][:12], ["function", "calls", "own_s", "total_s"],
                                   "profile (fast path): most own time")]
        lines += ["", common.table(prof["ours_by_total_time"][:12],
                                   ["function", "calls", "own_s", "total_s"],
                                   "profile (fast path): diplograph functions by total time")]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
