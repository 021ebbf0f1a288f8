"""Reading evaluation files: article gold (gold.jsonl + index.jsonl), mixed labels,
PLOVER and PETRARCH-2 sentence records. Bad files raise InputError subclasses."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import MalformedInput, NotFound

_CODE = re.compile(r"\b[A-Z][A-Z0-9]{1,5}\b")


@dataclass
class GoldEvent:
    source: str
    target: str
    type: str
    polarity: str
    date: str | None = None
    evidence: str = ""
    optional: bool = False
    alt_types: tuple[str, ...] = ()
    alt_polarity: tuple[str, ...] = ()
    alt_targets: tuple[str, ...] = ()  # a veto's subject states
    background: bool = False

    @property
    def types(self) -> set[str]:
        return {self.type, *self.alt_types}

    @property
    def polarities(self) -> set[str]:
        return {self.polarity, *self.alt_polarity}

    @property
    def targets(self) -> set[str]:
        return {self.target, *self.alt_targets}

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "type": self.type,
                "polarity": self.polarity, "date": self.date, "optional": self.optional,
                "evidence": self.evidence}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "GoldEvent":
        alt_targets: tuple[str, ...] = ()
        if d.get("type") == "veto" and d.get("subject"):
            # gold `subject` is free text ("... into SYR"): any code it names counts
            alt_targets = tuple(c for c in _CODE.findall(str(d["subject"])) if c != d["target"])
        return cls(source=_code(d.get("source")), target=_code(d.get("target")),
                   type=d["type"], polarity=d.get("polarity") or "asserted",
                   date=d.get("date"), evidence=d.get("evidence") or "",
                   optional=bool(d.get("optional")),
                   alt_types=tuple(d.get("alt_types") or ()),
                   alt_polarity=tuple(d.get("alt_polarity") or ()),
                   alt_targets=alt_targets, background=bool(d.get("background")))


def _code(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("code")
    return str(value or "")


@dataclass
class GoldDoc:
    id: str
    events: list[GoldEvent] = field(default_factory=list)
    negative: bool = False
    file: Path | None = None
    published: str | None = None


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"no such file: {path}")
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedInput(f"{path}:{n}: not JSON ({exc.msg})") from exc
            if not isinstance(row, dict):
                raise MalformedInput(f"{path}:{n}: not a JSON object")
            rows.append(row)
    return rows


def read_index(folder: Path) -> dict[str, dict[str, Any]]:
    """index.jsonl of a folder, by id; {} when there is none."""
    path = Path(folder) / "index.jsonl"
    if not path.is_file():
        return {}
    return {str(r["id"]): r for r in read_jsonl(path) if "id" in r}


def load_gold(gold_path: Path, articles: Path | None = None) -> list[GoldDoc]:
    """Gold documents, each with its article file and publication date from the index
    beside the gold file (or in ``articles``)."""
    gold_path = Path(gold_path)
    index = read_index(gold_path.parent)
    if not index and articles is not None:
        index = read_index(Path(articles))
    base = Path(articles) if articles is not None else gold_path.parent
    docs = []
    for row in read_jsonl(gold_path):
        if "id" not in row:
            raise MalformedInput(f"{gold_path}: a gold line has no 'id'")
        doc_id = str(row["id"])
        try:
            events = [GoldEvent.from_dict(e) for e in row.get("events") or []]
        except KeyError as exc:
            raise MalformedInput(f"{gold_path}: document {doc_id}: an event lacks {exc}") from exc
        meta = index.get(doc_id, {})
        docs.append(GoldDoc(id=doc_id, events=events, negative=bool(row.get("negative")),
                            file=_article_file(base, gold_path.parent, meta, doc_id),
                            published=meta.get("published")))
    return docs


def _article_file(base: Path, gold_dir: Path, meta: dict[str, Any], doc_id: str) -> Path | None:
    rel = meta.get("file") or meta.get("path")
    candidates = []
    if rel:
        candidates += [gold_dir / rel, base / rel, base / Path(rel).name]
    candidates += [base / f"{doc_id}.txt", base / "articles" / f"{doc_id}.txt"]
    for c in candidates:
        if c.is_file():
            return c
    return None


def read_text(path: Path) -> str:
    return Path(path).read_text(encoding="utf-8", errors="replace")
