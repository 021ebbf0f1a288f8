"""Memory of a long-running coding process on a live feed, where unseen names keep coming.

The articles of the corpus (``common.load_corpus``) are coded over and over, each copy with
about one word in fifteen replaced by an invented name or a number (seeded), so that the
vocabulary keeps growing as it does on a real feed. One fresh process per configuration,
both at once (one per core):

* ``never``: the pipeline is never loaded afresh (how every process behaved before);
* ``renew``: loaded afresh once its vocabulary has taken in ``--renew-after`` new strings
  (default 50,000 so that a run of this length shows it; the product's default is the
  setting ``renew_after_strings``).

Resident memory (RSS) and vocabulary size are read every ``--every`` articles. Reported
per configuration: the readings, the growth in MB per 1,000 articles over the second half
of the run, the RSS at the end, the peak, and how many times the pipeline was renewed.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
import weakref
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import common

SYLLABLES = ("ka", "lo", "mi", "ran", "tsu", "vel", "dor", "an", "is", "ek", "bo", "zu", "pre")


def _fresh(rng: random.Random, text: str) -> str:
    """``text`` with about one word in fifteen replaced by an invented name or number."""
    def name() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
    words = text.split(" ")
    for _ in range(max(3, len(words) // 15)):
        i = rng.randrange(len(words))
        words[i] = f"{name()} {name()}" if rng.random() < 0.7 else str(rng.randrange(10 ** 7))
    return " ".join(words)


def run_in_child(articles, n: int, every: int, renew_after: int | None) -> dict:
    """Runs in a fresh process: code ``n`` fresh copies in windows, reading memory."""
    common.ensure_importable()
    from dataclasses import replace

    from diplograph.api import WINDOW
    from diplograph.coding.coder import code_articles
    from diplograph.nlp import pipeline
    from diplograph.settings import load_settings

    settings = load_settings(fast_path=True, renew_after_strings=renew_after or sys.maxsize)
    rng = random.Random(5)

    # the pipeline is only ever held weakly here: a strong reference would outlive a renewal
    current = weakref.ref(pipeline.get_pipeline(settings))
    readings, renewals, done, errors = [], 0, 0, 0
    t0 = time.perf_counter()
    readings.append({"articles": 0, "rss_mb": round(common.rss_mb(), 1),
                     "strings": len(current().vocab.strings)})
    while done < n:
        size = min(WINDOW, n - done)
        window = [replace(articles[(done + j) % len(articles)], id=f"m{done + j}",
                          text=_fresh(rng, articles[(done + j) % len(articles)].text))
                  for j in range(size)]
        try:
            code_articles(window, settings=settings)
        except Exception:  # noqa: BLE001  counted: a bench reports, it does not stop
            errors += 1
        done += size
        nlp = pipeline.get_pipeline(settings)
        renewals += current() is not nlp
        current, strings = weakref.ref(nlp), len(nlp.vocab.strings)
        del nlp
        if done % every < size or done == n:
            readings.append({"articles": done, "rss_mb": round(common.rss_mb(), 1), "strings": strings,
                             "seconds": round(time.perf_counter() - t0, 1)})
    return {"readings": readings, "renewals": renewals, "window_errors": errors,
            "peak_rss_mb": round(common.peak_rss_mb(), 1)}


def _slope(readings: list[dict]) -> float | None:
    """MB per 1,000 articles between the middle reading and the last."""
    mid = readings[len(readings) // 2]
    end = readings[-1]
    if end["articles"] <= mid["articles"]:
        return None
    return round((end["rss_mb"] - mid["rss_mb"]) * 1000 / (end["articles"] - mid["articles"]), 2)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_common_args(ap)
    ap.add_argument("-n", type=int, default=None, help="articles per run (default 20000; quick 96)")
    ap.add_argument("--every", type=int, default=None, help="read memory every N articles")
    ap.add_argument("--renew-after", type=int, default=50_000,
                    help="new strings before the pipeline is loaded afresh, in the 'renew' run")
    args = ap.parse_args(argv)
    n = args.n or (96 if args.quick else 20_000)
    every = args.every or (32 if args.quick else 2_000)
    corpus = common.load_corpus(None if not args.quick else 24, synthetic=args.synthetic)
    print(f"corpus: {corpus.description}", file=sys.stderr)
    from bench_code import clean
    articles, _ = clean(corpus.items)

    from diplograph.settings import Settings
    configs = {"never": None, "renew": args.renew_after}
    print(f"coding {n} articles with invented names, per configuration ({', '.join(configs)}) ...",
          file=sys.stderr)
    ctx = get_context("spawn")
    with ProcessPoolExecutor(len(configs), mp_context=ctx) as pool:
        futures = {k: pool.submit(run_in_child, articles, n, every, v) for k, v in configs.items()}
        runs = {k: f.result() for k, f in futures.items()}

    rows = []
    for k, r in runs.items():
        r["config"], r["renew_after_strings"] = k, configs[k]
        r["mb_per_1000_articles_second_half"] = _slope(r["readings"])
        r["end_rss_mb"] = r["readings"][-1]["rss_mb"]
        rows.append(r)
    table_rows = []
    for i in range(max(len(r["readings"]) for r in rows)):
        line = {"articles": rows[0]["readings"][min(i, len(rows[0]["readings"]) - 1)]["articles"]}
        for r in rows:
            got = r["readings"][min(i, len(r["readings"]) - 1)]
            line[f"{r['config']}_rss_mb"] = got["rss_mb"]
            line[f"{r['config']}_strings"] = got["strings"]
        table_rows.append(line)
    print(common.table(table_rows, list(table_rows[0]), "memory of one coding process"))
    print(common.table(rows, ["config", "renew_after_strings", "renewals", "end_rss_mb", "peak_rss_mb",
                              "mb_per_1000_articles_second_half", "window_errors"], "summary"))
    targets = {f"peak_rss<1024MB ({r['config']})": r["peak_rss_mb"] < 1024 for r in rows}
    print("targets: " + "; ".join(f"{k}: {'PASS' if v else 'FAIL'}" for k, v in targets.items()))
    data = {"benchmark": "bench_memory", "quick": args.quick, "machine": common.machine(),
            "corpus": {"description": corpus.description, "synthetic": corpus.synthetic,
                       "articles": len(articles)},
            "articles_per_run": n, "product_renew_after_strings": Settings().renew_after_strings,
            "runs": rows, "targets": targets}
    path = common.save("bench_memory", data, args.out)
    print(f"written: {path}", file=sys.stderr)
    return data


if __name__ == "__main__":
    common.ensure_importable()
    common.clean_exit_on_sigterm()
    main()
