"""Annotated sentences in, events out: ``code_article(article, *, settings)``.

The fast path: a cheap pass (tokenizer, rule sentence split, actor ruler) finds the
sentences that hold a trigger word and an actor (or a pronoun with an actor earlier in
the article); only those go through the full model. ``settings.fast_path=False`` parses
every sentence, to compare the two.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Sequence

from ..model import ActorRef, Article, Event, Evidence
from ..nlp.coref import Discourse, Hit, is_person
from ..nlp.extensions import text_of
from ..nlp.pipeline import actor_spans, attach_mentions, get_pipeline, parse_many, scan
from ..settings import Settings
from . import background as bg
from . import general
from .crosswalk import cameo_for, plover_for
from .dates import event_date, fill_dates, use_date_rules
from .dedupe import dedupe
from .domain import admissible, fixed_actor, lexicon
from .follow import follows
from .gate import gate_for
from .reparse import repair as reparse
from .patterns import Pattern, build_index
from .polarity import cues, polarity
from .roles import (ActorMap, Ctx, claim_scope, fallback_source, listed_after, np_actors, reciprocal,
                    source_hits, target_hits, verb_subject)
from .triggers import find_matches

REFERRING = re.compile(
    r"\b(?:it|its|he|his|she|her|they|their|them|the\s+(?:\w+\s+)?(?:country|countries|nation|state|"
    r"kingdom|territories|republic|government|regime|island|island nation|two|north|south))\b",
    re.IGNORECASE)
# acts on two states' relations: a partner-less one borrows a conjoined act's partner
PARTNER_TYPES = frozenset({"recall_ambassador", "expel_diplomat", "sever_relations",
                           "downgrade_relations", "restore_relations", "establish_relations",
                           "appoint_ambassador", "withdraw_recognition"})
MAX_SENTENCE_CHARS = 1500  # run-on page chrome: cut before parsing
STAMP = re.compile(r"\s*date \d{4}-\d\d(?:-\d\d)?\s+")  # the store's date field
# "MOSCOW, Aug 26 -", "UNITED NATIONS, Sept. 30 (AP) -": a place in capitals, maybe a date
DATELINE = re.compile(r"[A-Z][A-Z.'-]{2,}(?: [A-Z][A-Z.'-]+)*(?:,\s*[A-Z][A-Za-z .'-]+(?:\s\d{1,2})?)?"
                      r"(?:\s*\([A-Za-z .]+\))?(?:\s+[—–-]+\s*|:\s+)")  # "PORT-AU-PRINCE: ..." too


def code_article(article: Article, *, settings: Settings) -> list[Event]:
    return code_articles([article], settings=settings)[0]


def code_articles(articles: Sequence[Article], *, settings: Settings) -> list[list[Event]]:
    """Code several articles; the sentences they send to the parser go through one batched
    ``nlp.pipe`` (the model's per-call overhead is large against a few sentences). The
    events are those of ``code_article`` on each. An error in one article raises for all:
    callers that must isolate failures retry one by one."""
    nlp = get_pipeline(settings)
    index = build_index()
    plans = [_select(nlp, a, settings) for a in articles]
    items = [(t, a.published) for a, p in zip(articles, plans) if p for t in p[2]]
    # the actor ruler already ran over every sentence in the cheap pass: reuse its mentions
    parsed = iter(parse_many(nlp, items, lazy_ner=settings.fast_path, skip_actors=True))
    out = []
    for a, p in zip(articles, plans):
        if p is None:
            out.append([])
            continue
        sc, selected, texts = p
        docs = {k: next(parsed) for k in selected}
        for k, doc in docs.items():
            attach_mentions(nlp, doc, sc, sc.sentences[k][0])
            reparse(nlp, doc)
            use_date_rules(doc, settings.date_spans == "rules")
        out.append(_code_parsed(a, settings, index, sc, docs))
    return out


def _select(nlp, article: Article, settings: Settings):
    """The cheap pass and the gate: (scan, selected sentence numbers, their texts to parse),
    or None for an empty article."""
    text = article.text or ""
    if not text.strip():
        return None
    sc = scan(nlp, text, article.published)
    selected: list[int] = []
    seen_actor = False
    parsed = [_to_parse(text, s, e) for s, e in sc.sentences]  # what the parser would get
    # which pattern groups could match each sentence (lexical, from the cheap pass's tokens)
    groups = gate_for(nlp).groups(sc.doc, parsed, text) if settings.fast_path else None
    for k, (s, e) in enumerate(sc.sentences):
        mentions = sc.mentions_in(s, e)
        if not settings.fast_path:
            selected.append(k)
        elif groups[k]:
            referring = seen_actor and bool(REFERRING.search(text, s, e))
            if "diplomatic" in groups[k] and (mentions or referring):
                selected.append(k)
            elif settings.general_events and "general" in groups[k] and general.gate(
                    text, s, e, len(mentions), referring):  # stricter: two actors or one + pronoun
                selected.append(k)
        seen_actor = seen_actor or bool(mentions)
    for k in selected:
        sc.sentences[k] = (parsed[k][0], sc.sentences[k][1])
    texts = [text[slice(*parsed[k])] for k in selected]
    return sc, selected, texts


def _to_parse(text: str, s: int, e: int) -> tuple[int, int]:
    """The part of a sentence the parser gets: after a dateline ("ABU DHABI, UAE (AP) —
    Saudi Arabia ..."), at most MAX_SENTENCE_CHARS (run-on page chrome)."""
    for rx in (STAMP, DATELINE):
        m = rx.match(text, s, e)
        if m and m.end() < e:
            s = m.end()
    return s, min(e, s + MAX_SENTENCE_CHARS)


def _code_parsed(article: Article, settings: Settings, index, sc, docs: dict) -> list[Event]:
    """Events of an article from its scan and its parsed sentences (``docs`` by number)."""
    text = article.text
    disc = Discourse()
    acts: list = []  # the acts coded so far: what "the decision", "the veto" refer to
    raw: list[Event] = []
    general_raw: list[Event] = []  # general CAMEO events: dated after, so they never date these
    for k, (s, e) in enumerate(sc.sentences):
        doc = docs.get(k)
        first = text[s:e].split(None, 1)[0].lower() if text[s:e].strip() else ""
        pron = first in ("it", "he", "she", "they", "its", "his", "her", "their")
        if doc is None:
            disc.begin(s, [Hit(m.actor, m.text, m.start) for m in sc.mentions_in(s, e)])
            disc.end(None, pronoun_start=pron)
            continue
        amap = ActorMap(doc)
        disc.begin(s, [Hit(sp._.actor, sp.text, s + sp.start_char,
                           subject=sp.root.dep_ in ("nsubj", "nsubjpass"))
                       for sp in actor_spans(doc)])
        ctx = Ctx(amap=amap, disc=disc, offset=s, acts=acts,
                  after=lambda k=k: listed_after(text, sc.sentences, k, sc.mentions_in))
        raw.extend(_code_sentence(doc, ctx, article, index, text[s:e], s))
        raw.extend(_follow_events(doc, ctx, article, raw, s))
        if settings.general_events:
            general_raw.extend(general.code_sentence(doc, ctx, article, s, raw))
        subj: list[Hit] = []
        for sent in doc.sents:
            if sent.root.pos_ in ("VERB", "AUX"):
                subj = verb_subject(sent.root, ctx)
            break
        disc.end(subj, pronoun_start=pron)
    _fill_dates(raw, article.published, text)
    if general_raw:
        _fill_dates(raw + general_raw, article.published, text)
    return dedupe(raw + general_raw)


def _ref(h: Hit) -> ActorRef:
    a = h.actor
    return ActorRef(code=a.code, role=getattr(a, "role", None), name=getattr(a, "name", None),
                    text=h.text, wikidata=getattr(a, "wikidata", None))


def _conf(base: float, src: Hit, tgt: Hit | None) -> float:
    f = {"dep": 1.0, "coref": 0.9, "fallback": 0.75, "fixed": 1.0}
    c = base * f.get(src.how, 0.8) * (f.get(tgt.how, 0.8) if tgt else 0.85)
    return max(0.05, min(0.99, c))


def _code_sentence(doc, ctx: Ctx, article: Article, index, sentence: str, offset: int) -> list[Event]:
    out: list[Event] = []
    published: date | None = article.published
    matches = list(find_matches(doc, index))
    for m in matches:
        p = m.pattern
        srcs = source_hits(m, ctx)
        if not srcs:
            srcs = fallback_source(m, ctx)
        if p.fixed_target:
            tgts = [fixed_actor(p.fixed_target, ctx.offset + m.trigger.idx)]
        else:
            ctx.exclude = frozenset(h.actor.code for h in srcs)
            tgts = target_hits(m, ctx)
            ctx.exclude = frozenset()
        if p.person_target or p.no_person_object:
            guests = _guest_objects(m.trigger, tgts)
            if p.no_person_object and guests:
                continue  # "welcomed the Iraqi prime minister" greets a guest, it praises no act
            if p.person_target:  # "welcomed the Syrian president": the guest is the object itself
                tgts = guests
        if p.polity_target:  # "stood with the president" is literal, "stands with Ukraine" not
            tgts = [t for t in tgts if not _guest(t)]
        if not tgts and srcs and p.type in PARTNER_TYPES:
            tgts = _conjunct_partner(m, matches, ctx, srcs)
        cameo = cameo_for(p.type, p.cameo)
        # "X is the third country, after A and B, to recognise Y": A and B did it before
        for tok in bg.earlier_actors(m.trigger):
            for s_ in np_actors(tok, ctx):
                for t in tgts:
                    if admissible(p, s_, t):
                        out.append(_event(article, p, cameo, s_, t, "asserted", True, None, doc,
                                          offset, _conf(p.confidence, s_, t) * 0.9))
        if not srcs:
            continue
        if not tgts and len({h.actor.code for h in srcs}) >= 2:
            if p.mutual or reciprocal(m):  # "A and B expelled each other's diplomats": both ways
                tgts = srcs
            elif p.joint:
                srcs, tgts = srcs[:1], srcs[1:]
        if not tgts:
            continue
        pol, cue = polarity(m.trigger)
        if cue == "no longer" and p.type == "recognize":
            # "X will no longer recognise Y" withdraws a recognition
            p = replace(p, type="withdraw_recognition", cameo=None)
            cameo = cameo_for(p.type, p.cameo)
            pol = "hypothetical" if any(k.dep_ == "aux" and k.lower_ in cues()["modal"]
                                        for k in m.trigger.children) else "asserted"
        if pol == "asserted" and _headline_future(m.trigger):
            pol = "hypothetical"
        if cue in cues()["appeal"]:
            continue  # "urged X to recognise Y", a senate's call: not an act of X
        pairs = [(s, t) for s in srcs for t in tgts if admissible(p, s, t)]
        if p.mutual and tgts is not srcs:  # "A exchanged ambassadors with B": B's act too
            pairs += [(t, s) for s, t in pairs if admissible(p, t, s)]
        if not pairs:
            continue  # before the date: reading it may run the entity recogniser
        back = bg.grammatical_background(m.trigger)
        when = event_date(m.trigger, doc, published, pol)
        if back == "time clause" and when and when.text not in bg.time_clause_text(m.trigger):
            when = None  # "agreed on Friday ..., years after X cut ties": Friday is not the cut
        if when and bg.is_old(when.date, published):
            back = back or "old date"
        scope = claim_scope(m.trigger) if p.type in ("recognize", "withdraw_recognition") else None
        for s, t in pairs:
            out.append(_event(article, p, cameo, s, t, pol, bool(back), when, doc, offset,
                              _conf(p.confidence, s, t), scope))
            if ctx.acts is not None and pol in ("asserted", "hypothetical") and not back:
                ctx.acts.append((p.type, s, offset, pol == "asserted"))
    return out


def _conjunct_partner(m, matches, ctx: Ctx, srcs: list[Hit]) -> list[Hit]:
    """ "X recalled its ambassador and downgraded relations with Y": an act on the
    relations of two states with no partner of its own takes the partner of a verb
    conjoined with it, if that verb is such an act too."""
    conj = set(m.trigger.conjuncts)
    for m2 in matches:
        if m2.trigger in conj and m2.pattern.type in PARTNER_TYPES and not m2.pattern.fixed_target:
            ctx.exclude = frozenset(h.actor.code for h in srcs)
            try:
                got = target_hits(m2, ctx)
            finally:
                ctx.exclude = frozenset()
            if got:
                return [replace(h, how="coref") for h in got]
    return []


def _follow_events(doc, ctx: Ctx, article: Article, coded: list[Event], offset: int) -> list[Event]:
    """ "France and Germany followed suit": the act of the latest event, once per follower."""
    out = []
    for f in follows(doc, ctx, coded, offset):
        p = Pattern(id="follow", type=f.act.type, lemma=["follow"])
        if not admissible(p, f.source, f.target):
            continue
        when = event_date(f.trigger, doc, article.published, f.polarity)
        back = bg.grammatical_background(f.trigger)
        out.append(_event(article, p, f.act.cameo, f.source, f.target, f.polarity, bool(back), when,
                          doc, offset, _conf(p.confidence, f.source, f.target), f.act.scope))
    return out


def _headline_future(trigger) -> bool:
    """Headline style: "Britain to expel 23 diplomats" (a main verb with its own "to" and
    a subject) announces a plan, not a done act."""
    v = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    return v.dep_ == "ROOT" and v.tag_ == "VB" and any(
        k.dep_ == "aux" and k.lower_ == "to" for k in v.children) and any(
        k.dep_ in ("nsubj", "nsubjpass") for k in v.children)


def _guest(h: Hit) -> bool:
    """A person, or a body of people sent by a state (a delegation, an envoy)."""
    return is_person(h.actor) or getattr(h.actor, "office", None) in ("delegation", "ambassador")


def _guest_objects(trigger, tgts: list[Hit]) -> list[Hit]:
    """The targets that are guests named as the trigger's object itself (direct, or of its
    prepositions: "called on X"; conjuncts too), not owners of it ("the president's decision")."""
    heads = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    heads += [g for c in trigger.children if c.dep_ in ("prep", "prt") for g in c.children
              if g.dep_ == "pobj"]
    objects = {x.i for c in heads for x in (c, *c.conjuncts)}
    return [t for t in tgts if _guest(t) and t.token in objects]


def _event(article, p, cameo, s: Hit, t: Hit, pol, back, when, doc, offset, conf,
           scope: str | None = None) -> Event:
    target = _ref(t)
    state = lexicon()["governs"].get(target.code)
    if state and not scope and p.type in ("recognize", "withdraw_recognition"):
        # recognising the Taliban is recognising a government of Afghanistan
        scope = f"{target.name or target.text} as government of {state}"
        target = ActorRef(code=state, role="GOV", name=None, text=target.text)
    return Event(
        doc_id=article.id, type=p.type, source=_ref(s), target=target, scope=scope,
        evidence=Evidence(sentence=text_of(doc), start=offset, end=offset + len(text_of(doc))),
        cameo=cameo, plover=plover_for(p.type, cameo),
        date=when.date if when else None, date_precision=when.precision if when else None,
        date_text=when.text if when else None, polarity=pol, background=back,
        confidence=conf)


def _fill_dates(events: list[Event], published: date | None, text: str | None = None) -> None:
    fill_dates(events, published, text)  # coding/dates.py: the article's narrative date
