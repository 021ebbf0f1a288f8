"""Find trigger tokens in a parsed sentence and check a pattern's constraints."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from ..nlp.extensions import text_of

from .patterns import Index, Pattern

VERB_TAGS = ("VB",)
MEASURE_NOUNS = {"day", "days", "round", "rounds", "week", "weeks", "series", "hour", "hours", "set",
                 "batch", "wave", "number", "dozen", "package", "raft", "slew", "tranche"}
OBJ_DEPS = {"dobj", "obj", "nsubjpass", "attr", "oprd", "dative"}


@dataclass
class Match:
    pattern: Pattern
    trigger: Token
    obj: Token | None = None


def _lemma_keys(tok: Token) -> list[str]:
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "re":
        # "re-establishing" is split into "re", "-", "establishing": restoring, not establishing
        return ["re-" + tok.lemma_.lower(), "re-" + tok.lower_]
    keys = [tok.lemma_.lower(), tok.lower_]
    if tok.lower_.endswith("ed") and tok.pos_ in ("ADJ", "NOUN", "PROPN"):
        keys.append(tok.lower_[:-1])  # headline "Recognised" tagged as an adjective
    return keys


def _is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith(VERB_TAGS) or (
        tok.pos_ in ("ADJ", "PROPN") and tok.lower_.endswith("ed"))


def _is_noun(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") or tok.tag_.startswith("NN")


def _find_obj(tok: Token, lemmas: list[str], verb: bool, particles=()) -> Token | None:
    """The object of a trigger among ``lemmas``; ``particles``: the pattern's particles,
    which the parser may read as prepositions ("called in the envoy": in/prep, envoy/pobj)."""
    wanted = {w.lower() for w in lemmas}

    def ok(t: Token) -> bool:
        return t.lemma_.lower() in wanted or t.lower_ in wanted

    if verb:
        for c in tok.children:
            if c.dep_ in OBJ_DEPS and ok(c):
                return c
            # "held four days of talks", "a round of negotiations"
            if c.dep_ in OBJ_DEPS and c.lemma_.lower() in MEASURE_NOUNS:
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "of":
                        for g in p.children:
                            if g.dep_ == "pobj" and ok(g):
                                return g
            # "cut diplomatic and trade ties": the object may be a conjunct
            if c.dep_ in OBJ_DEPS:
                for cc in c.conjuncts:
                    if ok(cc):
                        return cc
            # "broke off ties", "cut off all ties": the object hangs under a particle
            if c.dep_ in ("prt", "prep") and (c.lower_ in ("off", "up") or c.lower_ in particles):
                for g in c.children:
                    if g.dep_ in ("pobj", "dobj") and ok(g):
                        return g
        # a passive object or a relative clause: "ties that were cut", "the ties it severed"
        if tok.dep_ in ("relcl", "acl") and ok(tok.head):
            return tok.head
        return None
    # noun trigger: "severance of ties", "ties' severance", "diplomatic recognition"
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "in"):
            for g in c.children:
                if g.dep_ == "pobj" and (ok(g) or any(ok(x) for x in g.conjuncts)):
                    return g
        if c.dep_ in ("compound", "nmod", "amod") and ok(c):
            return c
    if tok.dep_ in ("compound",) and ok(tok.head):
        return tok.head
    return None


def _subtree_text(tok: Token) -> str:
    return " ".join(t.lower_ for t in tok.subtree)


def find_matches(doc: Doc, index: Index) -> list[Match]:
    """The matches of ``index`` in ``doc``, memoised on the doc (the diplomatic layer and
    the general layer both ask for the diplomatic matches of the same parsed sentence)."""
    key = ("dg_matches", id(index))
    memo = doc.user_data.get(key)
    if memo is not None and memo[0] is index:
        return list(memo[1])
    out = _find_matches(doc, index)
    doc.user_data[key] = (index, tuple(out))
    return out


_KEY_MEMO: dict[int, tuple] = {}  # per index: word hash -> can it be a trigger key?


def _candidates(doc: Doc, index: Index) -> list[int]:
    """Tokens whose word or lemma can be a key of ``index`` (a superset of what
    ``_lemma_keys`` finds, read from integer hashes: most tokens are no trigger)."""
    memo = _KEY_MEMO.get(id(index))
    if memo is None or memo[0] is not index or len(memo[1]) + len(memo[2]) > 400_000:
        memo = _KEY_MEMO[id(index)] = (index, {}, {})
    _, low_memo, lem_memo = memo
    keys, strings = index.by_lemma, doc.vocab.strings
    rows = doc.to_array([LOWER, LEMMA]).tolist()
    out = []
    for i, (low, lem) in enumerate(rows):
        hit = low_memo.get(low)
        if hit is None:
            w = strings[low]
            hit = low_memo[low] = w in keys or (w.endswith("ed") and w[:-1] in keys)
        if not hit:
            hit = lem_memo.get(lem)
            if hit is None:
                hit = lem_memo[lem] = strings[lem].lower() in keys
        if hit or (i >= 2 and strings[rows[i - 1][0]] == "-"):  # "re-establish": see _lemma_keys
            out.append(i)
    return out


def _find_matches(doc: Doc, index: Index) -> list[Match]:
    text_lower = None
    out: list[Match] = []
    for i in _candidates(doc, index):
        tok = doc[i]
        pats: list[Pattern] = []
        seen = set()
        for key in _lemma_keys(tok):
            for p in index.by_lemma.get(key, ()):
                if id(p) not in seen:
                    seen.add(id(p))
                    pats.append(p)
        for p in pats:
            verb = p.pos == "VERB"
            if p.pos == "ADJ":  # "was critical of X": a predicate adjective
                if tok.pos_ != "ADJ" or tok.dep_ not in ("acomp", "ROOT", "conj", "xcomp"):
                    continue
            elif verb and not _is_verb(tok):
                continue
            elif not verb and not _is_noun(tok):
                continue
            if (p.context or p.context_not) and text_lower is None:
                text_lower = text_of(doc).lower()
            if p.context and not any(c in text_lower for c in p.context):
                continue
            if p.context_not and any(c in text_lower for c in p.context_not):
                continue
            obj = None
            if p.obj:
                obj = _find_obj(tok, p.obj, verb, p.prt or ())
                if obj is None:
                    continue
            if p.obj_any:
                sub = {t.lemma_.lower() for t in tok.subtree} | {t.lower_ for t in tok.subtree}
                if not sub & {w.lower() for w in p.obj_any}:
                    continue
            if p.obj_text:
                st = _subtree_text(tok)
                if not any(x in st for x in p.obj_text):
                    continue
            if p.prt and not any(c.dep_ in ("prt", "advmod") and c.lower_ in p.prt for c in tok.children) \
                    and not (obj is not None and obj.head.head.i == tok.i and obj.head.lower_ in p.prt):
                continue  # the particle, or the "preposition" the object hangs under
            if p.xcomp:
                if not any(c.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl")
                           and c.lemma_.lower() in p.xcomp
                           for t in [tok] + ([obj] if obj is not None else [])
                           for c in t.children):
                    continue
            if p.no_clause and any(g.dep_ in ("xcomp", "ccomp", "advcl")
                                   for c in tok.children for g in (c, *c.children)):
                continue  # "called on X to withdraw": an appeal, not a call on X
            if p.not_use and ({tok.head.lemma_.lower(), tok.head.head.lemma_.lower()} & set(p.not_use)):
                continue  # "the lifting of sanctions on X", "called for sanctions"
            if p.require_use and p.use:
                if not (tok.head.lemma_.lower() in p.use and tok.dep_ in OBJ_DEPS):
                    continue
            out.append(Match(pattern=p, trigger=tok, obj=obj))
    return out
