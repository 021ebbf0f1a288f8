"""Publication dates: parse a date field, find a date line near the top of a text."""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:" + "|".join(d.lower() for d in calendar.day_name) + r"|" + \
    "|".join(d.lower() for d in calendar.day_abbr) + r")\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_FORMS = [
    rf"{_YEAR}-(?P<mnum>\d\d)-(?P<day>\d\d)(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?",
    rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}",
    rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}",
    rf"(?P<day>\d{{1,2}})/(?P<mnum>\d{{1,2}})/{_YEAR}",  # day first, as most of the world
]
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}|\s*[+-]\d\d:?\d\d)?)?"
_LABEL = r"(?:(?:date|dated|published|posted|updated|last updated|first published)\s*(?:on)?\s*[:\-–]?\s*)"
# A line that is only a date (with an optional label and time), or a labelled date
# that starts a line and is followed by the article text.
_ONLY = [re.compile(rf"^\s*{_LABEL}?{f}{_TIME}\s*\.?\s*$", re.I) for f in _FORMS]
_LEADING = [re.compile(rf"^\s*{_LABEL}{f}(?=\s|$)", re.I) for f in _FORMS]
TOP_LINES = 15
TOP_CHARS = 2000


def _build(match: re.Match) -> date | None:
    g = match.groupdict()
    month = int(g["mnum"]) if g.get("mnum") else _MONTHS.get((g.get("month") or "").lower())
    try:
        return date(int(g["year"]), int(month), int(g["day"]))
    except (TypeError, ValueError):
        return None


def date_in_text(text: str) -> date | None:
    """The date of a date line among the first lines of a text, or None."""
    head = text[:TOP_CHARS].splitlines()[:TOP_LINES]
    for line in head:
        if len(line) > 200:
            line = line[:200]
        for pattern in _ONLY:
            m = pattern.match(line)
            if m and (found := _build(m)):
                return found
        for pattern in _LEADING:
            m = pattern.match(line)
            if m and (found := _build(m)):
                return found
    return None


def parse_date(value) -> date | None:
    """A date from an ISO string, an RFC 822 date (feeds, HTTP) or a date/datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for pattern in _ONLY:
        m = pattern.match(text)
        if m and (found := _build(m)):
            return found
    return None
