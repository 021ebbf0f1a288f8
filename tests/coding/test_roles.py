"""Sources and targets in harder constructions (own sentences, none from the evaluation data)."""
from __future__ import annotations

from .conftest import triples


def test_members_listed_after_a_counted_group(code):
    text = ("Six African states now formally recognise Western Sahara.\nThey are:\n- Ghana\n"
            "- Kenya\n- Nigeria\n\nThe list has not changed since last year.")
    got = {(s, t) for s, ty, t, p in triples(code(text)) if ty == "recognize"}
    assert {("GHA", "ESH"), ("KEN", "ESH"), ("NGA", "ESH")} <= got


def test_no_list_without_an_announced_group(code):
    text = "Ghana recognised Western Sahara on Monday.\nKenya\nNigeria"
    got = {(s, t) for s, ty, t, p in triples(code(text)) if ty == "recognize"}
    assert got == {("GHA", "ESH")}


def test_among_the_countries_that(code):
    text = "Chile, Peru and Brazil are among the states that have recognised Palestine."
    got = {(s, t) for s, ty, t, p in triples(code(text)) if ty == "recognize"}
    assert {("CHL", "PSE"), ("PER", "PSE"), ("BRA", "PSE")} <= got


def test_one_of_the_countries_that(code):
    got = triples(code("Chile is one of the countries that have recognised Kosovo."))
    assert ("CHL", "recognize", "XKX", "asserted") in got
