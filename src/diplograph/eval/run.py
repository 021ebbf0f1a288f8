"""Running the suites: code the texts through the public API, score them, check floors.

Suites found under a data folder (`--all`):
  seed/gold.jsonl, dev/gold.jsonl      article gold        (kind "articles")
  mixed/labels.jsonl                   mixed news          (kind "mixed")
  plover_gsr/*.jsonl                   PLOVER records      (kind "plover")
  petrarch/*.jsonl                     PETRARCH-2 records  (kind "petrarch")
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError, MalformedInput, NotFound
from ..model import Document, Event
from ..settings import Settings
from .articles import Pred, score_articles
from .gold import load_gold, read_index, read_jsonl, read_text
from .mixed import score_mixed
from .sentences import (petrarch_gold, petrarch_preds, plover_gold, plover_preds,
                        score_sentences)

KINDS = ("articles", "mixed", "plover", "petrarch")
Progress = Callable[[str], None]


@dataclass
class Suite:
    name: str  # seed, dev, mixed, plover, petrarch, or the gold folder's name
    kind: str  # one of KINDS
    path: Path  # gold/labels/records file


def discover(data_dir: Path) -> list[Suite]:
    """Every suite present under a data folder, in a fixed order."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise NotFound(f"no such data folder: {data_dir}")
    found = []
    for name in ("seed", "dev"):
        if (data_dir / name / "gold.jsonl").is_file():
            found.append(Suite(name, "articles", data_dir / name / "gold.jsonl"))
    if (data_dir / "mixed" / "labels.jsonl").is_file():
        found.append(Suite("mixed", "mixed", data_dir / "mixed" / "labels.jsonl"))
    for name, folder in (("plover", "plover_gsr"), ("petrarch", "petrarch")):
        files = sorted((data_dir / folder).glob("*.jsonl")) if (data_dir / folder).is_dir() else []
        if files:
            found.append(Suite(name, name, files[0]))
    return found


# -- coding ---------------------------------------------------------------------------

def code_all(docs: list[Document], settings: Settings | None = None,
             progress: Progress | None = None) -> tuple[dict[str, list[Event]], dict[str, str]]:
    """Code documents one by one through the API; failures are recorded, not raised."""
    from ..api import code_document
    from ..settings import load_settings

    settings = settings or load_settings()
    events: dict[str, list[Event]] = {}
    failures: dict[str, str] = {}
    for n, doc in enumerate(docs, 1):
        try:
            res = code_document(doc, settings=settings)
        except ImportError:
            raise
        except Exception as exc:  # a coder bug on one text must not end the whole evaluation
            failures[doc.id] = f"crash: {type(exc).__name__}: {exc}"
            events[doc.id] = []
            continue
        if res.failure is not None:
            failures[doc.id or res.origin] = str(res.failure.message)
            events[doc.id] = []
        else:
            events[doc.id] = list(res.events)
        if progress and (n % 50 == 0 or n == len(docs)):
            progress(f"  coded {n}/{len(docs)}")
    return events, failures


def read_predictions(path: Path) -> dict[str, list[Event]]:
    """Events JSONL (the `diplograph code --format jsonl` contract), grouped by doc_id."""
    out: dict[str, list[Event]] = {}
    for row in read_jsonl(Path(path)):
        try:
            ev = Event.from_dict(row)
        except (KeyError, ValueError, TypeError) as exc:
            raise MalformedInput(f"{path}: an event line is not an event ({exc})") from exc
        out.setdefault(ev.doc_id, []).append(ev)
    return out


def _preds(events: dict[str, list[Event]]) -> dict[str, list[Pred]]:
    return {k: [Pred.of(e) for e in v] for k, v in events.items()}


# -- suites ---------------------------------------------------------------------------

def run_articles(gold_path: Path, articles: Path | None = None, *,
                 predictions: Path | None = None, settings: Settings | None = None,
                 progress: Progress | None = None) -> dict[str, Any]:
    docs = load_gold(Path(gold_path), articles)
    if predictions is not None:
        events, failures = read_predictions(predictions), {}
    else:
        batch, failures = [], {}
        for d in docs:
            if d.file is None:
                failures[d.id] = "article file not found (index.jsonl 'file' or DIR/<id>.txt)"
                continue
            batch.append(Document(id=d.id, text=read_text(d.file), published=d.published,
                                  origin=str(d.file)))
        events, coded_failures = code_all(batch, settings, progress)
        failures.update(coded_failures)
    return score_articles(docs, _preds(events), failures)


