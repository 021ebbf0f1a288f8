"""Sentence suites: PLOVER gold standard records and PETRARCH-2 validation records.

Each sentence is scored as a set of labels (PLOVER event types, or CAMEO roots) against
its gold set, micro-averaged. The typed score also needs actors: a label counts only when
a predicted event with that label has its source among the gold actors and, where gold
names recipients, its target among them. `IGO` matches any organisation; PETRARCH-2's
unattributed `---` matches any actor. Negated predictions are ignored.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model import Event

# codes of PLOVER 0.5b1 records that differ from ISO 3166 (data/README of the suite)
OLD_CODES = {"JAP": "JPN", "ITL": "ITA"}


@lru_cache(maxsize=1)
def organisation_codes() -> frozenset[str]:
    """Codes whose kind is 'org' in the bundled actor tables."""
    codes: set[str] = set()
    try:
        folder = resources.files("diplograph") / "data" / "actors"
        for item in folder.iterdir():
            if item.name.endswith(".csv"):
                with item.open(encoding="utf-8") as fh:
                    for row in csv.DictReader(fh):
                        if (row.get("kind") or "").strip() in ("org", "igo", "organisation"):
                            codes.add(row["code"].strip())
    except (FileNotFoundError, OSError):
        pass
    return frozenset(codes)


def actor_matches(gold: str, pred: str | None) -> bool:
    """Does a predicted actor code fit a gold code (already cut to its polity)?"""
    if not pred:
        return False
    gold = OLD_CODES.get(gold, gold)
    if gold == "---":
        return True
    if gold == "IGO":
        return pred in organisation_codes()
    return gold == pred


@dataclass(frozen=True)
class Labelled:
    """A predicted event reduced to what a sentence suite compares."""

    label: str
    source: str | None
    target: str | None


@dataclass
class SentenceGold:
    label: str
    sources: tuple[str, ...]  # empty: any
    targets: tuple[str, ...]  # empty: any


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _typed_hit(gold: list[SentenceGold], preds: list[Labelled], label: str) -> bool:
    for g in gold:
        if g.label != label:
            continue
        for p in preds:
            if p.label != label:
                continue
            if g.sources and not any(actor_matches(s, p.source) for s in g.sources):
                continue
            if g.targets and not any(actor_matches(t, p.target) for t in g.targets):
                continue
            return True
    return False


def score_sentences(records: list[tuple[str, str, list[SentenceGold], list[Labelled]]],
                    kind: str) -> dict[str, Any]:
    """records: (id, text, gold labels, predicted labels). Returns the suite result."""
    tp = fp = fn = ttp = tfp = tfn = 0
    empty = empty_fp = 0
    misses, false_pos = [], []
    for rid, text, gold, preds in records:
        g_labels = {g.label for g in gold}
        p_labels = {p.label for p in preds}
        tp += len(g_labels & p_labels)
        fp += len(p_labels - g_labels)
        fn += len(g_labels - p_labels)
        typed = {lab for lab in g_labels & p_labels if _typed_hit(gold, preds, lab)}
        ttp += len(typed)
        tfp += len(p_labels - typed)
        tfn += len(g_labels - typed)
        if not gold:
            empty += 1
            empty_fp += len(p_labels)
        if g_labels - typed:
            misses.append({"id": rid, "text": text, "gold": sorted(g_labels),
                           "predicted": [p.__dict__ for p in preds],
                           "missed": sorted(g_labels - typed)})
        if p_labels - g_labels:
            false_pos.append({"id": rid, "text": text, "gold": sorted(g_labels),
                              "false": sorted(p_labels - g_labels)})
    label_name = "root" if kind == "petrarch" else "type"
    plain, typed_s = _prf(tp, fp, fn), _prf(ttp, tfp, tfn)
    return {
        "sentences": len(records),
        f"{label_name}_tp": tp, f"{label_name}_fp": fp, f"{label_name}_fn": fn,
        **{f"{label_name}_{k}": v for k, v in plain.items()},
        "typed_tp": ttp, "typed_fp": tfp, "typed_fn": tfn,
        **{f"typed_{k}": v for k, v in typed_s.items()},
        "no_event_sentences": empty, "no_event_false_labels": empty_fp,
        "misses": misses, "false_positives": false_pos,
    }


# -- PLOVER ---------------------------------------------------------------------------

def plover_gold(record: dict[str, Any]) -> list[SentenceGold]:
    out = []
    for e in record.get("expected_events") or []:
        label = e.get("event_plover_current") or e.get("event")
        if not label:
            continue
        out.append(SentenceGold(
            label=label,
            sources=tuple(a["code"] for a in e.get("actor") or [] if a.get("code")),
            targets=tuple(a["code"] for a in e.get("recipient") or [] if a.get("code"))))
    return out


def plover_preds(events: list[Event]) -> list[Labelled]:
    return [Labelled(e.plover.event, e.source.code, e.target.code) for e in events
            if e.polarity != "negated" and e.plover is not None and e.plover.event]


# -- PETRARCH-2 -----------------------------------------------------------------------

def polity(code: str | None) -> str:
    """First three letters of a CAMEO actor code ('GUYJUD' -> 'GUY', 'IGOEUREEC' -> 'IGO')."""
    return (code or "")[:3]


def petrarch_gold(record: dict[str, Any]) -> list[SentenceGold]:
    if record.get("expect_no_events"):
        return []
    out = []
    for e in record.get("expected_events") or []:
        code = str(e.get("code") or "")
        if len(code) < 2:
            continue
        src, tgt = polity(e.get("source")), polity(e.get("target"))
        out.append(SentenceGold(label=code[:2], sources=(src,) if src else (),
                                targets=(tgt,) if tgt else ()))
    return out


def petrarch_preds(events: list[Event]) -> list[Labelled]:
    # our codes are polities already; organisation codes stay whole so IGO can match them
    return [Labelled(e.cameo[:2], e.source.code, e.target.code) for e in events
            if e.polarity != "negated" and e.cameo and len(e.cameo) >= 2]
