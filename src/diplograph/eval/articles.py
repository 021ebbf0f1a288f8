"""Scoring coded events against article gold (DESIGN.md, "Gold files" and "Scoring").

Per document a prediction matches a gold event when source, target, type and polarity
agree; gold `alt_types`/`alt_polarity` widen the match and a veto's target may also be a
state its `subject` names. `other`/`statement_other` are not scored. Predictions that agree
on source, target, type, polarity and date count once. Recall is over non-optional gold; a
prediction that matches only an optional gold event is neither a hit nor a false positive.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..model import UNSCORED_TYPES, Event
from .gold import GoldDoc, GoldEvent


@dataclass(frozen=True)
class Pred:
    """The scored view of a predicted event."""

    source: str
    target: str
    type: str
    polarity: str
    date: str | None = None
    sentence: str = ""

    @property
    def key(self) -> tuple:
        return (self.source, self.target, self.type, self.polarity, self.date)

    @classmethod
    def of(cls, ev: Event | dict[str, Any]) -> "Pred":
        if isinstance(ev, dict):
            ev = Event.from_dict(ev)
        return cls(ev.source.code, ev.target.code, ev.type, ev.polarity, ev.date,
                   ev.evidence.sentence if ev.evidence else "")

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "type": self.type,
                "polarity": self.polarity, "date": self.date, "sentence": self.sentence}


def labels_match(p: Pred, g: GoldEvent) -> bool:
    return (p.source == g.source and p.type in g.types and p.polarity in g.polarities
            and p.target in g.targets)


def date_right(pred_date: str | None, gold_date: str | None) -> bool:
    """Equal at gold's precision; both null is right, one null is wrong."""
    if gold_date is None or pred_date is None:
        return gold_date is None and pred_date is None
    return len(pred_date) >= len(gold_date) and pred_date[:len(gold_date)] == gold_date


def scored_preds(preds: list[Pred]) -> list[Pred]:
    """Drop unscored types and count predictions with the same key once."""
    seen, out = set(), []
    for p in preds:
        if p.type in UNSCORED_TYPES or p.key in seen:
            continue
        seen.add(p.key)
        out.append(p)
    return out


@dataclass
class DocScore:
    id: str
    tp: list[tuple[Pred, GoldEvent]] = field(default_factory=list)
    fp: list[Pred] = field(default_factory=list)
    fn: list[GoldEvent] = field(default_factory=list)
    neutral: list[Pred] = field(default_factory=list)  # matched only optional gold
    negative: bool = False


def score_doc(doc: GoldDoc, preds: list[Pred]) -> DocScore:
    out = DocScore(id=doc.id, negative=doc.negative)
    preds = scored_preds(preds)
    required, optional = [], []
    for g in doc.events:
        if g.type in UNSCORED_TYPES:
            # unscored gold can only excuse a prediction that fits one of its alt types
            if any(t not in UNSCORED_TYPES for t in g.alt_types):
                optional.append(g)
        elif g.optional:
            optional.append(g)
        else:
            required.append(g)
    free = list(range(len(preds)))
    matched: dict[int, int] = {}  # gold index -> pred index
    # pass 1: labels and date agree; pass 2: labels agree (one-to-one, greedy)
    for need_date in (True, False):
        for gi, g in enumerate(required):
            if gi in matched:
                continue
            for pi in free:
                p = preds[pi]
                if labels_match(p, g) and (not need_date or date_right(p.date, g.date)):
                    matched[gi] = pi
                    free.remove(pi)
                    break
    for gi, g in enumerate(required):
        if gi in matched:
            out.tp.append((preds[matched[gi]], g))
        else:
            out.fn.append(g)
    for pi in free:
        p = preds[pi]
        if any(labels_match(p, g) for g in optional):
            out.neutral.append(p)
        else:
            out.fp.append(p)
    return out


def _same_sentence(a: str, b: str) -> bool:
    a, b = " ".join(a.split()), " ".join(b.split())
    return bool(a and b) and (a in b or b in a)


