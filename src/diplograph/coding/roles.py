"""Source and target of a trigger, read off the dependency tree.

``how`` on each hit says how it was found ("dep": a dependency path; "coref": through a
pronoun or a description; "fallback": the nearest plausible mention), and feeds confidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Doc, Span, Token

from ..nlp.coref import Discourse, Hit
from ..nlp.pipeline import resolve_name
from .domain import lexicon
from .polarity import cues
from .triggers import Match

SUBJ = ("nsubj", "csubj", "expl")
PASSIVE_SUBJ = ("nsubjpass",)
MODS = ("poss", "compound", "amod", "nmod")
PRONOUNS = {"it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "itself",
            "themselves"}
DESCRIPTIONS = {"country", "countries", "nation", "nations", "state", "states", "kingdom",
                "territory", "territories", "republic", "republics", "island", "government",
                "governments", "regime", "side", "sides", "region", "regions", "entity", "entities",
                "group", "movement"}
GOVERNMENT_WORDS = {"government", "governments", "regime", "authorities", "leadership", "administration",
                    "ministry"}
ACT_NOUNS = {"decision", "move", "plan", "bid", "choice", "attempt", "intention", "announcement", "step"}
REACTION_NOUNS = {"protest", "response", "retaliation", "reaction", "reprisal", "answer"}
INSTRUMENT_NOUNS = {"agreement", "deal", "accord", "pact", "decree", "statement", "communique",
                    "communiqué", "declaration", "letter", "order", "memorandum", "note", "motion",
                    "treaty", "protocol", "resolution", "decision", "executive"}
DESC_DETS = {"the", "those", "these", "both", "two", "three", "this", "that", "such", "either",
             "neither", "each"}


class ActorMap:
    """Token index -> actor span of one parsed sentence."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.by_token: dict[int, Span] = {}
        spans = doc.spans.get("actors") if "actors" in doc.spans else []
        for sp in spans or []:
            if sp._.actor is None:
                continue
            for i in range(sp.start, sp.end):
                self.by_token[i] = sp

    def at(self, tok: Token) -> Span | None:
        return self.by_token.get(tok.i)

    def spans(self) -> list[Span]:
        seen, out = set(), []
        for sp in self.by_token.values():
            if (sp.start, sp.end) not in seen:
                seen.add((sp.start, sp.end))
                out.append(sp)
        return sorted(out, key=lambda s: s.start)


@dataclass
class Ctx:
    amap: ActorMap
    disc: Discourse
    offset: int  # character offset of the sentence doc in the article
    exclude: frozenset = frozenset()  # codes a target pronoun may not resolve to (the source)
    after: Callable[[], list[Hit]] | None = None  # actors listed right after the sentence
    # (type, source Hit, sentence offset, asserted) of the acts so far, in order
    acts: list | None = None


LIST_INTRO = re.compile(r"\s*(?:they|these|those)(?:\s+\w+)?\s+(?:are|were|include|included)\b\s*:?",
                        re.IGNORECASE)
LIST_ITEM = re.compile(r"\s*(?:[-\u2022*\u2013\u2014]|\d{1,2}[.)])\s*(?:and\s+)?", re.IGNORECASE)


def listed_after(text: str, sentences: list[tuple[int, int]], k: int, mentions_in) -> list[Hit]:
    """Actors listed right after sentence ``k``: "N countries recognise X. They are: - A - B"
    or "... the following states: A, B and C" run over several lines or sentences."""
    s, e = sentences[k]
    out: list[Hit] = []
    j = k + 1
    if j < len(sentences) and not text[s:e].rstrip().endswith(":"):
        ns, ne = sentences[j]
        m = LIST_INTRO.match(text, ns, ne)
        if not m:
            return []
        if m.end() < ne:  # "They are: A, B and C." on one line
            out.extend(Hit(x.actor, x.text, x.start, "dep") for x in mentions_in(m.end(), ne))
        j += 1
    while j < len(sentences):
        ns, ne = sentences[j]
        item = text[ns:ne]
        if len(item) > 80 or not (LIST_ITEM.match(item) or len(item.split()) <= 4):
            break
        out.extend(Hit(x.actor, x.text, x.start, "dep") for x in mentions_in(ns, ne))
        j += 1
    return out


def _hit(sp: Span, ctx: Ctx, how: str = "dep") -> Hit:
    return Hit(actor=sp._.actor, text=sp.text, start=ctx.offset + sp.start_char, how=how,
               token=sp.root.i)


def np_actors(tok: Token, ctx: Ctx, depth: int = 0, conj: bool = True, mods: bool = True,
              strict: bool = False) -> list[Hit]:
    """The actors a noun phrase headed by ``tok`` names (conjuncts included).

    ``strict`` (for sources): modifiers count only on agent nouns ("the Russian
    government", not "Russian tourists").
    """
    if depth > 4:
        return []
    toks = [tok] + (list(tok.conjuncts) if conj else [])
    if conj and ctx.amap.at(tok) is not None:
        # "Spain, Greece, Romania and Cyprus": the parser may hang the second item on the
        # first (npadvmod, appos) and the rest on it
        for c in tok.children:
            if c.dep_ in ("npadvmod", "appos") and c.i > 0 and c.doc[c.i - 1].text == "," \
                    and ctx.amap.at(c) is not None and c not in toks:
                toks += [c] + [x for x in c.conjuncts if x not in toks]
    out: list[Hit] = []
    for t in toks:
        out.extend(_one(t, ctx, depth, mods, strict))
    return out


