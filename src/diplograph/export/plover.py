"""PLOVER JSONL: one record a line in the layout of the PLOVER manual.

{"id", "date", "actor": [...], "recipient": [...], "event", "mode", "context",
 "text_info": {...}, "cite_info": {...}} -- actors and recipients are lists (PLOVER allows
several) with codes, roles, names and Wikidata IDs.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from .flat import as_dict


def _actor(ref: dict, wikidata: dict[str, str | None]) -> dict:
    return {"name": ref.get("name") or ref.get("text") or ref.get("code"),
            "code": ref.get("code"), "role": ref.get("role"), "text": ref.get("text"),
            "wikidata": ref.get("wikidata") or wikidata.get(ref.get("code") or "")}


def plover_record(ev: Any, wikidata: dict[str, str | None] | None = None) -> dict:
    wikidata = wikidata or {}
    wd = {}
    if not isinstance(ev, dict):  # model.Event keeps Wikidata IDs on its ActorRefs
        wd = {ev.source.code: ev.source.wikidata, ev.target.code: ev.target.wikidata}
    d = as_dict(ev)
    wd = {**wikidata, **{k: v for k, v in wd.items() if v}}
    pl = d.get("plover") or {}
    context = pl.get("context") or []
    evidence = d.get("evidence") or {}
    mentions = d.get("mentions") or []
    first = mentions[0] if mentions else {}
    return {
        "id": d.get("id"),
        "date": d.get("date"),
        "date_precision": d.get("date_precision"),
        "actor": [_actor(d.get("source") or {}, wd)],
        "recipient": [_actor(d.get("target") or {}, wd)],
        "event": pl.get("event"),
        "mode": pl.get("mode") or "",
        "context": context if isinstance(context, list) else [context],
        "polarity": d.get("polarity"),
        "cameo": d.get("cameo"),
        "text_info": {"sentence": evidence.get("sentence"), "start": evidence.get("start"),
                      "end": evidence.get("end"), "date_text": d.get("date_text"),
                      "doc_id": d.get("doc_id"), "background": d.get("background"),
                      "confidence": d.get("confidence")},
        "cite_info": {"url": first.get("url"), "outlet": first.get("outlet"),
                      "title": first.get("title"), "report_date": first.get("report_date"),
                      "urls": [m.get("url") for m in mentions if m.get("url")],
                      "num_mentions": d.get("num_mentions", 1),
                      "num_sources": d.get("num_sources", 1)},
    }


def write_plover(events: Iterable[Any], out: TextIO, wikidata: dict | None = None) -> int:
    """Write events (model.Event or graph dicts) as PLOVER JSONL; returns the count."""
    n = 0
    for ev in events:
        out.write(json.dumps(plover_record(ev, wikidata), ensure_ascii=False) + "\n")
        n += 1
    return n
