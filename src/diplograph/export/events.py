"""Event streams to text formats: table, jsonl, csv (cameo and plover in their modules)."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from ..model import Event

CSV_COLUMNS = ["id", "doc_id", "type", "cameo", "plover", "source", "source_role", "target",
               "target_role", "date", "date_precision", "date_text", "polarity", "background",
               "scope", "confidence", "sentence", "start", "end"]


def event_row(ev: Event) -> dict:
    return {
        "id": ev.id, "doc_id": ev.doc_id, "type": ev.type, "cameo": ev.cameo,
        "plover": ev.plover.event if ev.plover else None,
        "source": ev.source.code, "source_role": ev.source.role,
        "target": ev.target.code, "target_role": ev.target.role,
        "date": ev.date, "date_precision": ev.date_precision, "date_text": ev.date_text,
        "polarity": ev.polarity, "background": ev.background, "scope": ev.scope,
        "confidence": round(ev.confidence, 3), "sentence": ev.evidence.sentence,
        "start": ev.evidence.start, "end": ev.evidence.end,
    }


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    n = 0
    for ev in events:
        out.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(events: Iterable[Event], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    n = 0
    for ev in events:
        writer.writerow(event_row(ev))
        n += 1
    return n


def write_table(events: Iterable[Event], out: TextIO) -> int:
    cols = [("doc", 8), ("type", 20), ("source", 8), ("target", 8), ("date", 10),
            ("polarity", 14), ("bg", 2), ("evidence", 60)]
    out.write("  ".join(name.ljust(w) for name, w in cols).rstrip() + "\n")
    n = 0
    for ev in events:
        text = " ".join(ev.evidence.sentence.split())
        vals = [ev.doc_id[:8], ev.type, ev.source.code, ev.target.code, ev.date or "-",
                ev.polarity, "y" if ev.background else "", text[:57] + ("..." if len(text) > 57 else "")]
        out.write("  ".join(str(v).ljust(w) for v, (_, w) in zip(vals, cols)).rstrip() + "\n")
        n += 1
    return n


def write_events(events: Iterable[Event], fmt: str, out: TextIO) -> int:
    """Write events in one of the formats of `diplograph code --format`."""
    if fmt == "jsonl":
        return write_jsonl(events, out)
    if fmt == "csv":
        return write_csv(events, out)
    if fmt == "table":
        return write_table(events, out)
    if fmt == "cameo":
        from .cameo import write_cameo
        return write_cameo(events, out)
    if fmt == "plover":
        from .plover import write_plover
        return write_plover(events, out)
    raise ValueError(f"unknown format {fmt!r}")
