"""The actor ruler: finds actor mentions and resolves them to codes, roles and people.

`diplograph.actor_ruler.v1` fills ``doc.spans["actors"]`` with non-overlapping spans whose
``span._.actor`` is a :class:`Resolved`. Names are matched by the hashes of their words
(exact case for one-word names like "Chad", lower case for longer ones: :class:`Patterns`);
the rules that follow (titles, possessives, people valid at ``doc._.published``, lures)
live in :mod:`.actor_rules`.
"""
from __future__ import annotations

import json
import re
import shutil
import weakref
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers doc._.published and span._.actor)
from .actor_data import ActorIndex, load_actor_index, parse_date
from .lemmas import index_words

__all__ = ["Resolved", "ActorRuler", "lookup", "load_actor_index", "make_actor_ruler"]


@dataclass(frozen=True)
class Resolved:
    """What a mention resolves to. ``code`` is always the polity (or organisation, group)."""

    code: str
    role: str | None
    name: str
    wikidata: str | None
    kind: str
    via: str  # name, variant, demonym, capital, building, ministry, media, person, title, ...
    person: str | None = None  # the office holder, when the mention names or implies one
    person_wikidata: str | None = None
    office: str | None = None
    receiver: str | None = None  # an envoy's host state ("ambassador to Ukraine")

    def to_dict(self) -> dict:
        return {"code": self.code, "role": self.role, "name": self.name,
                "wikidata": self.wikidata, "kind": self.kind}

    def to_full_dict(self) -> dict:
        return asdict(self)


_PLAIN = re.compile(r"[^\W\d_]+( [^\W\d_]+)*")


def _norm(text: str) -> str:
    return text.replace("\u2019", "'")


class Patterns:
    """The matchers, built once per (vocab, index).

    Every name is kept as the hashes of its words, as the tokenizer splits them (exact
    case for one-word names like "Chad", lower case for longer ones), in one table per case;
    matching looks up, at each token whose word starts some name, the runs of the lengths
    such names have. Keying names by hash needs no vocabulary entry per name word (making
    one costs as much as the rest of the start-up), and what a match means is looked up by
    its normalised words in ``self.payload``.
    """

    def __init__(self, nlp: Language, index: ActorIndex):
        self.index = index
        self.payload: dict[tuple[str, str, tuple[str, ...]], list] = {}
        # per case (0 exact, 1 lower): word hashes of a name -> [(kind, normalised words)]
        self.names: tuple[dict, dict] = ({}, {})
        # per case: hash of a name's first word -> the lengths of the names it starts, sorted
        self.lengths: tuple[dict, dict] = ({}, {})
        rules = nlp.tokenizer.rules or {}
        # common English words: "India Commemorative Summit" names no person "India"
        self.common = index_words(nlp)
        groups: dict[tuple[str, str, str], list] = {}
        for entry in index.entries:
            kind = "block" if entry.code == "-" else "actor"
            groups.setdefault((kind, entry.case, entry.text), []).append(entry)
        for person in index.people:
            for text in (person.name, *person.aliases):
                # full names in any case ("Al-Sharaa"); one-word names as written ("Abe")
                case = "lower" if (" " in text or "-" in text) else "exact"
                groups.setdefault(("person", case, text), []).append(person)
        for text, office in index.offices.items():
            groups.setdefault(("office", "lower", text), []).append(office)
        for (kind, case, text), payload in groups.items():
            col = 1 if case == "lower" else 0
            for form in spelling_variants(_norm(text)):
                # tokenise as written: the tokenizer's exceptions are case-sensitive ("St." vs "st.")
                words = self._words(nlp, rules, form)
                norm = tuple(_norm(w.lower() if col else w) for w in words)
                self.payload.setdefault((kind, case, norm), []).extend(payload)
                self._add(col, words, kind, norm)
                if "'" in form:  # news text writes apostrophes both ways: People's / People’s
                    curly = self._words(nlp, rules, form.replace("'", "\u2019"))
                    self._add(col, curly, kind, norm)

    def _add(self, col: int, words: list[str], kind: str, norm: tuple[str, ...]) -> None:
        hashes = tuple(hash_string(w.lower() if col else w) for w in words)
        found = self.names[col].setdefault(hashes, [])
        if (kind, norm) not in found:
            found.append((kind, norm))
            sizes = self.lengths[col]
            sizes[hashes[0]] = tuple(sorted({*sizes.get(hashes[0], ()), len(hashes)}))

    @staticmethod
    def _words(nlp: Language, rules: dict, text: str) -> list[str]:
        """``text`` split as the tokenizer splits it: plain words (letters of any script, no
        special case such as "Cannot") at the spaces, the rest by the tokenizer itself."""
        words = text.split(" ")
        if _PLAIN.fullmatch(text) and not any(w in rules for w in words):
            return words
        return [t.text for t in nlp.tokenizer(text)]

    def matches(self, doc: Doc) -> list[tuple[int, int, str, list]]:
        found = []
        if not len(doc):
            return found
        array = doc.to_array([ORTH, LOWER])
        for col in (0, 1):  # exact-case names first, as they always were
            hashes = array[:, col].tolist()
            lengths, names = self.lengths[col], self.names[col]
            case = "lower" if col else "exact"
            n = len(hashes)
            for i in [i for i, h in enumerate(hashes) if h in lengths]:
                for size in lengths[hashes[i]]:
                    if i + size > n:
                        break
                    for kind, norm in names.get(tuple(hashes[i:i + size]), ()):
                        payload = self.payload.get((kind, case, norm))
                        if payload:
                            found.append((i, i + size, kind, payload))
        return _drop_acronyms_in_places(doc, found)


