"""Time expressions: resolve the text of a date mention against the publication date.

``resolve("on Wednesday", date(2022, 7, 18))`` gives ``Timex("2022-07-13", "day", ...)``.
Explicit rules come first (they fix the precision the text supports and never read
names such as "Sun" or "May" in "Theresa May" as dates); dateparser is the fallback for
absolute dates the rules do not cover, cached and restricted to date-looking strings.

Conventions (news is mostly past tense):
- a bare weekday is the most recent such day on or before publication ("on Monday" in a
  Monday article is that day); "last Monday" is strictly before; future context
  ("will meet on Monday", "next Monday") looks forward;
- a month or month-day without a year takes the year that puts it nearest publication,
  preferring the past;
- "last week", "this week", "earlier this month", "N weeks ago" give month precision;
- vague words ("recently", "soon", "now"), durations ("two years", "decades"), ages and
  times of day alone give None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

__all__ = ["Timex", "resolve"]


@dataclass(frozen=True)
class Timex:
    """A resolved time expression: ``date`` is 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'."""

    date: str
    precision: str  # day | month | year
    text: str


MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "a few": 3, "few": 3, "several": 3, "a couple of": 2, "couple of": 2}

_MONTH = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH2 = r"(?P<mon2>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[6-9]\d\d|20\d\d|21\d\d)"
_WEEKDAY = r"(?P<wd>" + "|".join(WEEKDAYS) + r")"
_NUM = r"(?P<num>\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"

# words that may lead a date mention and carry no meaning for the date
_LEAD_WORDS = (
    "on", "in", "at", "since", "from", "by", "until", "till", "as of", "as early as",
    "as late as", "back in", "during", "throughout", "before", "after", "around", "about",
    "circa", "of", "for", "the", "late", "early", "mid", "earlier", "later", "sometime",
    "some time", "only", "just", "also", "already", "ever since", "dated", "date",
    "the end of", "the start of", "the beginning of", "the middle of", "the first half of",
    "the second half of", "the autumn of", "the spring of", "the summer of", "the winter of",
    "the fall of", "autumn", "spring", "summer", "winter", "the first week of",
    "the last week of", "the weekend of", "the night of", "the morning of",
    "the evening of", "the afternoon of", "end of", "start of", "beginning of", "middle of",
)
# words that may lead a date mention and carry no meaning for the date (longest first)
_LEAD = re.compile(r"^(?:(?:" + "|".join(
    re.escape(w) for w in sorted(_LEAD_WORDS, key=len, reverse=True)) + r")(?:\s+|-))+")
_TRAIL = re.compile(
    r"(?:[\s,]+(?:morning|afternoon|evening|night|midday|noon|local time|"
    r"at \d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)?|\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|"
    r"gmt|utc|et|est|bst|cet))+$")
_VAGUE = re.compile(
    r"^(?:recently|soon|now|currently|lately|nowadays|today's|these days|at present|"
    r"presently|later|shortly|previously|earlier|before|after|then|once|eventually|"
    r"in the future|in the past|the past|the future|the same day|that day|the next day|"
    r"the following day|the previous day|the day before|the day after|a day after|"
    r"a day later|a day earlier|days later|weeks later|the coming (?:days|weeks|months)|"
    r"in the coming (?:days|weeks|months|years)|in recent (?:days|weeks|months|years)|"
    r"recent (?:days|weeks|months|years)|annual|annually|daily|weekly|monthly|yearly)$")
_DURATION = re.compile(
    r"\b(?:\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r"|many|more than|"
    r"over|nearly|almost|about|some|the past|the last|the next|past|last|next|for)"
    r"\s+(?:\w+\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|"
    r"centuries|century)\b")
_AGE = re.compile(r"\b(?:\d+|[a-z]+)[- ]years?[- ]old\b|\baged?\s+\d+|\bthe age of\b")
_TIME_ONLY = re.compile(r"^(?:\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?|o'clock|hours?|h)|"
                        r"\d{1,2}:\d\d|midnight|noon|midday|dawn|dusk)$")
_FUTURE = re.compile(r"\b(?:will|shall|would|is to|are to|is due|are due|is set to|are set to|"
                     r"is expected|are expected|expects?|plans?|planned|scheduled|"
                     r"intends?|to be held|upcoming|coming|next)\b")
_CLAUSE = re.compile(r"[,;:()]|\b(?:and|but|said|says|after|before|when|while)\b")


