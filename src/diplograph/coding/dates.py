"""The date of an event: the DATE entity of its sentence nearest the trigger, resolved
against the publication date by nlp.timex. On the fast path the DATE spans come from the
entity recogniser run for them (``date_spans="model"``) or from rules on the parse
(``"rules"``, nlp/datespans.py); a fully parsed sentence keeps the recogniser's."""
from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from ..nlp.extensions import text_of
from ..nlp.datespans import date_spans
from ..nlp.pipeline import ensure_entities, entities_pending
from ..nlp.timex import Timex, resolve


def event_date(trigger: Token, doc: Doc, published: date | None, polarity: str) -> Timex | None:
    best = None
    for ent in _dates(doc):
        if ent.root.dep_ == "pobj" and (ent.root.head.lower_ in ("since", "until", "till") or (
                ent.root.head.lower_ == "from" and ent.text.strip().isdigit())):
            continue  # "its decision from 2012", "since 2016": a start or an end, not the act
        if ent.text.lower() in QUOTE_DEICTIC and _quoted(trigger):
            continue  # "today" in a quoted statement is the statement's day, not the report's
        how = _attachment(ent.root, trigger)
        # a refusal is dated by its announcement; a plan only by its own date
        if how == "other" or (how == "governing" and polarity not in ("asserted", "negated")):
            continue
        # a date on a noun of the clause ("over the attack earlier this month") dates that
        # noun: only when the clause has no date of its own
        rank = (_on_noun(ent, trigger), min(abs(ent.start - trigger.i), abs(ent.end - 1 - trigger.i)))
        tx = resolve(ent.text, published, context=text_of(doc))
        if tx is None:
            continue
        # an asserted act is not dated after its report
        if polarity == "asserted" and published and tx.date > published.isoformat()[:len(tx.date)]:
            continue
        if best is None or rank < best[0]:
            best = (rank, tx)
    return best[1] if best else None


RULES = ("diplograph", "date_rules")


def use_date_rules(doc: Doc, on: bool) -> None:
    """Find the DATE spans of a doc parsed without the recogniser by rules (the setting
    ``date_spans="rules"``) instead of running the recogniser for them."""
    doc.user_data[RULES] = on


def _dates(doc: Doc) -> list:
    if doc.user_data.get(RULES) and entities_pending(doc):
        return date_spans(doc)
    ensure_entities(doc, dates_only=True)  # the fast path parses without the entity recogniser
    return [e for e in doc.ents if e.label_ == "DATE"]


QUOTE_DEICTIC = {"today", "this morning", "tonight", "this evening", "this afternoon"}


def _quoted(tok: Token) -> bool:
    before = text_of(tok.doc)[:tok.idx]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _attachment(tok: Token, trigger: Token) -> str:
    """How a date token hangs on the trigger: "direct" (in its clause), "governing" (on a
    verb that governs it: "announced on Tuesday that it would ..."), else "other"."""
    ancestors = set(t.i for t in trigger.ancestors)
    cur = tok
    for _ in range(8):
        if cur.i == trigger.i:
            return "direct"
        if cur.i != tok.i and cur.pos_ in ("VERB", "AUX"):
            return "governing" if cur.i in ancestors else "other"
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return "governing" if cur.i in ancestors else "other"


def _on_noun(ent, trigger: Token) -> bool:
    """Whether a date dates a noun of the clause rather than its verb: it hangs on the
    noun ("*Sunday's* elections"), or follows a common noun bare, which the parser often
    hangs on the verb ("closed the consulate over the attack *earlier this month*")."""
    before = ent.doc[ent.start - 1] if ent.start else None
    if ent.root.dep_ == "npadvmod" and before is not None and before.i != trigger.i \
            and before.pos_ == "NOUN" and before.ent_type_ != "DATE":  # not "to Pakistan last year"
        return True
    cur = ent.root.head
    for _ in range(8):
        if cur.i == trigger.i or cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return False
        if cur.pos_ in ("NOUN", "PROPN") and cur.ent_type_ != "DATE":
            return True
        cur = cur.head
    return False


LEAD_WINDOW = timedelta(days=7)


FUTURE_LEAD = re.compile(r"\b(?:starting|from|until|till|next|by|before|through|beginning|effective|"
                        r"as of|coming|a|every|each)\s+$", re.IGNORECASE)
WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _text_day(text: str | None, published: date | None) -> Timex | None:
    """The first weekday the article names ("on Friday", "Tuesday's vote") that falls in
    the week before publication: the day of the news when the lead gives none."""
    if not text or published is None:
        return None
    for m in WEEKDAY.finditer(text[:6000]):
        if FUTURE_LEAD.search(text, max(0, m.start() - 16), m.start()):
            continue  # "flights suspended starting Tuesday": a plan, not the news day
        tx = resolve(m.group(0), published)
        if tx is None or tx.precision != "day":
            continue
        try:
            d = date.fromisoformat(tx.date)
        except ValueError:
            continue
        if published - LEAD_WINDOW <= d <= published:
            return tx
        return None
    return None


def fill_dates(events: list, published: date | None, text: str | None = None) -> None:
    """Undated news events take the article's narrative date: the nearest dated news
    event before them; a headline or lead before any dated event takes the first dated
    news event of the article when that is a day in the week before publication ("X
    recalls its envoy" ... "the ministry announced on Tuesday"); else the publication
    date. A contested claim is dated like its report; background, negated and hypothetical
    events stay undated."""
    news = [ev for ev in sorted(events, key=lambda e: e.evidence.start)
            if ev.polarity in ("asserted", "reported-claim") and not ev.background]
    lead = next((ev for ev in news if ev.date and ev.date_precision == "day"
                 and not getattr(ev, "inferred_date", False)), None)
    if lead is not None and published is not None:
        try:
            d = date.fromisoformat(lead.date)
        except ValueError:
            d = None
        if d is None or not (published - LEAD_WINDOW <= d <= published):
            lead = None
    day = None if lead is not None else _text_day(text, published)
    last = None
    for ev in news:
        if ev.date:
            last = ev
            continue
        src = last or lead
        if src is not None:
            ev.date, ev.date_precision, ev.date_text = src.date, src.date_precision, None
        elif day is not None:
            ev.date, ev.date_precision, ev.date_text = day.date, day.precision, None
        elif published is not None:
            ev.date, ev.date_precision, ev.date_text = published.isoformat(), "day", None
        else:
            continue
        ev.inferred_date = True  # dedupe lets a stated date win over it
        ev.id = ev.stable_id()
