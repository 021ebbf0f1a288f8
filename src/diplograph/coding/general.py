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
import logging
import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..model import ActorRef, Article, Event, Evidence, Plover
from ..nlp.coref import Hit
from ..nlp.extensions import text_of
from . import background as bg
from .dates import event_date
from .domain import admissible
from .domain import lexicon as domain_lexicon
from .patterns import Index, Pattern, StemGate, _read, _stems, build_index
from .polarity import cues, polarity
from .roles import Ctx, fallback_source, np_actors, source_hits, target_hits
from .triggers import Match, find_matches

log = logging.getLogger(__name__)
FOLDER = "data/patterns/general"
LOCATED_PREPS = ("in", "from", "throughout", "across", "of", "inside")
EMBED_PREPS = ("with", "to", "on", "against", "from", "for", "into", "in", "at")
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
    return Index(by_lemma=by_lemma, gate=StemGate(stems))


@lru_cache(maxsize=1)
def lexicon() -> dict:
    data = json.loads(_file("lexicon.json").read_text(encoding="utf-8"))
    return {k: (v if isinstance(v, (dict, str)) else set(v)) for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym adjectives ("Syrian" -> SYR) from the actor tables: the actor ruler tags them
    only before an agent noun, but "three Syrian nationals" names the target's polity."""
    path = resources.files("diplograph").joinpath("data/actors/state_aliases.csv")
    out: dict[str, str] = {}
    try:
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row.get("via") in ("demonym_adj", "demonym") and row.get("text"):
                    out.setdefault(row["text"], row["code"])
    except FileNotFoundError:
        pass
    for text, code in lexicon()["demonyms"].items():
        out.setdefault(text, code)
    return out


@lru_cache(maxsize=1)
def _demonym_rx() -> re.Pattern:
    alt = "|".join(sorted((re.escape(w) for w in demonyms()), key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\b") if alt else re.compile(r"(?!x)x")


@lru_cache(maxsize=512)
def _state(code: str):
    try:
        from ..nlp.actors import lookup
        return lookup(code)
    except Exception:  # noqa: BLE001  an unknown code: no actor
        return None


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


PRONOUN_START = re.compile(r"\W*(?:it|he|she|they|we|the\s+(?:country|government|ministry|kingdom|"
                           r"republic|state|regime))\b", re.IGNORECASE)


def gate(text: str, start: int, end: int, mentions: int, referring: bool = False) -> bool:
    """Whether the fast path should parse text[start:end] for general events: a general
    trigger word and two actor mentions, or one mention plus a pronoun or description that
    refers back to an earlier actor (``referring``, computed by the caller) and is the
    sentence's first word (the subject, as a rule: "It also threatened to ...")."""
    if not (mentions >= 2 or (mentions >= 1 and referring and PRONOUN_START.match(text, start))
            or mentions + len(_demonym_rx().findall(text, start, end)) >= 2):
        return False
    return general_index().gate.search(text, start, end)


def code_sentence(doc: Doc, ctx: Ctx, article: Article, offset: int,
                  coded: list[Event] | None = None) -> list[Event]:
    """General events of one sentence; a failure of this optional layer is logged and costs
    only its own events, never the diplomatic ones."""
    try:
        return _code_sentence(doc, ctx, article, offset, coded)
    except Exception:  # noqa: BLE001
        log.warning("general CAMEO layer failed on %r", doc.text[:80], exc_info=True)
        ctx.exclude = frozenset()
        return []


def _code_sentence(doc: Doc, ctx: Ctx, article: Article, offset: int,
                   coded: list[Event] | None = None) -> list[Event]:
    """General events of one parsed sentence (a trigger the diplomatic patterns matched is
    left to them; an act embedded under an appeal, intent, demand, rejection or threat is
    part of that speech act, not an event of its own). ``coded``: the events found so far;
    the diplomatic ones of this sentence that are only pledged get their intent code."""
    diplomatic = find_matches(doc, build_index())
    if coded:
        _recode_diplomatic(diplomatic, [e for e in coded if e.evidence.start == offset])
    matches = find_matches(doc, general_index())
    if not matches:
        return []
    taken = {m.trigger.i for m in diplomatic}
    by_token: dict[int, list[Match]] = {}
    for m in matches:
        if ctx.amap.at(m.trigger) is not None or m.trigger.i in taken:
            continue  # "United" in "United Nations"; a diplomatic trigger
        by_token.setdefault(m.trigger.i, []).append(m)
    speech = lexicon()["speech_roots"]

    def is_speech(m: Match) -> bool:
        return (m.pattern.cameo or "")[:2] in speech

    heads = set(taken)
    out: list[Event] = []
    # speech acts first, so that an act embedded in a coded one is left out
    for i, ms in sorted(by_token.items(), key=lambda kv: (not any(is_speech(m) for m in kv[1]), kv[0])):
        if _governed(ms[0].trigger, heads):
            continue
        for m in ms:  # lines are specific-first: the first line that yields events
            got = _code_match(m, doc, ctx, article, offset)
            if got:
                out.extend(got)
                if is_speech(m):
                    heads.add(i)
                break
    return out


def _governed(tok: Token, heads: set[int]) -> bool:
    """Whether the act is the content of a coded speech act ("threatened to attack") or of
    a noun of demand or offer ("its demand that Israel ease restrictions")."""
    nouns = lexicon()["speech_nouns"]
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i or cur.dep_ not in EMBED_DEPS:
            return False
        cur = cur.head
        if cur.i in heads and cur.i != tok.i:
            return True
        if cur.pos_ == "NOUN" and cur.lemma_.lower() in nouns:
            return True
    return False


def _code_match(m: Match, doc: Doc, ctx: Ctx, article: Article, offset: int) -> list[Event]:
    p = m.pattern
    srcs = (_resident_source(m.trigger, ctx) or source_hits(m, ctx) or _agent_source(m.trigger, ctx)
            or fallback_source(m, ctx) or _demonym_source(m.trigger, ctx))
    if not srcs:
        return []
    ctx.exclude = frozenset(h.actor.code for h in srcs)
    if "must_subj" in p.target:  # "X said Y must ...": the one slot of a demand frame
        tgts = _must_subject(m.trigger, ctx)
        ctx.exclude = frozenset()
        return _events(m, doc, ctx, article, offset, srcs, tgts)
    if m.obj is None:  # obj_prep/obj_mod/obj_subtree slots read the direct object
        m = Match(pattern=p, trigger=m.trigger,
                  obj=next((c for c in m.trigger.children if c.dep_ in ("dobj", "nsubjpass")), None))
    tgts = (target_hits(m, ctx) or _embedded_targets(m, ctx) or _demonym_target(m, ctx)
            or _subtree_target(m, ctx, srcs))
    ctx.exclude = frozenset()
    return _events(m, doc, ctx, article, offset, srcs, tgts)


def _must_subject(trigger: Token, ctx: Ctx) -> list[Hit]:
    modals = lexicon()["demand_modals"]
    for c in trigger.children:
        if c.dep_ == "ccomp" and any(k.dep_ == "aux" and k.lower_ in modals for k in c.children):
            for g in c.children:
                if g.dep_ in ("nsubj", "nsubjpass"):
                    return np_actors(g, ctx) or _demonym_hits(g, ctx)
    return []


def _events(m: Match, doc: Doc, ctx: Ctx, article: Article, offset: int,
            srcs: list[Hit], tgts: list[Hit]) -> list[Event]:
    p = m.pattern
    pairs = [(s, t) for s in srcs for t in tgts]
    if not tgts and p.joint and len({h.actor.code for h in srcs}) == 1:
        srcs = srcs + [h for h in _demonym_source(m.trigger, ctx) if h.actor.code != srcs[0].actor.code]
    if not tgts and p.joint:
        uniq = list({h.actor.code: h for h in srcs}.values())
        pairs = [(a, b) for a in uniq for b in uniq if a is not b]  # "A and B agreed": both ways
    if not pairs:
        return []
    pol, cue = polarity(m.trigger)
    if cue in cues()["appeal"]:
        return []  # "urged X to attack Y": the appeal is the event
    if cue in lexicon()["future_cues"] and _announced(m.trigger):
        cue = "announce"  # "announced it would free the prisoners": a stated intent
    code, plover = intent_code(p.cameo, pol, cue, _conditioned(m.trigger))
    refusal = _refusal(m.trigger, code, pol, cue)
    if refusal:  # "said it would not send aid": an asserted rejection
        code, plover, pol = refusal, plover_of(refusal), "asserted"
    pairs = [(s, t) for s, t in pairs if admissible(p, s, t) or _domestic(p, s, t)]
    if not pairs:
        return []  # before the date: reading it may run the entity recogniser
    back = bg.grammatical_background(m.trigger)
    when = event_date(m.trigger, doc, article.published, pol)
    if when and bg.is_old(when.date, article.published):
        back = back or "old date"
    out = []
    for s, t in pairs:
        out.append(_event(article, p, s, t, pol, bool(back), when, doc, offset, code, plover))
    return out


def _refusal(trigger: Token, code: str | None, pol: str, cue: str | None) -> str | None:
    """The 12x code of a refused cooperative act ("will not provide support", "refused to
    send aid"), or None; a plain past negation ("did not send aid") is no event."""
    if pol != "negated" or not code:
        return None
    lx = lexicon()
    rej = lx["refusal_codes"].get(code[:3]) or lx["refusal_codes"].get(code[:2])
    if rej is None:
        return None
    if cue in cues()["neg_verb"]:
        return rej
    future = lx["future_cues"]
    cur = trigger
    for _ in range(3):
        if any(k.dep_ == "aux" and k.lower_ in future for k in cur.children):
            return rej
        if cur.dep_ not in ("xcomp", "conj") or cur.head.i == cur.i:
            break
        cur = cur.head
    return None


def _announced(trigger: Token) -> bool:
    """The trigger is the content of a reporting verb ("X said it would ...")."""
    cur = trigger
    for _ in range(3):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in cues()["report"]:
            return True
        if cur.dep_ not in ("xcomp", "conj"):
            return False
        cur = cur.head
    return False


def _conditioned(trigger: Token) -> str | None:
    """ "will attack Y if Y joins NATO", "unless X withdraws": the word of a condition on the
    act, or None."""
    conds = cues()["condition"]
    for c in trigger.children:
        if c.dep_ == "advcl":
            for k in c.children:
                if k.dep_ == "mark" and k.lower_ in conds:
                    return k.lower_
    return None


def _domestic(p: Pattern, s: Hit, t: Hit) -> bool:
    """CAMEO codes events inside one polity ("President X banned opposition candidates");
    diplomacy's guard refuses them. Allowed here when two different mentions with different
    roles ("Ugandan opposition" vs the president) face each other."""
    if not s.actor or not t.actor or s.actor.code != t.actor.code or s.text == t.text:
        return False
    if getattr(s.actor, "role", None) == getattr(t.actor, "role", None):
        return False
    lx = domain_lexicon()
    return not any(getattr(h.actor, "kind", None) in lx["excluded_kinds"] for h in (s, t))


def intent_code(code: str | None, pol: str, cue: str | None,
                conditioned: str | None = None) -> tuple[str | None, Plover | None]:
    """A cooperative act that is pledged, offered or agreed to ("promised to send aid") is
    CAMEO's 03x intent and PLOVER's AGREE; a plain future ("will send aid") keeps its CAMEO
    code, and PLOVER, whose AGREE covers commitments to cooperate, reads it as AGREE. A
    hostile act that is planned or conditional ("plans to impose restrictions", "will
    withdraw its force unless ...") is likewise CAMEO's 13x threat and PLOVER's THREATEN."""
    plover = plover_of(code)
    if pol != "hypothetical" or not code or cue is None:
        return code, plover
    lx = lexicon()
    if conditioned in lx["threat_marks"]:  # "will withdraw its force unless ...": a threat
        threat = lx["threat_codes"].get(code[:3]) or lx["threat_codes"].get(code[:2]) or "130"
        return threat, plover_of(threat)
    intent = lx["intent_codes"].get(code[:3]) or lx["intent_codes"].get(code[:2])
    if intent is None:
        threat = lx["threat_codes"].get(code[:3]) or lx["threat_codes"].get(code[:2])
        if threat and cue in lx["posture_cues"] and code[:2] in lx["posture_roots"]:
            return lx["posture_code"], plover_of(lx["posture_code"])  # preparing to attack
        if threat and (cue in lx["commit_cues"] or cue in lx["threat_cues"] or cue in cues()["condition"]
                       or conditioned):
            return threat, plover_of(threat)
        if threat and cue in lx["future_cues"]:
            return code, plover_of(threat)
        return code, plover
    if cue in lx["commit_cues"]:
        return intent, plover_of(intent)
    if cue in lx["future_cues"]:
        return code, plover_of(intent)
    return code, plover


def _recode_diplomatic(matches: list[Match], events: list[Event]) -> None:
    for m in matches:
        hyp = [e for e in events if e.type == m.pattern.type and e.polarity == "hypothetical"]
        if not hyp:
            continue
        _, cue = polarity(m.trigger)
        for e in hyp:
            e.cameo, e.plover = _keep_context(intent_code(e.cameo, e.polarity, cue), e.plover)


def _keep_context(coded: tuple, old: Plover | None) -> tuple:
    code, plover = coded
    if plover is not None and old is not None:
        plover = Plover(event=plover.event, mode=plover.mode if plover.event != old.event else old.mode,
                        context=list(old.context))
    return code, plover or old


def _subtree_target(m: Match, ctx: Ctx, srcs: list[Hit]) -> list[Hit]:
    """Last resort: the first actor named in the trigger's own phrase ("lifted the curfew in
    the town of Cizre in southeastern Turkey"), not in an embedded clause and not a source."""
    t = m.trigger
    skip = {h.actor.code for h in srcs}
    preps = {x.split(":", 1)[1] for x in m.pattern.target if x.startswith(("prep:", "obj_prep:"))}
    blocked = {c.i for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "ccomp", "xcomp", "advcl",
                                                       "relcl", "conj", "parataxis", "agent")
               or (c.dep_ == "prep" and c.lower_ not in preps)}
    for x in t.subtree:
        if x.i == t.i:
            continue
        anc, ok = x, True
        while anc.i != t.i:
            if anc.i in blocked:
                ok = False
                break
            anc = anc.head
        if not ok:
            continue
        sp = ctx.amap.at(x)
        if sp is not None and sp._.actor.code not in skip:
            return [Hit(actor=sp._.actor, text=sp.text, start=ctx.offset + sp.start_char,
                        how="fallback", token=sp.root.i)]
    return []


def _demonym_hits(tok: Token, ctx: Ctx) -> list[Hit]:
    dem = demonyms()
    out: list[Hit] = []
    for t in [tok] + [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss")]:
        for x in [t] + list(t.conjuncts):
            code = dem.get(x.text) or dem.get(x.text.capitalize())
            if x.i > 0:  # two words: "North Korean" (a bare "Korean" names no state)
                code = dem.get(f"{x.doc[x.i - 1].text} {x.text}") or code
            if code and ctx.amap.at(x) is None and code not in ctx.exclude:
                actor = _state(code)
                if actor is not None:
                    out.append(Hit(actor=actor, text=x.text, start=ctx.offset + x.idx,
                                   how="demonym", token=x.i))
    return out


def _demonym_source(trigger: Token, ctx: Ctx) -> list[Hit]:
    for c in trigger.children:
        if c.dep_ == "nsubj" or c.dep_ == "agent":
            for x in ([c] if c.dep_ == "nsubj" else [g for g in c.children if g.dep_ == "pobj"]):
                got = _demonym_hits(x, ctx)
                if got:
                    return got
    return []


def _demonym_target(m: Match, ctx: Ctx) -> list[Hit]:
    t = m.trigger
    cands = [c for c in t.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
    if m.obj is not None:
        cands.append(m.obj)
    preps = {s[5:] for s in m.pattern.target if s.startswith("prep:")}
    preps |= {s[9:] for s in m.pattern.target if s.startswith("obj_prep:")}
    heads = [t] + ([m.obj] if m.obj is not None else [])
    if "xcomp_obj" in m.pattern.target:  # "threatened to shell Iraqi towns"
        for c in t.children:
            if c.dep_ in ("xcomp", "ccomp"):
                objs = [g for g in c.children if g.dep_ in ("dobj", "dative")]
                cands.extend(objs)
                heads.extend([c] + objs)
                preps |= set(EMBED_PREPS)
    for head in heads:
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                cands.extend(g for g in c.children if g.dep_ == "pobj")
    for c in cands:
        got = _demonym_hits(c, ctx)
        if got:
            return got
    for c in cands:  # "a camp for Congolese refugees"
        for x in c.subtree:
            if x.i != c.i and x.dep_ in ("amod", "compound") and x.head.dep_ == "pobj":
                got = _demonym_hits(x.head, ctx)
                if got:
                    return got
    return []


def _agent_source(trigger: Token, ctx: Ctx) -> list[Hit]:
    """ "Israeli troops shelled ...", "thousands of Kenyans marched": subjects that are
    agents of force or protest, which the diplomatic source rule does not accept; and the
    subject of an adjective that governs the trigger ("X is willing to withdraw")."""
    agents = lexicon()["agents"]
    verb = trigger
    for _ in range(4):
        for c in verb.children:
            if c.dep_ == "nsubj":
                if c.lemma_.lower() in agents or c.lower_ in agents:
                    return np_actors(c, ctx) or _located(c, ctx)
                if verb.i != trigger.i:
                    return np_actors(c, ctx, strict=True)
                # "Israeli army bulldozers", "Swiss doctors": a national modifier names the agent
                return _modifier_actors(c, ctx)
        if verb.dep_ in ("xcomp", "conj", "acomp") and verb.head.i != verb.i:
            verb = verb.head
        else:
            break
    for c in trigger.children:  # passive agent: "shelled by Syrian forces"
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj" and (g.lemma_.lower() in agents or g.lower_ in agents):
                    return np_actors(g, ctx) or _located(g, ctx)
                if g.dep_ == "pobj":
                    return _modifier_actors(g, ctx)
    return []


def _resident_source(trigger: Token, ctx: Ctx) -> list[Hit]:
    """ "Ethnic Albanians in south Serbia demanded ...": a people named by nationality and
    placed in another polity is coded by where it lives (the PLOVER and PETRARCH
    convention)."""
    for c in trigger.children:
        if c.dep_ != "nsubj":
            continue
        sp = ctx.amap.at(c)
        if sp is None or getattr(sp._.actor, "via", None) != "demonym":
            return []
        got = [h for h in _located(c, ctx) if h.actor.code != sp._.actor.code]
        return got if any(ctx.amap.at(x) is not None for x in c.subtree if x.i > sp.end - 1) else []
    return []


def _modifier_actors(noun: Token, ctx: Ctx) -> list[Hit]:
    """The actor or demonym modifying a common noun ("Burundian militiamen")."""
    if noun.pos_ not in ("NOUN",):
        return []
    out: list[Hit] = []
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "nmod"):
            sp = ctx.amap.at(c)
            if sp is not None:
                out.append(Hit(actor=sp._.actor, text=sp.text, start=ctx.offset + sp.start_char,
                               how="dep", token=sp.root.i))
    return out or _demonym_hits(noun, ctx)


def _located(agent: Token, ctx: Ctx, depth: int = 0) -> list[Hit]:
    """ "demonstrators in Baghdad", "students throughout Indonesia": an agent group named by
    where it is takes that polity (the PETRARCH and PLOVER convention)."""
    for c in agent.children:
        if c.dep_ == "prep" and c.lower_ in LOCATED_PREPS:
            for g in c.children:
                if g.dep_ == "pobj":
                    got = np_actors(g, ctx, mods=True) or (_located(g, ctx, depth + 1) if depth < 2 else [])
                    if got:
                        return got
    return _demonym_hits(agent, ctx)


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
            objs = [g for g in c.children if g.dep_ in ("dobj", "dative")]
            for g in objs:
                got = np_actors(g, ctx)
                if got:
                    return got
            for head in [c] + objs:
                for g in head.children:
                    if g.dep_ == "prep" and g.lower_ in EMBED_PREPS:
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


def _event(article, p: Pattern, s: Hit, t: Hit, pol, back, when, doc, offset, code, plover) -> Event:
    conf = p.confidence * (1.0 if s.how == "dep" else 0.85) * (1.0 if t.how == "dep" else 0.85)
    return Event(
        doc_id=article.id, type=p.type, source=_ref(s), target=_ref(t),
        evidence=Evidence(sentence=text_of(doc), start=offset, end=offset + len(text_of(doc))),
        cameo=code, plover=plover,
        date=when.date if when else None, date_precision=when.precision if when else None,
        date_text=when.text if when else None, polarity=pol, background=back,
        confidence=round(max(0.05, min(0.99, conf)), 3))
