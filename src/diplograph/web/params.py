"""Query parameters shared by the API and the pages, validated once (bad ones give 422)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated

from fastapi import Query

from ..model import EVENT_TYPES, POLARITIES

MAX_PER_PAGE = 500
DEFAULT_PER_PAGE = 50
MAX_DOWNLOAD_ROWS = 100_000
MAX_QUERY_CHARS = 200


class Format(str, Enum):
    json = "json"
    csv = "csv"
    jsonl = "jsonl"


class BadParameter(ValueError):
    """A parameter that passed the pattern but is no real date; answered with 422."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name
        self.message = message


def check_date(name: str, value: str | None) -> str | None:
    """Refuse a well-shaped but impossible date (2022-13-40)."""
    if not value:  # None or "" (an empty form field): no date
        return None
    parts = value.split("-")
    try:
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
             int(parts[2]) if len(parts) > 2 else 1)
    except ValueError as exc:
        raise BadParameter(name, f"{name}={value!r} is not a date: {exc}") from exc
    return value


AsOf = Annotated[str | None, Query(pattern=r"^(\d{4}-\d{2}-\d{2})?$",
                                   description="YYYY-MM-DD (default: today)")]
# Filters accept "" as "no filter": HTML forms send every field, empty or not.
OPT_PARTIAL = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
Since = Annotated[str | None, Query(pattern=OPT_PARTIAL, description="YYYY[-MM[-DD]], inclusive")]
Until = Annotated[str | None, Query(pattern=OPT_PARTIAL, description="YYYY[-MM[-DD]], inclusive")]
Text = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="words to look for")]
Code = Annotated[str | None, Query(max_length=40, pattern=r"^[A-Za-z0-9_.-]*$",
                                   description="actor code, e.g. RUS")]
Page = Annotated[int, Query(ge=1, le=100_000, description="page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE,
                               description=f"rows a page (at most {MAX_PER_PAGE})")]
Fmt = Annotated[Format, Query(description="json (default), or csv / jsonl to download")]


@dataclass
class EventFilters:
    source: str | None = None
    target: str | None = None
    type: str | None = None
    polarity: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None

    def as_kwargs(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "")}

    def query_string(self) -> dict:
        return self.as_kwargs()


TypeParam = Annotated[str | None, Query(pattern="^(" + "|".join(EVENT_TYPES) + ")?$",
                                        description="event type: " + ", ".join(EVENT_TYPES))]
PolarityParam = Annotated[str | None, Query(pattern="^(" + "|".join(POLARITIES) + ")?$",
                                            description="polarity: " + ", ".join(POLARITIES))]


def event_filters(source: Code = None, target: Code = None,
                  type: TypeParam = None,  # noqa: A002
                  polarity: PolarityParam = None,
                  since: Since = None, until: Until = None, q: Text = None) -> EventFilters:
    return EventFilters(
        source=source.upper() if source else None, target=target.upper() if target else None,
        type=type or None, polarity=polarity or None,
        since=check_date("since", since or None), until=check_date("until", until or None),
        q=q or None)
