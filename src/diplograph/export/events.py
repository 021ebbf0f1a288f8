"""Event streams from `diplograph code` in any text format: the graph's writers serve both."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..model import Event
from .graph import export_events


def write_events(events: Iterable[Event], fmt: str, out: TextIO) -> int:
    """Write events in one of the formats of `diplograph code --format`."""
    return export_events(events, fmt, out)