def actor_accuracy(doc: GoldDoc, preds: list[Pred]) -> tuple[int, int]:
    """(right, found): of the required gold events whose type the coder found in the same
    sentence, how many have a prediction there with the right source and target codes.
    This isolates actor resolution from event detection (issue: actor knowledge)."""
    right = found = 0
    for g in doc.events:
        if g.optional or g.type in UNSCORED_TYPES:
            continue
        same = [p for p in preds if p.type in g.types and _same_sentence(p.sentence, g.evidence)]
        if not same:
            continue
        found += 1
        right += any(p.source == g.source and p.target in g.targets for p in same)
    return right, found


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score_articles(docs: list[GoldDoc], predictions: dict[str, list[Pred]],
                   failures: dict[str, str] | None = None) -> dict[str, Any]:
    """Score every gold document; returns the suite's JSON-ready result."""
    failures = failures or {}
    scores = [score_doc(d, predictions.get(d.id, [])) for d in docs]
    tp = sum(len(s.tp) for s in scores)
    fp = sum(len(s.fp) for s in scores)
    fn = sum(len(s.fn) for s in scores)
    per_type: dict[str, Counter] = {}
    for s in scores:
        for p, g in s.tp:
            per_type.setdefault(g.type, Counter())["tp"] += 1
        for p in s.fp:
            per_type.setdefault(p.type, Counter())["fp"] += 1
        for g in s.fn:
            per_type.setdefault(g.type, Counter())["fn"] += 1
    per_polarity: dict[str, Counter] = {}
    for s in scores:
        for p, g in s.tp:
            per_polarity.setdefault(g.polarity, Counter())["tp"] += 1
        for p in s.fp:
            per_polarity.setdefault(p.polarity, Counter())["fp"] += 1
        for g in s.fn:
            per_polarity.setdefault(g.polarity, Counter())["fn"] += 1
    bg_tp = sum(1 for s in scores for _, g in s.tp if g.background)
    bg_all = bg_tp + sum(1 for s in scores for g in s.fn if g.background)
    dated = [date_right(p.date, g.date) for s in scores for p, g in s.tp]
    neg_fp = sum(len(s.fp) + len(s.neutral) for s in scores if s.negative)
    actors = [actor_accuracy(d, predictions.get(d.id, [])) for d in docs]
    actors_right, actors_found = sum(r for r, _ in actors), sum(f for _, f in actors)
    result: dict[str, Any] = {
        "documents": len(docs),
        "gold_events": sum(len(s.tp) + len(s.fn) for s in scores),
        "predicted": tp + fp,
        "tp": tp, "fp": fp, "fn": fn,
        "neutral": sum(len(s.neutral) for s in scores),
        **_prf(tp, fp, fn),
        "date_accuracy": round(sum(dated) / len(dated), 4) if dated else 0.0,
        "dates_right": sum(dated),
        "negative_documents": sum(1 for s in scores if s.negative),
        "negative_false_positives": neg_fp,
        "failures": [{"id": k, "error": v} for k, v in sorted(failures.items())],
        "per_type": {t: {"tp": c["tp"], "fp": c["fp"], "fn": c["fn"],
                         **_prf(c["tp"], c["fp"], c["fn"])}
                     for t, c in sorted(per_type.items())},
        "per_polarity": {k: {"tp": c["tp"], "fp": c["fp"], "fn": c["fn"],
                             **_prf(c["tp"], c["fp"], c["fn"])}
                         for k, c in sorted(per_polarity.items())},
        "background_recall": round(bg_tp / bg_all, 4) if bg_all else 0.0,
        "actor_accuracy": round(actors_right / actors_found, 4) if actors_found else 0.0,
        "actor_events_found": actors_found,
        "misses": [{"doc": s.id, **g.to_dict()} for s in scores for g in s.fn],
        "false_positives": [{"doc": s.id, **p.to_dict()} for s in scores for p in s.fp],
        "wrong_dates": [{"doc": s.id, **p.to_dict(), "gold_date": g.date}
                        for s in scores for p, g in s.tp if not date_right(p.date, g.date)],
    }
    return result
