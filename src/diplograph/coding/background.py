"""Background: events an article mentions as context rather than as its news.

Signals: the past perfect ("had recognised"), a subordinate clause of time ("after X
vetoed", "since X cut ties"), a date well before publication ("back in 2014", "last month"
in a mid-month article), and the "third country, after A and B, to recognise Y" frame
whose A and B acted before.
"""
from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Token

TIME_MARKS = {"after", "since", "before", "following", "when", "until"}  # not "as": at the same time
BACK_ADVERBS = {"previously", "formerly", "already", "once", "earlier", "originally"}
ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth", "latest", "last", "newest", "next"}
OLD_ADJ = {"recent", "previous", "earlier", "past", "former", "prior", "last"}
STATE_ADVERBS = {"now", "currently", "still", "presently", "today"}
OLD_AFTER = timedelta(days=14)


def _end_of(d: str) -> date | None:
    try:
        if len(d) == 4:
            return date(int(d), 12, 31)
        if len(d) == 7:
            y, m = int(d[:4]), int(d[5:7])
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return nxt - timedelta(days=1)
        return date.fromisoformat(d[:10])
    except ValueError:
        return None


def is_old(event_date: str | None, published: date | None) -> bool:
    if not event_date or not published:
        return False
    end = _end_of(event_date)
    return end is not None and end < published - OLD_AFTER


def grammatical_background(trigger: Token) -> str | None:
    """A cue in the syntax that the trigger reports an earlier act, or None."""
    t = trigger
    kids = list(t.children)
    if any(k.dep_ == "aux" and k.lower_ in ("had", "'d") for k in kids) and t.tag_ == "VBN":
        return "past perfect"
    if any(k.dep_ == "advmod" and k.lower_ in BACK_ADVERBS for k in kids):
        return "adverb"
    # a noun inside an aside: "prices rose over US sanctions on Iran", "in protest of
    # its recognition of X" (not "on a visit to X", which is going on)
    if t.pos_ == "NOUN" and t.dep_ == "pobj" and t.head.lower_ not in ("on", "during", "in", "amid", "to"):
        return "nominal"
    # "Trump's recent visit", "its earlier expulsion of diplomats"
    if t.pos_ == "NOUN" and any(k.dep_ == "amod" and k.lower_ in OLD_ADJ for k in kids):
        return "adjective"
    # "Britain, which has accused Moscow ...": an aside in present perfect
    if t.dep_ == "relcl" and t.tag_ == "VBN" and (t.head.pos_ == "PROPN" or any(
            k.dep_ == "auxpass" for k in kids)) and any(
            k.dep_ == "aux" and k.lower_ in ("has", "have") for k in kids):
        return "relative"
    # "sanctions on X, which have been imposed by A": a standing measure
    if t.pos_ == "NOUN" and any(x.dep_ == "relcl" and x.tag_ == "VBN" and any(
            k.dep_ == "aux" and k.lower_ in ("has", "have") for k in x.children) for x in t.subtree):
        return "relative"
    # a standing state, not an act: "now recognise X", "states that recognise X"
    if t.tag_ in ("VBP", "VBZ") and not any(k.dep_ in ("aux", "auxpass") for k in kids) and (
            t.dep_ == "relcl" or any(k.lower_ in STATE_ADVERBS for k in kids)):
        return "state"
    # "seven years after Riyadh cut ties": a clause with a time mark, however the parser
    # attached it (often as a conjunct)
    if t.pos_ in ("VERB", "AUX") and any(k.dep_ == "mark" and k.lower_ in TIME_MARKS and k.i < t.i
                                         for k in kids):
        return "time clause"
    cur = t
    for _ in range(4):
        if cur.dep_ in ("advcl", "pcomp", "pobj") and any(
                k.dep_ == "mark" and k.lower_ in TIME_MARKS for k in cur.children):
            return "time clause"
        if cur.dep_ in ("pcomp", "pobj") and cur.head.lower_ in TIME_MARKS:
            return "time clause"
        if cur.dep_ == "advcl" and cur.head.lower_ in TIME_MARKS:
            return "time clause"
        if cur.head.i == cur.i or cur.dep_ not in ("advcl", "pcomp", "pobj", "prep", "xcomp", "conj"):
            break
        cur = cur.head
    return None


def time_clause_text(trigger: Token) -> str:
    """The text of the time clause the trigger sits in ("after Riyadh cut ties in 2016"):
    a date outside it dates the main clause's news, not this earlier act."""
    cur = trigger
    for _ in range(5):
        if any(k.dep_ == "mark" and k.lower_ in TIME_MARKS for k in cur.children):
            break
        if cur.head.lower_ in TIME_MARKS or cur.head.i == cur.i:
            cur = cur.head
            break
        cur = cur.head
    return "".join(t.text_with_ws for t in cur.subtree)


FOLLOWED_NOUNS = ("step", "footstep", "example", "lead", "path", "precedent")


def earlier_actors(trigger: Token) -> list[Token]:
    """In "X is the third country, after A and B, to recognise Y", "X followed A and B in
    recognising Y", "X is likely to follow the steps of A and B, recognising Y": the tokens
    A, B (they did it before)."""
    return _ordinal_frame(trigger) or _followed(trigger)


def _followed(trigger: Token) -> list[Token]:
    """The actors a "follow" near the trigger names as having gone first: its object
    ("followed A in recognising"), or the owner of its steps, example or lead."""
    heads, cur = [trigger], trigger
    for _ in range(3):
        if cur.dep_ not in ("advcl", "xcomp", "conj", "pcomp", "prep", "acomp") or cur.head.i == cur.i:
            break
        cur = cur.head
        heads.append(cur)
    near = [g for h in heads for c in h.children for g in (c, *c.children)]
    for v in heads + near:
        if v.lemma_.lower() != "follow" or v.pos_ != "VERB" or v.i == trigger.i:
            continue
        for obj in (c for c in v.children if c.dep_ == "dobj"):
            if obj.lemma_.lower() in FOLLOWED_NOUNS:
                return [g for c in obj.children if c.dep_ == "poss" or (
                        c.dep_ == "prep" and c.lower_ == "of")
                        for g in ([c] if c.dep_ == "poss" else c.children) if g.dep_ in ("poss", "pobj")]
            if obj.pos_ == "PROPN" and trigger in _pcomps(v):
                return [obj]
    return []


def _pcomps(v: Token) -> list[Token]:
    """ "followed A in recognising Y and establishing ...": the verbs under its "in"."""
    return [g for c in v.children if c.dep_ == "prep" and c.lower_ == "in"
            for x in c.children if x.dep_ == "pcomp" for g in (x, *x.conjuncts)]


def _ordinal_frame(trigger: Token) -> list[Token]:
    heads = [trigger]
    cur = trigger
    for _ in range(3):
        if cur.dep_ not in ("relcl", "acl", "xcomp", "advcl") or cur.head.i == cur.i:
            break
        cur = cur.head
        heads.append(cur)
    nouns = [h for h in heads if h.pos_ == "NOUN"]
    nouns += [c for h in heads for c in h.children if c.dep_ in ("attr", "oprd")]
    if not any(c.lower_ in ORDINALS for n in nouns for c in n.children):
        return []
    out: list[Token] = []
    for h in heads + nouns:
        for c in h.children:
            if c.dep_ in ("prep", "mark") and c.lower_ in ("after", "following", "besides",
                                                           "alongside", "joining"):
                out.extend(g for g in c.children if g.dep_ == "pobj")
    return out
