"""DATE spans by rules on a sentence parsed without the entity recogniser (own sentences)."""
from __future__ import annotations

from datetime import date

import pytest

from diplograph.nlp.datespans import date_spans
from diplograph.nlp.pipeline import get_pipeline, parse
from diplograph.nlp.timex import resolve
from diplograph.settings import Settings

PUB = date(2023, 3, 16)  # a Thursday


@pytest.fixture(scope="session")
def nlp():
    return get_pipeline(Settings())


def spans(nlp, text):
    doc = parse(nlp, [text], lazy_ner=True)[0]  # as on the fast path: no doc.ents
    assert not doc.has_annotation("ENT_IOB")
    return [(s.text, (tx.date if (tx := resolve(s.text, PUB, context=text)) else None))
            for s in date_spans(doc)]


@pytest.mark.parametrize("text, span, resolved", [
    # weekdays
    ("Norway recalled its ambassador to Chile on Tuesday.", "Tuesday", "2023-03-14"),
    ("Peru expelled the Bolivian consul last Thursday.", "last Thursday", "2023-03-09"),
    ("Peru expelled the Bolivian consul on Thursday.", "Thursday", "2023-03-16"),
    ("Tuesday's vote in the assembly angered the Chilean delegation.", "Tuesday", "2023-03-14"),
    ("Kenya will open an embassy in Lima next Monday.", "next Monday", "2023-03-20"),
    ("The two leaders talked by phone this past Sunday.", "this past Sunday", "2023-03-12"),
    # month, day and year forms
    ("The treaty was signed on 3 March 2022 in Oslo.", "3 March 2022", "2022-03-03"),
    ("The talks between the neighbours resumed on March 3.", "March 3", "2023-03-03"),
    ("Ghana reopened its mission in Accra on Jan. 6, 2021.", "Jan. 6, 2021", "2021-01-06"),
    ("Ghana reopened its mission in March 2021.", "March 2021", "2021-03"),
    ("Cuba and Chile restored their ties in 2014.", "2014", "2014"),
    ("Relations between the two soured in mid-2019.", "mid-2019", "2019"),
    ("The monarch toured the region in late February.", "late February", "2023-02"),
    ("The summit was held at the end of August.", "the end of August", "2022-08"),
    ("The embassy closed the 3rd of March after the riots.", "the 3rd of March", "2023-03-03"),
    ("Trade grew sharply between 2004 and 2008, the report said.", "between 2004 and 2008", "2004"),
    ("Ministers met on Wednesday, March 15, to settle the dispute.", "Wednesday, March 15", "2023-03-15"),
    ("The delegation returned in the summer of 2019.", "the summer of 2019", "2019"),
    # publication-relative words
    ("Fiji cut ties with the island state today.", "today", "2023-03-16"),
    ("Fiji cut ties with the island state yesterday.", "yesterday", "2023-03-15"),
    ("The foreign minister will fly to Seoul tomorrow.", "tomorrow", "2023-03-17"),
    ("The prime minister arrived in Hanoi earlier today.", "earlier today", "2023-03-16"),
    ("Brazil hosted the Chilean envoy this week.", "this week", "2023-03"),
    ("Brazil hosted the Chilean envoy last month.", "last month", "2023-02"),
    ("The envoy presented her credentials early this month.", "early this month", "2023-03"),
    ("The minister visited Rabat earlier this year.", "earlier this year", "2023"),
    ("The two states fell out late last year.", "late last year", "2022"),
    ("The consulate was closed two weeks ago.", "two weeks ago", "2023-03"),
    ("The consulate was closed a year ago.", "a year ago", "2022"),
    ("Protests broke out over the weekend in the capital.", "the weekend", "2023-03"),
])
def test_date_forms(nlp, text, span, resolved):
    assert (span, resolved) in spans(nlp, text)


@pytest.mark.parametrize("text", [
    "Theresa May met the French president in Paris.",  # a name
    "Ms May told reporters the deal was close.",
    "Britain may expel the envoy, officials warned.",  # the modal
    "Thousands joined the march through the capital.",  # the noun
    "The Sun reported the visit of the Omani delegation.",  # not 'Sunday'
    "Jan Peterson led the Norwegian delegation.",  # a first name, not January
    "The Sunday Times reported the envoy's departure.",  # a newspaper
    "USA Today reported the envoy's departure.",
    "The council adopted resolution 2118 after a long debate.",  # an identifier
    "Some 2,014 people fled across the border.",  # a count
    "Some 2000 protesters gathered outside the embassy.",
    "Japan has provided 1990 tonnes of rice to the region.",
    "The ministry paid $2020 for the flights.",  # a sum
    "The vote was set for 1900 GMT.",  # a clock time
])
def test_lures_give_no_date(nlp, text):
    assert [s for s, d in spans(nlp, text) if d] == []


def test_a_name_and_a_month_in_one_sentence(nlp):
    got = spans(nlp, "Theresa May said in May that Britain would keep its embassy open.")
    assert got == [("May", "2022-05")]
    assert spans(nlp, "Ms May met the Peruvian envoy on Monday.") == [("Monday", "2023-03-13")]


def test_parts_of_day_are_spans(nlp):
    # the span is found; timex.resolve reads "this morning" and "last night" as "this" and
    # "last" after cutting the time of day, so they resolve to no date for now
    assert [s for s, _ in spans(nlp, "The prime minister arrived in Hanoi this morning.")] == ["this morning"]
    assert [s for s, _ in spans(nlp, "The rebels shelled the town last night.")] == ["last night"]
    assert spans(nlp, "The minister landed in Hanoi yesterday evening.") == [("yesterday evening", "2023-03-15")]


def test_durations_resolve_to_nothing(nlp):
    # the recogniser's "two years" is no date either: leaving it out changes nothing
    assert [s for s, d in spans(nlp, "The two states kept no envoys for two years.") if d] == []


def test_spans_are_rooted_in_the_parse(nlp):
    doc = parse(nlp, ["Sweden recalled its ambassador last Tuesday."], lazy_ner=True)[0]
    (span,) = date_spans(doc)
    assert span.label_ == "DATE" and span.root.text == "Tuesday" and span.root.head.lemma_ == "recall"
