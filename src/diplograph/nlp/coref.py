"""Light coreference: pronouns and descriptions to the most recent compatible actor(s).

Rules, not a model: "it"/"its" go to the previous sentence's subject when that is a
polity or organisation, else to the last such mention; "he"/"she" to the last person;
"they", "those countries", "the two territories" to the last group of two or more actors.
``Discourse`` keeps the history while the coder walks an article sentence by sentence;
the registered component ``diplograph_coref_v1`` applies the same rules to a whole Doc
and stores the resolved pronouns in ``doc.spans["coref"]``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import extensions  # noqa: F401

PERSON_PRON = {"he", "him", "his", "she", "her", "himself", "herself"}
PLURAL_PRON = {"they", "them", "their", "themselves"}
NUMBERS = {"two": 2, "both": 2, "either": 2, "neither": 2, "three": 3, "four": 4, "five": 5}
ENTITY_WORDS = {"territory", "territories", "republic", "republics", "region", "regions",
                "entity", "entities"}
LOOKBACK = 4  # sentences


@dataclass
class Hit:
    """An actor found for an event slot, with how it was found."""

    actor: object
    text: str
    start: int  # character offset in the article
    how: str = "dep"
    token: int = -1
    subject: bool = False  # the mention is a clause subject (for "it" as an object)


def is_person(actor) -> bool:
    return (getattr(actor, "kind", None) == "person" or getattr(actor, "person", None) is not None
            or getattr(actor, "via", None) in ("person", "title"))


def is_polity(actor) -> bool:
    return not is_person(actor)


@dataclass
class Sentence:
    start: int
    mentions: list[Hit] = field(default_factory=list)
    subject: list[Hit] = field(default_factory=list)


class Discourse:
    """The actor history of one article, filled in sentence order."""

    def __init__(self) -> None:
        self.sents: list[Sentence] = []
        self.current: Sentence | None = None

    def begin(self, start: int, mentions: list[Hit]) -> None:
        self.current = Sentence(start=start, mentions=sorted(mentions, key=lambda h: h.start))

    def end(self, subject: list[Hit] | None = None, pronoun_start: bool = False) -> None:
        cur = self.current
        if cur is None:
            return
        if subject:
            cur.subject = subject
        elif pronoun_start and self.sents:
            cur.subject = self.sents[-1].subject
        elif cur.mentions:
            cur.subject = [cur.mentions[0]]
        self.sents.append(cur)
        self.current = None

    # -- resolution ---------------------------------------------------------------
    def _recent(self):
        return list(reversed(self.sents[-LOOKBACK:]))

    def _before(self, pos: int) -> list[Hit]:
        if self.current is None:
            return []
        return [h for h in self.current.mentions if h.start < pos]

    def resolve_pronoun(self, tok: Token, offset: int, exclude=frozenset()) -> list[Hit]:
        hits = self._resolve_pronoun(tok, offset, exclude)
        return [h for h in hits if h.actor.code not in exclude]

    def _resolve_pronoun(self, tok: Token, offset: int, exclude) -> list[Hit]:
        low = tok.lower_
        pos = offset + tok.idx
        if low in PERSON_PRON:
            # "Netanyahu thanked him": an object pronoun is not its clause's own source
            # (``exclude``) but the person before
            skip = exclude if tok.dep_ in ("dobj", "dative", "pobj") and low in ("him", "her") else ()

            def ok(h: Hit) -> bool:
                return is_person(h.actor) and h.actor.code not in skip
            for h in reversed(self._before(pos)):
                if ok(h):
                    return [self._coref(h)]
            for s in self._recent():
                for h in s.subject:
                    if ok(h):
                        return [self._coref(h)]
                for h in reversed(s.mentions):
                    if ok(h):
                        return [self._coref(h)]
            return []
        if low in PLURAL_PRON:
            group = self._group(None, None)
            return [self._coref(h) for h in group]
        # it / its / itself: the previous subject, else the last polity mention
        before = [h for h in self._before(pos) if is_polity(h.actor) and not h.subject
                  and h.actor.code not in exclude]
        if before and tok.dep_ not in ("nsubj", "nsubjpass"):
            return [self._coref(before[-1])]
        for s in self._recent():
            subj = [h for h in s.subject if is_polity(h.actor) and h.actor.code not in exclude]
            if len(subj) == 1:
                return [self._coref(subj[0])]
            if s.mentions:
                poli = [h for h in s.mentions if is_polity(h.actor) and h.actor.code not in exclude]
                if poli:
                    return [self._coref(poli[0])]
        return []

    def resolve_description(self, tok: Token, offset: int) -> list[Hit]:
        low = tok.lower_
        plural = tok.tag_ == "NNS" or low.endswith("ies") or low.endswith("s")
        n = next((NUMBERS[c.lower_] for c in tok.children if c.lower_ in NUMBERS), None)
        entity = low in ENTITY_WORDS
        if plural or n:
            return [self._coref(h) for h in self._group(n, entity)]
        pos = offset + tok.idx
        for h in reversed(self._before(pos)):
            if is_polity(h.actor):
                return [self._coref(h)]
        for s in self._recent():
            for h in s.subject + list(reversed(s.mentions)):
                if is_polity(h.actor):
                    return [self._coref(h)]
        return []

    def _group(self, n: int | None, entity: bool | None) -> list[Hit]:
        # "the two regions", "either region": territories are fewer and named once, so look
        # further back, and never take states for them
        recent = list(reversed(self.sents[-2 * LOOKBACK:])) if entity else self._recent()
        if n and entity is not True:
            # "A and B agreed ... C considers D part of its territory. The two countries ...":
            # a pair named as a subject is the pair the story is about, before any two mentions
            for s in recent:
                subj = [h for h in s.subject if is_polity(h.actor)]
                if len({h.actor.code for h in subj}) == n:
                    return subj
        for s in recent:
            cands = [h for h in s.mentions if is_polity(h.actor)]
            if entity is not None:
                kinds = [h for h in cands if (getattr(h.actor, "kind", "") == "entity") == entity]
                if len(kinds) >= 2 or (entity and n):
                    cands = kinds
            uniq, seen = [], set()
            for h in cands:
                if h.actor.code not in seen:
                    seen.add(h.actor.code)
                    uniq.append(h)
            if len(uniq) >= 2:
                return uniq[-n:] if n else uniq
            if len(s.subject) >= 2:
                return s.subject
        return []

    @staticmethod
    def _coref(h: Hit) -> Hit:
        return Hit(actor=h.actor, text=h.text, start=h.start, how="coref", token=-1)


# -- registered component ---------------------------------------------------------------
PRONOUN_WORDS = PERSON_PRON | PLURAL_PRON | {"it", "its", "itself"}


@Language.factory("diplograph_coref_v1", default_config={"spans_key": "coref"})
def make_coref(nlp: Language, name: str, spans_key: str) -> "CorefComponent":
    return CorefComponent(spans_key)


class CorefComponent:
    """Resolve pronouns of a parsed Doc to the actors of doc.spans["actors"]."""

    def __init__(self, spans_key: str = "coref"):
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        actors = [s for s in doc.spans.get("actors", []) if s._.actor is not None] \
            if "actors" in doc.spans else []
        disc = Discourse()
        out: list[Span] = []
        for sent in doc.sents:
            ms = [Hit(s._.actor, s.text, s.start_char) for s in actors
                  if s.start >= sent.start and s.end <= sent.end]
            disc.begin(sent.start_char, ms)
            for tok in sent:
                if tok.lower_ in PRONOUN_WORDS and tok.pos_ == "PRON":
                    hits = disc.resolve_pronoun(tok, 0)
                    if hits:
                        sp = Span(doc, tok.i, tok.i + 1, label="COREF")
                        sp._.actor = hits[0].actor
                        out.append(sp)
            subj = [h for h in ms if any(t.dep_ in ("nsubj", "nsubjpass")
                                         for t in doc.char_span(h.start, h.start + len(h.text),
                                                                alignment_mode="expand") or [])]
            disc.end(subj, pronoun_start=sent[0].lower_ in PRONOUN_WORDS)
        doc.spans[self.spans_key] = out
        return doc

    def to_disk(self, path, exclude=()):  # stateless: nothing to save
        return None

    def from_disk(self, path, exclude=()):
        return self
