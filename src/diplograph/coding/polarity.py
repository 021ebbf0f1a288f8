"""Polarity of a trigger: asserted, negated, hypothetical or reported-claim.

Cues are read on the trigger and on the verbs that govern it up to the clause of a
reporting verb ("said", "announced"): a negation there ("does not recognise", "refused to
recognise", "stopped short of recognising"), a modal or a verb of intent ("will", "plans
to", "threatened to"), a condition ("if"), or an interested party's claim ("X claims that").
The word lists live in data/patterns/polarity.json.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

CONTROL_DEPS = ("xcomp", "pcomp", "pobj", "dobj", "nsubjpass", "conj", "acl", "advcl", "prep", "acomp",
                "attr", "oprd", "compound", "amod", "ccomp", "relcl")
SETTING_PREPS = {"in", "at", "during"}
TIME_WORDS = {"after", "since", "following", "before", "when", "despite", "amid"}  # facts, not the main verb's mode


@lru_cache(maxsize=1)
def cues() -> dict[str, set[str]]:
    path = resources.files("diplograph").joinpath("data/patterns/polarity.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: set(v) for k, v in data.items()}


def _chain(t: Token) -> list[Token]:
    """The trigger and its governors up to (not into) a reporting verb's clause."""
    out = [t]
    cur = t
    c = cues()
    for _ in range(6):
        if cur.head.i == cur.i:
            break
        dep = cur.dep_
        head = cur.head
        if dep == "ccomp" and head.lemma_.lower() in c["report"] | c["claim"]:
            out.append(head)  # kept for the claim check; stops the climb
            break
        if dep not in CONTROL_DEPS:
            break
        # "will recognise China after cutting ties": the main clause's modal is not the
        # time clause's; a relative clause is its own assertion
        if cur.lower_ in TIME_WORDS or dep == "relcl" or any(
                k.dep_ == "mark" and k.lower_ in TIME_WORDS for k in cur.children):
            break
        if dep == "pobj" and head.lower_ in SETTING_PREPS and cur.pos_ == "NOUN" \
                and head.head.pos_ in ("VERB", "AUX") and head.i < head.head.i:
            break  # "In a phone call with X, Y discussed ...": the call is the setting, a fact
        if dep == "conj" and head.pos_ in ("VERB", "AUX"):
            # coordinated verbs share modals but not always negation; follow the head
            pass
        out.append(head)
        cur = head
    return out


def polarity(trigger: Token, source_code: str | None = None) -> tuple[str, str | None]:
    """(polarity, cue) for a trigger token."""
    c = cues()
    chain = _chain(trigger)
    reporting = chain[-1] if (len(chain) > 1 and chain[-1].lemma_.lower()
                              in c["report"] | c["claim"] and chain[-2].dep_ == "ccomp") else None
    inner = chain[:-1] if reporting is not None else chain
    # a verb reached from its conjunct is a sibling act, not a governor: its intent is its
    # own ("called them baseless and accused X"; "threatened sanctions and recalled its envoy")
    sibling = {chain[i + 1].i for i in range(len(chain) - 1) if chain[i].dep_ == "conj"}
    for t in inner:
        lem = t.lemma_.lower()
        kids = list(t.children)
        if t.i != trigger.i and lem in c["neg_verb"] and any(k.dep_ == "neg" for k in kids):
            return "hypothetical", "not " + lem  # "would not rule out recognising": a possibility
        if any(k.lower_ in ("longer", "more") and any(x.lower_ == "no" for x in k.children)
               for k in kids):
            return "negated", "no longer"  # "no longer recognises X": a change, see the coder
        if any(k.dep_ == "neg" or k.lower_ in c["neg_adverb"] for k in kids):
            # "not only recognised": not a negation
            if not any(k.lower_ == "only" for k in kids):
                return "negated", "not"
        if t.i != trigger.i and lem in c["neg_verb"]:
            return "negated", lem
        if any(k.dep_ == "det" and k.lower_ in ("no",) for k in kids) and t.pos_ == "NOUN":
            return "negated", "no"
        if lem in ("have", "be") and any(k.lower_ == "yet" for k in kids):
            return "negated", "yet to"
        if lem == "yet" or any(k.lower_ == "yet" and k.dep_ in ("advmod", "cc") and
                               any(x.lower_ in ("have", "has", "had", "is", "are") for x in kids)
                               for k in kids):
            return "negated", "yet to"
        if lem in ("short",) and any(k.lower_ == "of" for k in kids):
            return "negated", "short of"
        if lem == "stop" and any(k.lower_ == "short" for k in kids):
            return "negated", "stopped short"
    for t in inner:
        lem = t.lemma_.lower()
        kids = list(t.children)
        for k in kids:
            if k.dep_ in ("aux", "auxpass") and k.lower_ in c["modal"]:
                return "hypothetical", k.lower_
            if k.dep_ == "mark" and k.lower_ in c["condition"]:
                return "hypothetical", k.lower_
        if t.i != trigger.i and lem in c["intent"] and t.i not in sibling:
            return "hypothetical", lem
        if t.i != trigger.i and t.pos_ == "ADJ" and lem in c["intent_adj"]:
            return "hypothetical", lem
    # "is expected to", "is set to": the passive/adjectival governor
    for t in inner:
        if t.i != trigger.i and t.lemma_.lower() in c["expect"] and t.i not in sibling:
            return "hypothetical", t.lemma_.lower()
    if reporting is not None:
        rl = reporting.lemma_.lower()
        subj = [k for k in reporting.children if k.dep_ == "nsubj"]
        if rl in c["claim"]:
            return "reported-claim", rl
        # reported speech with a modal on the reporting verb: "said it would"
        if any(k.dep_ == "aux" and k.lower_ in c["modal"] for k in reporting.children):
            return "hypothetical", "reported modal"
        if any(k.dep_ == "neg" for k in reporting.children) and subj:
            return "asserted", None
    return "asserted", None
