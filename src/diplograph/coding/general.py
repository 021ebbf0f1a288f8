"""The general CAMEO layer: events of the CAMEO verb classes the diplomatic types do not
cover (appeals, intents, consultations, aid, yielding, demands, rejections, threats,
protests, force posture, coercion, assaults, fighting), coded with their CAMEO code, type
``other`` (``statement_other`` for 01x) and the PLOVER event of the code.

Knowledge is data under ``data/patterns/general/``: ``cameo.jsonl`` (verb patterns, the
fields of docs/patterns.md), ``cameo2plover.csv`` (CAMEO code -> PLOVER event and mode) and
``lexicon.json`` (agent nouns, the roots whose verbs govern an embedded act). Actors come
from the same dependency functions as the diplomatic patterns (``coding/roles.py``).

The fast-path gate is stricter than the diplomatic one: a general trigger word and two
actor mentions in the sentence, or one plus a pronoun that refers back (``gate()``).
"""
from __future__ import annotations

import csv
import json
import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..model import ActorRef, Article, Event, Evidence, Plover
from ..nlp.coref import Hit
from . import background as bg
from .dates import event_date
from .domain import admissible
from .patterns import Index, Pattern, _read, _stems, build_index
from .polarity import cues, polarity
from .roles import Ctx, fallback_source, np_actors, source_hits, target_hits
from .triggers import Match, find_matches

FOLDER = "data/patterns/general"
EMBED_DEPS = ("xcomp", "ccomp", "advcl", "pcomp", "pobj", "prep", "dobj", "conj")


def _file(name: str):
    return resources.files("diplograph").joinpath(f"{FOLDER}/{name}")


@lru_cache(maxsize=1)
def patterns() -> tuple[Pattern, ...]:
    return tuple(_read(_file("cameo.jsonl").read_text(encoding="utf-8"), "general/cameo.jsonl"))


@lru_cache(maxsize=1)
def general_index() -> Index:
    """The general patterns by lemma, and the gate: a regular expression of the stems of
    every pattern's rarest required word (its object words, else its lemmas)."""
    by_lemma: dict[str, list[Pattern]] = {}
    stems: set[str] = set()
    for p in patterns():
        for lem in p.lemma:
            by_lemma.setdefault(lem.lower(), []).append(p)
        for w in (p.obj or p.obj_text or p.lemma):
            stems.update(_stems(w.split()[0]))
        stems.update(s.lower() for s in (p.gate or []))
    alt = "|".join(sorted((re.escape(s) for s in stems), key=len, reverse=True))
    return Index(by_lemma=by_lemma, gate=re.compile(rf"\b(?:{alt})", re.IGNORECASE))