def _one(t: Token, ctx: Ctx, depth: int, mods: bool, strict: bool = False) -> list[Hit]:
    sp = ctx.amap.at(t)
    if sp is not None:
        return sorted([_hit(sp, ctx)] + _listed_of(sp, ctx), key=lambda h: h.start)
    low = t.lower_
    if low in PRONOUNS and t.pos_ == "PRON":
        return _pronoun(t, ctx, depth)
    if strict and t.lemma_.lower() not in lexicon()["agent_nouns"] and t.lower_ not in lexicon()["agent_nouns"]:
        mods = False
        if low in DESCRIPTIONS:  # "his country never recognised X": the speaker's country
            owner = next((c for c in t.children if c.dep_ == "poss" and c.lower_ in PRONOUNS), None)
            if owner is not None:
                return _pronoun(owner, ctx, depth)
        if not (low in DESCRIPTIONS and any(c.lower_ in DESC_DETS or c.like_num or c.lower_ in LIST_DETS
                                            or c.lower_ in ("like", "including", "such")
                                            for c in t.children)):
            return []
    agent = t.lemma_.lower() in lexicon()["agent_nouns"] or low in lexicon()["agent_nouns"]
    speaks_for = low in lexicon()["for_agent_nouns"]
    for c in t.children:  # "the independence of Kosovo", "officials from X", "a spokesman for X"
        if c.dep_ == "prep" and (c.lower_ == "of" or (agent and c.lower_ == "from")
                                 or (speaks_for and c.lower_ == "for")):
            for g in c.children:
                if g.dep_ == "pobj":
                    got = np_actors(g, ctx, depth + 1, strict=strict)
                    if got:
                        return got
    if low in GOVERNMENT_WORDS:  # "the government in Beijing" (the parser may hang "in" on the verb)
        for p in [c for c in t.children if c.dep_ == "prep" and c.lower_ == "in"] + [
                c for c in t.head.children if c.dep_ == "prep" and c.lower_ == "in" and c.i == t.i + 1]:
            got = _pobj(p, ctx)
            if got:
                return got
    for c in t.children:  # "the government formed by X", "the regime backed by X"
        if c.dep_ == "acl" and low in DESCRIPTIONS:
            for g in c.children:
                if g.dep_ == "agent":
                    got = _pobj(g, ctx)
                    if got:
                        return got
    for c in t.children:
        if c.dep_ == "appos":
            got = np_actors(c, ctx, depth + 1, strict=strict)
            if got:
                return got
    if mods and t.lemma_.lower() not in lexicon()["part_nouns"]:
        # "Georgia's breakaway regions" are not Georgia: a part's owner is not the part
        found: list[Hit] = []
        # "its ally" is not "it", and "a NATO ally" one member, not NATO ("its EU partners"
        # are the members together)
        other = t.lemma_.lower() in lexicon()["relational_nouns"]
        for c in t.children:
            if c.dep_ in MODS:
                sp = ctx.amap.at(c)
                if sp is not None:
                    if not (other and (c.dep_ == "poss" or t.tag_ != "NNS")):
                        found.append(_hit(sp, ctx))
                elif c.dep_ == "poss" and c.lower_ in PRONOUNS and not other:
                    found.extend(_pronoun(c, ctx, depth))
        if found:
            return found
    if t.lemma_.lower() in LIST_NOUNS:
        listed = _listed(t, ctx)
        if listed:
            return listed
    if low in DESCRIPTIONS and any(c.lower_ in DESC_DETS for c in t.children):
        return ctx.disc.resolve_description(t, ctx.offset)
    return []


def _listed_of(sp: Span, ctx: Ctx) -> list[Hit]:
    """The other states of "the ambassadors of Brazil and Kenya" or "the Egyptian and Qatari
    leaders" when the mention took the title with one of them only."""
    out: list[Hit] = []
    for x in sp:
        if x.dep_ == "pobj" and x.head.lower_ == "of":
            for c in x.conjuncts:
                other = ctx.amap.at(c) if c.i >= sp.end else None
                if other is not None:
                    out.append(_hit(other, ctx))
        elif x.dep_ in ("amod", "compound", "conj") and x.i != sp.root.i:
            # "the Egyptian and Qatari leaders": the mention took the last demonym only
            for c in x.conjuncts:
                other = ctx.amap.at(c) if c.i < sp.start else None
                if other is not None and other.end <= sp.start:
                    out.append(_hit(other, ctx))
    return out


LIST_NOUNS = {"country", "state", "nation", "member", "government", "ally", "neighbour",
              "neighbor", "power", "partner", "republic", "capital", "monarchy", "kingdom"}


