"""DATE spans found by rules on a parsed sentence, in place of the entity recogniser.

The fast path parses without the recogniser, and an event's date needs only the date
expressions that :func:`nlp.timex.resolve` can resolve: weekdays ("last Tuesday",
"Tuesday's vote"), month, day and year forms ("3 March 2022", "March 2022", "in 2014",
"mid-2019"), and words relative to publication ("yesterday", "earlier this month",
"two weeks ago"). Each starts at a cue word and is grown by the words that change its
resolution ("last", "next", "this", "earlier") or that the recogniser keeps ("early",
"the end of"). Tags and the parse tell a month or weekday from a name ("Theresa May",
"the Sunday Times"), a modal ("may") or a verb ("march"), and a year from a count
("1990 tonnes"), an identifier ("resolution 2118"), a sum ("$2020") or a clock time.
Durations ("for two years") are left out: they resolve to no date.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .timex import MONTHS, NUMBERS, WEEKDAYS

__all__ = ["date_spans"]

FULL_MONTHS = {m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")}
YEAR = re.compile(r"^(?:1[6-9]|2[01])\d\d$")
EDGE_YEAR = re.compile(r"^(?:mid|early|late)-(?:1[6-9]|2[01])\d\d$", re.IGNORECASE)
DAY = re.compile(r"^(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$", re.IGNORECASE)
NUMERIC = re.compile(r"^(?:\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./](?:\d\d)?\d\d)$")
DEICTIC = {"today", "tonight", "yesterday", "tomorrow"}
PART_OF_DAY = {"morning", "afternoon", "evening", "night"}
UNITS = {"week", "weekend", "month", "year"}
SEASONS = {"spring", "summer", "autumn", "fall", "winter"}
# words before a weekday, month or unit that change what it resolves to
MODE = {"last", "next", "this", "past", "coming"}
# words before a date that the recogniser keeps in the span (they do not move the date)
EDGE = {"early", "late", "mid", "earlier", "later"}
BOUNDS = {"end", "beginning", "start", "middle"}  # "the end of August"
# prepositions after which a bare month or year is a time ("in May", "since 2016")
TIME_PREPS = {"in", "since", "until", "till", "by", "before", "after", "during", "from",
              "through", "throughout", "of", "around", "between", "and", "to", "on"}
CURRENCY = {"$", "€", "£", "¥", "us$", "usd", "eur", "no", "no.", "#"}


def date_spans(doc: Doc) -> list[Span]:
    """The DATE spans of ``doc`` (one parsed sentence, or several), first to last."""
    found: list[tuple[int, int]] = []
    for tok in doc:
        got = _from(tok)
        if got is not None:
            found.append(got)
    spans: list[tuple[int, int]] = []
    for s, e in sorted(found, key=lambda x: (x[0], -x[1])):
        if spans and s < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(e, spans[-1][1]))  # overlapping: one span
        else:
            spans.append((s, e))
    return [Span(doc, s, e, label="DATE") for s, e in _joined(doc, spans)]


def _from(tok: Token) -> tuple[int, int] | None:
    low = tok.lower_
    if low in WEEKDAYS:
        return _weekday(tok)
    if low.rstrip(".") in MONTHS:
        return _month(tok)
    if YEAR.match(tok.text):
        return _year(tok)
    if EDGE_YEAR.match(tok.text) or (NUMERIC.match(tok.text) and tok.pos_ == "NUM"):
        return tok.i, tok.i + 1
    if low in DEICTIC:
        return _deictic(tok)
    if low in PART_OF_DAY:
        return _part_of_day(tok)
    if low in UNITS:
        return _unit(tok)
    if low == "ago":
        return _ago(tok)
    return None


def _is_name(tok: Token, named: bool = True) -> bool:
    """'Theresa May', 'Ms May', 'June Carter', 'the Sunday Times', 'USA Today': part of a
    proper name. ``named``: a name before the word makes it a name too (not for weekdays:
    "Minnesota police Sunday closed ...", "Easter Sunday")."""
    if tok.tag_ == "MD" or tok.pos_ in ("VERB", "AUX"):
        return True
    if named and any(c.dep_ == "compound" and c.pos_ == "PROPN" and not _dateword(c)
                     for c in tok.children):
        return True
    head = tok.head
    return (tok.dep_ == "compound" and head.pos_ == "PROPN" and head.i > tok.i
            and not _dateword(head))


def _dateword(tok: Token) -> bool:
    low = tok.lower_.rstrip(".")
    return low in MONTHS or low in WEEKDAYS or low in SEASONS or bool(YEAR.match(tok.text) or DAY.match(tok.text))


def _lead(tok: Token, start: int, words: set) -> int:
    """Grow the span leftwards over one of ``words`` (and 'mid -')."""
    doc = tok.doc
    if start > 1 and doc[start - 1].text in ("-", "–") and doc[start - 2].lower_ in EDGE:
        return start - 2
    if start > 0 and doc[start - 1].lower_ in words:
        return start - 1
    return start


def _edges(tok: Token, start: int) -> int:
    """'early', 'late', 'mid-', 'the end of' before a month or year."""
    doc = tok.doc
    start = _lead(tok, start, EDGE | MODE | SEASONS)
    if start > 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in SEASONS \
            and doc[start - 3].lower_ == "the":
        return start - 3  # "the summer of 2019"
    if start > 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in BOUNDS \
            and doc[start - 3].lower_ == "the":
        return start - 3
    return start


def _weekday(tok: Token) -> tuple[int, int] | None:
    if not tok.text[:1].isupper() or _is_name(tok, named=False):
        return None
    start = _lead(tok, tok.i, MODE)
    doc = tok.doc
    if start < tok.i and doc[start].lower_ in ("past", "coming") and start > 0 \
            and doc[start - 1].lower_ == "this":
        start -= 1  # "this past Sunday"
    return start, tok.i + 1


def _month(tok: Token) -> tuple[int, int] | None:
    doc = tok.doc
    low = tok.lower_.rstrip(".")
    if not tok.text[:1].isupper() or _is_name(tok):
        return None  # "the march", "may": months are capitalised
    end = tok.i + 1
    if end < len(doc) and doc[end].text == "." and low not in FULL_MONTHS:
        end += 1  # "Jan ." split off
    day = end < len(doc) and _day(doc[end])
    if day:
        end += 1
    k = end  # "March 3, 2022", "June of 2021", "March 2022"
    if k < len(doc) and ((day and doc[k].text == ",") or (not day and doc[k].lower_ == "of")):
        k += 1
    year = k < len(doc) and YEAR.match(doc[k].text) is not None
    if year:
        end = k + 1
    start = tok.i
    before = False  # "3 March", "the 3rd of March"
    if start > 0 and _day(doc[start - 1]):
        start -= 1
        before = True
    elif start > 1 and doc[start - 1].lower_ == "of" and DAY.match(doc[start - 2].text):
        start -= 2
        before = True
        if start > 0 and doc[start - 1].lower_ == "the":
            start -= 1
    if not (day or before or year):
        if low not in FULL_MONTHS:
            return None  # "Jan", "Sun", "Mar" alone: names and words more often than dates
        if not _time_slot(tok) and _lead(tok, start, EDGE | MODE) == start:
            return None  # a bare month must stand where a time does ("in May", "last March")
    return _edges(tok, start), end


def _day(tok: Token) -> bool:
    """A day of the month, not a count ("in March 10 people died")."""
    if not DAY.match(tok.text):
        return False
    head = tok.head
    return not (tok.dep_ == "nummod" and head.i > tok.i and head.pos_ == "NOUN" and not _dateword(head))


def _time_slot(tok: Token) -> bool:
    """The token stands where a time does: after a time preposition or as a time adverb."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in TIME_PREPS:
        return True
    if tok.dep_ == "compound" and head.pos_ == "NOUN":
        return True  # "the November election"
    return tok.dep_ in ("npadvmod", "tmod") or (tok.dep_ == "conj" and _time_slot(head))


