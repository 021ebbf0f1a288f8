"""Shared helpers of the benchmarks: corpora, memory, tables, JSON results, PostgreSQL.

Corpora are built from ../shared/data (real articles: mixed/ ordinary news and dev/
diplomatic news) when it is present, else from a synthetic generator written here. The
texts are read at run time and never copied into the repository.
"""
from __future__ import annotations

import json
import os
import platform
import random
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DIPLOGRAPH_SHARED", ROOT.parent / "shared" / "data"))
RESULTS = ROOT / "bench" / "results"

_SENT = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z\"'(\[])")


def words(text: str) -> int:
    return len(text.split())


def sentences(text: str) -> int:
    """Sentences by a punctuation rule: the same count for every mode being compared."""
    text = text.strip()
    return len(_SENT.split(text)) if text else 0


# ---------------------------------------------------------------- corpora

@dataclass
class Item:
    """One benchmark article: its text, id and publication date (ISO or None)."""

    id: str
    text: str
    published: str | None = None
    outlet: str | None = None
    kind: str = "mixed"  # mixed | dev | synthetic


@dataclass
class Corpus:
    items: list[Item]
    description: str
    base: int  # distinct source articles before replication
    synthetic: bool = False
    dev: list[Item] = field(default_factory=list)  # the dev set, for F1 (real data only)

    @property
    def words(self) -> int:
        return sum(words(i.text) for i in self.items)


