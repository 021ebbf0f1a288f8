"""Smoke run of bench/bench_query.py: the JSON has the promised fields (no timing checks)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def test_bench_query_quick(repo_root, tmp_path):
    out = tmp_path / "results"
    proc = subprocess.run([sys.executable, str(repo_root / "bench" / "bench_query.py"), "--quick",
                           "--no-pg", "--events", "3000", "--repeat", "5", "--write-docs", "20",
                           "--out", str(out)], capture_output=True, text=True, timeout=600,
                          cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads((out / "bench_query.json").read_text())
    assert data["benchmark"] == "bench_query" and data["events"] == 3000
    queries = data["stores"]["sqlite"]["queries"]
    for name in ("recognition", "relations", "events_by_source"):
        assert queries[name]["n"] == 5 and queries[name]["median_ms"] > 0
    assert data["stores"]["sqlite"]["stats"]["events"] == 3000
    assert data["write"]["sqlite"]["mentions"] == 200
