"""Batch coding on Dask: same events as one process, bounded memory, resume after a kill.

The corpus is a few short articles written for these tests, replicated with a changing
byline so that every copy is a distinct document (not a dedupe hit).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diplograph import batch
from diplograph.model import CodeResult, Document
from diplograph.settings import load_settings

ARTICLES = [
    "Kenya recalled its ambassador to Somalia on Monday after a dispute over fishing rights "
    "in the Indian Ocean, the foreign ministry in Nairobi said.",
    "Norway expelled two Russian diplomats on Friday, accusing them of activities "
    "incompatible with their status. Moscow said it would respond.",
    "France condemned the missile launch by North Korea on Tuesday and called for an "
    "urgent meeting of the UN Security Council.",
    "Brazil and Indonesia signed a trade agreement in Jakarta on Wednesday, the two "
    "governments said in a joint statement.",
    "Japan's foreign minister visited Vietnam last week to discuss maritime security and "
    "investment in ports.",
    "The city council approved a new budget for road repairs on Thursday after a long "
    "debate about potholes on the ring road.",
    "The striker scored twice as the home side beat their rivals 3-1 in front of a sold-out "
    "crowd on Saturday evening.",
    "Shares of the chip maker rose four percent after it raised its forecast for the year, "
    "citing strong demand from data centres.",
]


def write_corpus(folder: Path, copies: int) -> Path:
    """A documents JSONL of ``copies`` rounds of ARTICLES, each copy a distinct text."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "docs.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(copies):
            for j, text in enumerate(ARTICLES):
                doc = {"id": f"a{i:03d}-{j}", "text": f"{text}\n\nReporting by desk {i}-{j}.",
                       "published": f"2024-03-{1 + (i % 27):02d}", "outlet": "Test Wire"}
                fh.write(json.dumps(doc) + "\n")
    return path


def event_keys(events: list[dict]) -> set[tuple]:
    def code(a):
        return a.get("code") if isinstance(a, dict) else a
    return {(e.get("type"), code(e.get("source")), code(e.get("target")), e.get("polarity"),
             e.get("date"), bool(e.get("background"))) for e in events}


def stored_events(url: str) -> set[tuple]:
    from diplograph import Graph
    graph = Graph(url)
    try:
        return event_keys(graph.events(limit=1_000_000))
    finally:
        graph.close()


def origins_of(path: Path) -> list[str]:
    from diplograph.ingest import read_documents
    return [batch._origin(d) for d in read_documents([str(path)], settings=load_settings())
            if isinstance(d, Document)]


def count_seen(url: str, origins: list[str]) -> int:
    from diplograph import Graph
    try:
        graph = Graph(url)
    except Exception:  # the store may not exist yet or be mid-migration
        return 0
    try:
        return len(set(graph.seen(origins)))
    except Exception:  # a writer holds the lock: ask again later
        return -1
    finally:
        graph.close()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path):
    monkeypatch.setenv("DIPLOGRAPH_CONFIG", str(tmp_path / "no-config.toml"))


# ------------------------------------------------------------------ without the coder

class _Counting:
    """An iterator of Documents that records how far the batch has pulled it."""

    def __init__(self, n: int):
        self.n, self.pulled = n, 0

    def __iter__(self):
        for i in range(self.n):
            self.pulled += 1
            yield Document(id=f"d{i}", text=f"text {i}", origin=f"o{i}")


def _fake_chunk(docs, published, settings):
    time.sleep(0.001 * (hash(docs[0].id) % 5))  # uneven durations: completion order differs
    return [CodeResult(origin=d.origin) for d in docs]


def test_stream_keeps_order_and_bounds_what_is_in_flight(monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.setattr(batch, "_code_chunk", _fake_chunk)
    source = _Counting(600)
    chunk_size, max_pending = 5, 4
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=3,
                            dashboard_address=None) as client:
        out, worst = [], 0
        for res in batch._stream(client, iter(source), settings=load_settings(),
                                 published=None, chunk_size=chunk_size,
                                 max_pending=max_pending, ordered=True):
            out.append(res.origin)
            worst = max(worst, source.pulled - len(out))
    assert out == [f"o{i}" for i in range(600)]
    # never more than the cap of chunks (plus the one being cut) held at once
    assert worst <= (max_pending + 1) * chunk_size


def test_unseen_skips_what_the_store_holds():
    class Store:
        def seen(self, origins):
            return [o for o in origins if o.endswith("7")]

    counts = batch._Counts()
    items = [Document(id=str(i), text="x", origin=f"o{i}") for i in range(30)]
    left = list(batch._unseen(Store(), items, counts, window=8))
    assert [d.origin for d in left] == [f"o{i}" for i in range(30) if i % 10 != 7]
    assert counts.skipped == 3


def test_a_lost_worker_turns_its_chunk_into_retryable_failures():
    class Dead:
        def result(self):
            raise RuntimeError("the worker process died")

    read_failure = CodeResult(origin="bad", failure=None)
    chunk = [Document(id="a", text="x", origin="oa"), read_failure,
             Document(id="b", text="y", origin="ob")]
    out = batch._merge_chunk(Dead(), chunk)
    assert [r.origin for r in out] == ["oa", "bad", "ob"]
    assert out[1] is read_failure
    for r in (out[0], out[2]):
        assert r.failure.code == batch.WORKER_LOST and r.failure.message.startswith("worker lost")


