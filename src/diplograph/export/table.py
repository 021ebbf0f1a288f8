"""A terminal table of graph events (merge counts included)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from .flat import as_dict

COLS = [("doc", 8), ("date", 10), ("type", 20), ("source", 7), ("target", 7),
        ("polarity", 14), ("bg", 2), ("rep", 3), ("src", 3), ("evidence", 60)]


def write_table(events: Iterable[Any], out: TextIO) -> int:
    out.write("  ".join(name.ljust(w) for name, w in COLS).rstrip() + "\n")
    n = 0
    for ev in events:
        d = as_dict(ev)
        text = " ".join(((d.get("evidence") or {}).get("sentence") or "").split())
        vals = [(d.get("doc_id") or "")[:8], d.get("date") or "-", d["type"],
                d["source"]["code"], d["target"]["code"], d["polarity"],
                "y" if d.get("background") else "", d.get("num_mentions", 1),
                d.get("num_sources", 1),
                text[:57] + ("..." if len(text) > 57 else "")]
        out.write("  ".join(str(v).ljust(w) for v, (_, w) in zip(vals, COLS)).rstrip() + "\n")
        n += 1
    return n