def _norm(text: str) -> str:
    t = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u00a0", " ")
    t = re.sub(r"[\u2019']s\b", "", t)  # "Wednesday's"
    t = re.sub(r"\s*[()\[\]]\s*", ", ", t)  # "Tuesday (July 12)"
    t = re.sub(r"(?:,\s*)+", ", ", t)
    t = re.sub(r"\s+", " ", t.strip().lower())
    return t.strip(" .,;:()[]\"'\u201c\u201d")


def _iso(d: date, precision: str) -> str:
    if precision == "day":
        return d.isoformat()
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def _shift_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + (d.month - 1) + months, 12)
    return date(y, m + 1, 1)


def _num(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _nearest_year(month: int, day: int | None, pub: date, future: bool | None) -> date | None:
    """The year that puts month(-day) nearest the publication date, the past preferred."""
    best, best_cost = None, None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        cand = _safe_date(y, month, day or 1)
        if cand is None:
            continue
        if day is None and y == pub.year and month == pub.month:
            return cand  # "in July" in a July article
        delta = (cand - pub).days
        ahead = delta > 0
        if future is False and ahead:
            continue
        # without a hint the past is strongly preferred (news reports what happened)
        weight = (2 if not ahead else 1) if future else (6 if ahead else 1)
        cost = abs(delta) * weight
        if best_cost is None or cost < best_cost:
            best, best_cost = cand, cost
    return best


def _future_hint(text: str, context: object) -> bool | None:
    """True when the context says the expression is ahead of publication."""
    if context is None:
        return None
    if isinstance(context, str) and context in ("future", "past"):
        return context == "future"
    if hasattr(context, "sent") and hasattr(context, "start_char"):
        # a spaCy Span of the expression itself: its sentence up to where it starts
        sent_span = context.sent
        before = sent_span.doc.text[sent_span.start_char:context.start_char].lower()
    else:
        sent = str(context).lower()
        pos = sent.find(text.lower().strip())
        before = sent[:pos] if pos >= 0 else sent
    # only the clause that leads up to the expression
    parts = _CLAUSE.split(before)
    clause = parts[-1] if parts else before
    if len(clause.split()) > 12:
        clause = " ".join(clause.split()[-12:])
    return bool(_FUTURE.search(clause))


def _weekday(wd: int, pub: date, mode: str, future: bool | None) -> date:
    back = (pub.weekday() - wd) % 7
    if mode == "next" or (mode in ("", "this") and future):
        ahead = (wd - pub.weekday()) % 7
        if mode == "next" and ahead == 0:
            ahead = 7
        return pub + timedelta(days=ahead)
    if mode == "last" and back == 0:
        back = 7
    return pub - timedelta(days=back)


def _relative(t: str, pub: date, future: bool | None) -> tuple[date, str] | None:
    """Expressions that need the publication date; returns (date, precision)."""
    if t in ("today", "this morning", "this afternoon", "this evening", "tonight",
             "earlier today", "later today", "today morning", "this day"):
        return pub, "day"
    if t in ("yesterday", "last night", "yesterday morning", "yesterday afternoon",
             "yesterday evening", "overnight"):
        return pub - timedelta(days=1), "day"
    if t == "the day before yesterday":
        return pub - timedelta(days=2), "day"
    if t in ("tomorrow", "tomorrow morning"):
        return pub + timedelta(days=1), "day"
    if t == "the day after tomorrow":
        return pub + timedelta(days=2), "day"
    m = re.fullmatch(r"(?:(?P<mode>last|this|next|this coming|this past|past|coming) )?"
                     + _WEEKDAY, t)
    if m:
        mode = (m.group("mode") or "").replace("this past", "last").replace("past", "last")
        mode = mode.replace("this coming", "next").replace("coming", "next")
        return _weekday(WEEKDAYS[m.group("wd")], pub, mode, future), "day"
    m = re.fullmatch(r"(?:earlier |later |late |early )?(?:this|the same) (?P<unit>week|month|year)"
                     r"|(?P<unit2>week|month|year) to date|(?:earlier|later) in the (?P<unit3>week|month|year)", t)
    if m:
        unit = m.group("unit") or m.group("unit2") or m.group("unit3")
        return pub, {"week": "month", "month": "month", "year": "year"}[unit]
    m = re.fullmatch(r"(?:earlier |late |early |mid-?|the end of |the start of )?"
                     r"(?P<mode>last|next) "
                     r"(?P<unit>week|weekend|month|year)", t)
    if m:
        sign = 1 if m.group("mode") == "next" else -1
        unit = m.group("unit")
        if unit in ("week", "weekend"):
            return pub + timedelta(days=7 * sign), "month"
        if unit == "month":
            return _shift_months(pub, sign), "month"
        return date(pub.year + sign, 1, 1), "year"
    if t in ("over the weekend", "at the weekend", "this weekend", "the weekend", "weekend"):
        sat = pub - timedelta(days=(pub.weekday() - 5) % 7)
        return sat, "month"
    m = re.fullmatch(_NUM + r" (?P<unit>days?|weeks?|months?|years?) (?P<dir>ago|from now|hence)", t)
    if m:
        n = _num(m.group("num"))
        sign = 1 if m.group("dir") in ("from now", "hence") else -1
        unit = m.group("unit").rstrip("s")
        if unit == "day":
            return pub + timedelta(days=n * sign), "day"
        if unit == "week":
            return pub + timedelta(days=7 * n * sign), "month"
        if unit == "month":
            return _shift_months(pub, n * sign), "month"
        return date(pub.year + n * sign, 1, 1), "year"
    m = re.fullmatch(r"(?:last|this|next) (?P<mon>" + "|".join(MONTHS) + r")", t)
    if m:
        mon = MONTHS[m.group("mon")]
        mode = t.split()[0]
        if mode == "last":
            y = pub.year if mon < pub.month else pub.year - 1
        elif mode == "next":
            y = pub.year if mon > pub.month else pub.year + 1
        else:
            y = pub.year
        return date(y, mon, 1), "month"
    return None


def _absolute(t: str, pub: date | None, future: bool | None) -> tuple[date, str] | None:
    """Expressions that carry their own month or year (publication fills a missing year)."""
    m = re.fullmatch(r"(?P<year>\d{4})[-/.](?P<m>\d\d?)[-/.](?P<d>\d\d?)(?:t[\d:.]+z?)?", t)
    if m:
        d = _safe_date(int(m.group("year")), int(m.group("m")), int(m.group("d")))
        return (d, "day") if d else None
    m = re.fullmatch(r"(?P<year>\d{4})-(?P<m>\d\d)", t)
    if m and 1 <= int(m.group("m")) <= 12:
        return date(int(m.group("year")), int(m.group("m")), 1), "month"
    m = re.fullmatch(r"(?:(?:the )?fiscal |fy ?)?" + _YEAR, t)
    if m:
        return date(int(m.group("year")), 1, 1), "year"
    wd = r"(?:" + _WEEKDAY + r",? )?"
    # June 5, June 5th 2020, Wednesday, June 5, 2020
    m = re.fullmatch(wd + _MONTH + r" " + _DAY + r"(?:,? " + _YEAR + r")?", t)
    if not m:  # 5 June, 5th of June 2020, Wednesday 5 June
        m = re.fullmatch(wd + r"(?:the )?" + _DAY + r"(?: of)? " + _MONTH + r"(?:,? " + _YEAR + r")?", t)
    if m:
        mon, day = MONTHS[m.group("mon")], int(m.group("day"))
        if not 1 <= day <= 31:
            return None
        if m.group("year"):
            d = _safe_date(int(m.group("year")), mon, day)
            return (d, "day") if d else None
        if pub is None:
            return None
        d = _nearest_year(mon, day, pub, future)
        return (d, "day") if d else None
    # June 2021, June of 2021, mid-June 2021
    m = re.fullmatch(_MONTH + r",? (?:of )?" + _YEAR, t)
    if m:
        return date(int(m.group("year")), MONTHS[m.group("mon")], 1), "month"
    m = re.fullmatch(_MONTH, t)
    if m and pub is not None:
        d = _nearest_year(MONTHS[m.group("mon")], None, pub, future)
        return (d, "month") if d else None
    # the first quarter of 2020, summer 2019 (after the lead words are gone: "2019")
    m = re.fullmatch(r"(?:the )?(?:first|second|third|fourth|1st|2nd|3rd|4th|q[1-4]) ?(?:quarter )?(?:of )?"
                     + _YEAR, t)
    if m:
        return date(int(m.group("year")), 1, 1), "year"
    return None


def _split_first(t: str) -> tuple[str, str | None]:
    """'may 1 and may 24, 2020' -> ('may 1', '2020'): the first of several dates."""
    parts = re.split(r"\s*(?:,? and |,? or | to | through | until |-|/| & )\s*", t)
    if len(parts) < 2:
        return t, None
    first = parts[0]
    years = re.findall(r"\b(1[6-9]\d\d|20\d\d)\b", t)
    year = years[-1] if years and not re.search(r"\b(1[6-9]\d\d|20\d\d)\b", first) else None
    return first, year


def _strip(t: str) -> str:
    t = _TRAIL.sub("", t)
    prev = None
    while prev != t:
        prev = t
        t = _LEAD.sub("", t).strip(" ,")
        t = _TRAIL.sub("", t).strip(" ,")
        t = re.sub(r"^(?:between|from) ", "", t)
    return t


@lru_cache(maxsize=4096)
def _resolve(text: str, pub: date | None, future: bool | None) -> tuple[str, str] | None:
    t = _norm(text)
    if not t or len(t) > 80:
        return None
    if _AGE.search(t) or _TIME_ONLY.match(t):
        return None
    # "back in 2014" / "ago" must survive the duration check; durations alone are not dates
    if _DURATION.search(t) and not re.search(r"\b(?:ago|from now|hence)$", t) \
            and not re.fullmatch(r"(?:last|next) (?:week|weekend|month|year)", _strip(t)):
        return None
    if re.search(r"\b\d{3}0s\b|\bdecades?\b|\bcentur(?:y|ies)\b", t):
        return None
    if _VAGUE.match(t):
        return None
    core = _strip(t)
    if not core or _VAGUE.match(core) or _TIME_ONLY.match(core):
        return None
    for cand, year in ((core, None), _split_first(core)):
        if year:
            cand = f"{cand} {year}"
        hit = None
        if pub is not None:
            hit = _relative(cand, pub, future)
        if hit is None:
            hit = _absolute(cand, pub, future)
        if hit is not None:
            d, precision = hit
            return _iso(d, precision), precision
    return _dateparser_fallback(core, pub, future)


_DATEISH = re.compile(r"^(?:[\d\s,./-]|st\b|nd\b|rd\b|th\b|of\b|the\b|" + "|".join(
    sorted(list(MONTHS) + list(WEEKDAYS), key=len, reverse=True)) + r")+$")


def _dateparser_fallback(core: str, pub: date | None, future: bool | None) -> tuple[str, str] | None:
    """dateparser for absolute forms the rules miss (e.g. '13.06.2017'); only date-ish strings."""
    if not _DATEISH.match(core) or not re.search(r"\d", core):
        return None
    # a month name or a numeric d.m.y date, never a bare ordinal ("the 41st")
    if not (any(re.search(rf"\b{m}\b", core) for m in MONTHS)
            or re.search(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}", core)):
        return None
    if not re.search(r"\b(1[6-9]\d\d|20\d\d)\b", core) and pub is None:
        return None
    got = _dateparser_parse(core, pub, future)
    if got is None:
        return None
    has_day = bool(re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", re.sub(r"\b\d{4}\b", "", core))) or \
        bool(re.search(r"\d[./-]\d", core))
    has_month = has_day or any(re.search(rf"\b{m}\b", core) for m in MONTHS)
    precision = "day" if has_day and has_month else "month" if has_month else "year"
    return _iso(got, precision), precision


@lru_cache(maxsize=4096)
def _dateparser_parse(core: str, pub: date | None, future: bool | None) -> date | None:
    import dateparser  # slow to import; only when the rules fail

    settings = {"PREFER_DATES_FROM": "future" if future else "past",
                "PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY",
                "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False}
    if pub is not None:
        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
    try:
        got = dateparser.parse(core, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd strings
        return None
    return got.date() if got else None


# resolve() finds a date only in text holding one of these: a four-digit year, a numeric
# d.m.y date, a month or weekday name, or a word of its relative rules (every rule above
# and the dateparser fallback each need one); callers skip text without any
CUE = re.compile(
    r"\d{4}|\d[./-]\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?=\W|$)|"
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:today|tonight|yesterday|tomorrow|overnight|"
    r"mornings?|afternoons?|evenings?|nights?|days?|weeks?|weekends?|months?|years?|ago|hence)\b",
    re.IGNORECASE)


def may_hold_date(text: str) -> bool:
    """False when :func:`resolve` can find no date in ``text`` or any part of it."""
    return CUE.search(text) is not None


def resolve(text: str, published: date | None, *, context: object = None) -> Timex | None:
    """Resolve a time expression against the publication date; None when it names no date.

    ``context`` is the spaCy Span of the expression (best: its own sentence is used up to
    where it starts), the sentence text that holds it, or "past"/"future"; it only decides
    whether a bare weekday, month or month-day looks ahead of publication.
    """
    if not text or not isinstance(text, str):
        return None
    if isinstance(published, datetime):
        published = published.date()
    future = _future_hint(text, context)
    try:
        hit = _resolve(text, published, future)
    except (ValueError, OverflowError):  # "4899880 years ago": off the calendar, no date
        return None
    if hit is None:
        return None
    return Timex(date=hit[0], precision=hit[1], text=text.strip())
