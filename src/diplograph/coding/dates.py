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
        how = _attachment(ent.root, trigger)
        if how == "other" or (how == "governing" and polarity != "asserted"):
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
