"""Follow-on acts: "France and Germany followed suit" repeats the article's latest act.

News reports a wave of the same act in one line per state: "Britain recalled its
ambassador. France and Germany followed suit." Each follower gets the act of the latest
event coded before the sentence, with its target; a follower that was that act's target
answers in kind ("Russia expelled ten British diplomats; Britain followed suit": Britain
expels Russians). Forms:

* "follow suit" / "follow X's lead" / "follow X's example", any tense, with the polarity of
  "follow" itself ("are poised to follow suit": hypothetical; "did not follow suit":
  negated);
* a bare "followed" (no object, not passive) right after the act ("Britain and Italy
  followed minutes later"), with states as subjects: on its own "followed" is too common
  a verb to reach further back;
* "did so", "did the same", "did likewise" (any tense): these may also repeat an act of
  their own sentence ("Ukraine cut ties in 2022 and Georgia did so in 2008").
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..model import Event
from ..nlp.coref import Hit, is_person
from .patterns import Pattern
from .polarity import polarity
from .roles import verb_subject

OBJECTS = ("suit", "lead", "example")
BARE_REACH = 400  # characters back to the act a bare "followed" answers
SKIP_TYPES = ("other", "statement_other")

# what the fast-path gate must let through to the parser (coding/gate.py)
GATE_PATTERNS = (
    Pattern(id="follow-suit", type="other", lemma=["follow"], obj=list(OBJECTS)),
    Pattern(id="followed", type="other", lemma=["follow"], context=["followed"]),
    Pattern(id="do-the-same", type="other", lemma=["do"], context=[" so", "same", "likewise"]),
)
SAME = ("so", "likewise")  # "did so", "did likewise" (adverbs); "did the same" (object)


@dataclass
class Follow:
    source: Hit
    target: Hit
    act: Event  # the event followed
    polarity: str
    trigger: Token


def _kind(v: Token) -> str | None:
    """'suit' for "follow suit"-like uses, 'bare' for a bare "followed", 'same' for "did
    so / the same", else None."""
    if v.lemma_.lower() == "do" and v.pos_ in ("VERB", "AUX") and v.dep_ not in (
            "aux", "acl", "relcl", "amod") and any(
            (c.dep_ == "advmod" and c.lower_ in SAME)
            or (c.dep_ == "dobj" and c.lower_ == "same" and c.i > 0 and c.doc[c.i - 1].lower_ == "the")
            for c in v.children):
        return "same"
    if v.lemma_.lower() != "follow" or v.pos_ not in ("VERB", "AUX"):
        return None
    deps = {c.dep_ for c in v.children}
    if any(c.dep_ == "dobj" and c.lemma_.lower() in OBJECTS for c in v.children):
        return "suit"
    if v.lower_ != "followed" or v.dep_ in ("amod", "relcl", "acl", "pcomp"):
        return None  # "the following day", "the talks that followed"
    if deps & {"dobj", "nsubjpass", "auxpass", "agent", "ccomp", "xcomp", "attr", "acomp"}:
        return None  # "followed the debate", "was followed by", "followed that ..."
    if any(c.dep_ == "prep" and c.lower_ in ("by", "with", "up", "through", "on", "from", "in")
           for c in v.children):
        return None  # "followed with sanctions of its own", "followed up on"
    return "bare"


def follows(doc, ctx, coded: list[Event], offset: int) -> list[Follow]:
    """The follow-on acts of a parsed sentence (``offset``: where it starts in the
    article), given the events ``coded`` before it in the article."""
    out: list[Follow] = []
    acts = [e for e in coded if e.evidence.start <= offset
            and e.type not in SKIP_TYPES and e.polarity in ("asserted", "hypothetical")]
    # "did so" may repeat an old act ("... in 2008"); "followed suit" answers the news
    earlier = [e for e in acts if e.evidence.start < offset and not e.background]
    for v in doc:
        kind = _kind(v)
        if kind is None:
            continue
        pool = acts if kind == "same" else earlier  # "A did X, and B did so" in one sentence
        if not pool:
            continue
        act = pool[-1]
        if kind == "bare" and offset - act.evidence.end > BARE_REACH:
            continue
        pol, _ = polarity(v)
        if kind == "bare" and pol != "asserted":
            continue
        if act.polarity == "hypothetical" and pol == "asserted":
            pol = "hypothetical"
        for s in verb_subject(v, ctx):
            if kind == "bare" and is_person(s.actor):
                continue
            code = s.actor.code
            if code == act.source.code:
                continue
            # the act's target answering in kind acts on the act's source
            t = act.source if code == act.target.code else act.target
            if any(e.type == act.type and e.source.code == code and e.target.code == t.code
                   for e in acts):
                continue  # "states such as A and B that recognise X did so before ...": coded
            target = Hit(t, t.text, act.evidence.start, "coref")
            out.append(Follow(s, target, act, pol, v))
    return out
