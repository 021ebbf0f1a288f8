"""Readable tables of suite results (the JSON form is the result dicts themselves)."""
from __future__ import annotations

from typing import Any

# the headline figures of each kind, in table order
HEADLINE = {
    "articles": ["precision", "recall", "f1", "date_accuracy", "tp", "fp", "fn", "neutral",
                 "negative_false_positives"],
    "mixed": ["false_per_100", "false_events", "negative_documents", "found_rate",
              "found_rate_strict"],
    "plover": ["type_f1", "type_precision", "type_recall", "typed_f1", "typed_precision",
               "typed_recall"],
    "petrarch": ["root_f1", "root_precision", "root_recall", "typed_f1", "typed_precision",
                 "typed_recall", "no_event_false_labels"],
}


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3f}" if v <= 1.0 else f"{v:.2f}"
    return str(v)


def _cut(text: str, n: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def summary_table(results: list[dict[str, Any]]) -> str:
    lines = []
    for r in results:
        figures = "  ".join(f"{k}={_fmt(r[k])}" for k in HEADLINE[r["kind"]] if k in r)
        extra = f"  failures={len(r['failures'])}" if r.get("failures") else ""
        lines.append(f"{r['suite']:<9} {figures}{extra}  ({r['seconds']}s)")
    return "\n".join(lines)


def per_type_table(result: dict[str, Any], key: str = "per_type", head: str = "type") -> str:
    rows = [f"  {head:<22} {'tp':>4} {'fp':>4} {'fn':>4}   {'P':>5} {'R':>5} {'F1':>5}"]
    for t, c in result.get(key, {}).items():
        rows.append(f"  {t:<22} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4}   "
                    f"{c['precision']:>5.2f} {c['recall']:>5.2f} {c['f1']:>5.2f}")
    return "\n".join(rows)


def details(result: dict[str, Any]) -> str:
    """Misses and false positives, with their sentences."""
    out = []
    kind = result["kind"]
    if kind == "articles":
        out.append(per_type_table(result))
        out.append(per_type_table(result, "per_polarity", "polarity"))
        out.append(f"  background recall {result.get('background_recall', 0):.3f}")
        out.append(f"  actor accuracy {result.get('actor_accuracy', 0):.3f} (source and target "
                   f"right, of {result.get('actor_events_found', 0)} gold events whose type "
                   f"was found in their sentence)")
    for title, key in (("misses", "misses"), ("false positives", "false_positives"),
                       ("wrong dates", "wrong_dates"), ("failures", "failures")):
        items = result.get(key) or []
        if not items:
            continue
        out.append(f"  {title} ({len(items)}):")
        for it in items:
            out.append("    " + _item(kind, it))
    return "\n".join(out)


def _item(kind: str, it: dict[str, Any]) -> str:
    if "error" in it:
        return f"{it['id']}: {it['error']}"
    if kind in ("plover", "petrarch"):
        labels = it.get("missed") or it.get("false")
        return f"{it['id']} gold={it['gold']} {'missed' if 'missed' in it else 'false'}={labels}: {_cut(it['text'])}"
    head = f"[{it['doc']}] {it['source']} {it['type']} {it['target']} ({it.get('polarity', 'asserted')}"
    head += f", {it.get('date')}" if "date" in it else ""
    head += f", gold {it['gold_date']}" if "gold_date" in it else ""
    head += ", optional" if it.get("optional") else ""
    head += ", borderline" if it.get("borderline") else ""
    text = it.get("sentence") or it.get("evidence") or ""
    return f"{head}): {_cut(text)}"


def render(results: list[dict[str, Any]], problems: list[str] | None, show_details: bool) -> str:
    parts = [summary_table(results)]
    if show_details:
        for r in results:
            d = details(r)
            if d:
                parts.append(f"\n{r['suite']}:\n{d}")
    if problems is not None:
        if problems:
            parts.append("\ngate FAILED:\n" + "\n".join(f"  {p}" for p in problems))
        else:
            parts.append("\ngate passed")
    return "\n".join(parts)
