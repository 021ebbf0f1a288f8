"""The model's attribute ruler (tag -> POS and morphology, pronoun and auxiliary fixes), as
dictionary look-ups instead of a spaCy Matcher.

The English pipeline's ``attribute_ruler`` is ~180 one- and two-token Matcher patterns over
TAG, LOWER, DEP and IS_SPACE; the Matcher walks every pattern over every token and costs
about as much as the parser on a sentence. :class:`FastAttributes` compiles the same
patterns (read from the loaded ruler, so a model update is followed) into per-token
look-ups and applies the same attributes in the same order: later patterns win, every
match is computed before any is applied. Patterns it does not understand make
:func:`compile_ruler` return None, and the pipeline keeps the original ruler.
"""
from __future__ import annotations

import re
from typing import Callable

from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_KEYS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}


def _predicate(key: str, spec) -> Callable[[object], bool] | None:
    """A test of one token attribute value, or None when the spec is not understood."""
    if isinstance(spec, (str, bool)):
        return lambda v, s=spec: v == s
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op == "IN":
            vals = frozenset(arg)
            return lambda v, s=vals: v in s
        if op == "NOT_IN":
            vals = frozenset(arg)
            return lambda v, s=vals: v not in s
        if op == "REGEX" and key != "IS_SPACE":
            rx = re.compile(arg)
            return lambda v, r=rx: bool(r.search(v))
    return None


class FastAttributes:
    """Drop-in for the ``attribute_ruler`` component (same patterns, same results).

    What a token gets depends only on its (TAG, LOWER, DEP, IS_SPACE), and LOWER only when a
    pattern names the word: the answer is memoised on that key (a bounded table: tags x
    dependency labels x the ~100 words the patterns name)."""

    def __init__(self, ruler, single: list, multi: list):
        self.ruler = ruler
        self.single = single  # [(pattern number, [(attr, test)])]
        self.multi = multi  # [(pattern number, [[(attr, test)]...], index)]
        self.words: set[str] = set()  # LOWER values some pattern names
        self.regexes: list[re.Pattern] = []
        for p in ruler.patterns:
            for pattern in p["patterns"]:
                for tok in pattern:
                    spec = tok.get("LOWER")
                    if isinstance(spec, str):
                        self.words.add(spec)
                    elif isinstance(spec, dict):
                        if "IN" in spec:
                            self.words.update(spec["IN"])
                        if "REGEX" in spec:
                            self.regexes.append(re.compile(spec["REGEX"]))
        self._memo: dict[tuple, tuple] = {}

    def _lookup(self, key: tuple) -> tuple:
        """(merged attributes or None, pattern numbers, multi-token patterns starting here)."""
        tag, lower, dep, space = key
        row = {"tag_": tag, "lower_": lower, "dep_": dep, "is_space": space}
        ns = tuple(n for n, tests in self.single if all(test(row[a]) for a, test in tests))
        starts = tuple(m for m in self.multi if all(test(row[a]) for a, test in m[1][0]))
        return self._merge(ns), ns, starts

    def _merge(self, ns) -> dict | None:
        merged: dict = {}
        for n in sorted(ns):  # later patterns win, as in the ruler
            merged.update(self.ruler.attrs[n])
        return merged or None

    def _key(self, tok) -> tuple:
        lower = tok.lower_
        if lower not in self.words and not any(rx.search(lower) for rx in self.regexes):
            lower = "\x00"  # a word no pattern names: one key for all of them
        return (tok.tag_, lower, tok.dep_, tok.is_space)

    def __call__(self, doc: Doc) -> Doc:
        memo = self._memo
        toks = list(doc)
        found = []
        extra: dict[int, list[int]] = {}
        for i, tok in enumerate(toks):
            key = self._key(tok)
            hit = memo.get(key)
            if hit is None:
                hit = memo[key] = self._lookup(key)
            found.append(hit)
            for n, seq, index in hit[2]:  # a two-token pattern starts here: check the rest
                if i + len(seq) > len(toks):
                    continue
                if all(all(test(getattr(toks[i + j], a)) for a, test in seq[j])
                       for j in range(1, len(seq))):
                    k = index if index >= 0 else len(seq) + index
                    extra.setdefault(i + k, []).append(n)
        for i, tok in enumerate(toks):
            merged = found[i][0]
            if i in extra:
                merged = self._merge(found[i][1] + tuple(extra[i]))
            if merged:
                set_token_attrs(tok, merged)
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


def compile_ruler(ruler) -> FastAttributes | None:
    """The fast equivalent of a spaCy AttributeRuler, or None if a pattern is not understood."""
    single, multi = [], []
    for n, p in enumerate(ruler.patterns):
        index = p.get("index", 0)
        for pattern in p["patterns"]:
            seq = []
            for tok in pattern:
                tests = []
                for key, spec in tok.items():
                    test = _predicate(key, spec)
                    if key not in _KEYS or test is None:
                        return None
                    tests.append((_KEYS[key], test))
                seq.append(tests)
            if len(seq) == 1:
                single.append((n, seq[0]))
            else:
                multi.append((n, seq, index))
    return FastAttributes(ruler, single, multi)