def _listed(t: Token, ctx: Ctx) -> list[Hit]:
    """ "countries such as A and B", "countries including A", "five countries: A, B, C" """
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in ("like", "including", "such", "as"):
            got: list[Hit] = []
            for g in c.subtree:
                if g.dep_ == "pobj":
                    got = np_actors(g, ctx)
                    if got:
                        return got
        if c.dep_ == "amod" and c.lower_ == "such":
            for g in c.children:
                if g.dep_ == "prep" and g.lower_ == "as":
                    for x in g.children:
                        if x.dep_ == "pobj":
                            return np_actors(x, ctx)
    sent = t.sent
    colon = next((x for x in sent if x.text == ":" and x.i > t.i), None)
    if colon is not None and colon.i - t.i < 12:
        got = [_hit(sp, ctx) for sp in ctx.amap.spans() if sp.start > colon.i]
        if got:
            return got
    # "Fourteen nations recognise X. They are: ...": a counted or announced group whose
    # members are listed after the sentence
    if ctx.after is not None and (t.tag_ == "NNS" or t.lower_.endswith("s")) and any(
            c.like_num or c.lower_ in LIST_DETS for c in t.children):
        return ctx.after()
    return []


LIST_DETS = {"following", "these", "those", "several", "some", "many", "both", "all", "other"}


def _pronoun(t: Token, ctx: Ctx, depth: int = 0) -> list[Hit]:
    """A pronoun's actors; "its"/"their" first try the subject of their own clause
    ("Israel recalled its ambassador"). ``depth``: that of the noun phrase holding the
    pronoun, carried on because the subject may hold the pronoun itself ("the ally of its
    neighbour recalled ...") and the search would go round for ever."""
    if t.dep_ == "poss" and t.lower_ in ("its", "their"):
        v = t.head
        while v.head.i != v.i and v.pos_ not in ("VERB", "AUX"):
            v = v.head
        # "X recalled its envoy in protest of its recognition of Y": one protests another's act
        reaction = any(a.lemma_.lower() in REACTION_NOUNS for a in t.head.ancestors if a.i != v.i
                       and a.i > v.i) if v.pos_ in ("VERB", "AUX") else False
        if v.pos_ in ("VERB", "AUX"):
            for c in v.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i < t.i and c.lower_ not in PRONOUNS:
                    got = [h for h in np_actors(c, ctx, depth + 1, strict=True)
                           if h.actor.code not in ctx.exclude]
                    if got and reaction:
                        codes = frozenset(h.actor.code for h in got)
                        return ctx.disc.resolve_pronoun(t, ctx.offset, exclude=ctx.exclude | codes)
                    if got:
                        return [Hit(h.actor, h.text, h.start, "coref", h.token) for h in got]
    # reported speech: "A and B said (that) they would ...", "X announced that it had ..."
    if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in ("it", "they", "he", "she"):
        v = t.head
        while v.dep_ == "conj" and v.head.i != v.i:
            v = v.head
        if v.dep_ == "ccomp" and v.head.pos_ in ("VERB", "AUX"):
            say = v.head
            # "X refused ..., saying he would ...": a participle's speaker is its head's subject
            if say.dep_ in ("advcl", "xcomp") and not any(c.dep_ == "nsubj" for c in say.children):
                say = say.head
            for c in say.children:
                if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS:
                    got = [h for h in np_actors(c, ctx, depth + 1, strict=True)
                           if h.actor.code not in ctx.exclude]
                    plural = len({h.actor.code for h in got}) > 1
                    if got and plural == (t.lower_ == "they") or (got and t.lower_ in ("he", "she")):
                        return [Hit(h.actor, h.text, h.start, "coref", h.token) for h in got]
    # the mention in this sentence is the pronoun itself: "welcomed him" has a guest as object
    return [Hit(h.actor, h.text, h.start, h.how, t.i)
            for h in ctx.disc.resolve_pronoun(t, ctx.offset, exclude=ctx.exclude)]


