"""Events (model.Event or the graph's dicts) as plain dicts and flat rows."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

FLAT_COLUMNS = ["id", "doc_id", "type", "cameo", "plover", "plover_mode", "source", "source_role",
                "source_name", "target", "target_role", "target_name", "date", "date_precision",
                "date_text", "polarity", "background", "scope", "subject", "confidence",
                "num_mentions", "num_sources", "first_report", "last_report", "sentence",
                "start", "end", "urls"]


def as_dict(ev: Any) -> dict:
    """The event contract as a dict, from a model.Event or an already-made dict."""
    if isinstance(ev, dict):
        return ev
    return ev.to_dict()


def as_dicts(events: Iterable[Any]) -> Iterator[dict]:
    for ev in events:
        yield as_dict(ev)


def urls_of(ev: dict) -> list[str]:
    return list(dict.fromkeys(m["url"] for m in ev.get("mentions") or [] if m.get("url")))


def outlets_of(ev: dict) -> list[str]:
    return list(dict.fromkeys(m["outlet"] for m in ev.get("mentions") or [] if m.get("outlet")))


def flat_row(ev: Any) -> dict:
    d = as_dict(ev)
    src, tgt = d.get("source") or {}, d.get("target") or {}
    pl = d.get("plover") or {}
    evid = d.get("evidence") or {}
    return {
        "id": d.get("id"), "doc_id": d.get("doc_id"), "type": d.get("type"),
        "cameo": d.get("cameo"), "plover": pl.get("event"), "plover_mode": pl.get("mode"),
        "source": src.get("code"), "source_role": src.get("role"), "source_name": src.get("name"),
        "target": tgt.get("code"), "target_role": tgt.get("role"), "target_name": tgt.get("name"),
        "date": d.get("date"), "date_precision": d.get("date_precision"),
        "date_text": d.get("date_text"), "polarity": d.get("polarity"),
        "background": bool(d.get("background")), "scope": d.get("scope"),
        "subject": d.get("subject"), "confidence": d.get("confidence"),
        "num_mentions": d.get("num_mentions", 1), "num_sources": d.get("num_sources", 1),
        "first_report": d.get("first_report"), "last_report": d.get("last_report"),
        "sentence": evid.get("sentence"), "start": evid.get("start"), "end": evid.get("end"),
        "urls": " ".join(urls_of(d)),
    }


def write_csv(events: Iterable[Any], out) -> int:
    """CSV: one flat row per event (graph events carry merge counts and URLs)."""
    import csv

    writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS)
    writer.writeheader()
    n = 0
    for ev in events:
        writer.writerow(flat_row(ev))
        n += 1
    return n
