"""Trigger patterns: JSONL files under data/patterns/ (docs/patterns.md describes the fields).

Besides the patterns themselves each index carries a stem gate (:class:`StemGate`): the
word stems one of which a sentence must contain to hold an event (the general layer's
fast-path check; the diplomatic layer's gate is ``coding/gate.py``).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from ..model import EVENT_TYPES

# irregular inflections the gate must see (the patterns name lemmas)
IRREGULAR = {
    "break": ["broke", "broken"], "meet": ["met"], "hold": ["held"], "withdraw": ["withdrew", "withdrawn"],
    "cut": ["cut"], "send": ["sent"], "give": ["gave", "given"], "tell": ["told"],
    "have": ["had", "has"], "begin": ["began", "begun"], "seek": ["sought"], "lay": ["laid"],
    "speak": ["spoke", "spoken"], "shoot": ["shot"], "fight": ["fought"], "take": ["took", "taken"],
    "leave": ["left"], "make": ["made"], "bring": ["brought"], "throw": ["threw", "thrown"],
    "strike": ["struck"], "seize": ["seized"], "say": ["said"], "fly": ["flew", "flown"],
    "undertake": ["undertook", "undertaken"], "forgo": ["forwent"], "pay": ["paid"],
    "win": ["won"], "lead": ["led"], "drive": ["drove"], "flee": ["fled"], "sell": ["sold"],
}


@dataclass
class Pattern:
    id: str
    type: str
    lemma: list[str]
    pos: str = "VERB"
    cameo: str | None = None
    obj: list[str] | None = None
    obj_any: list[str] | None = None
    obj_text: list[str] | None = None
    xcomp: list[str] | None = None
    prt: list[str] | None = None
    target: list[str] = field(default_factory=lambda: ["dobj"])
    source: list[str] = field(default_factory=lambda: ["subj"])
    fixed_target: str | None = None
    joint: bool = False
    mutual: bool = False  # "A and B traded accusations": with no target, every direction
    context: list[str] | None = None
    context_not: list[str] | None = None
    use: list[str] | None = None
    require_use: bool = False
    not_use: list[str] | None = None
    person_target: bool = False  # keep only targets that are people or delegations (a host's guest)
    no_person_object: bool = False  # no match when the object itself is a person (a guest welcomed)
    no_clause: bool = False  # no complement clause on the trigger ("called on X", not "called on X to act")
    polity_target: bool = False  # keep only targets that are not people ("stands with Ukraine")
    exclude_roles: list[str] | None = None
    no_target: bool = False
    confidence: float = 0.7
    gate: list[str] | None = None
    origin: str = ""

    @classmethod
    def from_dict(cls, d: dict, origin: str = "") -> "Pattern":
        known = set(cls.__dataclass_fields__)
        unknown = set(d) - known
        if unknown:
            raise ConfigError(f"pattern {d.get('id')!r} in {origin} has unknown fields {sorted(unknown)}")
        if d.get("type") not in EVENT_TYPES:
            raise ConfigError(f"pattern {d.get('id')!r} in {origin} has unknown type {d.get('type')!r}")
        return cls(**d, origin=origin) if "origin" not in d else cls(**d)


def _read(path_text: str, origin: str) -> list[Pattern]:
    out = []
    for n, line in enumerate(path_text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            out.append(Pattern.from_dict(json.loads(line), origin=f"{origin}:{n}"))
        except (json.JSONDecodeError, TypeError) as exc:
            raise ConfigError(f"bad pattern line {origin}:{n}: {exc}") from exc
    return out


@lru_cache(maxsize=4)
def load_patterns(extra: str | None = None) -> tuple[Pattern, ...]:
    """Every bundled pattern file (data/patterns/*.jsonl), plus an extra file if given."""
    pats: list[Pattern] = []
    folder = resources.files("diplograph").joinpath("data/patterns")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".jsonl"):
            pats.extend(_read(entry.read_text(encoding="utf-8"), entry.name))
    if extra:
        pats.extend(_read(Path(extra).read_text(encoding="utf-8"), extra))
    return tuple(pats)


class StemGate:
    """Whether a text holds a word that starts with one of ``stems`` (lower case, each at
    least two characters, the first a word character): what ``\\b(?:stem|...)`` with
    IGNORECASE finds, without one regex alternation tried at every character (with ~750
    stems that scan cost more than a sentence's parse)."""

    _START = re.compile(r"(?<!\w)\w")
    _WORD = re.compile(r"\w")

    def __init__(self, stems):
        self.by_head: dict[str, tuple[str, ...]] = {}
        for s in sorted(stems, key=len):
            self.by_head[s[:2]] = self.by_head.get(s[:2], ()) + (s,)

    def search(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """True when a word of text[start:end] (a word may begin at ``start`` only if the
        character before is no word character, as ``\\b`` reads it) starts with a stem."""
        end = len(text) if end is None else end
        chunk = text[start:end].lower()
        if len(chunk) != end - start:  # "İ" lowers to two characters; a regex reads "i"
            chunk = "".join(c.lower()[0] for c in text[start:end])
        glued = start > 0 and self._WORD.match(text, start - 1) is not None
        for m in self._START.finditer(chunk):
            p = m.start()
            if p == 0 and glued:
                continue
            for stem in self.by_head.get(chunk[p:p + 2], ()):
                if chunk.startswith(stem, p):
                    return True
        return False


@dataclass
class Index:
    by_lemma: dict[str, list[Pattern]]
    gate: StemGate


def _stems(word: str) -> list[str]:
    w = word.lower()
    out = [w[:-1] if w.endswith("e") and len(w) > 4 else w]
    out += IRREGULAR.get(w, [])
    if w.endswith("y") and len(w) > 3:
        out.append(w[:-1] + "i")  # levy -> levied
    if len(w) <= 4 and w[-1] not in "aeiouwxy":
        out.append(w + w[-1])  # cut -> cutting, ban -> banned
    return out


@lru_cache(maxsize=4)
def build_index(extra: str | None = None) -> Index:
    by_lemma: dict[str, list[Pattern]] = {}
    stems: set[str] = set()
    for p in load_patterns(extra):
        for lem in p.lemma:
            by_lemma.setdefault(lem.lower(), []).append(p)
        # the gate keys on the rarest required word: "cut ties" passes on "ties", so that
        # common verbs (have, open, end) do not send every sentence to the parser
        # (a pattern's own "gate" words replace them: "no right" rather than "no")
        if p.gate:
            stems.update(s.lower() for s in p.gate)
            continue
        keys = p.obj or p.obj_any or p.obj_text or p.lemma
        for w in keys:
            stems.update(_stems(w.split()[0]))
    return Index(by_lemma=by_lemma, gate=StemGate(stems))
