"""CAMEO TSV in the manner of Phoenix / GDELT event tables, with a header row.

Goldstein scores and quad classes are data: ``data/cameo/goldstein.csv`` and
``data/cameo/roots.csv``.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any, TextIO

from .flat import as_dict, outlets_of, urls_of

COLUMNS = ["EventID", "Date", "Year", "Month", "Day", "DatePrecision",
           "SourceActorFull", "SourceActorEntity", "SourceActorRole", "SourceActorName",
           "TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorName",
           "EventCode", "EventRootCode", "QuadClass", "GoldsteinScale", "EventType", "Polarity",
           "NumMentions", "NumSources", "Sentence", "URLs", "NewsSources"]


def _read(name: str) -> list[dict]:
    path = resources.files("diplograph") / "data" / "cameo" / name
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, float], dict[str, int]]:
    gold = {r["code"]: float(r["goldstein"]) for r in _read("goldstein.csv")}
    quad = {r["root"]: int(r["quad_class"]) for r in _read("roots.csv")}
    return gold, quad


def goldstein(code: str | None) -> float | None:
    """Goldstein score of a CAMEO code: the code's own, else its root's."""
    if not code:
        return None
    gold, _ = tables()
    for key in (code, code[:3], code[:2]):
        if key in gold:
            return gold[key]
    return None


def quad_class(code: str | None) -> int | None:
    if not code:
        return None
    return tables()[1].get(code[:2])


def cameo_row(ev: Any) -> list:
    d = as_dict(ev)
    src, tgt = d.get("source") or {}, d.get("target") or {}
    date = d.get("date") or ""
    parts = date.split("-") + ["", "", ""]
    code = d.get("cameo") or ""

    def full(a):
        return (a.get("code") or "") + (a.get("role") or "")

    urls = urls_of(d)
    outlets = outlets_of(d)
    return [d.get("id"), date.replace("-", ""), parts[0], parts[1], parts[2],
            d.get("date_precision") or "",
            full(src), src.get("code") or "", src.get("role") or "", src.get("name") or "",
            full(tgt), tgt.get("code") or "", tgt.get("role") or "", tgt.get("name") or "",
            code, code[:2], quad_class(code) or "",
            "" if goldstein(code) is None else goldstein(code),
            d.get("type"), d.get("polarity"), d.get("num_mentions", 1), d.get("num_sources", 1),
            " ".join(((d.get("evidence") or {}).get("sentence") or "").split()),
            ";".join(urls), ";".join(outlets)]


def write_cameo(events: Iterable[Any], out: TextIO) -> int:
    """Write events (model.Event or graph dicts) as CAMEO TSV; returns the row count."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    n = 0
    for ev in events:
        writer.writerow(cameo_row(ev))
        n += 1
    return n
