"""Mixed news: false diplomatic events on ordinary articles, and labelled events found.

A false event is a prediction of a scored type whose polarity is not `negated`, in an
article flagged `has_diplomatic_event: false`; the figure is per 100 such articles.
Found events are labelled asserted events matched by a prediction with the same source,
target and type (any polarity but negated), reported with and without `borderline` ones.
"""
from __future__ import annotations

from typing import Any

from ..model import UNSCORED_TYPES
from .articles import Pred


def _false(preds: list[Pred]) -> list[Pred]:
    seen, out = set(), []
    for p in preds:
        if p.type in UNSCORED_TYPES or p.polarity == "negated" or p.key in seen:
            continue
        seen.add(p.key)
        out.append(p)
    return out


def score_mixed(labels: list[dict[str, Any]], predictions: dict[str, list[Pred]],
                failures: dict[str, str] | None = None) -> dict[str, Any]:
    failures = failures or {}
    negatives = [r for r in labels if not r.get("has_diplomatic_event")]
    false_events = []
    for r in negatives:
        for p in _false(predictions.get(str(r["id"]), [])):
            false_events.append({"doc": str(r["id"]), **p.to_dict()})
    found = total = found_strict = total_strict = 0
    missed = []
    for r in labels:
        preds = [p for p in predictions.get(str(r["id"]), []) if p.polarity != "negated"]
        for e in r.get("events") or []:
            if e.get("polarity", "asserted") != "asserted":
                continue
            hit = any(p.source == e.get("source") and p.target == e.get("target")
                      and p.type == e.get("type") for p in preds)
            total += 1
            found += hit
            if not e.get("borderline"):
                total_strict += 1
                found_strict += hit
            if not hit:
                missed.append({"doc": str(r["id"]), "source": e.get("source"),
                               "target": e.get("target"), "type": e.get("type"),
                               "evidence": e.get("evidence", ""),
                               "borderline": bool(e.get("borderline"))})
    n = len(negatives)
    return {
        "documents": len(labels),
        "negative_documents": n,
        "false_events": len(false_events),
        "false_per_100": round(100 * len(false_events) / n, 2) if n else 0.0,
        "negative_documents_with_false": len({f["doc"] for f in false_events}),
        "labelled_asserted": total,
        "found": found,
        "found_rate": round(found / total, 4) if total else 0.0,
        "labelled_asserted_strict": total_strict,
        "found_strict": found_strict,
        "found_rate_strict": round(found_strict / total_strict, 4) if total_strict else 0.0,
        "failures": [{"id": k, "error": v} for k, v in sorted(failures.items())],
        "false_positives": false_events,
        "misses": missed,
    }
