"""Which term of office names a person (own invented people, none from the data files)."""
from __future__ import annotations

from datetime import date

from diplograph.nlp.actor_data import Person
from diplograph.nlp.actor_rules import resolve_person


def term(office: str, start: str, end: str | None = None, name: str = "Ana Ruritan") -> Person:
    return Person(name, (), "RUR", "GOV", office, date.fromisoformat(start),
                  date.fromisoformat(end) if end else None)


def test_a_king_who_is_his_own_foreign_minister_is_the_king():
    terms = [term("head_of_state", "1990-01-01"), term("foreign_minister", "2015-10-22")]
    assert resolve_person(terms, None).office == "head_of_state"
    assert resolve_person(terms, date(2020, 1, 1)).office == "head_of_state"
    assert resolve_person(terms, date(2000, 1, 1)).office == "head_of_state"


def test_an_office_left_before_does_not_name_the_person():
    # head of state for a few months, then party leader: without a date the current office
    terms = [term("general_secretary", "2024-08-03"), term("head_of_state", "2024-05-22", "2024-10-21")]
    assert resolve_person(terms, None).office == "general_secretary"
    assert resolve_person(terms, date(2024, 9, 1)).office == "head_of_state"
    assert resolve_person(terms, date(2025, 1, 1)).office == "general_secretary"


def test_successive_offices_take_the_latest():
    terms = [term("head_of_government", "2010-01-01", "2015-01-01"),
             term("foreign_minister", "2015-01-01", "2018-01-01")]
    assert resolve_person(terms, None).office == "foreign_minister"
    assert resolve_person(terms, date(2012, 1, 1)).office == "head_of_government"


def test_seniority_never_mixes_two_people():
    terms = [term("foreign_minister", "2019-01-01", name="Bo Ruritan"),
             term("head_of_government", "2016-01-01", name="Al Ruritan")]
    assert resolve_person(terms, date(2020, 1, 1)).name == "Bo Ruritan"  # latest start, as before
