"""Time expressions resolved against the publication date (our own example phrases)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from diplograph.nlp import timex
from diplograph.nlp.timex import Timex, resolve

MON = date(2022, 7, 18)  # a Monday
THU = date(2019, 3, 14)  # a Thursday


@pytest.mark.parametrize("text,published,expected,precision", [
    # weekdays: the most recent such day, that day itself when published on it
    ("On Wednesday", MON, "2022-07-13", "day"),
    ("on Sunday", MON, "2022-07-17", "day"),
    ("on Monday", MON, "2022-07-18", "day"),
    ("Tuesday", THU, "2019-03-12", "day"),
    ("on Thursday", THU, "2019-03-14", "day"),
    ("last Monday", MON, "2022-07-11", "day"),
    ("Friday's", THU, "2019-03-08", "day"),
    ("late on Friday", THU, "2019-03-08", "day"),
    ("Wednesday night", MON, "2022-07-13", "day"),
    ("next Wednesday", MON, "2022-07-20", "day"),
    # today / yesterday
    ("today", MON, "2022-07-18", "day"),
    ("yesterday", THU, "2019-03-13", "day"),
    ("Yesterday", date(2021, 3, 1), "2021-02-28", "day"),
    ("tomorrow", MON, "2022-07-19", "day"),
    # weeks and months give month precision
    ("last week", MON, "2022-07", "month"),
    ("last week", date(2022, 7, 4), "2022-06", "month"),
    ("earlier this month", MON, "2022-07", "month"),
    ("this month", THU, "2019-03", "month"),
    ("earlier this week", THU, "2019-03", "month"),
    ("last month", MON, "2022-06", "month"),
    ("last month", date(2023, 1, 9), "2022-12", "month"),
    ("late last month", MON, "2022-06", "month"),
    ("next month", date(2023, 12, 2), "2024-01", "month"),
    ("two weeks ago", THU, "2019-02", "month"),
    ("three days ago", THU, "2019-03-11", "day"),
    ("six months ago", THU, "2018-09", "month"),
    # years
    ("last year", MON, "2021", "year"),
    ("earlier this year", MON, "2022", "year"),
    ("two years ago", MON, "2020", "year"),
    ("back in 2014", MON, "2014", "year"),
    ("in 2014", None, "2014", "year"),
    ("since 1979", MON, "1979", "year"),
    ("early 2008", MON, "2008", "year"),
    ("the end of 2019", MON, "2019", "year"),
    ("between 2011 and 2013", MON, "2011", "year"),
    # month and day forms
    ("in June 2021", MON, "2021-06", "month"),
    ("March of 2016", None, "2016-03", "month"),
    ("in December", date(2023, 2, 20), "2022-12", "month"),
    ("in July", MON, "2022-07", "month"),
    ("mid-June", MON, "2022-06", "month"),
    ("June 5", MON, "2022-06-05", "day"),
    ("June 5th", date(2022, 1, 10), "2021-06-05", "day"),
    ("5 June 2020", MON, "2020-06-05", "day"),
    ("the 3rd of October 2011", None, "2011-10-03", "day"),
    ("Sept. 9, 2015", None, "2015-09-09", "day"),
    ("Wednesday, July 13", MON, "2022-07-13", "day"),
    ("on May 1 and May 24", MON, "2022-05-01", "day"),
    ("on April 2 and April 20, 2016", None, "2016-04-02", "day"),
    ("2017-06-13", None, "2017-06-13", "day"),
    ("2009-11", None, "2009-11", "month"),
    ("21.10.2015", None, "2015-10-21", "day"),
])
def test_resolves(text, published, expected, precision):
    got = resolve(text, published)
    assert got == Timex(date=expected, precision=precision, text=text.strip())


@pytest.mark.parametrize("text", [
    "recently", "soon", "now", "currently", "in the coming weeks", "the same day",
    "a day after", "two years", "for two years", "decades", "three decades", "the 1990s",
    "over the past week", "several months", "62-year-old", "aged 45", "10 a.m.", "midnight",
    "Choe Sun Hui", "Sun", "Theresa May", "Mr. Monday", "", "   ", "annual",
])
def test_not_a_date(text):
    assert resolve(text, MON) is None


@pytest.mark.parametrize("text", ["4899880 years ago", "99999999 days ago", "9999 years from now",
                                  "300000 months ago", "900000 weeks hence"])
def test_off_the_calendar_is_no_date(text):
    assert resolve(text, MON) is None  # not a ValueError that sinks the article's events


def test_relative_needs_publication_date():
    assert resolve("on Wednesday", None) is None
    assert resolve("last month", None) is None
    assert resolve("June 5", None) is None
    assert resolve("June 5, 2001", None).date == "2001-06-05"


def test_future_context_looks_ahead():
    sentence = "The two foreign ministers will meet on Thursday in Geneva."
    assert resolve("on Thursday", MON, context=sentence).date == "2022-07-21"
    # past-tense clause keeps the past reading even if another clause is future
    sentence = "They met on Thursday, and officials said talks will resume."
    assert resolve("on Thursday", MON, context=sentence).date == "2022-07-14"
    assert resolve("Thursday", MON, context="future").date == "2022-07-21"
    assert resolve("Thursday", MON, context="past").date == "2022-07-14"


def test_month_day_nearest_year_prefers_near_future_deadline():
    pub = date(2024, 5, 28)
    got = resolve("by June 13th", pub, context="The island is expected to recognise it by June 13th.")
    assert got.date == "2024-06-13"


def test_accepts_datetime_and_keeps_text():
    got = resolve("  yesterday ", datetime(2020, 1, 1, 12, 30))
    assert got == Timex("2019-12-31", "day", "yesterday")


def test_frozen():
    t = resolve("2014", None)
    with pytest.raises(AttributeError):
        t.date = "2015"  # type: ignore[misc]


def test_future_markers_are_local_and_narrow():
    # "by" + a gerund is not a deadline; a past-tense departure stays in the past
    sentence = "Before continuing her tour by flying to Lisbon on Saturday night, she spoke."
    assert resolve("Saturday night", MON, context=sentence).date == "2022-07-16"


def test_bare_ordinals_and_odd_strings_are_not_dates():
    assert resolve("the end of the 41st", MON) is None
    assert resolve("the 5th", MON) is None
    assert resolve("July 26, hours", MON) is None


def test_span_context_uses_its_own_sentence_position():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Envoys will meet on Friday. The ministers met on Friday in Oslo.")
    fridays = [t for t in doc if t.text == "Friday"]
    first, second = (doc[t.i:t.i + 1] for t in fridays)
    assert resolve("Friday", MON, context=first).date == "2022-07-22"
    assert resolve("Friday", MON, context=second).date == "2022-07-15"


@pytest.mark.parametrize("text,context,expected", [
    ("September 11", None, "2021-09-11"),  # without a hint, the past is preferred
    ("July 25", None, "2022-07-25"),  # unless the future date is only days away
    ("July 25", "past", "2021-07-25"),  # never ahead in a past context
    ("September 11", "future", "2022-09-11"),
    ("Tuesday (July 12)", None, "2022-07-12"),
    ("2022/07/11", None, "2022-07-11"),
])
def test_year_choice_and_forms(text, context, expected):
    assert resolve(text, MON, context=context).date == expected


@pytest.mark.parametrize("text", ["the following year", "the previous week", "two days later",
                                  "the following Monday", "that year"])
def test_anchor_relative_expressions_are_not_resolved_against_publication(text):
    assert resolve(text, MON) is None


def _cases(test) -> list[str]:
    """The first argument of each parametrized case of ``test``."""
    return [args[0] for mark in test.pytestmark if mark.name == "parametrize" for args in mark.args[1]]


def test_every_resolvable_expression_holds_a_cue():
    # callers skip the entity recogniser on text without a cue: it must never hide a date
    texts = _cases(test_resolves) + [
        "this morning", "last night", "overnight", "the day before yesterday", "this weekend",
        "over the weekend", "week to date", "later in the week", "two days from now",
        "a year hence", "this past Friday", "13/06/2017", "FY2020", "the first quarter of 2020",
        "summer 2019", "next March", "Sat", "the 5th", "on the 9th of Sept"]
    for text in texts:
        if resolve(text, MON) is not None or resolve(text, None) is not None:
            assert timex.may_hold_date(text), text


def test_text_without_a_cue_never_resolves():
    import random
    words = ["the", "minister", "said", "on", "in", "at", "since", "last", "next", "this", "early",
             "late", "mid", "recently", "now", "soon", "time", "times", "era", "decade", "spring",
             "summer", "autumn", "Christmas", "Easter", "season", "quarter", "half", "moment",
             "period", "age", "12", "3", "1st", "2nd", "45", "123", "two", "three", "a", "few",
             "hour", "hours", "minute", "annual", "daily", "past", "coming", "of", "and", "-", ","]
    rng = random.Random(7)
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 5)))
        if not timex.may_hold_date(text):
            assert resolve(text, MON) is None, text