def run_mixed(labels_path: Path, *, settings: Settings | None = None,
              progress: Progress | None = None) -> dict[str, Any]:
    labels_path = Path(labels_path)
    labels = read_jsonl(labels_path)
    index = read_index(labels_path.parent)
    batch, failures = [], {}
    for r in labels:
        rid = str(r["id"])
        meta = index.get(rid, {})
        f = labels_path.parent / (meta.get("file") or meta.get("path") or f"articles/{rid}.txt")
        if not f.is_file():
            failures[rid] = "article file not found"
            continue
        batch.append(Document(id=rid, text=read_text(f), published=meta.get("published"),
                              origin=str(f)))
    events, coded_failures = code_all(batch, settings, progress)
    failures.update(coded_failures)
    return score_mixed(labels, _preds(events), failures)


def _sentence_docs(records: list[dict[str, Any]], date_key: str) -> list[Document]:
    return [Document(id=str(r["id"]), text=str(r.get("text") or ""),
                     published=(r.get(date_key) or r.get("date") or r.get("date_iso")),
                     origin=str(r["id"])) for r in records]


def run_sentences(path: Path, kind: str, *, settings: Settings | None = None,
                  progress: Progress | None = None) -> dict[str, Any]:
    records = read_jsonl(Path(path))
    date_key = "date_iso" if kind == "petrarch" else "date"
    events, failures = code_all(_sentence_docs(records, date_key), settings, progress)
    gold_of = petrarch_gold if kind == "petrarch" else plover_gold
    preds_of = petrarch_preds if kind == "petrarch" else plover_preds
    rows = [(str(r["id"]), str(r.get("text") or ""), gold_of(r), preds_of(events.get(str(r["id"]), [])))
            for r in records]
    result = score_sentences(rows, kind)
    result["failures"] = [{"id": k, "error": v} for k, v in sorted(failures.items())]
    return result


def run_suite(suite: Suite, *, articles: Path | None = None, predictions: Path | None = None,
              settings: Settings | None = None, progress: Progress | None = None) -> dict[str, Any]:
    start = time.perf_counter()
    if progress:
        progress(f"{suite.name}: {suite.path}")
    if suite.kind == "articles":
        res = run_articles(suite.path, articles, predictions=predictions, settings=settings,
                           progress=progress)
    elif suite.kind == "mixed":
        res = run_mixed(suite.path, settings=settings, progress=progress)
    elif suite.kind in ("plover", "petrarch"):
        res = run_sentences(suite.path, suite.kind, settings=settings, progress=progress)
    else:
        raise ValueError(suite.kind)
    return {"suite": suite.name, "kind": suite.kind, "path": str(suite.path),
            "seconds": round(time.perf_counter() - start, 2),
            "failed": len(res.get("failures") or []), **res}


# -- floors ---------------------------------------------------------------------------

def load_floors(path: Path) -> dict[str, dict[str, float]]:
    """{"min": {"suite.metric": value}, "max": {...}}; other top-level keys are notes."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"no floors file: {path}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"floors file {path} is not JSON ({exc.msg})",
                          hint="Fix eval/floors.json; see docs/evaluation.md.") from exc
    out = {}
    for side in ("min", "max"):
        table = data.get(side) or {}
        if not isinstance(table, dict) or not all(
                isinstance(v, (int, float)) and "." in k for k, v in table.items()):
            raise ConfigError(f"floors file {path}: '{side}' must map 'suite.metric' to a number",
                              hint="See docs/evaluation.md, 'Floors'.")
        out[side] = {k: float(v) for k, v in table.items()}
    return out


def check_floors(results: list[dict[str, Any]], floors: dict[str, dict[str, float]], *,
                 require_all: bool = False) -> list[str]:
    """Figures below their floor (or above their ceiling); [] when the gate passes.

    A figure of a suite that did not run fails only when ``require_all`` (``--all``).
    """
    by_name = {r["suite"]: r for r in results}
    problems = []
    for side, table in floors.items():
        for key, bound in sorted(table.items()):
            suite, metric = key.split(".", 1)
            if suite not in by_name:
                if require_all:
                    problems.append(f"{key}: suite '{suite}' did not run")
                continue
            value = by_name[suite].get(metric)
            if not isinstance(value, (int, float)):
                problems.append(f"{key}: no such figure")
            elif side == "min" and value < bound:
                problems.append(f"{key} = {value:g} is below its floor {bound:g}")
            elif side == "max" and value > bound:
                problems.append(f"{key} = {value:g} is above its ceiling {bound:g}")
    return problems