def _read_folder(folder: Path, kind: str) -> list[Item]:
    items = []
    with (folder / "index.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            rel = row.get("file") or row.get("path")
            path = folder / rel if rel else folder / "articles" / f"{row['id']}.txt"
            if not path.is_file():
                continue
            items.append(Item(id=f"{kind}-{row['id']}", text=path.read_text(encoding="utf-8",
                              errors="replace"), published=row.get("published"),
                              outlet=row.get("outlet"), kind=kind))
    return items


def shared_available() -> bool:
    return (SHARED / "mixed" / "index.jsonl").is_file() and (SHARED / "dev" / "index.jsonl").is_file()


def perturb(item: Item, k: int, pool: list[str] | None = None) -> Item:
    """Copy ``k`` of an article: a distinct text (not a dedupe hit) with the same content.

    The copy gets its own id, a dateline suffix and a publication date shifted by k days.
    With a ``pool`` of sentences, 8-12 of them (chosen by the copy's own seed) are appended
    as a further paragraph, so the copy is not a near-duplicate either (the store flags
    texts with word-shingle Jaccard >= 0.8 as copies): stores then see new documents.
    """
    if k == 0:
        return item
    published = item.published
    if published:
        try:
            published = (date.fromisoformat(published[:10]) + timedelta(days=k % 3650)).isoformat()
        except ValueError:
            pass
    extra = ""
    if pool:
        rng = random.Random(f"{item.id}/{k}")
        extra = "\n\n" + " ".join(rng.sample(pool, min(len(pool), rng.randint(8, 12))))
    return Item(id=f"{item.id}~{k}", text=f"{item.text.rstrip()}{extra}\n\n(Filed by desk {k}.)",
                published=published, outlet=item.outlet, kind=item.kind)


def sentence_pool(items: list[Item]) -> list[str]:
    """Sentences of ordinary (non-diplomatic) articles, for perturb()."""
    out = []
    for i in items:
        if i.kind == "dev":
            continue
        out += [s.strip() for s in _SENT.split(i.text) if 40 <= len(s.strip()) <= 300]
    return out


def replicate(base: list[Item], n: int, *, pool: list[str] | None = None) -> list[Item]:
    """At least ``n`` items: whole rounds of ``base``, round k perturbed by ``perturb``."""
    rounds = max(1, -(-n // max(len(base), 1)))
    return [perturb(item, k, pool) for k in range(rounds) for item in base]


def load_corpus(n: int | None, *, synthetic: bool = False, with_dev: bool = True,
                seed: int = 7, distinct: bool = False) -> Corpus:
    """The mixed corpus of the benchmarks, replicated to at least ``n`` articles.

    Real data: all of mixed/ (ordinary news) plus dev/ (diplomatic news), i.e. about 5 in 6
    articles are not about diplomacy, as in a real feed. ``distinct``: copies also get a
    paragraph of ordinary sentences from other articles, so that a store does not take
    them for near-duplicates (for ingest benchmarks). ``n=None``: the base articles
    once, without replication. Synthetic: generated articles in
    the same proportion, when ../shared is absent or ``synthetic`` is asked for.
    """
    if not synthetic and shared_available():
        mixed = _read_folder(SHARED / "mixed", "mixed")
        dev = _read_folder(SHARED / "dev", "dev")
        base = mixed + (dev if with_dev else [])
        n = len(base) if n is None else n
        if n < len(base):  # a smaller run: an evenly spread subset keeps the mix
            base = [base[int(i * len(base) / n)] for i in range(n)]
        pool = sentence_pool(mixed) if distinct else None
        items = replicate(base, n, pool=pool)
        subset = "" if len(base) == len(mixed) + (len(dev) if with_dev else 0) else \
            f" (an even subset of {len(base)})"
        desc = (f"real: {len(mixed)} mixed/ + {len(dev) if with_dev else 0} dev/ articles "
                f"from ../shared/data{subset}, replicated {len(items) // len(base)}x "
                f"(copy k: {_HOW if distinct else _HOW_LIGHT}) = {len(items)}")
        return Corpus(items, desc, len(base), False, dev)
    n = 240 if n is None else n
    base = synthetic_articles(max(1, min(n, 240)), seed=seed)
    items = replicate(base, n, pool=sentence_pool(base) if distinct else None)
    desc = (f"synthetic: {len(base)} generated articles (1 in 6 diplomatic), replicated "
            f"{len(items) // len(base)}x (copy k: {_HOW if distinct else _HOW_LIGHT}) "
            f"= {len(items)}"
            + ("" if synthetic else " (../shared/data absent)"))
    return Corpus(items, desc, len(base), True, [])


_HOW_LIGHT = "'(Filed by desk k.)' appended, published +k days"
_HOW = ("8-12 sentences drawn from the corpus's ordinary (non-diplomatic) articles and "
        "'(Filed by desk k.)' appended, published +k days")

_STATES = ["France", "Germany", "Japan", "Brazil", "Kenya", "India", "Canada", "Norway",
           "Indonesia", "Mexico", "Egypt", "Vietnam", "Poland", "Chile", "Ghana", "Peru"]
_DIPLO = [
    "{a} recalled its ambassador to {b} on {day} after a row over a detained journalist.",
    "{a} and {b} agreed to restore diplomatic relations, the foreign ministries said on {day}.",
    "{a} condemned {b} for the border incident, calling it a grave provocation.",
    "The foreign minister of {a} visited {b} on {day} for talks on trade and energy.",
    "{a} expelled two diplomats from {b}'s embassy on {day}, citing espionage.",
    "{a} signed a fisheries agreement with {b} in the capital on {day}.",
]
_ORDINARY = [
    "The city council voted {n} to {m} to expand the bus network by next spring.",
    "Shares in the retailer fell {n} percent after it cut its full-year outlook.",
    "The home side won {n}-{m} with a late goal in front of a crowd of {n}0,000.",
    "Researchers said the new battery kept {n} percent of its charge after {m}00 cycles.",
    "Police said a {n}-year-old man was arrested after a break-in at a pharmacy on {day}.",
    "The festival will run for {n} days and feature {m}0 bands on four stages.",
    "Heavy rain is expected on {day}, with up to {n}0 millimetres in the hills.",
    "The governor said the state budget would rise by {n} percent next year.",
    "The company said it would hire {n}00 workers at its new plant.",
    "Ticket prices rose by {n} percent this season, the club confirmed on {day}.",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def synthetic_articles(count: int, *, seed: int = 7) -> list[Item]:
    """Generated news: 1 in 6 articles has diplomatic sentences; each ~250 words."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        sents = []
        diplomatic = i % 6 == 0
        for _ in range(rng.randint(10, 14)):
            a, b = rng.sample(_STATES, 2)
            tmpl = rng.choice(_DIPLO if diplomatic and rng.random() < 0.3 else _ORDINARY)
            sents.append(tmpl.format(a=a, b=b, day=rng.choice(_DAYS), n=rng.randint(2, 9),
                                     m=rng.randint(1, 9)))
        day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 360))
        out.append(Item(id=f"syn-{i:04d}", text=" ".join(sents), published=day.isoformat(),
                        outlet="Synthetic Wire", kind="synthetic"))
    return out


def to_documents(items: list[Item]):
    from diplograph.model import Document
    return [Document(id=i.id, text=i.text, published=i.published, outlet=i.outlet,
                     origin=f"bench:{i.id}") for i in items]


def write_jsonl(items: list[Item], path: Path) -> Path:
    """A documents JSONL (the ingest input format) of the items."""
    with path.open("w", encoding="utf-8") as fh:
        for i in items:
            fh.write(json.dumps({"id": i.id, "text": i.text, "published": i.published,
                                 "outlet": i.outlet}) + "\n")
    return path


# ---------------------------------------------------------------- memory and timing

def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def worker_peak_rss(client) -> dict[str, float]:
    """Peak RSS of every Dask worker process, in MB."""
    return {addr: round(v, 1) for addr, v in client.run(peak_rss_mb).items()}


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


# ---------------------------------------------------------------- output

def machine() -> dict:
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = None
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cores": os.cpu_count(), "load_average": os.getloadavg(),
            "commit": commit or None, "date": time.strftime("%Y-%m-%dT%H:%M:%S")}


def table(rows: list[dict], columns: list[str], title: str = "") -> str:
    """A plain text table of ``rows`` (dicts) by ``columns``."""
    def fmt(v):
        if isinstance(v, float):
            return f"{v:,.3f}" if abs(v) < 10 else f"{v:,.1f}"
        return "" if v is None else str(v)
    cells = [[fmt(r.get(c)) for c in columns] for r in rows]
    numeric = [all(isinstance(r.get(c), (int, float)) or r.get(c) is None for r in rows)
               for c in columns]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = [title] if title else []
    lines.append("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.rjust(w) if num else v.ljust(w)
                        for v, w, num in zip(row, widths, numeric)) for row in cells]
    return "\n".join(lines)


def save(name: str, data: dict, out: Path | None = None) -> Path:
    out = Path(out) if out else RESULTS
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.json"
    data = {"benchmark": name, "machine": machine(), **data}
    path.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- PostgreSQL

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:  # initdb refuses root: run as the postgres user
        cmd = ["runuser", "-u", "postgres", "--"] + cmd
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def postgres_available() -> bool:
    return Path("/usr/local/bin/initdb").is_file() or bool(shutil.which("initdb"))


@contextmanager
def private_postgres():
    """A throwaway PostgreSQL server on a private port; yields its URL, stops it after."""
    initdb = "/usr/local/bin/initdb" if Path("/usr/local/bin/initdb").is_file() else shutil.which("initdb")
    pg_ctl = str(Path(initdb).with_name("pg_ctl"))
    tmp = Path(tempfile.mkdtemp(prefix="dg-bench-pg-"))
    data = tmp / "data"
    os.chmod(tmp, 0o777)
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
    port = _free_port()
    _as_postgres([initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"])
    _as_postgres([pg_ctl, "-D", str(data), "-l", str(tmp / "log"), "-w", "-o",
                  f"-p {port} -k {tmp} -h 127.0.0.1 -c fsync=on", "start"])
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        try:
            _as_postgres([pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"])
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def fresh_database(url: str, name: str) -> str:
    """Create (or recreate) database ``name`` on the server of ``url``; return its URL."""
    import psycopg
    base = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    head, _, _ = url.rpartition("/")
    return f"{head}/{name}"


def add_common_args(parser) -> None:
    parser.add_argument("--quick", action="store_true", help="a small smoke run")
    parser.add_argument("--synthetic", action="store_true",
                        help="use the generated corpus even when ../shared/data is present")
    parser.add_argument("--out", type=Path, default=None,
                        help="folder for the JSON result (default bench/results/)")


def clean_exit_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit, so context managers (a private PostgreSQL) clean up."""
    import signal
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def ensure_importable() -> None:
    """Make `import common` work in spawned child processes too."""
    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:
        sys.path.insert(0, here)