def _passive(v: Token) -> bool:
    """A passive verb, or a participle with an agent modifying a noun ("envoy summoned by
    X"; without "by", the parser also reads a sentence's verb so: "the envoy, X, called on")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children) or (
        v.dep_ == "acl" and v.tag_ == "VBN" and any(c.dep_ == "agent" for c in v.children))


def _as_complement(v: Token) -> list[Token]:
    """The nouns of "as X" on ``v`` ("recognised *as a state*")."""
    return [g for c in v.children if c.dep_ == "prep" and c.lower_ == "as"
            for g in c.children if g.dep_ == "pobj"]


def verb_subject(v: Token, ctx: Ctx, depth: int = 0) -> list[Hit]:
    if depth > 4:
        return []
    if _passive(v):
        for c in v.children:
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return np_actors(g, ctx)
        # "was recognised as a state by A", "was declared persona non grata by A": the
        # parser hangs "by" on the complement
        for g in _as_complement(v) + [c for c in v.children if c.dep_ in ("oprd", "dobj")]:
            for p in g.children:
                if p.dep_ in ("prep", "agent") and p.lower_ == "by":
                    got = _pobj(p, ctx)
                    if got:
                        return got
        if v.dep_ in ("acl",):  # "a resolution vetoed by Russia" handled above; bare acl: none
            return []
    else:
        for c in v.children:
            if c.dep_ in SUBJ:
                got = np_actors(c, ctx, strict=True)
                if got and c.dep_ == "nsubj":
                    # a headline's "Kenya, Somalia restore ties": the parser makes each
                    # name a subject of its own
                    got = got + [h for d in v.children if c.i < d.i < v.i and d.dep_ == "nsubj"
                                 for h in np_actors(d, ctx, strict=True)]
                if got:
                    return got
                if c.dep_ == "nsubj" and c.lower_ not in ("who", "which", "that"):
                    return []
        if v.dep_ == "ROOT" and v.tag_ in ("VBD", "VBZ", "VBP"):
            # a rare name opening the sentence is often parsed as a modifier ("Nauru
            # switched ..." with "Nauru" an npadvmod or advmod): the first words, before the verb
            for c in v.children:
                if c.dep_ in ("npadvmod", "advmod", "dep", "nmod") and c.i < v.i \
                        and c.left_edge.i == v.sent.start:
                    got = np_actors(c, ctx, strict=True)
                    if got:
                        return got
    head = v.head
    if head.i == v.i:
        return []
    if v.dep_ == "xcomp":
        # raising: "Slovenia is expected to recognise" -> Slovenia
        if _passive(head):
            for c in head.children:
                if c.dep_ == "nsubjpass":
                    got = np_actors(c, ctx, strict=True)
                    if got:
                        return got
        # object control: "urged Serbia to recognise" -> Serbia does it
        for c in head.children:
            if c.dep_ in ("dobj",):
                got = np_actors(c, ctx)
                if got:
                    return got
        return verb_subject(head, ctx, depth + 1)
    if v.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.i != head.i:
        # "A and B were joining it in restoring ties": the subject of the verb the
        # preposition hangs on
        return verb_subject(head.head, ctx, depth + 1)
    if v.dep_ in ("conj", "advcl", "pcomp", "ccomp", "dep", "parataxis", "acomp"):
        return verb_subject(head, ctx, depth + 1)  # acomp: "X was critical of": the copula's
    if v.dep_ == "pobj" or head.dep_ == "prep":
        return verb_subject(head.head if head.dep_ == "prep" else head, ctx, depth + 1)
    if v.dep_ in ("relcl", "acl"):
        # "the first state to recognise X was Y", "Y became the first country to recognise X"
        if head.dep_ == "attr" or any(c.lower_ in ORDINAL_WORDS for c in head.children):
            if head.dep_ in ("attr", "pobj"):
                cop = head.head if head.dep_ == "attr" else head.head.head
                got = verb_subject(cop, ctx, depth + 1)
            else:
                got = [h for c in head.head.children if c.dep_ == "attr" for h in np_actors(c, ctx)]
            if got:
                return got
        # "X's decision to recognise Y": the owner of the decision acts
        got = np_actors(head, ctx, strict=head.lemma_.lower() not in ACT_NOUNS)
        if got:
            return got
        # "A and B are among the countries that ...", "A is one of the states that ..."
        if head.dep_ == "pobj" and head.head.lower_ in ("among", "of"):
            cop = head.head.head
            if cop.dep_ in ("attr",) and cop.head.lemma_ == "be":
                cop = cop.head
            if cop.lemma_ == "be":
                for c in cop.children:
                    if c.dep_ == "nsubj":
                        got = np_actors(c, ctx)
                        if got:
                            return got
        if head.dep_ == "nsubj" and head.head.lemma_ in ("include", "be"):
            # "countries that expelled diplomats include A, B and C"
            for c in head.head.children:
                if c.dep_ in ("dobj", "attr"):
                    got = np_actors(c, ctx)
                    if got:
                        return got
        # "X is in no hurry to recognise", "X was in a position to expel"
        if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ in ("VERB", "AUX"):
            got = verb_subject(head.head.head, ctx, depth + 1)
            if got:
                return got
        for c in head.children:  # "a letter from X requesting ..."
            if c.dep_ == "prep" and c.lower_ in ("from", "by"):
                got = _pobj(c, ctx)
                if got:
                    return got
        # "A and B reached an agreement to normalise ties", "X signed a decree appointing",
        # "X issued a statement condemning": the subject of the verb that governs the noun
        if v.dep_ == "acl" and head.dep_ == "dobj" and head.head.pos_ == "VERB" and \
                head.lemma_.lower() in INSTRUMENT_NOUNS:
            if head.head.lemma_.lower() in cues()["neg_verb"]:
                return []  # "vetoed a resolution condemning X": the text's act, not the vetoer's
            return verb_subject(head.head, ctx, depth + 1)
        return []
    return []


ORDINAL_WORDS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                 "ninth", "tenth", "latest", "last", "only", "next"}


def _pobj(prep: Token, ctx: Ctx) -> list[Hit]:
    out: list[Hit] = []
    for g in prep.children:
        if g.dep_ in ("pobj", "pcomp"):
            out.extend(np_actors(g, ctx))
        elif g.dep_ == "prep" and prep.lower_ == "out" and g.lower_ == "of":
            out.extend(_pobj(g, ctx))  # "pulled its diplomats out of X"
    return out


def _preps(tok: Token, word: str) -> list[Token]:
    out = [c for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ == word]
    for c in tok.children:  # "broke off ties with X": the prep may hang on the particle
        if c.dep_ in ("prt", "advmod") :
            out.extend(g for g in c.children if g.dep_ == "prep" and g.lower_ == word)
    return out


SWITCH_VERBS = {"switch", "shift", "move", "turn", "transfer"}


def _between(m: Match, ctx: Ctx) -> list[Hit]:
    """ "relations between A and B": the parties, in the order the text names them."""
    for base in ([m.obj] if m.obj is not None else []) + [m.trigger]:
        for p in _preps(base, "between"):
            got = _pobj(p, ctx)
            uniq = list({h.actor.code: h for h in got}.values())
            if len(uniq) >= 2:
                return uniq
    return []


# "X, who is on a visit to Y", "following talks with Y, X ...": the noun's act is the
# governing clause's subject's (not "ahead of" or "before" talks: those are to come)
ON_GOVERNOR = ("on", "during", "after", "following", "in", "at")  # "in talks with X, Y said"


def source_hits(m: Match, ctx: Ctx) -> list[Hit]:
    t = m.trigger
    for slot in m.pattern.source:
        got: list[Hit] = []
        if slot == "between":  # joint acts: the first-named party
            got = _between(m, ctx)[:1]
        elif slot == "relcl_agent":
            # "sanctions against X, which have been imposed by A and B" (the relative clause
            # may hang on X)
            for x in t.subtree:
                if x.dep_ == "relcl" and _passive(x):
                    for c in x.children:
                        if c.dep_ == "agent":
                            got.extend(_pobj(c, ctx))
                    if got:
                        break
        elif slot == "reporter":
            # "the minister said the diplomats had 48 hours to leave": the speaker's state
            cur = t
            while cur.dep_ == "conj" and cur.head.i != cur.i:
                cur = cur.head
            if cur.dep_ == "ccomp" and cur.head.pos_ in ("VERB", "AUX"):
                got = verb_subject(cur.head, ctx)
        elif slot == "subj":
            got = verb_subject(t, ctx)
        elif slot == "by_agent":  # "the expulsion of the ambassador by Libya"
            got = _by_agents(t, ctx)
        elif slot in ("poss", "amod", "compound"):
            for c in t.children:
                if c.dep_ == slot or (slot == "compound" and c.dep_ == "nmod"):
                    if m.obj is not None and c in m.obj.subtree:
                        continue
                    got.extend(np_actors(c, ctx, conj=True, mods=False))
        elif slot in ("governor", "governor_subj"):
            if t.head.lemma_.lower() in lexicon()["reaction_verbs"]:
                return []  # "B condemned the veto": B reacts to the act, it is not its agent
            if t.dep_ in ("dobj", "nsubjpass", "obj", "attr") and t.head.pos_ in ("VERB", "AUX"):
                got = verb_subject(t.head, ctx)
            elif slot == "governor" and t.dep_ == "pobj" and t.head.lower_ == "to" and \
                    t.head.head.lemma_.lower() in SWITCH_VERBS:
                got = verb_subject(t.head.head, ctx)  # "decided to switch to recognition of X"
            elif slot == "governor" and t.dep_ == "pobj" and t.head.head.pos_ == "VERB" and \
                    t.head.lower_ in ("for", "to"):
                got = []  # "calls for recognition": not the caller's act
        elif slot.startswith("prep:"):
            for p in _preps(t, slot[5:]):
                got.extend(_pobj(p, ctx))
        elif slot == "on_governor" and t.dep_ == "pobj" and t.head.lower_ in ON_GOVERNOR:
            # "X, who is on a state visit to Y, met ...", "X arrived on a visit to Y"
            gov = t.head.head
            if gov.pos_ in ("VERB", "AUX") and _passive(gov):  # "X was greeted on arrival in Y"
                got = [h for c in gov.children if c.dep_ == "nsubjpass" for h in np_actors(c, ctx)]
                if gov.dep_ == "acl":  # "a delegation led by X on a visit to Y"
                    got = np_actors(gov.head, ctx, strict=True)
            elif gov.pos_ in ("VERB", "AUX"):
                got = verb_subject(gov, ctx)
            else:
                got = np_actors(gov, ctx, strict=True)
        elif slot == "obj_of" and m.obj is not None:  # "the credentials of the envoys of X"
            got = np_actors(m.obj, ctx)
        elif slot == "amb_mod":
            # "confirmed X as U.S. ambassador to Turkey": the sending state
            for x in t.subtree:
                if x.lemma_.lower() in ("ambassador", "envoy"):
                    sp = ctx.amap.at(x)
                    if sp is not None:
                        got.append(_hit(sp, ctx))
                        break
                    for c in x.children:
                        if c.dep_ in MODS:
                            sp = ctx.amap.at(c)
                            if sp is not None:
                                got.append(_hit(sp, ctx))
                    if got:
                        break
        elif slot == "passive_sender" and _passive(t):
            # "Turkey's ambassador to Austria was recalled": the state that sent the envoy
            for c in t.children:
                sp = ctx.amap.at(c) if c.dep_ == "nsubjpass" else None
                if sp is not None and getattr(sp._.actor, "role", None) == "DIP":
                    got.append(_hit(sp, ctx))
        elif slot.startswith("obj_prep:") and m.obj is not None:
            for p in _preps(m.obj, slot[9:]):  # "received a phone call *from* X"
                got.extend(_pobj(p, ctx))
        elif slot.startswith("passive_prep:") and _passive(t):
            # "X's ambassador was summoned to the foreign ministry in Moscow" (to), "the
            # Swedish ambassador was expelled from Iraq" (from): the state the act comes from
            for p in _preps(t, slot[13:]):
                got.extend(h for h in _pobj(p, ctx) if not _in_subject(h, t))
        elif slot == "amb_host" and _passive(t):
            # "the French ambassador to Mali was summoned": the host state acts
            for x in t.subtree:
                if x.lemma_.lower() in ("ambassador", "envoy", "diplomat", "chargé", "charge"):
                    for p in _preps(x, "to") + _preps(x, "in"):
                        got.extend(_host(p, ctx))
        if got:
            return got
    return []


def reciprocal(m: Match) -> bool:
    """Whether the act's object is reciprocal: "expelled each other's diplomats", "recalled
    their envoys from one another's capitals"."""
    t = m.trigger
    for c in t.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
            # "the two countries recalled their envoys", "both sides expelled diplomats"
            if c.dep_ == "nsubj" and c.lemma_.lower() in PAIR_NOUNS and any(
                    k.lower_ in ("two", "both") for k in c.children):
                return True
            continue
        for x in c.subtree:  # not "one other diplomat"
            before = x.doc[x.i - 1].lower_ if x.i > 0 else ""
            if (before, x.lower_) in RECIPROCAL:
                return True
    return False


