"""The date of an event: the DATE entity of its sentence nearest the trigger, resolved
against the publication date by nlp.timex."""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from ..nlp.timex import Timex, resolve


def event_date(trigger: Token, doc: Doc, published: date | None, polarity: str) -> Timex | None:
    best = None
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        dist = min(abs(ent.start - trigger.i), abs(ent.end - 1 - trigger.i))
        tx = resolve(ent.text, published, context=doc.text)
        if tx is None:
            continue
        # an asserted act is not dated after its report
        if polarity == "asserted" and published and tx.date > published.isoformat()[:len(tx.date)]:
            continue
        if best is None or dist < best[0]:
            best = (dist, tx)
    return best[1] if best else None
