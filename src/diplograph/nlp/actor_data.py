"""Actor knowledge as data: load the CSV tables under data/actors/ and a user's extra file.

Tables (columns are documented in docs/actors.md):
  states.csv, actors.csv      one row per actor (code, kind, name, official_name, wikidata)
  state_aliases.csv, aliases.csv   surface forms (text, code, role, via, case, start, end)
  people.csv                  office holders over time
  offices.csv                 office and institution words (text, role, office, via)
  context.csv                 words for the context rules (rule, code, text)
  blocks.csv                  phrases that contain an actor name but name no actor
A user file (CSV, JSONL or a PETRARCH/TABARI dictionary) adds or overrides entries.
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import ConfigError

BLOCK = "-"  # code of a phrase that names no actor


@dataclass(frozen=True)
class ActorInfo:
    code: str
    kind: str
    name: str
    official_name: str | None = None
    wikidata: str | None = None


@dataclass(frozen=True)
class Entry:
    """One surface form of an actor."""

    text: str
    code: str
    role: str | None = None
    via: str = "name"
    case: str = "exact"  # exact: match the text as written; lower: in any case
    start: date | None = None
    end: date | None = None

    def valid(self, on: date | None) -> bool:
        return valid_on(self.start, self.end, on)


@dataclass(frozen=True)
class Person:
    """One term of office of one person."""

    name: str
    aliases: tuple[str, ...]
    code: str
    role: str | None
    office: str | None
    start: date | None
    end: date | None
    wikidata: str | None = None

    def valid(self, on: date | None) -> bool:
        return valid_on(self.start, self.end, on)


@dataclass(frozen=True)
class Office:
    text: str
    role: str | None
    office: str
    via: str


@dataclass
class ActorIndex:
    actors: dict[str, ActorInfo] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    offices: dict[str, Office] = field(default_factory=dict)  # by lower-case text
    context: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)

    _words: dict = field(default_factory=dict, repr=False)
    # what the rules derive from the tables once per index (compiled rules, resolved readings)
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    def words(self, rule: str, code: str = "*") -> frozenset[str]:
        """The words of a context rule for a code (and for every code); cached, it is hot."""
        key = (rule, code)
        found = self._words.get(key)
        if found is None:
            by_code = self.context.get(rule, {})
            found = self._words[key] = by_code.get(code, frozenset()) | by_code.get("*", frozenset())
        return found


def valid_on(start: date | None, end: date | None, on: date | None) -> bool:
    if on is None:
        return True
    return (start is None or start <= on) and (end is None or on <= end)


def parse_date(value: object, *, end: bool = False) -> date | None:
    """ISO date, or a bare year (the year's first day, or last when it ends a term)."""
    if value is None or isinstance(value, date):
        return value  # type: ignore[return-value]
    text = str(value).strip()
    if not text:
        return None
    try:
        if len(text) == 4 and text.isdigit():
            return date(int(text), 12, 31) if end else date(int(text), 1, 1)
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            return date(year, month, 28 if end else 1)
        return date.fromisoformat(text[:10])
    except ValueError as exc:
        raise ConfigError(f"bad date {text!r} in the actor data") from exc


def _opt(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _split(value: object) -> list[str]:
    return [x.strip() for x in str(value or "").split(";") if x.strip()]


def _read_csv(source) -> list[dict[str, str]]:
    with source.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _data_file(name: str):
    return resources.files("diplograph.data").joinpath("actors", name)


def _add_actor_row(index: ActorIndex, row: dict, entries: list[Entry], via: str = "name") -> None:
    code = _opt(row.get("code"))
    if not code:
        raise ConfigError(f"actor row without a code: {row}")
    old = index.actors.get(code)
    name = _opt(row.get("name")) or (old.name if old else code)
    index.actors[code] = ActorInfo(
        code=code,
        kind=_opt(row.get("kind")) or (old.kind if old else "state"),
        name=name,
        official_name=_opt(row.get("official_name")) or (old.official_name if old else None),
        wikidata=_opt(row.get("wikidata")) or (old.wikidata if old else None),
    )
    texts = [name] + _split(row.get("aliases"))
    for i, text in enumerate(dict.fromkeys(texts)):
        entries.append(Entry(text, code, None, via if i == 0 else "variant", case_for(text)))


def case_for(text: str) -> str:
    # one-token names may be common words or first names (Chad, Turkey, china): exact case
    return "lower" if (" " in text.strip() or "-" in text) and not text.isupper() else "exact"


def _entry_from_row(row: dict) -> Entry:
    text, code = _opt(row.get("text")), _opt(row.get("code"))
    if not text or not code:
        raise ConfigError(f"alias row needs 'text' and 'code': {row}")
    case = _opt(row.get("case")) or case_for(text)
    if case not in ("exact", "lower"):
        raise ConfigError(f"alias {text!r}: case must be 'exact' or 'lower', not {case!r}")
    return Entry(text, code, _opt(row.get("role")), _opt(row.get("via")) or "name", case,
                 parse_date(row.get("start")), parse_date(row.get("end"), end=True))


def _person_from_row(row: dict) -> Person:
    name, code = _opt(row.get("name")), _opt(row.get("code"))
    if not name or not code:
        raise ConfigError(f"people row needs 'name' and 'code': {row}")
    return Person(name, tuple(_split(row.get("aliases"))), code, _opt(row.get("role")),
                  _opt(row.get("office")), parse_date(row.get("start")),
                  parse_date(row.get("end"), end=True), _opt(row.get("wikidata")))


def load_builtin() -> ActorIndex:
    index = ActorIndex()
    entries: list[Entry] = []
    for name in ("states.csv", "actors.csv"):
        for row in _read_csv(_data_file(name)):
            _add_actor_row(index, row, entries if name == "actors.csv" else [])
    for name in ("state_aliases.csv", "aliases.csv"):
        entries.extend(_entry_from_row(row) for row in _read_csv(_data_file(name)))
    entries.extend(Entry(row["text"], BLOCK, None, "block", row.get("case") or "lower")
                   for row in _read_csv(_data_file("blocks.csv")))
    index.entries = entries
    index.people = [_person_from_row(row) for row in _read_csv(_data_file("people.csv"))]
    for row in _read_csv(_data_file("offices.csv")):
        text = row["text"].strip().lower()
        index.offices[text] = Office(text, _opt(row.get("role")), row.get("office") or "", row.get("via") or "title")
    context: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in _read_csv(_data_file("context.csv")):
        context[row["rule"]][row.get("code") or "*"].add(row["text"])
    index.context = {rule: {code: frozenset(words) for code, words in by.items()}
                     for rule, by in context.items()}
    return index


def read_user_rows(path: Path) -> list[dict]:
    """Rows of a user actors file: CSV with our columns, JSONL, or a PETRARCH dictionary."""
    if not path.is_file():
        raise ConfigError(f"actors file {path} does not exist")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read actors file {path}: {exc}") from exc
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        rows = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ConfigError(f"{path}:{n}: not JSON: {exc}") from exc
                if not isinstance(row, dict):
                    raise ConfigError(f"{path}:{n}: each line must be a JSON object")
                rows.append(row)
        return rows
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if "," in first and "code" in [c.strip() for c in first.split(",")]:
        return list(csv.DictReader(text.splitlines()))
    from .petrarch import parse_dictionary

    return parse_dictionary(text, origin=str(path))


def apply_user_rows(index: ActorIndex, rows: list[dict]) -> ActorIndex:
    """A new index with the user's rows added; a user's alias text replaces ours."""
    new = ActorIndex(dict(index.actors), [], list(index.people), dict(index.offices), index.context)
    added: list[Entry] = []
    for row in rows:
        if _opt(row.get("office")) and _opt(row.get("name")) and (row.get("start") or row.get("end")):
            new.people.append(_person_from_row(row))
        elif _opt(row.get("text")):
            added.append(_entry_from_row(row))
        else:
            _add_actor_row(new, row, added, via="name")
    replaced = {e.text.lower() for e in added}
    new.entries = [e for e in index.entries if e.text.lower() not in replaced] + added
    return new


@lru_cache(maxsize=1)
def _builtin() -> ActorIndex:
    return load_builtin()


@lru_cache(maxsize=8)
def _with_extra(path: str, mtime: float) -> ActorIndex:
    return apply_user_rows(_builtin(), read_user_rows(Path(path)))


def load_actor_index(extra_file: str | Path | None = None) -> ActorIndex:
    """The actor knowledge, with a user's extra file applied (both cached)."""
    if not extra_file:
        return _builtin()
    path = Path(extra_file).expanduser()
    if not path.is_file():
        raise ConfigError(f"actors file {path} does not exist")
    return _with_extra(str(path.resolve()), path.stat().st_mtime)
