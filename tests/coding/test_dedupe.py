"""Merging duplicate mentions within a document, and the general fixes that go with it
(reactions to a named act, owners of breakaway regions, time clauses, 'either region')."""
from __future__ import annotations

from .conftest import triples


def test_evidence_is_the_dated_body_sentence_not_the_headline(code):
    text = ("Latvia expels two Belarusian diplomats\n\n"
            "RIGA, June 9 - Latvia on Tuesday expelled two Belarusian diplomats after a row over flags.\n")
    evs = [e for e in code(text, "2021-06-09") if e.type == "expel_diplomat"]
    assert len(evs) == 1
    assert evs[0].evidence.sentence.startswith("Latvia on Tuesday")
    assert evs[0].date == "2021-06-08"


def test_an_old_act_is_not_merged_into_a_headline_guess(code):
    text = ("Chad cuts ties with Qatar\n\n"
            "Chad on Monday severed diplomatic relations with Qatar.\n\n"
            "Chad had previously cut ties with Qatar in 2017 before restoring them in 2018.\n")
    evs = [e for e in code(text, "2024-02-13") if e.type == "sever_relations"
           and e.source.code == "TCD" and e.target.code == "QAT"]
    assert sorted(e.date for e in evs) == ["2017", "2024-02-12"]


def test_owner_of_breakaway_region_is_not_the_target(code):
    got = triples(code("Moscow recognises Moldova's breakaway region\n\nIt was a surprise.\n", "2024-01-10"))
    assert not any(t[1] == "recognize" and t[2] == "MDA" for t in got)


def test_reaction_to_a_veto_targets_the_vetoing_state(code):
    text = ("China on Tuesday vetoed a Security Council resolution on Myanmar. "
            "The British ambassador denounced the veto.")
    got = triples(code(text, "2023-05-17"))
    assert ("CHN", "veto", "UNSC", "asserted") in got
    assert not any(t[0] == "GBR" and t[1] == "veto" for t in got)
    assert ("GBR", "condemn", "CHN", "asserted") in got


def test_time_clause_is_background_with_its_own_date(code):
    text = ("Qatar and Bahrain agreed on Wednesday to restore diplomatic relations, "
            "six years after Manama cut ties with Doha.")
    evs = code(text, "2023-04-13")
    cut = [e for e in evs if e.type == "sever_relations"]
    assert cut and all(e.background and e.date != "2023-04-12" for e in cut)
    assert any(e.type == "restore_relations" and e.date == "2023-04-12" and not e.background for e in evs)


def test_either_region_refers_back_to_named_territories(code):
    text = ("Russia recognised Abkhazia and South Ossetia on Tuesday. "
            "Germany said it was alarmed. France called for calm. "
            "Italy urged talks. Spain said it regretted the decision. "
            "Canada said it did not recognise either region.")
    got = triples(code(text, "2008-08-27"))
    assert ("CAN", "recognize", "ABK", "negated") in got
    assert ("CAN", "recognize", "SOS", "negated") in got


def test_headline_infinitive_is_a_plan(code):
    got = triples(code("Chile to recognise Palestinian state\n\nThe cabinet met.\n", "2024-01-10"))
    assert ("CHL", "recognize", "PSE", "hypothetical") in got
    assert ("CHL", "recognize", "PSE", "asserted") not in got


def test_the_two_countries_are_the_two_subjects(code):
    text = ("Egypt and Qatar agreed on Monday to restore relations after talks hosted by Kuwait. "
            "The two countries signed a joint statement.")
    got = triples(code(text, "2021-01-19"))
    assert ("EGY", "sign_agreement", "QAT", "asserted") in got
    assert not any(t[1] == "sign_agreement" and "KWT" in (t[0], t[2]) for t in got)


def test_a_list_the_parser_splits_names_every_item(code):
    got = triples(code("Peru, Chile, Ecuador and Uruguay have yet to recognise the new government "
                       "of Kosovo.", "2024-03-01"))
    subjects = {t[0] for t in got if t[1] == "recognize" and t[3] == "negated"}
    assert {"PER", "CHL"} <= subjects


def test_closing_an_embassy_in_a_rupture_is_part_of_it(code):
    text = ("Bahrain severed relations with Iran in 2016. Bahrain closed its embassy in Tehran "
            "in 2016, the ministry recalled.")
    types = {e.type for e in code(text, published="2024-10-17")
             if (e.source.code, e.target.code) == ("BHR", "IRN")}
    assert "sever_relations" in types and "downgrade_relations" not in types


def test_closing_an_embassy_alone_is_a_downgrade(code):
    text = "Bahrain closed its embassy in Tehran in 2016."
    types = {e.type for e in code(text, published="2024-10-17")}
    assert "downgrade_relations" in types
