"""The general CAMEO layer (coding/general.py) on sentences written for these tests."""
from __future__ import annotations

import pytest

from diplograph.coding import general
from diplograph.model import UNSCORED_TYPES


def quads(events):
    """(source, CAMEO code, target, PLOVER event) of the general events."""
    return {(e.source.code, e.cameo, e.target.code, e.plover.event if e.plover else None)
            for e in events if e.type in UNSCORED_TYPES}


@pytest.mark.parametrize("text,expected", [
    # 02 appeal
    ("Mexico urged Guatemala to reopen the border crossing.", ("MEX", "020", "GTM", "REQUEST")),
    ("The Kenyan president called on Ethiopia to release the detained journalists.",
     ("KEN", "020", "ETH", "REQUEST")),
    # 03 express intent to cooperate
    ("Norway pledged $20 million in aid to Sudan.", ("NOR", "033", "SDN", "AGREE")),
    ("Spain and Morocco agreed to cooperate on migration.", ("ESP", "030", "MAR", "AGREE")),
    # 04 consult
    ("Brazil negotiated with Paraguay over the dam.", ("BRA", "046", "PRY", "CONSULT")),
    # 05 diplomatic cooperation
    ("Australia apologised to Indonesia for the border incursion.", ("AUS", "055", "IDN", "SUPPORT")),
    # 06 material cooperation
    ("Chile shared intelligence with Peru on drug cartels.", ("CHL", "064", "PER", "COOPERATE")),
    # 07 aid
    ("Canada sent humanitarian aid to Haiti.", ("CAN", "070", "HTI", "AID")),
    ("Japan provided a loan of $2 billion to the Philippines.", ("JPN", "071", "PHL", "AID")),
    # 08 yield
    ("Ukraine released 20 Russian prisoners.", ("UKR", "0841", "RUS", "CONCEDE")),
    ("Turkey lifted sanctions on Armenia.", ("TUR", "085", "ARM", "CONCEDE")),
    ("Israel withdrew its troops from Lebanon.", ("ISR", "0874", "LBN", "RETREAT")),
    # 09 investigate
    ("Pakistan investigated India over the missile incident.", ("PAK", "090", "IND", "ACCUSE")),
    # 10 demand
    ("Serbia demanded that Kosovo withdraw its police.", ("SRB", "100", "XKX", "REQUEST")),
    # 12 reject
    ("Bolivia rejected the Chilean proposal.", ("BOL", "120", "CHL", "REJECT")),
    # 13 threaten
    ("China warned Taiwan against any move toward independence.", ("CHN", "130", "TWN", "THREATEN")),
    # 14 protest
    ("Thousands of Armenians demonstrated outside the Azerbaijani embassy.",
     ("ARM", "141", "AZE", "PROTEST")),
    # 15 force posture
    ("Russia deployed troops along the border with Ukraine.", ("RUS", "150", "UKR", "MOBILIZE")),
    # 16 reduce relations
    ("Britain suspended aid to Uganda.", ("GBR", "162", "UGA", "SANCTION")),
    # 17 coerce
    ("Egypt arrested three Sudanese nationals.", ("EGY", "173", "SDN", "COERCE")),
    ("Kenyan police detained two Somali journalists.", ("KEN", "173", "SOM", "COERCE")),
    ("Nigeria seized a Ghanaian oil tanker.", ("NGA", "171", "GHA", "COERCE")),
    # 18 assault
    ("Gunmen from Somalia kidnapped two Kenyan aid workers.", ("SOM", "181", "KEN", "ASSAULT")),
    # 19 fight
    ("Israeli jets bombed Gaza on Monday.", ("ISR", "195", "PSE", "ASSAULT")),
    ("Syrian forces shelled Turkish positions near the border.", ("SYR", "194", "TUR", "ASSAULT")),
    ("Russian forces attacked Ukraine.", ("RUS", "190", "UKR", "ASSAULT")),
])
def test_cameo_roots(code, text, expected):
    assert expected in quads(code(text))


