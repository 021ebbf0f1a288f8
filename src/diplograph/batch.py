"""Batch coding on Dask: many documents, several processes or machines, one writer.

The client (this process) reads documents with ``ingest.read_documents``, skips those the
store already holds (``graph.seen``), and sends small chunks of Documents (never file
handles) to Dask workers, which clean and code them with ``api.code_document``. Results
come back as they complete and go to the single writer (``graph.add``) in batches, one
transaction each. At most a fixed number of chunks is in flight, so memory stays flat
however many documents there are. A rerun after a crash or Ctrl-C skips what was stored
and finishes the rest.

``workers=N`` starts a local cluster of N single-threaded processes; ``scheduler=ADDRESS``
uses an existing cluster whose workers have the same diplograph installed (docs/batch.md).
"""
from __future__ import annotations

import itertools
import logging
import os
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from .errors import UsageError
from .model import CodeResult, Document, Failure
from .settings import Settings, load_settings

log = logging.getLogger(__name__)

WORKER_LOST = "DG000"  # failure code of a chunk whose worker died: not stored, retried on rerun
IN_FLIGHT_PER_WORKER = 8  # chunks outstanding per worker process (4 left workers waiting on the client)
CONNECT_TIMEOUT = "30s"  # to reach an existing scheduler
CLOSE_TIMEOUT = 20  # seconds to close the client, then the local cluster


# ---------------------------------------------------------------- worker side

_WORKER: dict[str, Any] = {}  # per-process cache: the pipeline is loaded once per worker


def _warm(settings: Settings) -> bool:
    """Load the pipeline in this worker process (run once per worker before coding)."""
    if _WORKER.get("settings") != settings:
        from .api import code
        code("The minister met the ambassador.", settings=settings)
        _WORKER["settings"] = settings
    return True


def _code_one(doc: Document, published: str | None, settings: Settings) -> CodeResult:
    from .api import code_document
    try:
        return code_document(doc, published=published, settings=settings)
    except Exception as exc:  # a bug in one document must not sink the chunk
        origin = _origin(doc)
        return CodeResult(origin=origin, failure=Failure(
            origin, "DG000", f"internal error while coding: {type(exc).__name__}: {exc}", doc.id))


def _code_chunk(docs: list[Document], published: str | None, settings: Settings,
                ) -> list[CodeResult]:
    """Code a chunk of documents in a worker; one CodeResult per document, in order."""
    _warm(settings)
    try:  # one batched parse for the chunk (api.code_document_batch), same results
        from .api import code_document_batch
        return code_document_batch(docs, published=published, settings=settings)
    except Exception:  # noqa: BLE001  a bug there: code one by one, each failure recorded
        return [_code_one(doc, published, settings) for doc in docs]


# ---------------------------------------------------------------- client side

def _origin(doc: Document) -> str:
    # the same rule as api.code_document, so graph.seen() recognises what graph.add() stored
    return doc.origin or doc.url or doc.path or doc.id or "<document>"


def _materialise(doc: Document, settings: Settings) -> Document:
    """Give a path-only Document its bytes, so remote workers need no shared filesystem."""
    if doc.text is None and doc.html is None and doc.data is None and doc.path:
        try:
            if os.path.getsize(doc.path) <= settings.max_bytes:
                with open(doc.path, "rb") as fh:
                    return replace(doc, data=fh.read())
        except OSError:
            pass  # the worker reports the NotFound/unreadable error as a Failure
    return doc


@dataclass
class _Counts:
    documents: int = 0
    coded: int = 0
    events: int = 0
    failed: int = 0
    skipped: int = 0  # already in the store
    lost: int = 0  # worker died; retried on the next run
    started: float = field(default_factory=time.monotonic)

    @property
    def rate(self) -> float:
        return self.documents / max(time.monotonic() - self.started, 1e-9)