def test_materialise_sends_bytes_not_paths(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Some text.", encoding="utf-8")
    doc = batch._materialise(Document(path=str(f), origin=str(f)), load_settings())
    assert doc.data == b"Some text." and doc.path == str(f)
    big = batch._materialise(Document(path=str(f)), load_settings(max_bytes=3))
    assert big.data is None  # too large: left for the worker to refuse with DG103


# ------------------------------------------------------------------ with the coder

def test_two_workers_code_the_same_events_as_one_process(tmp_path):
    from diplograph.api import code_documents
    corpus = write_corpus(tmp_path / "corpus", copies=2)
    single = list(code_documents([str(corpus)]))
    multi = list(batch.code_batch([str(corpus)], workers=2))
    assert [r.origin for r in multi] == [r.origin for r in single]
    assert any(r.events for r in single), "the corpus should hold some events"
    for a, b in zip(single, multi):
        assert (a.failure is None) == (b.failure is None), a.origin
        assert [e.to_dict() for e in b.events] == [e.to_dict() for e in a.events], a.origin


def _worker_settings():
    import os

    import dask
    return (dask.config.get("distributed.worker.profile.enabled"),
            os.environ.get("MALLOC_TRIM_THRESHOLD_"))


def test_local_workers_run_without_the_profiler_and_malloc_trim():
    """Both cost coding CPU (measured 1-17% and ~12%) for nothing we use (the profiler
    feeds a dashboard we do not start): the local cluster's workers must have them off."""
    cluster = batch._Cluster(2, None)
    try:
        seen = cluster.client.run(_worker_settings)
    finally:
        cluster.close()
    assert len(seen) == 2
    assert all(v == (False, None) for v in seen.values()), seen


def test_an_existing_cluster_is_used_by_its_scheduler_address(tmp_path):
    distributed = pytest.importorskip("distributed")
    from diplograph.api import code_documents
    corpus = write_corpus(tmp_path / "corpus", copies=1)
    single = [[e.to_dict() for e in r.events] for r in code_documents([str(corpus)])]
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        multi = [[e.to_dict() for e in r.events]
                 for r in batch.code_batch([str(corpus)], scheduler=cluster.scheduler_address)]
        assert len(cluster.scheduler_info["workers"]) == 1  # still there: not ours to close
    assert multi == single


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path, monkeypatch):
    from diplograph.errors import UsageError
    monkeypatch.setattr(batch, "CONNECT_TIMEOUT", "2s")
    with pytest.raises(UsageError):
        list(batch.code_batch([str(tmp_path)], scheduler="tcp://127.0.0.1:9"))


def test_two_worker_ingest_stores_what_one_process_stores(tmp_path):
    from diplograph import Graph
    corpus = write_corpus(tmp_path / "corpus", copies=2)
    ref_url = f"sqlite:///{tmp_path / 'ref.db'}"
    url = f"sqlite:///{tmp_path / 'multi.db'}"
    with_ref = Graph(ref_url)
    with_ref.ingest([str(corpus)], progress=False)
    with_ref.close()
    graph = Graph(url)
    batch.ingest_batch(graph, [str(corpus)], workers=2, progress=False, batch_size=3)
    graph.close()
    assert stored_events(url) == stored_events(ref_url)
    assert stored_events(url), "the corpus should hold some events"
    origins = origins_of(corpus)
    assert count_seen(url, origins) == len(origins)


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "diplograph"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from diplograph.cli import main; main()"]


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """A corpus of 120 documents and its single-process store (built once for the module)."""
    from diplograph import Graph
    folder = tmp_path_factory.mktemp("kill")
    corpus = write_corpus(folder / "corpus", copies=15)
    url = f"sqlite:///{folder / 'ref.db'}"
    with Graph(url) as ref:
        ref.ingest([str(corpus)], progress=False)
    return corpus, origins_of(corpus), stored_events(url)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_killed_batch_resumes_to_the_same_store(tmp_path, reference, sig):
    corpus, origins, ref_events = reference
    assert ref_events, "the corpus should hold some events"
    url = f"sqlite:///{tmp_path / 'batch.db'}"
    cmd = _cli() + ["ingest", str(corpus), "--db", url, "--workers", "2"]
    # small chunks and write batches: the store fills in small steps, so there is
    # always work left when the kill lands (with 32-document chunks the 120 documents
    # arrived in four lumps and the batch could finish before it)
    env = dict(os.environ, DIPLOGRAPH_BATCH_SIZE="4", DIPLOGRAPH_CHUNK_SIZE="8",
               DIPLOGRAPH_CONFIG=str(tmp_path / "no-config.toml"))
    # its own group, so workers die with it; SIGINT at its default, as in a terminal: a
    # runner started in the background of a shell passes SIGINT on ignored, and the batch
    # then ran to its end and exited 0 (seen in a rehearsal of .ci/run)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True, preexec_fn=_default_sigint)
    partial = 0
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:
            partial = count_seen(url, origins)
            if partial >= 8:
                break
            time.sleep(0.1)
        assert proc.poll() is None, "the batch ended before it could be interrupted: " + \
            proc.stderr.read().decode(errors="replace")[-2000:]
        assert partial >= 8, "no documents were stored within the time limit"
        os.killpg(proc.pid, sig)
        proc.wait(timeout=120)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # whatever is left of the group
        except ProcessLookupError:
            pass
        proc.wait(timeout=30)
    if sig == signal.SIGINT:
        assert proc.returncode != 0
    stopped_at = count_seen(url, origins)
    assert 0 < stopped_at < len(origins), "the kill should leave a partial store"

    done = subprocess.run(cmd, env=env, capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    assert count_seen(url, origins) == len(origins)
    assert stored_events(url) == ref_events