def test_joint_subjects_give_both_directions(code):
    got = quads(code("Armenia and Azerbaijan clashed along their border."))
    assert {("ARM", "190", "AZE", "ASSAULT"), ("AZE", "190", "ARM", "ASSAULT")} <= got


def test_general_events_are_never_diplomatic_types(code):
    events = code("Russian forces attacked Ukraine and Britain suspended aid to Uganda.")
    assert events and all(e.type in UNSCORED_TYPES for e in events)


def test_embedded_act_is_part_of_the_threat(code):
    got = quads(code("China threatened to attack Taiwan."))
    assert {c[:2] for _, c, _, _ in got} == {"13"}


def test_pledged_and_planned_acts(code):
    # a plain future keeps its CAMEO code; PLOVER reads a commitment to cooperate as AGREE
    assert ("ETH", "074", "SOM", "AGREE") in quads(code("Ethiopia will send peacekeepers to Somalia."))
    # a conditional attack is a threat
    got = {(s, c, t, p) for s, c, t, p in quads(code("Russia will attack Ukraine if it joins NATO."))}
    assert ("RUS", "138", "UKR", "THREATEN") in got


def test_pledged_diplomatic_act_gets_intent_plover(code):
    ev = [e for e in code("The German foreign minister will visit Albania in June.") if e.type == "visit"]
    assert ev and ev[0].polarity == "hypothetical" and ev[0].plover.event == "AGREE"


def test_setting_turns_the_layer_off(code):
    text = "Canada sent humanitarian aid to Haiti."
    assert quads(code(text))
    assert not quads(code(text, general_events=False))


def test_actor_names_are_not_triggers(code):
    got = quads(code("The United Nations and Mali discussed the mission."))
    assert all(c != "050" for _, c, _, _ in got)  # "United" is no "unite"


def test_no_event_without_a_second_actor(code):
    assert not quads(code("Police arrested three men in the city centre."))


def test_gate_needs_a_trigger_and_two_actors():
    text = "Canada sent aid to Haiti. Canada won the match."
    first = text.index(".") + 1
    assert general.gate(text, 0, first, 2)
    assert not general.gate(text, 0, first, 1)
    assert not general.gate(text, 0, first, 1, referring=True)  # no pronoun subject
    t3 = "It sent aid to Haiti."
    assert general.gate(t3, 0, len(t3), 1, referring=True)
    assert not general.gate(text, first, len(text), 2)
    # a demonym adjective counts as the second actor
    t2 = "Egypt arrested three Sudanese nationals."
    assert general.gate(t2, 0, len(t2), 1)


def test_plover_table_reads_the_most_specific_code():
    assert general.plover_of("0841").event == "CONCEDE"
    assert general.plover_of("0871").event == "RETREAT"
    assert general.plover_of("0871").mode == "ceasefire"
    assert general.plover_of("195").mode == "aerial"
    assert general.plover_of("010") is None
    assert general.plover_of("163").event == "COERCE"  # DESIGN.md's table


def test_patterns_load_with_known_codes():
    table = general.plover_table()
    for p in general.patterns():
        assert p.cameo and (p.cameo in table or p.cameo[:3] in table or p.cameo[:2] in table), p.id
        assert p.type in ("other", "statement_other")


def test_preparing_an_attack_is_force_posture(code):
    got = quads(code("The Macedonian army prepared to resume shelling Albanian positions."))
    assert ("MKD", "150", "ALB", "MOBILIZE") in got


def test_people_placed_in_another_state_take_its_code(code):
    got = quads(code("Ethnic Albanians in south Serbia are demanding a U.N. military presence."))
    assert ("SRB", "100", "UN", "REQUEST") in got


def test_refused_cooperation_is_a_rejection(code):
    events = [e for e in code("Obama said he would not provide support to Israel.", "2012-05-01")
              if e.type in UNSCORED_TYPES]
    assert events and events[0].cameo.startswith("12") and events[0].polarity == "asserted"