RECIPROCAL = {("each", "other"), ("each", "others"), ("one", "another")}
PAIR_NOUNS = {"country", "nation", "side", "neighbour", "neighbor", "government", "state", "capital"}


def _in_subject(h: Hit, v: Token) -> bool:
    """Whether a hit lies in the (passive) subject of ``v``."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and h.token in {x.i for x in c.subtree} for c in v.children)


def _host(prep: Token, ctx: Ctx) -> list[Hit]:
    """The actor named after "ambassador to", also when the actor ruler took the whole
    title ("the Chilean ambassador to Lima") as one mention."""
    out: list[Hit] = []
    for g in prep.children:
        if g.dep_ != "pobj":
            continue
        listed = list(g.conjuncts)  # "ambassador to Austria and Germany": each host
        for x in [g] + listed:
            sp = ctx.amap.at(x)
            if sp is not None and sp.start > prep.i:
                out.append(_hit(sp, ctx))
                continue
            words = x.doc[x.left_edge.i:x.i + 1] if listed else x.subtree
            name = " ".join(t.text for t in words)
            found = resolve_name(x.doc, name)
            if found is not None and getattr(found, "kind", None) != "person":
                out.append(Hit(actor=found, text=name, start=ctx.offset + x.idx, how="dep", token=x.i))
        if out:
            break
    return out


def target_hits(m: Match, ctx: Ctx) -> list[Hit]:
    t, obj = m.trigger, m.obj
    if obj is None and m.pattern.obj is None:  # a pattern naming no object: its direct object
        obj = next((c for c in t.children if c.dep_ in ("dobj", "obj")), None)
    for slot in m.pattern.target:
        got: list[Hit] = []
        if slot in ("dobj", "dobj_of"):
            for c in t.children:
                if c.dep_ in ("dobj", "obj", "dative") or (c.dep_ == "nsubjpass"):
                    got.extend(np_actors(c, ctx) or _relative_act(c, ctx))
                    if got and slot == "dobj_of":
                        got.extend(_coordinated_owners(c, ctx, got))
                    break
            if not got and t.dep_ == "relcl" and not _passive(t):
                got = []
        elif slot.startswith("prep:"):
            for p in _preps(t, slot[5:]):
                got.extend(_pobj(p, ctx))
            if not got and slot in ("prep:with",) and obj is not None:
                for p in _preps(obj, "with"):
                    got.extend(_pobj(p, ctx))
        elif slot == "between":
            got = _between(m, ctx)[1:]
        elif slot.startswith("obj_prep:") and obj is not None:
            # "a travel ban and an asset freeze on X": the last conjunct may hold it
            for p in _preps(obj, slot[9:]) or [q for c in obj.conjuncts for q in _preps(c, slot[9:])]:
                # a mention rooted before the preposition is the object's own title ("X's
                # ambassador to Y" as one mention): the host is read after it
                hits = [h for h in _pobj(p, ctx) if h.token < 0 or h.token > p.i]
                got.extend(hits or (_host(p, ctx) if p.lower_ in ("to", "in") else []))
        elif slot == "obj_mod" and obj is not None:
            for c in obj.children:
                if c.dep_ in MODS:
                    sp = ctx.amap.at(c)
                    if sp is not None:
                        got.append(_hit(sp, ctx))
        elif slot == "obj_of_to" and obj is not None:
            # "a letter of thanks to X": the addressee hangs on the "of" complement
            for p in _preps(obj, "of"):
                for g in p.children:
                    for q in _preps(g, "to"):
                        got.extend(_pobj(q, ctx))
        elif slot == "obj_acl" and obj is not None:
            # "assets linked to X", "funds belonging to X", "property owned by X"
            for c in obj.children:
                if c.dep_ == "acl":
                    for p in c.children:
                        if p.dep_ in ("prep", "agent") and p.lower_ in ("to", "by"):
                            got.extend(_pobj(p, ctx))
        elif slot == "obj_subtree":
            base = obj
            if base is None:
                base = next((c for c in t.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if base is None and m.pattern.obj_text:
                # "declared two diplomats persona non grata": the parser made the object
                # phrase a clause, with the object as its subject
                base = next((g for c in t.children if c.dep_ in ("ccomp", "xcomp", "oprd")
                             for g in c.children if g.dep_ == "nsubj"), None)
            if base is not None:
                got = _subtree_actors(base, ctx)
        elif slot == "ccomp_subj":
            for c in t.children:
                if c.dep_ in ("ccomp", "acl", "relcl") or (obj is not None and c in obj.children):
                    for g in c.children:
                        if g.dep_ in ("nsubj", "nsubjpass"):
                            got.extend(np_actors(g, ctx))
            if obj is not None and not got:
                for c in obj.children:
                    if c.dep_ in ("acl", "ccomp", "relcl"):
                        for g in c.children:
                            if g.dep_ in ("nsubj", "nsubjpass"):
                                got.extend(np_actors(g, ctx))
        elif slot == "xcomp_dobj" and m.pattern.xcomp:
            # "revoked its decision to recognise X": the object of the complement verb
            for base in [t] + ([obj] if obj is not None else []):
                for c in base.children:
                    if c.dep_ in ("xcomp", "advcl", "acl", "ccomp") and c.lemma_.lower() in m.pattern.xcomp:
                        for g in c.children:
                            if g.dep_ in ("dobj", "obj"):
                                got.extend(np_actors(g, ctx))
        elif slot == "amb_to":
            for x in t.subtree:
                if x.lemma_.lower() in ("ambassador", "envoy"):
                    for p in _preps(x, "to"):
                        got.extend(_host(p, ctx))
        elif slot == "subj":  # "the president received the credentials of ...": the host
            got = verb_subject(t, ctx)
        elif slot == "act_agent":  # "condemned the Israeli strike", "... the expulsion by X"
            from .general import _demonym_hits  # late: general imports this module
            lex = lexicon()
            for c in t.children:
                if c.dep_ in ("dobj", "obj", "nsubjpass") and (
                        c.lemma_.lower() in lex["agent_act_nouns"] or c.lower_ in lex["act_nouns"]):
                    # "by X", else the owner ("Warsaw's closure of the Russian consulate"),
                    # else a demonym ("the Israeli strike")
                    got = _by_agents(c, ctx) or [
                        _hit(sp, ctx) for p in c.children if p.dep_ == "poss"
                        for sp in [ctx.amap.at(p)] if sp is not None] or _demonym_hits(c, ctx)
                if not got and c.dep_ in ("dobj", "obj"):
                    # "condemned measures announced by X", "remarks made by X": whoever the
                    # participle names as the agent
                    got = [h for a in c.children if a.dep_ == "acl" and a.tag_ == "VBN"
                           for p in a.children if p.dep_ == "agent" for h in _pobj(p, ctx)]
        elif slot == "obj_demonym" and m.obj is not None:  # "closed Turkish diplomatic offices"
            from .general import _demonym_hits  # late: general imports this module
            got = _demonym_hits(m.obj, ctx)
        elif slot == "claim_demonym":  # "recognised Moroccan sovereignty over X"
            from .general import _demonym_hits  # late: general imports this module
            claim = claim_object(t)
            if claim is not None:
                got = _demonym_hits(claim, ctx)
        if got:
            return got
    return _act_owner(m, ctx)


def _by_agents(t: Token, ctx: Ctx) -> list[Hit]:
    """The actors of "by X" on a noun, or on its "of" object, where the parser often hangs
    it ("the expulsion of the ambassador by Libya")."""
    heads = [t] + [g for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                   for g in p.children if g.dep_ == "pobj"]
    return [h for x in heads for p in x.children
            if p.dep_ in ("prep", "agent") and p.lower_ == "by" for h in _pobj(p, ctx)]


def claim_object(t: Token) -> Token | None:
    """The object of ``t`` when it is a claim ("sovereignty over X", "the annexation of Y"):
    recognising it recognises a claim of its owner, not a state."""
    for c in t.children:
        if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lexicon()["claim_nouns"]:
            return c
    return None


def claim_scope(t: Token) -> str | None:
    """What a recognised claim covers: "sovereignty over Western Sahara"."""
    c = claim_object(t)
    if c is None:
        return None
    # the parser may hang "over X" on the verb: "recognised sovereignty | over X"
    p = next((p for p in c.children if p.dep_ == "prep" and p.lower_ in ("over", "of", "to")),
             None) or next((p for p in t.children if p.dep_ == "prep" and p.lower_ == "over"), None)
    if p is None:
        return c.text
    return f"{c.text} {c.doc[p.i:p.right_edge.i + 1].text}"


def _act_owner(m: Match, ctx: Ctx) -> list[Hit]:
    """ "B condemned the veto", "welcomed the decision": a reaction to an act named by a
    bare definite noun targets the agent of the latest such act the article reported."""
    lex = lexicon()
    if m.pattern.type not in lex.get("reaction_types", ()) or not ctx.acts:
        return []
    obj = next((c for c in m.trigger.children if c.dep_ in ("dobj", "obj")), None)
    if obj is None or obj.pos_ != "NOUN":
        return []
    types = lex.get("act_nouns", {}).get(obj.lower_) or lex.get("act_nouns", {}).get(obj.lemma_.lower())
    if not types or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
                            for c in obj.children):
        return []
    if any(c.dep_ in ("poss", "acl", "relcl", "compound", "amod") or (
            c.dep_ == "prep" and c.lower_ in ("of", "by", "from", "on", "against", "with"))
           for c in obj.children):
        return []  # "the decision of X", "Russia's veto", "the decision to ...": not bare
    # "the decision", "the move": the article's news act (its first), also one announced
    # ("said it would send an ambassador"); "the veto": the latest act done
    lead = obj.lemma_.lower() in lex.get("lead_act_nouns", ())
    order = ctx.acts if lead else list(reversed(ctx.acts))
    for typ, src, where, done in order:
        if typ in types and src.actor.code not in ctx.exclude and (done or lead):
            if obj.tag_ != "NNS":
                return [Hit(src.actor, src.text, src.start, "coref", -1)]
            # "criticised the vetoes": every agent of that act in the sentence that reported it
            out = {h.actor.code: Hit(h.actor, h.text, h.start, "coref", -1)
                   for t_, h, w, _ in ctx.acts if t_ == typ and w == where and h.actor.code not in ctx.exclude}
            return list(out.values())
    return []


def _coordinated_owners(obj: Token, ctx: Ctx, have: list[Hit]) -> list[Hit]:
    """ "condemned A's decision to move its embassy and B's use of force": a coordinated
    noun owned by another actor, wherever the parser hung the coordination."""
    codes = {h.actor.code for h in have}
    out: list[Hit] = []
    for x in obj.subtree:
        if x.pos_ != "NOUN" or x.i == obj.i:
            continue
        before = x.doc[x.left_edge.i - 1] if x.left_edge.i > 0 else None
        if x.dep_ != "conj" and not (before is not None and before.lower_ in ("and", "or")):
            continue
        for c in x.children:
            if c.dep_ == "poss" and c.lower_ not in PRONOUNS:
                sp = ctx.amap.at(c)
                if sp is not None and sp._.actor.code not in codes:
                    codes.add(sp._.actor.code)
                    out.append(_hit(sp, ctx))
    return out


def _relative_act(rel: Token, ctx: Ctx) -> list[Hit]:
    """ "A recognised X, which was condemned by B": "which" stands for A's act, so the
    target is the actor of the clause the relative clause hangs on."""
    if rel.lower_ not in ("which",) or rel.head.dep_ != "relcl":
        return []
    noun = rel.head.head
    if noun.dep_ in ("dobj", "attr", "pobj") and noun.head.pos_ in ("VERB", "AUX", "ADP"):
        gov = noun.head if noun.head.pos_ != "ADP" else noun.head.head
        if gov.pos_ in ("VERB", "AUX"):
            return [Hit(h.actor, h.text, h.start, "coref", h.token) for h in verb_subject(gov, ctx)]
    return []


def _subtree_actors(base: Token, ctx: Ctx) -> list[Hit]:
    out, seen = [], set()
    for x in base.subtree:
        sp = ctx.amap.at(x)
        if sp is not None and (sp.start, sp.end) not in seen:
            seen.add((sp.start, sp.end))
            out.append(_hit(sp, ctx))
        elif x.dep_ == "poss" and x.lower_ in PRONOUNS:
            out.extend(_pronoun(x, ctx))
    return out


def fallback_source(m: Match, ctx: Ctx) -> list[Hit]:
    """The sentence root's subject, when the trigger's own clause has none (verbs of the
    main clause only: a noun or a relative clause names its own actor or none)."""
    root = m.trigger.sent.root
    if root.i == m.trigger.i or m.pattern.pos != "VERB":
        return []
    cur = m.trigger
    while cur.i != root.i:
        if cur.dep_ in ("relcl", "acl", "advcl", "pcomp", "pobj", "ccomp", "amod", "compound"):
            return []
        cur = cur.head
    got = [h for h in verb_subject(root, ctx)]
    return [Hit(h.actor, h.text, h.start, "fallback", h.token) for h in got]
