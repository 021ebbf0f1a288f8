"""Event type -> CAMEO code and PLOVER event/mode, read from data/crosswalk.csv."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from ..model import Plover



@lru_cache(maxsize=1)
def roots() -> dict[str, str | None]:
    """CAMEO root (two digits) -> PLOVER event, for patterns of type "other"."""
    path = resources.files("diplograph").joinpath("data/cameo_roots.csv")
    with path.open(encoding="utf-8") as fh:
        return {row["root"]: (row["plover_event"] or None) for row in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def table() -> dict[str, dict[str, str]]:
    path = resources.files("diplograph").joinpath("data/crosswalk.csv")
    with path.open(encoding="utf-8") as fh:
        return {row["type"]: row for row in csv.DictReader(fh)}


def cameo_for(type_: str, override: str | None = None) -> str | None:
    if override:
        return override
    row = table().get(type_)
    return (row or {}).get("cameo") or None


def plover_for(type_: str, cameo: str | None = None) -> Plover | None:
    row = table().get(type_) or {}
    event = row.get("plover_event") or None
    mode = row.get("plover_mode") or None
    if type_ == "other" and cameo:
        event = roots().get(cameo[:2])
    if event is None:
        return None
    return Plover(event=event, mode=mode, context=["diplomatic"] if type_ != "other" else [])