class _Progress:
    """A one-line status on stderr when it is a terminal; nothing otherwise."""

    def __init__(self, enabled: bool, counts: _Counts):
        self.enabled = enabled and sys.stderr.isatty()
        self.counts = counts
        self.last = 0.0

    def update(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.2:
            return
        self.last = now
        c = self.counts
        sys.stderr.write(f"\r{c.documents} docs ({c.rate:.1f}/s)  {c.events} events  "
                         f"{c.failed} failed  {c.skipped} already stored\x1b[K")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            self.update(force=True)
            sys.stderr.write("\n")
            sys.stderr.flush()


class _Cluster:
    """A Dask client on a local cluster (workers=N) or an existing one (scheduler=ADDRESS)."""

    def __init__(self, workers: int | None, scheduler: str | None):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - dask is a dependency
            raise UsageError("batch mode needs dask[distributed]",
                             hint="pip install 'dask[distributed]'") from exc
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as exc:
                raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                                 hint="Start it with `dask scheduler` and check the address "
                                      "(tcp://HOST:8786).") from exc
        else:
            n = workers or os.cpu_count() or 1
            if n < 1:
                raise UsageError(f"--workers must be at least 1, not {n}")
            import dask
            # Dask starts workers with MALLOC_TRIM_THRESHOLD_=65536, which turns off glibc's
            # adaptive mmap threshold: the model's arrays then cost an mmap and a munmap on
            # every call (coding measured ~12% slower). Our workers keep glibc's default.
            # The workers' statistical profiler samples the coding thread's deep stacks every
            # 10 ms, for a dashboard we do not start (measured 1-17% of the workers' CPU).
            with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                                  "distributed.worker.profile.enabled": False}):
                self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=40)
            self.client = Client(self.cluster)

    @property
    def n_workers(self) -> int:
        return max(len(self.client.scheduler_info().get("workers", {})), 1)

    def close(self) -> None:
        """Close within bounded time: after a Ctrl-C that reached the workers too (one
        process group), waiting on Dask's own shutdown once hung the run."""
        try:
            self.client.close(timeout=CLOSE_TIMEOUT)
        except Exception:  # noqa: BLE001  closing must not hide the run's own outcome
            log.debug("closing the Dask client", exc_info=True)
        if self.cluster is None:
            return
        try:
            self.cluster.close(timeout=CLOSE_TIMEOUT)
        except Exception:  # noqa: BLE001
            log.warning("the local Dask cluster did not close in %ss: killing its workers",
                        CLOSE_TIMEOUT)
            self._kill_workers()

    def _kill_workers(self) -> None:
        for nanny in list(getattr(self.cluster, "workers", {}).values()):
            proc = getattr(getattr(nanny, "process", None), "process", None)
            pid = getattr(proc, "pid", None)
            if pid:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass


