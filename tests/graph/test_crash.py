"""Killing an ingest with a real SIGKILL leaves a store that opens, checks clean and resumes."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

from diplograph.facade import Graph

CHILD = textwrap.dedent("""
    import sys
    from diplograph.facade import Graph
    from tests.graph.factory import event, result

    def results():
        for i in range(int(sys.argv[2])):
            doc = f"k{i:05d}"
            evs = [event(doc, f"S{j:02d}", f"T{i % 7}", "meet", f"2021-01-{1 + i % 28:02d}",
                         start=j * 50) for j in range(25)]
            yield result(doc, "2021-02-01", evs, outlet=f"outlet {i % 3}")

    Graph(sys.argv[1]).add(results(), batch_size=10)
    print("finished", flush=True)
""")

N = 600


def _docs(url: str) -> int:
    with Graph(url) as g:
        return g.stats()["documents"]


def test_sigkill_mid_ingest_leaves_a_consistent_store_that_resumes(store_url, repo_root):
    Graph(store_url).close()  # create the schema before racing the child
    env = dict(os.environ, PYTHONPATH=str(repo_root) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    child = subprocess.Popen([sys.executable, "-c", CHILD, store_url, str(N)], cwd=repo_root,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    try:
        while _docs(store_url) < 30 and time.time() < deadline and child.poll() is None:
            time.sleep(0.05)
        time.sleep(0.13)  # land somewhere inside a later batch
        assert child.poll() is None, child.stderr.read().decode()[-2000:]
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    with Graph(store_url) as g:
        assert g.check() == []
        stored = g.stats()["documents"]
        assert 30 <= stored < N and stored % 10 == 0  # whole batches only
        assert g.stats()["mentions"] == stored * 25
        sys.path.insert(0, str(repo_root))
        from tests.graph.factory import event, result

        def results():
            for i in range(N):
                doc = f"k{i:05d}"
                evs = [event(doc, f"S{j:02d}", f"T{i % 7}", "meet", f"2021-01-{1 + i % 28:02d}",
                             start=j * 50) for j in range(25)]
                yield result(doc, "2021-02-01", evs, outlet=f"outlet {i % 3}")

        summary = g.add(results(), batch_size=50)
        assert summary.documents_unchanged == stored
        # the synthetic texts are near-identical, so most count as copies: stored all the same
        assert summary.documents_new + summary.documents_duplicate == N - stored
        assert g.check() == []
        assert g.stats()["documents"] == N and g.stats()["mentions"] == N * 25
