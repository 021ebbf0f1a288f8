"""The model's rule lemmatizer, memoised on every token.

spaCy's rule lemmatizer caches its answer on (ORTH, POS, MORPH) but returns base forms
(singular nouns, infinitives, positive adjectives: most tokens) and proper nouns before
it caches, so they are worked out again on every token, morphology dictionary and all.
:class:`CachedLemmatizer` asks the model's lemmatizer once per (ORTH, POS, MORPH) and
writes a document's lemmas with one ``Doc.from_array``: the same lemmas, a fraction of
the cost. One exception: a word with a prefix the rules cannot see past, unknown to the
model's word index ("re-established", "reappointed"), takes its base word's lemma after
the prefix ("re-establish", "reappoint"), where the rules alone give "re-establishe".
A word it has not seen is looked up in the model's word index, which spaCy keeps as lists
(57,000 nouns) and searches with ``in``: :func:`cached` makes them sets.
"""
from __future__ import annotations

import re
import weakref

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.tokens import Doc

# a prefix the rules cannot see past: "re-established", "co-sponsored", "reappointed"
PREFIX = re.compile(r"(re|co)(-?)([a-z]{3,})\Z")
_INDEX_WORDS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # per pipeline
MAX_MEMO = 200_000  # distinct (word, POS, morphology) keys kept; a long run stays bounded


class CachedLemmatizer:
    """Drop-in for the ``lemmatizer`` component (same lemmas, same ``overwrite`` rule)."""

    def __init__(self, lemmatizer):
        self.lemmatizer = lemmatizer
        self._memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        memo, overwrite = self._memo, self.lemmatizer.overwrite
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:  # set by the attribute ruler: kept, as spaCy does
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                if len(memo) >= MAX_MEMO:
                    memo.clear()
                found = memo[key] = strings.add(self._lemma(doc[i]))
            lemmas[i] = found
        doc.from_array([LEMMA], numpy.asarray(lemmas, dtype="uint64").reshape(-1, 1))
        return doc

    def _lemma(self, token) -> str:
        lemma = self.lemmatizer.lemmatize(token)[0]
        m = PREFIX.match(token.lower_)
        if m is None or (not m.group(2) and (token.pos_ != "VERB" or self._known(lemma, token))):
            return lemma
        # "re-established" -> "re-establish" (the rules alone give "re-establishe");
        # "reappointed" -> "reappoint" when only the word after "re" is known
        base = Doc(token.vocab, words=[m.group(3)])
        base[0].pos, base[0].morph = token.pos, token.morph
        found = self.lemmatizer.lemmatize(base[0])[0]
        if not m.group(2) and not self._known(found, token):
            return lemma
        return m.group(1) + m.group(2) + found

    def _known(self, lemma: str, token) -> bool:
        """Whether the model's word index holds ``lemma`` for the token's part of speech."""
        try:
            index = self.lemmatizer.lookups.get_table("lemma_index")
        except (KeyError, ValueError):
            return True  # no index: trust the lemmatizer
        return lemma in index.get(token.pos_.lower(), ())

    def __getattr__(self, name: str):  # lookups, mode, overwrite: the model's component's
        if name == "lemmatizer":
            raise AttributeError(name)
        return getattr(self.lemmatizer, name)

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


def cached(lemmatizer):
    """The memoised equivalent of a spaCy rule lemmatizer, or None for another kind."""
    if getattr(lemmatizer, "mode", None) != "rule" or not hasattr(lemmatizer, "lemmatize"):
        return None
    _index_as_sets(lemmatizer)
    return CachedLemmatizer(lemmatizer)


def _index_as_sets(lemmatizer) -> None:
    """The rule lemmatizer only asks whether a form is in the word index of its POS: the
    same answers from a set, without a scan of tens of thousands of words per new word."""
    try:
        index = lemmatizer.lookups.get_table("lemma_index")
    except (KeyError, ValueError):
        return
    for pos, words in list(index.items()):
        if isinstance(words, list):
            index[pos] = frozenset(words)


def index_words(nlp) -> frozenset[str]:
    """The lower-case words of the model's word index (nouns, verbs, adjectives, adverbs):
    "envoy", "summit", "commemorative", not "Latvia". Empty without a rule lemmatizer.
    Built once per pipeline (the actor ruler and the re-parse both ask)."""
    words = _INDEX_WORDS.get(nlp)
    if words is None:
        try:
            index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
            words = frozenset(w for ws in index.values() for w in ws)
        except (KeyError, ValueError, AttributeError):
            words = frozenset()
        _INDEX_WORDS[nlp] = words
    return words
