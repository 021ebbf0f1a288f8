"""Hand-made CodeResults for graph tests: no NLP needed."""
from __future__ import annotations

from datetime import date

from diplograph.model import ActorRef, Article, CodeResult, Event, Evidence, Failure, Plover

CAMEO = {"recognize": ("054", "SUPPORT"), "sever_relations": ("161", "SANCTION"),
         "condemn": ("111", "ACCUSE"), "establish_relations": ("054", "SUPPORT"),
         "withdraw_recognition": ("161", "SANCTION"), "downgrade_relations": ("161", "SANCTION"),
         "restore_relations": ("054", "SUPPORT"), "veto": ("129", "REJECT"), "meet": ("040", "CONSULT")}


def event(doc: str, source: str, target: str, type: str, when: str | None = None, *,
          polarity: str = "asserted", background: bool = False, sentence: str | None = None,
          start: int = 0, confidence: float = 0.8, scope: str | None = None) -> Event:
    sentence = sentence or f"{source} did {type} to {target} ({when or 'undated'})."
    cameo, plover = CAMEO.get(type, ("010", None))
    return Event(doc_id=doc, type=type,
                 source=ActorRef(source, role="GOV", name=f"{source} land", text=source,
                                 wikidata=f"Q{sum(map(ord, source))}"),
                 target=ActorRef(target, name=f"{target} land", text=target),
                 evidence=Evidence(sentence, start, start + len(sentence)),
                 cameo=cameo, plover=Plover(plover, None, ["diplomatic"]) if plover else None,
                 date=when, date_precision={4: "year", 7: "month", 10: "day"}.get(len(when or "")),
                 date_text="on that day" if when else None, polarity=polarity,
                 background=background, scope=scope, confidence=confidence)


def result(doc: str, published: str | None, events: list[Event], *, url: str | None = None,
           outlet: str | None = None, text: str | None = None) -> CodeResult:
    text = text or f"The full text of document {doc}. " + " ".join(e.evidence.sentence for e in events)
    for ev in events:  # events belong to the document they are coded from
        if ev.doc_id != doc:
            raise ValueError("event and document ids differ")
    art = Article(id=doc, text=text, published=date.fromisoformat(published) if published else None,
                  url=url, outlet=outlet, origin=url or f"{doc}.txt")
    return CodeResult(origin=art.origin, article=art, events=events)


def failed(origin: str, code: str = "DG101") -> CodeResult:
    return CodeResult(origin=origin, failure=Failure(origin, code, "no text", None))


def simple(doc: str, published: str, *specs, **kw) -> CodeResult:
    """result() from (source, target, type, date) tuples."""
    evs = [event(doc, *spec[:4], start=i * 100) for i, spec in enumerate(specs)]
    return result(doc, published, evs, **kw)
