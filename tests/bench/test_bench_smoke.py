"""Smoke runs of the benchmarks: each --quick mode on a tiny synthetic corpus writes JSON
with the fields the README promises. No timing assertions: speed is for bench/ to report."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def run_bench(repo_root, tmp_path, name: str, *extra: str) -> dict:
    out = tmp_path / "results"
    env = dict(os.environ, DIPLOGRAPH_CONFIG=str(tmp_path / "no-config.toml"))
    proc = subprocess.run([sys.executable, str(repo_root / "bench" / f"{name}.py"), "--quick",
                           "--synthetic", "--out", str(out), *extra],
                          capture_output=True, text=True, timeout=900, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    assert data["benchmark"] == name and data["quick"] is True
    assert data["machine"]["cores"]
    return data


def test_bench_code_quick(repo_root, tmp_path):
    data = run_bench(repo_root, tmp_path, "bench_code", "-n", "12", "--profile", "4")
    assert data["corpus"]["synthetic"] is True and data["corpus"]["articles"] > 0
    modes = {(r["mode"], r["processes"], r["what"]) for r in data["runs"]}
    assert {("fast", 1, "code"), ("full", 1, "code"), ("fast", 2, "clean+code"),
            ("full", 2, "clean+code")} <= modes
    for r in data["runs"]:
        assert r["articles"] > 0 and r["articles_per_s"] > 0 and r["words_per_s"] > 0
        assert r["sentences_per_s"] > 0 and r["peak_rss_mb"] > 0
    assert "2p_clean+code" in data["fast_over_full"] and "1p_code" in data["fast_over_full"]
    assert set(data["targets"]) and data["profile"]["by_own_time"]
    load = data["profile"]["actor_load"]  # issue 4's start-up figure, from a fresh process
    assert load["seconds"] > 0 and load["rss_added_mb"] > 0
    assert "actor data start-up<1s (issue 4)" in data["targets"]


def test_bench_ingest_quick(repo_root, tmp_path):
    data = run_bench(repo_root, tmp_path, "bench_ingest", "-n", "8", "--no-pg")
    runs = {(r["store"], r["workers"]): r for r in data["runs"]}
    assert set(runs) == {("sqlite", 1), ("sqlite", 2)}
    for r in runs.values():
        assert r["documents"] == 8 and r["docs_per_s_total"] > 0 and r["summary"]
        assert r["same_events_as_first"] is True


def test_bench_scale_quick(repo_root, tmp_path):
    data = run_bench(repo_root, tmp_path, "bench_scale", "--sizes", "20,40", "--window", "10",
                     "--sample", "6")
    rows = data["stores"]["sqlite"]
    assert [r["documents"] for r in rows] == [20, 40]
    for r in rows:
        assert r["ms_per_doc_tail"] > 0 and r["rss_mb"] > 0 and r["store_bytes_per_doc"] > 0
    assert "within_20_percent" in data["checks"]["sqlite"]
    assert data["sample"]["coding_ms_per_doc"] > 0
    probes = data["probe"]["sizes"]["sqlite"]  # every size's snapshot written into, in turns
    assert set(probes) == {"20", "40"}
    assert all(len(p["cpu_ms_per_doc_runs"]) == data["probe"]["rounds"] for p in probes.values())
    assert "probe_within_20_percent" in data["checks"]["sqlite"]


def test_bench_memory_quick(repo_root, tmp_path):
    data = run_bench(repo_root, tmp_path, "bench_memory", "--renew-after", "5000")
    runs = {r["config"]: r for r in data["runs"]}
    assert set(runs) == {"never", "renew"}
    assert runs["never"]["renewals"] == 0 and runs["renew"]["renewals"] >= 1
    for r in runs.values():
        assert r["readings"][-1]["articles"] == data["articles_per_run"] and r["window_errors"] == 0
        assert r["peak_rss_mb"] > 0 and r["mb_per_1000_articles_second_half"] is not None
    assert data["targets"]