def _year(tok: Token) -> tuple[int, int] | None:
    doc = tok.doc
    if tok.pos_ != "NUM" and tok.tag_ != "CD":
        return None
    if tok.i > 0 and doc[tok.i - 1].lower_ in CURRENCY:
        return None  # "$2020", "No. 1990"
    if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("gmt", "utc", "hours", "hrs", "h", "%", "percent"):
        return None  # a clock time or a share
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "at":
        return None  # "at 1900": a clock time
    if any(c.dep_ in ("quantmod", "nummod", "advmod") for c in tok.children):
        return None  # "some 2000", "about 1800": a count
    if tok.dep_ in ("nummod", "compound", "appos", "npadvmod") and head.i < tok.i \
            and head.pos_ in ("NOUN", "PROPN") and not _dateword(head):
        return None  # "resolution 2118", "article 1990": an identifier
    if tok.dep_ in ("nummod", "compound") and head.i > tok.i and head.tag_ in ("NNS", "NNPS") \
            and not any(c.dep_ == "det" and c.i < tok.i for c in head.children):
        return None  # "1990 tonnes" (but "the 2014 elections")
    end = tok.i + 1
    if end + 3 < len(doc) and doc[end].text == "-" and doc[end + 2].text == "-" \
            and not tok.whitespace_ and re.fullmatch(r"\d\d-\d\d", doc[end + 1:end + 4].text):
        end += 4  # "2023-06-12"
    return _edges(tok, tok.i), end