def _caps_word(tok) -> bool:
    return tok.is_alpha and tok.is_upper and len(tok) >= 2


def _drop_acronyms_in_places(doc: Doc, found: list) -> list:
    """A short capitals acronym inside an all-caps or hyphenated place name is no actor:
    "AU" in "PORT-AU-PRINCE" or "PORT AU PRINCE". Neighbours that are themselves
    actors keep it ("EU-AU summit")."""
    named = {i for start, end, kind, _ in found if kind != "block" and end - start > 1
             for i in range(start, end)}
    singles = {start for start, end, kind, _ in found if kind == "actor" and end - start == 1}

    def place_word(i: int) -> bool:
        return 0 <= i < len(doc) and _caps_word(doc[i]) and i not in named and i not in singles

    def hyphen_joined(i: int, step: int) -> bool:  # "AU-PRINCE", "PORT-AU"
        h, other = i + step, i + 2 * step
        if not (0 <= other < len(doc)) or doc[h].text != "-":
            return False
        left = min(i, other)
        return not doc[left].whitespace_ and not doc[left + 1].whitespace_ and place_word(other)

    kept = []
    for start, end, kind, payload in found:
        tok = doc[start]
        if kind == "actor" and end - start == 1 and tok.is_upper and tok.is_alpha and len(tok) <= 4 \
                and ((place_word(start - 1) and place_word(start + 1))
                     or hyphen_joined(start, 1) or hyphen_joined(start, -1)):
            continue
        kept.append((start, end, kind, payload))
    return kept


def spelling_variants(text: str) -> list[str]:
    """A name as written plus its usual spellings: "Saint"/"St"/"St.", "and"/"&"
    ("St. Vincent & the Grenadines", "St Lucian"), for every name that has them."""
    forms = [text]
    if re.search(r"\b(Saint|St\.?)(?= )", text):
        bare = re.sub(r"\b(Saint|St\.?)(?= )", "\x00", text)
        forms += [bare.replace("\x00", w) for w in ("Saint", "St", "St.")]
    if " and " in text:  # "Saint Kitts & Nevis", "Trinidad & Tobago"
        forms += [f.replace(" and ", " & ") for f in forms]
    return list(dict.fromkeys(forms))


# weak: the patterns live as long as the ruler that uses them (a renewed pipeline frees them)
_PATTERNS: "weakref.WeakValueDictionary[tuple[int, int], Patterns]" = weakref.WeakValueDictionary()


def patterns_for(nlp: Language, index: ActorIndex) -> Patterns:
    key = (id(nlp.vocab), id(index))
    found = _PATTERNS.get(key)
    if found is None:
        found = _PATTERNS[key] = Patterns(nlp, index)
    return found


