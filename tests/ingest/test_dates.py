"""ingest.dates: date lines near the top of a text, and date fields."""
from __future__ import annotations

from datetime import date

import pytest

from diplograph.ingest.dates import date_in_text, parse_date


@pytest.mark.parametrize("text,expected", [
    ("scraper junk\n\nA headline\n\nMarch 3, 2021\nThe story begins.", date(2021, 3, 3)),
    (" date 2019-11-05 The story begins on the same line.", date(2019, 11, 5)),
    ("Headline\nTuesday, 5 November 2019 14:02 GMT\nBody", date(2019, 11, 5)),
    ("Published: Sept. 4, 2018\nBody", date(2018, 9, 4)),
    ("Headline\n05/11/2019\nBody", date(2019, 11, 5)),
    ("Updated on Jan 2, 2020, 10:15 a.m.\nBody", date(2020, 1, 2)),
])
def test_date_lines(text, expected):
    assert date_in_text(text) == expected


@pytest.mark.parametrize("text", [
    "The minister said on March 3, 2021 that talks would resume.",  # inside a sentence
    "Choe Sun Hui met the envoy.",
    "Headline\n" + "\n".join(f"line {i}" for i in range(20)) + "\nMarch 3, 2021",  # too far down
    "February 30, 2021\nBody",  # no such day
])
def test_no_date_line(text):
    assert date_in_text(text) is None


def test_parse_date_fields():
    assert parse_date("2022-07-18") == date(2022, 7, 18)
    assert parse_date("2022-07-18T23:10:00+02:00") == date(2022, 7, 18)
    assert parse_date("Mon, 18 Jul 2022 10:00:00 GMT") == date(2022, 7, 18)
    assert parse_date("July 18, 2022") == date(2022, 7, 18)
    assert parse_date("someday") is None and parse_date(None) is None