def _deictic(tok: Token) -> tuple[int, int] | None:
    doc = tok.doc
    if tok.text[:1].isupper() and _is_name(tok):
        return None  # "USA Today"
    start = _lead(tok, tok.i, {"earlier", "later"})
    end = tok.i + 1
    if end < len(doc) and doc[end].lower_ in PART_OF_DAY:
        end += 1  # "yesterday morning"
    return start, end


def _part_of_day(tok: Token) -> tuple[int, int] | None:
    """'this morning', 'last night': a day; 'Tuesday night' and 'yesterday evening' come
    with their weekday or deictic."""
    doc = tok.doc
    if tok.i > 0 and (doc[tok.i - 1].lower_ == "this" or (doc[tok.i - 1].lower_ == "last" and tok.lower_ == "night")):
        start = tok.i - 1
        if start > 0 and doc[start - 1].lower_ in ("earlier", "later"):
            start -= 1
        return start, tok.i + 1
    return None


def _unit(tok: Token) -> tuple[int, int] | None:
    """'this week', 'late last year', 'earlier this month', 'the weekend', 'earlier in
    the year', 'the same month'."""
    doc = tok.doc
    i = tok.i
    if i == 0:
        return None
    prev = doc[i - 1].lower_
    if prev in MODE - {"past"}:
        start = i - 1
        if start > 0 and doc[start - 1].lower_ == "this" and prev == "coming":
            start -= 1
        start = _edges(tok, start)
        return start, i + 1
    if prev == "same" and i > 1 and doc[i - 2].lower_ == "the":
        return i - 2, i + 1
    if prev == "the" and i > 2 and doc[i - 2].lower_ == "in" and doc[i - 3].lower_ in ("earlier", "later"):
        return i - 3, i + 1
    if prev == "the" and tok.lower_ == "weekend":
        return i - 1, i + 1
    return None


def _ago(tok: Token) -> tuple[int, int] | None:
    """'two weeks ago', 'a year ago', 'a few days ago'."""
    doc = tok.doc
    i = tok.i
    if i < 2 or doc[i - 1].lemma_.lower() not in UNITS | {"day"}:
        return None
    k = i - 2
    words = doc[k].lower_
    if k > 0 and f"{doc[k - 1].lower_} {words}" in NUMBERS:
        k -= 1  # "a few"
    elif k > 1 and doc[k].lower_ == "of" and f"{doc[k - 2].lower_} {doc[k - 1].lower_} of" in NUMBERS:
        k -= 2  # "a couple of"
    elif not (words in NUMBERS or doc[k].text.isdigit()):
        return None
    return k, i + 1


def _joined(doc: Doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'Wednesday, June 26', 'Sunday and Monday', '2011 to 2017', 'between 2004 and 2008'
    are one span each, as the recogniser gives them (timex resolves the first date of
    such a span, and a range's start is its head for the 'since'/'from' checks)."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out:
            ps, pe = out[-1]
            between = [t.lower_ for t in doc[pe:s]]
            weekday = doc[pe - 1].lower_ in WEEKDAYS and between in ([","], [], ["and"], ["or"]) \
                and (doc[s].lower_ in WEEKDAYS or between in ([], [","]))
            weekday = weekday or (between == [","] and e - s == 1 and doc[s].lower_ in WEEKDAYS)
            ranged = between in (["to"], ["through"], ["-"], ["–"])
            pair = between == ["and"] and ps > 0 and doc[ps - 1].lower_ == "between"
            if weekday or ranged or pair:
                out[-1] = (ps - 1 if pair else ps, e)
                continue
        out.append((s, e))
    return out