@lru_cache(maxsize=1)
def lexicon() -> dict:
    data = json.loads(_file("lexicon.json").read_text(encoding="utf-8"))
    return {k: set(v) for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def plover_table() -> dict[str, tuple[str | None, str | None]]:
    with _file("cameo2plover.csv").open(encoding="utf-8") as fh:
        return {r["code"]: (r["plover_event"] or None, r["plover_mode"] or None)
                for r in csv.DictReader(fh)}


def plover_of(code: str | None) -> Plover | None:
    """The PLOVER event and mode of a CAMEO code: the most specific row that has one."""
    if not code:
        return None
    table = plover_table()
    for k in (code, code[:3], code[:2]):
        row = table.get(k)
        if row and row[0]:
            mode = row[1] or next((table[x][1] for x in (code[:3], code[:2])
                                   if x in table and table[x][1]), None)
            return Plover(event=row[0], mode=mode, context=[])
    return None


def gate(text: str, start: int, end: int, mentions: int, referring: bool = False) -> bool:
    """Whether the fast path should parse text[start:end] for general events: a general
    trigger word and two actor mentions, or one mention plus a pronoun or description that
    refers back to an earlier actor (``referring``, computed by the caller)."""
    if mentions < 2 and not (mentions >= 1 and referring):
        return False
    return general_index().gate.search(text, start, end) is not None


def code_sentence(doc: Doc, ctx: Ctx, article: Article, offset: int) -> list[Event]:
    """General events of one parsed sentence (a trigger the diplomatic patterns matched is
    left to them; an act embedded under an appeal, intent, demand, rejection or threat is
    part of that speech act, not an event of its own)."""
    matches = find_matches(doc, general_index())
    if not matches:
        return []
    taken = {m.trigger.i for m in find_matches(doc, build_index())}
    first: dict[int, Match] = {}
    for m in matches:  # the first matching line per token: lines are specific-first
        if m.trigger.i not in taken and m.trigger.i not in first:
            first[m.trigger.i] = m
    speech = lexicon()["speech_roots"]
    heads = {i for i, m in first.items() if (m.pattern.cameo or "")[:2] in speech} | taken
    out: list[Event] = []
    for m in first.values():
        if _governed(m.trigger, heads):
            continue
        out.extend(_code_match(m, doc, ctx, article, offset))
    return out


def _governed(tok: Token, heads: set[int]) -> bool:
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i or cur.dep_ not in EMBED_DEPS:
            return False
        cur = cur.head
        if cur.i in heads and cur.i != tok.i:
            return True
    return False


def _code_match(m: Match, doc: Doc, ctx: Ctx, article: Article, offset: int) -> list[Event]:
    p = m.pattern
    srcs = source_hits(m, ctx) or _agent_source(m.trigger, ctx) or fallback_source(m, ctx)
    if not srcs:
        return []
    ctx.exclude = frozenset(h.actor.code for h in srcs)
    tgts = target_hits(m, ctx) or _embedded_targets(m, ctx)
    ctx.exclude = frozenset()
    pairs = [(s, t) for s in srcs for t in tgts]
    if not tgts and p.joint:
        uniq = list({h.actor.code: h for h in srcs}.values())
        pairs = [(a, b) for a in uniq for b in uniq if a is not b]  # "A and B agreed": both ways
    if not pairs:
        return []
    pol, cue = polarity(m.trigger)
    if cue in cues()["appeal"]:
        return []  # "urged X to attack Y": the appeal is the event
    back = bg.grammatical_background(m.trigger)
    when = event_date(m.trigger, doc, article.published, pol)
    if when and bg.is_old(when.date, article.published):
        back = back or "old date"
    out = []
    for s, t in pairs:
        if not admissible(p, s, t):
            continue
        out.append(_event(article, p, s, t, pol, bool(back), when, doc, offset))
    return out


def _agent_source(trigger: Token, ctx: Ctx) -> list[Hit]:
    """ "Israeli troops shelled ...", "thousands of Kenyans marched": subjects that are
    agents of force or protest, which the diplomatic source rule does not accept."""
    agents = lexicon()["agents"]
    verb = trigger
    for _ in range(3):
        for c in verb.children:
            if c.dep_ == "nsubj":
                if c.lemma_.lower() in agents or c.lower_ in agents:
                    return np_actors(c, ctx)
        if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
            verb = verb.head
        else:
            break
    for c in trigger.children:  # passive agent: "shelled by Syrian forces"
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj" and (g.lemma_.lower() in agents or g.lower_ in agents):
                    return np_actors(g, ctx)
    return []


def _embedded_targets(m: Match, ctx: Ctx) -> list[Hit]:
    """The slots only this layer has: "xcomp_subj" ("urged that X leave") and "xcomp_obj"
    ("threatened to attack X", "agreed to help X")."""
    slots = m.pattern.target
    for c in m.trigger.children:
        if c.dep_ not in ("xcomp", "ccomp", "advcl"):
            continue
        if "xcomp_subj" in slots:
            for g in c.children:
                if g.dep_ in ("nsubj", "nsubjpass"):
                    got = np_actors(g, ctx)
                    if got:
                        return got
        if "xcomp_obj" in slots:
            for g in c.children:
                if g.dep_ in ("dobj", "dative"):
                    got = np_actors(g, ctx)
                    if got:
                        return got
                if g.dep_ == "prep" and g.lower_ in ("with", "to", "on", "against", "from"):
                    for x in g.children:
                        if x.dep_ == "pobj":
                            got = np_actors(x, ctx)
                            if got:
                                return got
    return []


def _ref(h: Hit) -> ActorRef:
    a = h.actor
    return ActorRef(code=a.code, role=getattr(a, "role", None), name=getattr(a, "name", None),
                    text=h.text, wikidata=getattr(a, "wikidata", None))


def _event(article, p: Pattern, s: Hit, t: Hit, pol, back, when, doc, offset) -> Event:
    conf = p.confidence * (1.0 if s.how == "dep" else 0.85) * (1.0 if t.how == "dep" else 0.85)
    return Event(
        doc_id=article.id, type=p.type, source=_ref(s), target=_ref(t),
        evidence=Evidence(sentence=doc.text, start=offset, end=offset + len(doc.text)),
        cameo=p.cameo, plover=plover_of(p.cameo),
        date=when.date if when else None, date_precision=when.precision if when else None,
        date_text=when.text if when else None, polarity=pol, background=back,
        confidence=round(max(0.05, min(0.99, conf)), 3))
