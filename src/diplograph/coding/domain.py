"""Domain guard: diplomatic events need polities or organisations on both sides.

A governor's veto, a federation sanctioning a club, a company cutting ties with a supplier
or a party expelling a candidate are not diplomacy. The lists live in
data/patterns/lexicon.json.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from ..nlp.coref import Hit
from .patterns import Pattern

FIXED = {"UNSC": "United Nations Security Council", "UN": "United Nations",
         "UNGA": "United Nations General Assembly"}


@lru_cache(maxsize=1)
def lexicon() -> dict:
    path = resources.files("diplograph").joinpath("data/patterns/lexicon.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: (v if isinstance(v, dict) else set(v)) for k, v in data.items()}


class _Fixed:
    def __init__(self, code: str):
        self.code = code
        self.name = FIXED.get(code, code)
        self.role = None
        self.wikidata = None
        self.kind = "org"


def fixed_actor(code: str, start: int) -> Hit:
    try:
        from ..nlp.actors import lookup
        found = lookup(code)
    except Exception:  # the actor index may not know the code: a plain stand-in
        found = None
    return Hit(actor=found or _Fixed(code), text=FIXED.get(code, code), start=start, how="fixed")


def admissible(p: Pattern, s: Hit, t: Hit) -> bool:
    lx = lexicon()
    if not s.actor or not t.actor or s.actor.code == t.actor.code:
        return False
    for h in (s, t):
        if getattr(h.actor, "kind", None) in lx["excluded_kinds"]:
            return False
    if getattr(s.actor, "role", None) in lx["excluded_roles"]:
        return False
    if p.exclude_roles and getattr(s.actor, "role", None) in p.exclude_roles:
        return False
    return True