class ActorRuler:
    """spaCy component: ``doc.spans[spans_key]`` gets the resolved actor mentions."""

    def __init__(self, nlp: Language, name: str = "actor_ruler", *, extra_file: str | None = None,
                 spans_key: str = "actors"):
        self.nlp = nlp
        self.name = name
        self.extra_file = extra_file or None
        self.spans_key = spans_key
        self._patterns: Patterns | None = None
        load_actor_index(self.extra_file)  # a bad --actors file fails here (ConfigError), not mid-run

    @property
    def index(self) -> ActorIndex:
        return self.patterns.index

    @property
    def patterns(self) -> Patterns:
        if self._patterns is None:
            self._patterns = patterns_for(self.nlp, load_actor_index(self.extra_file))
        return self._patterns

    def __call__(self, doc: Doc) -> Doc:
        from .actor_rules import resolve_doc

        published = _as_date(doc._.published)
        doc.spans[self.spans_key] = resolve_doc(doc, self.patterns, published)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    # serialisation: the built-in tables are package data; only the user's file travels
    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        cfg = {"spans_key": self.spans_key, "extra_file": None}
        if self.extra_file:
            src = Path(self.extra_file)
            target = path / ("extra" + src.suffix)
            shutil.copyfile(src, target)
            cfg["extra_file"] = target.name
        (path / "cfg.json").write_text(json.dumps(cfg), encoding="utf-8")

    def from_disk(self, path, *, exclude=tuple()) -> "ActorRuler":
        path = Path(path)
        cfg = json.loads((path / "cfg.json").read_text(encoding="utf-8"))
        self.spans_key = cfg.get("spans_key", "actors")
        self.extra_file = str(path / cfg["extra_file"]) if cfg.get("extra_file") else None
        self._patterns = None
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return json.dumps({"spans_key": self.spans_key, "extra_file": self.extra_file}).encode()

    def from_bytes(self, data: bytes, *, exclude=tuple()) -> "ActorRuler":
        cfg = json.loads(data)
        self.spans_key, self.extra_file, self._patterns = cfg["spans_key"], cfg["extra_file"], None
        return self


FACTORY = "diplograph.actor_ruler.v1"
FACTORY_ALIAS = "diplograph_actor_ruler_v1"  # the same factory under a name spaCy's decorator allows
DEFAULT_CONFIG = {"extra_file": None, "spans_key": "actors"}


def make_actor_ruler(nlp: Language, name: str, extra_file: str | None, spans_key: str) -> ActorRuler:
    return ActorRuler(nlp, name, extra_file=extra_file, spans_key=spans_key)


def _register_factory() -> None:
    """Register under the versioned dotted name of DESIGN.md.

    spaCy's decorator refuses dots in factory names (config strings use them as separators),
    so the dotted name is registered the way the decorator does it, minus that check; the
    undotted alias goes through the decorator.
    """
    from spacy.language import FactoryMeta
    from spacy.util import registry

    if FACTORY_ALIAS not in Language.factories:
        Language.factory(FACTORY_ALIAS, default_config=DEFAULT_CONFIG,
                         assigns=["doc.spans"], func=make_actor_ruler)
    # also reached through the `spacy_factories` entry point, so that spacy.load() and
    # add_pipe() find the factory before anything imported this module
    if FACTORY not in Language._factory_meta:
        registry.factories.register(Language.get_factory_name(FACTORY), func=make_actor_ruler)
        Language.set_factory_meta(FACTORY, FactoryMeta(factory=FACTORY, default_config=DEFAULT_CONFIG,
                                                       assigns=["doc.spans"]))


_register_factory()


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value.date() if hasattr(value, "date") and callable(value.date) else value
    try:
        return parse_date(str(value))
    except Exception:  # a bad date on a doc means "unknown", not a crash
        return None


@lru_cache(maxsize=4)
def _lookup_pipeline(extra_file: str | None):
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("diplograph.actor_ruler.v1", config={"extra_file": extra_file})
    return nlp


def lookup(name: str, on: date | str | None = None, *, extra_file: str | None = None) -> Resolved | None:
    """How a mention resolves (at date `on` for people and offices), or None."""
    text = " ".join(str(name).split())
    if not text:
        return None
    extra = str(extra_file) if extra_file else None
    found = by_code(text, load_actor_index(extra))
    if found is not None:  # a code needs no matcher: the lookup pipeline is built lazily
        return found
    nlp = _lookup_pipeline(extra)
    return resolve_text(nlp.get_pipe(FACTORY), nlp.make_doc, text, on)


def by_code(text: str, index: ActorIndex) -> Resolved | None:
    """The actor whose code ``text`` is (or a name in capitals that the table keys)."""
    info = index.actors.get(text) or index.actors.get(text.upper())
    if info is not None and (text.isupper() or text == info.code):
        return Resolved(info.code, None, info.name, info.wikidata, info.kind, "code")
    return None


def resolve_text(ruler: "ActorRuler", make_doc, text: str, on: date | str | None = None) -> Resolved | None:
    """``text`` resolved by ``ruler`` as one mention: None unless the whole of it (but an
    article or punctuation) is a single actor. ``make_doc`` is the tokenizer of the
    pipeline that holds ``ruler`` (the matchers are built on its vocabulary)."""
    doc = make_doc(text)
    doc._.published = _as_date(on)
    spans = list(ruler(doc).spans[ruler.spans_key])
    rest = [t for t in doc if not any(s.start <= t.i < s.end for s in spans)]
    if len(spans) == 1 and all(t.is_punct or t.lower_ in ("the", "a", "an") for t in rest):
        return spans[0]._.actor
    return None
