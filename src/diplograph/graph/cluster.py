"""Which reports are the same event: date arithmetic and the merge rule (pure functions).

A claim is (source, target, type, polarity, scope). Two reports of one claim are one event
when their dates are compatible (see ``compatible``); docs/graph.md explains the windows.
"""
from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

RANK = {"year": 1, "month": 2, "day": 3}
DAY_SLACK = 1  # two day-precise reports one day apart: time zones, "on Wednesday" resolution
UNDATED_WINDOW = 7  # an undated report joins a dated event reported within a week of it
# One-off changes of state: an undated mention ("X, which recognised Y, ...") refers to the
# latest such change before the report, however long ago.
STATE_TYPES = frozenset({"recognize", "withdraw_recognition", "establish_relations",
                         "sever_relations", "restore_relations", "downgrade_relations"})


def precision_of(value: str | None) -> str | None:
    if not value:
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(value))


def bounds(value: str | None, precision: str | None = None) -> tuple[str, str] | tuple[None, None]:
    """First and last day an ISO date of any precision covers."""
    if not value:
        return None, None
    precision = precision or precision_of(value)
    try:
        if precision == "year" or len(value) == 4:
            y = int(value[:4])
            return f"{y:04d}-01-01", f"{y:04d}-12-31"
        if precision == "month" or len(value) == 7:
            y, m = int(value[:4]), int(value[5:7])
            return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
        d = date.fromisoformat(value[:10])
        return d.isoformat(), d.isoformat()
    except ValueError:
        return None, None


def normal_date(value: str | None, precision: str | None) -> tuple[str | None, str | None]:
    """A date cut to its precision ('2022-07-13', 'month' -> '2022-07'); bad dates -> None."""
    if not value:
        return None, None
    precision = precision if precision in RANK else precision_of(value)
    if precision is None:
        return None, None
    cut = {"year": 4, "month": 7, "day": 10}[precision]
    if len(value) < cut or bounds(value[:cut], precision) == (None, None):
        return None, None
    return value[:cut], precision


def _shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def contains(outer: str, inner: str) -> bool:
    """Whether the period ``outer`` contains ``inner`` ('2022-07' contains '2022-07-13')."""
    return inner.startswith(outer)


def dates_agree(a: str, b: str) -> bool:
    """Two dated reports of one claim can be the same event."""
    if contains(a, b) or contains(b, a):
        return True
    if len(a) == 10 and len(b) == 10:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= DAY_SLACK
    return False


def compatible(kind: str, mention_date: str | None, report: str | None,
               event_date: str | None, first_report: str | None, last_report: str | None) -> bool:
    """Whether a mention (its date and report date) can join an existing event."""
    if mention_date and event_date:
        return dates_agree(mention_date, event_date)
    if kind in STATE_TYPES:
        if mention_date is None and event_date is not None and report:
            # a background mention refers to a change that happened by its report date
            return bounds(event_date)[0] <= report
        if mention_date is None and event_date is None:
            return True
        # dated mention, undated event: the undated reports must not predate the change
        lo = bounds(mention_date)[0]
        return last_report is None or lo is None or lo <= last_report
    # ordinary events recur (many condemnations): need closeness in time
    if report is None:
        return mention_date is None and event_date is None
    if mention_date is None and event_date is None:
        return _near(report, first_report, last_report)
    dated = mention_date or event_date
    lo, hi = bounds(dated)
    ref_lo, ref_hi = (report, report) if mention_date is None else (first_report, last_report)
    if ref_lo is None:
        return False
    return lo <= ref_hi and ref_lo <= _shift(hi, UNDATED_WINDOW)


def _near(report: str, first: str | None, last: str | None) -> bool:
    if first is None or last is None:
        return False
    return _shift(first, -UNDATED_WINDOW) <= report <= _shift(last, UNDATED_WINDOW)


def pick(kind: str, mention_date: str | None, report: str | None,
         candidates: Sequence[dict]) -> dict | None:
    """The best existing event for a mention: compatible, most precise, nearest in time."""
    fits = [c for c in candidates
            if compatible(kind, mention_date, report, c.get("date"), c.get("first_report"),
                          c.get("last_report"))]
    if not fits:
        return None

    def score(c: dict):
        d = c.get("date")
        exact = 1 if (d and mention_date and d == mention_date) else 0
        anchor = bounds(d)[0] if d else (c.get("last_report") or "")
        if mention_date is None:  # an undated report means the latest fitting event
            return (anchor, RANK.get(precision_of(d), 0))
        return (exact, RANK.get(precision_of(d), 0), anchor)

    return max(fits, key=score)


def best_date(dates: Iterable[str | None]) -> str | None:
    """The most precise date the reports agree on.

    Each candidate date is supported by the reports whose dates agree with it (containment,
    or one day apart). The best is the candidate most reports agree with; among those, the
    most precise, then the one reported exactly most often, then the earliest. Reports that
    disagree on the day thus fall back to the month they share.
    """
    dated = [d for d in dates if d]
    if not dated:
        return None
    candidates = set(dated)
    for d in dated:  # enclosing periods are candidates too
        candidates.add(d[:4])
        if len(d) >= 7:
            candidates.add(d[:7])

    def score(c: str):
        support = sum(1 for d in dated if dates_agree(c, d))
        exact = sum(1 for d in dated if d == c)
        return (support, len(c), exact, [-ord(ch) for ch in c])

    return max(candidates, key=score)
