"""JSONL: the event contract, one object a line, plus merge counts and mentions."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from .flat import as_dicts


def write_jsonl(events: Iterable[Any], out: TextIO) -> int:
    n = 0
    for ev in as_dicts(events):
        out.write(json.dumps(ev, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n