def _chunks(items: Iterable[Document | CodeResult], size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _stream(client, items: Iterable[Document | CodeResult], *, settings: Settings,
            published: str | None, chunk_size: int, max_pending: int, ordered: bool,
            ) -> Iterator[CodeResult]:
    """Code the Documents among ``items`` on the cluster; CodeResults pass through.

    Yields one CodeResult per item, in input order when ``ordered``, else as completed.
    Chunks waiting for an earlier one count against ``max_pending``, so memory is bounded.
    """
    from distributed import as_completed

    pending: dict[Any, tuple[int, list]] = {}
    ready: dict[int, list[CodeResult]] = {}
    done = as_completed()
    source = enumerate(_chunks(items, chunk_size))
    exhausted = False
    next_out = 0
    try:
        while True:
            while not exhausted and len(pending) + len(ready) < max_pending:
                try:
                    idx, chunk = next(source)
                except StopIteration:
                    exhausted = True
                    break
                docs = [x for x in chunk if isinstance(x, Document)]
                if docs:
                    fut = client.submit(_code_chunk, docs, published, settings, pure=False)
                    pending[fut] = (idx, chunk)
                    done.add(fut)
                else:
                    ready[idx] = chunk
            if ordered:
                while next_out in ready:
                    yield from ready.pop(next_out)
                    next_out += 1
            else:
                for idx in list(ready):
                    yield from ready.pop(idx)
            if not pending:
                if exhausted:
                    break
                continue
            fut = next(done)
            idx, chunk = pending.pop(fut)
            ready[idx] = _merge_chunk(fut, chunk)
            fut.release()
    finally:
        for fut in pending:
            fut.cancel()


def _merge_chunk(fut, chunk: list) -> list[CodeResult]:
    """Put the worker's results back in the places of the chunk's Documents."""
    try:
        coded = iter(fut.result())
    except Exception as exc:  # the worker died or the task could not run
        coded = iter([CodeResult(origin=_origin(d), failure=Failure(
            _origin(d), WORKER_LOST, f"worker lost: {type(exc).__name__}: {exc}", d.id))
            for d in chunk if isinstance(d, Document)])
    return [next(coded) if isinstance(x, Document) else x for x in chunk]


def _documents(sources, settings: Settings) -> Iterator[Document | CodeResult]:
    from .api import read_sources as read_documents
    for item in read_documents(sources, settings=settings):
        if isinstance(item, Failure):
            yield CodeResult(origin=item.origin, failure=item)
        else:
            yield _materialise(item, settings)


def _settings(settings: Settings | None, actors: str | None, graph=None) -> Settings:
    settings = settings or getattr(graph, "settings", None) or load_settings()
    if actors is not None:
        settings = replace(settings, actors=actors)
    return settings


def _chunk_size(asked: int | None, settings: Settings) -> int:
    size = asked or settings.chunk_size
    if size < 1:
        raise UsageError(f"the chunk size must be at least 1, not {size}",
                         hint="set DIPLOGRAPH_CHUNK_SIZE to a positive number")
    return size


def code_batch(sources, *, workers: int | None = None, scheduler: str | None = None,
               published: str | None = None, actors: str | None = None,
               settings: Settings | None = None, chunk_size: int | None = None,
               ) -> Iterator[CodeResult]:
    """Code documents on a Dask cluster; yields one CodeResult per document, in input order.

    Stores nothing (``diplograph code --workers N``). Failures are CodeResults with a
    ``failure``, as in ``api.code_documents``.
    """
    settings = _settings(settings, actors)
    cluster = _Cluster(workers, scheduler)
    try:
        max_pending = IN_FLIGHT_PER_WORKER * cluster.n_workers
        yield from _stream(cluster.client, _documents(sources, settings), settings=settings,
                           published=published, chunk_size=_chunk_size(chunk_size, settings),
                           max_pending=max_pending, ordered=True)
    finally:
        cluster.close()


def _unseen(graph, items: Iterable[Document | CodeResult], counts: _Counts,
            window: int = 500) -> Iterator[Document | CodeResult]:
    """Drop documents whose origin the store already holds (resume after a crash)."""
    for group in _chunks(items, window):
        origins = [_origin(x) if isinstance(x, Document) else x.origin for x in group]
        seen = set(graph.seen(origins))
        for item, origin in zip(group, origins):
            if origin in seen:
                counts.skipped += 1
            else:
                yield item


def ingest_batch(graph, sources, *, workers: int | None = None, scheduler: str | None = None,
                 published: str | None = None, actors: str | None = None,
                 progress: bool = True, batch_size: int | None = None,
                 settings: Settings | None = None):
    """Code ``sources`` on a Dask cluster into ``graph``; returns the run's IngestSummary.

    Documents the store already holds are skipped (and counted as unchanged), so a rerun
    after a crash or Ctrl-C finishes the rest. Results stream into ``graph.add``, the
    single writer, which commits one transaction per batch of ``batch_size`` (default
    ``settings.batch_size``); a hard kill loses at most the batch being written.
    """
    settings = _settings(settings, actors, graph)
    batch_size = batch_size or settings.batch_size
    counts = _Counts()
    bar = _Progress(progress, counts)
    items = _unseen(graph, _documents(sources, settings), counts)
    first = next(items, None)  # start no cluster when everything is stored already
    cluster = _Cluster(workers, scheduler) if first is not None else None

    def results() -> Iterator[CodeResult]:
        if cluster is None:
            return
        max_pending = IN_FLIGHT_PER_WORKER * cluster.n_workers
        for res in _stream(cluster.client, itertools.chain([first], items), settings=settings,
                           published=published, chunk_size=_chunk_size(None, settings),
                           max_pending=max_pending, ordered=False):
            counts.documents += 1
            bar.update()
            if res.failure is not None:
                counts.failed += 1
                if res.failure.message.startswith("worker lost"):
                    counts.lost += 1
                    continue  # not stored: the next run retries it
            else:
                counts.coded += 1
                counts.events += len(res.events)
            yield res

    try:
        manifest = {"settings": asdict(settings), "sources": [str(x) for x in sources][:100],
                    "batch": {"workers": cluster.n_workers if cluster else 0,
                              "scheduler": scheduler}}
        summary = _write(graph, results(), batch_size, manifest)
    finally:
        bar.close()
        if cluster is not None:
            cluster.close()
    if hasattr(summary, "documents_unchanged"):  # already stored = unchanged by this run
        summary.documents_unchanged += counts.skipped
    if counts.lost:
        sys.stderr.write(f"warning: {counts.lost} document(s) were not coded because a worker "
                         "died; run the same command again to code them\n")
    return summary


def _write(graph, results: Iterator[CodeResult], batch_size: int, manifest: dict):
    """Hand the stream to the single writer, with the options it takes."""
    import inspect
    try:
        params = inspect.signature(graph.add).parameters
    except (TypeError, ValueError):
        params = {}
    kwargs = {k: v for k, v in (("batch_size", batch_size), ("manifest", manifest))
              if k in params}
    return graph.add(results, **kwargs)


__all__ = ["code_batch", "ingest_batch"]
