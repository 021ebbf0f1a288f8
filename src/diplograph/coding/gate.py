"""The fast path's lexical gate: which sentences could any trigger pattern match?

Built from every pattern file (``data/patterns/*.jsonl`` = group ``diplomatic``,
``data/patterns/general/`` = group ``general``; :func:`pattern_groups`), it works on the
tokens of the cheap pass (tokenizer only), never on a parse. A pattern can only match a
sentence that holds

* a word whose lemma could be one of the pattern's lemmas: the word forms are the
  inverse of the model's own lemmatizer tables (its suffix rules and exceptions), so a word
  the lemmatizer maps to ``recognise`` ("recognised", "recognising") is always seen;
* and the words each of its constraints needs: an object word (``obj``, ``obj_any``),
  every word of an ``obj_text`` phrase, a particle (``prt``), a complement (``xcomp``), a
  governing verb (``use`` with ``require_use``), a context phrase (``context``);
* and none of the phrases that rule it out (``context_not``: "meet" in a sentence about
  a cup final), read on the text the parser would get.

So the gate passes a superset of the sentences ``triggers.find_matches`` can match (up to
re-tokenising the sentence alone), at a fraction of the old one-word gate's sentences.
A new pattern file needs no code here: add its loader to :func:`pattern_groups`.
"""
from __future__ import annotations

import weakref
from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc

from .patterns import Pattern, load_patterns


def pattern_groups(extra: str | None = None) -> dict[str, tuple[Pattern, ...]]:
    """Every pattern the coder can match, by group (the gate answers per group)."""
    from . import general  # late: general imports the coder's modules

    from .follow import GATE_PATTERNS

    return {"diplomatic": load_patterns(extra) + GATE_PATTERNS, "general": general.patterns()}


@dataclass(frozen=True)
class _Rule:
    group: str
    needs: tuple[frozenset[int], ...]  # each: one of these word hashes must be present
    phrases: tuple[tuple[str, ...], ...]  # obj_text: every word of one phrase (substrings)
    context: tuple[str, ...]  # one of these substrings must be present
    context_not: tuple[str, ...] = ()  # none of these substrings may be present


class Gate:
    """Per sentence, the pattern groups that could match it."""

    def __init__(self, nlp: Language, groups: dict[str, Iterable[Pattern]]):
        self._strings = nlp.vocab.strings
        self._inverse = _inverse_lemmas(nlp)
        self._by_trigger: dict[int, list[int]] = {}
        self._rules: list[_Rule] = []
        watched: set[int] = set()
        for group, pats in groups.items():
            for p in pats:
                rule = self._rule(group, p)
                n = len(self._rules)
                self._rules.append(rule)
                for h in self._forms(p.lemma):
                    self._by_trigger.setdefault(h, []).append(n)
                for need in rule.needs:
                    watched.update(need)
        watched.update(self._by_trigger)
        self._watched = frozenset(watched)

    def _forms(self, words: Iterable[str]) -> frozenset[int]:
        out: set[int] = set()
        for w in words:
            w = w.lower()
            for form in self._inverse(w):
                out.add(self._strings.add(form))
        return frozenset(out)

    def _rule(self, group: str, p: Pattern) -> _Rule:
        needs = []
        for words in (p.obj, p.obj_any, p.xcomp, p.use if p.require_use else None):
            if words:
                needs.append(self._forms(w for w in words if " " not in w))
        if p.prt:
            needs.append(frozenset(self._strings.add(w.lower()) for w in p.prt))
        phrases = tuple(tuple(x.lower().split()) for x in (p.obj_text or ()))
        context = tuple(c.lower() for c in (p.context or ()))
        context_not = tuple(c.lower() for c in (p.context_not or ()))
        return _Rule(group, tuple(needs), phrases, context, context_not)

    def groups(self, doc: Doc, sentences: list[tuple[int, int]], text: str) -> list[frozenset[str]]:
        """For each (start, end) character span of ``doc``'s text, the groups of the patterns
        that could match it (empty: no pattern can). Give the spans as they would be parsed
        (the coder trims datelines): a ``context_not`` word is read on exactly that text."""
        out: list[frozenset[str]] = [frozenset()] * len(sentences)
        if not len(doc) or not sentences:
            return out
        watched = self._watched
        lowers = doc.to_array(LOWER).tolist()
        hit = [i for i, h in enumerate(lowers) if h in watched]
        if not hit:
            return out
        starts = [s for s, _ in sentences]
        present: dict[int, set[int]] = {}
        for i in hit:
            idx = doc[i].idx
            k = bisect_right(starts, idx) - 1
            if k >= 0 and idx < sentences[k][1]:
                present.setdefault(k, set()).add(lowers[i])
        for k, words in present.items():
            found: set[str] = set()
            lower: str | None = None
            for h in words:
                for n in self._by_trigger.get(h, ()):
                    rule = self._rules[n]
                    if rule.group in found:
                        continue
                    if not all(not need.isdisjoint(words) for need in rule.needs):
                        continue
                    if rule.phrases or rule.context or rule.context_not:
                        if lower is None:
                            lower = text[sentences[k][0]:sentences[k][1]].lower()
                        if rule.phrases and not any(all(w in lower for w in ph) for ph in rule.phrases):
                            continue
                        if rule.context and not any(c in lower for c in rule.context):
                            continue
                        if rule.context_not and any(c in lower for c in rule.context_not):
                            continue
                    found.add(rule.group)
            if found:
                out[k] = frozenset(found)
        return out


def _inverse_lemmas(nlp: Language):
    """word -> every lower-case form the pipeline's lemmatizer would lemmatise to it (the
    word itself included); without a rule lemmatizer, common English inflections."""
    rules: list[tuple[str, str]] = []
    exc: dict[str, set[str]] = {}
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
        for table in lookups.get_table("lemma_rules").values():
            rules.extend((old, new) for old, new in table)
        for table in lookups.get_table("lemma_exc").values():
            for form, lemmas in table.items():
                for lem in lemmas:
                    exc.setdefault(lem, set()).add(form)
    except (KeyError, ValueError):
        rules = [("s", ""), ("es", ""), ("es", "e"), ("ies", "y"), ("ed", ""), ("ed", "e"),
                 ("ied", "y"), ("ing", ""), ("ing", "e")]
    rules = sorted(set(rules))

    def inverse(word: str) -> set[str]:
        out = {word, word + "d"}  # triggers also read "recognised" as "recognise" + d
        for old, new in rules:
            if word.endswith(new):
                out.add(word[: len(word) - len(new)] + old)
        out |= exc.get(word, set())
        return out
    return inverse


# per pipeline (weak: a renewed pipeline and its vocabulary are let go), then per actors file
_GATES: "weakref.WeakKeyDictionary[Language, dict[str | None, Gate]]" = weakref.WeakKeyDictionary()


def gate_for(nlp: Language, extra: str | None = None) -> Gate:
    """The gate of this pipeline (its vocab and lemmatizer tables), built once per pipeline."""
    gates = _GATES.setdefault(nlp, {})
    g = gates.get(extra)
    if g is None:
        g = gates[extra] = Gate(nlp, pattern_groups(extra))
    return g
