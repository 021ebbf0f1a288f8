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


def test_government_formed_by_a_group(code):
    got = triples(code("Germany said that the country would not recognise the government formed by the Taliban."))
    assert ("DEU", "recognize", "AFG", "negated") in got


def test_in_no_hurry_to(code):
    got = triples(code("Officials said the EU is in no hurry to recognise the Taliban."))
    assert ("EU", "recognize", "AFG", "negated") in got


def test_reported_pronoun_is_the_speaker(code):
    got = triples(code("Denmark announced it was expelling two Russian diplomats."))
    assert ("DNK", "expel_diplomat", "RUS", "asserted") in got


def test_passive_summons_acts_for_the_host_state(code):
    got = triples(code("The Chilean ambassador to Lima was summoned over the remarks."))
    assert ("PER", "condemn", "CHL", "asserted") in got


def test_passive_summons_without_a_host_has_no_source(code):
    got = triples(code("The Chilean ambassador was summoned over the remarks."))
    assert not any(t == "condemn" for s, t, g, p in got)


def test_calling_on_a_minister_is_no_summons(code):
    got = triples(code("The ambassador of Ghana called on the Togolese foreign minister."))
    assert not any(t == "condemn" for s, t, g, p in got)


def test_ordered_expulsion_of_nationals(code):
    got = triples(code("The Canadian prime minister ordered the expulsion of 20 Russians and shut the "
                       "Russian consulate in Toronto."))
    assert ("CAN", "expel_diplomat", "RUS", "asserted") in got


def test_expulsion_of_migrants_is_not_diplomatic(code):
    got = triples(code("Pakistan ordered the expulsion of thousands of Afghans living in the country."))
    assert not any(t == "expel_diplomat" for s, t, g, p in got)


def test_joining_in_an_act(code):
    got = triples(code("Qatar said that Oman and Jordan were joining it in re-establishing ties with Egypt."))
    assert {("OMN", "restore_relations", "EGY", "asserted"), ("JOR", "restore_relations", "EGY", "asserted")} <= got
    assert not any(t == "establish_relations" for s, t, g, p in got)


def test_which_was_condemned_by(code):
    got = triples(code("The row began after Chile and Peru recognized a Palestinian state, which was "
                       "condemned by Israel."))
    assert {("ISR", "condemn", "CHL", "asserted"), ("ISR", "condemn", "PER", "asserted")} <= got


def test_rejected_accusations(code):
    got = triples(code("China's envoy rejected the US accusations, saying the sanctions were illegal."))
    assert ("CHN", "condemn", "USA", "asserted") in got


def test_said_had_no_right(code):
    got = triples(code("Belarus said Lithuania had no right to judge its elections."))
    assert ("BLR", "condemn", "LTU", "asserted") in got


def test_switch_to_recognition_of(code):
    got = triples(code("Nauru decided to switch to diplomatic recognition of China after years of ties with Taiwan."))
    assert ("NRU", "recognize", "CHN", "asserted") in got


def test_switched_recognition_from_to(code):
    got = triples(code("Peru switched diplomatic recognition from Taipei to Beijing in 1971."))
    assert {("PER", "recognize", "CHN", "asserted"), ("PER", "withdraw_recognition", "TWN", "asserted")} <= got


def test_calls_for_recognition_stay_uncoded(code):
    got = triples(code("Activists in Chile called for recognition of Palestine."))
    assert not any(t == "recognize" for s, t, g, p in got)


def test_government_in_a_capital(code):
    got = triples(code("Chile does not recognize the central government in Beijing."))
    assert ("CHL", "recognize", "CHN", "negated") in got


def test_owner_of_a_decision_acts(code):
    got = triples(code("Peru's decision to recognise Kosovo was welcomed in Pristina."))
    assert ("PER", "recognize", "XKX", "asserted") in got


def test_visit_by_to(code):
    got = triples(code("The talks came after a visit by the Japanese foreign minister to Kenya."))
    assert ("JPN", "visit", "KEN") in {(s, t, g) for s, t, g, p in got}


def test_days_of_talks_with_officials_from(code):
    got = triples(code("Officials from Chile and Peru held three days of talks in Lima."))
    assert ("CHL", "meet", "PER", "asserted") in got


def test_coordinated_owners_are_all_condemned(code):
    got = triples(code("Chad condemned the US decision to move its embassy and Israel's use of force."))
    assert {("TCD", "condemn", "USA", "asserted"), ("TCD", "condemn", "ISR", "asserted")} <= got


def test_revoked_decision_to_recognise(code):
    events = code("Togo has revoked its decision from 2012 to recognise Kosovo.")
    got = triples(events)
    assert ("TGO", "withdraw_recognition", "XKX", "asserted") in got
    assert ("TGO", "recognize", "XKX", "asserted") not in got
    assert all(e.date != "2012" for e in events)


def test_confirmed_as_ambassador_to(code):
    got = triples(code("The Senate on Tuesday confirmed John Smith as U.S. ambassador to Turkey."))
    assert ("USA", "appoint_ambassador", "TUR", "asserted") in got


def test_credentials(code):
    got = triples(code("The US ambassador presented his credentials to the President of India."))
    assert ("USA", "appoint_ambassador", "IND", "asserted") in got
    got = triples(code("The Angolan president received the credentials of the new ambassador of Chile."))
    assert ("CHL", "appoint_ambassador", "AGO", "asserted") in got


def test_called_back_for_consultations(code):
    got = triples(code("The minister said the ambassador to Austria was called back to Ankara for consultations."))
    assert ("TUR", "recall_ambassador", "AUT", "asserted") in got


def test_sanctions_noun_with_an_owner(code):
    events = code("Oil prices rose over U.S. sanctions against Tehran.")
    ev = [e for e in events if e.type == "impose_sanctions"]
    assert ev and (ev[0].source.code, ev[0].target.code) == ("USA", "IRN") and ev[0].background


def test_lifting_or_calling_for_sanctions_is_no_imposition(code):
    for text in ("Iran welcomed the lifting of U.S. sanctions against Tehran.",
                 "Kiev called for EU sanctions against Moscow."):
        assert not any(e.type == "impose_sanctions" for e in code(text)), text


def test_on_a_visit_to(code):
    got = triples(code("The Kenyan president, who is on a state visit to Peru, met officials in Lima."))
    assert ("KEN", "visit", "PER") in {(s, t, g) for s, t, g, p in got}


def test_cut_off_contacts(code):
    got = triples(code("Chile has cut off all high-level contacts with Russia."))
    assert ("CHL", "downgrade_relations", "RUS", "asserted") in got


def test_dateline_with_a_colon(code):
    got = triples(code("PORT-AU-PRINCE: The Chilean president made a brief visit to Haiti on Saturday."))
    assert ("CHL", "visit", "HTI") in {(s, t, g) for s, t, g, p in got}


def test_relations_between_a_and_b(code):
    got = triples(code("The US president brokered a deal to establish full diplomatic relations between "
                       "Israel and Bahrain."))
    assert ("ISR", "establish_relations", "BHR", "asserted") in got
    assert not any(s == "USA" and t == "establish_relations" for s, t, g, p in got)


def test_normalise_relations_is_establishing(code):
    got = triples(code("Morocco agreed to normalise relations with Israel."))
    assert ("MAR", "establish_relations", "ISR") in {(s, t, g) for s, t, g, p in got}


def test_what_a_step_does_not_mean_is_no_event(code):
    got = triples(code("The closures do not mean a total break of relations between Chile and Peru."))
    assert not any(t == "sever_relations" for s, t, g, p in got)


def test_despite_clause_keeps_its_own_polarity(code):
    got = triples(code("The minister said the ministry was not planning to open new ties despite the "
                       "rupture of diplomatic relations between Chile and Peru on May 1."))
    assert ("CHL", "sever_relations", "PER", "asserted") in got


def test_diplomats_given_hours_to_leave_by_the_speaker(code):
    got = triples(code("The Saudi foreign minister made the announcement, saying Iranian diplomats had "
                       "48 hours to leave the kingdom."))
    assert ("SAU", "expel_diplomat", "IRN", "asserted") in got
    got = triples(code("The Chilean team had two days to leave the hotel, the Peruvian coach said."))
    assert not any(t == "expel_diplomat" for s, t, g, p in got)


def test_blocked_sanctions_of_a_bloc(code):
    got = triples(code("Cyprus has blocked sanctions of the EU against Belarusian officials."))
    assert ("EU", "impose_sanctions", "BLR", "negated") in got


def test_greeted_on_arrival_in(code):
    got = triples(code("The Kenyan president was greeted by the king on arrival in Saudi Arabia."))
    assert ("KEN", "visit", "SAU") in {(s, t, g) for s, t, g, p in got}


def test_said_responsible_is_an_accusation(code):
    events = code("Chile said Peru was responsible for the attack.")
    assert any((e.source.code, e.type, e.target.code, e.cameo) == ("CHL", "condemn", "PER", "112") for e in events)
    assert not any(e.type == "condemn" for e in code("The minister said the storm was responsible for the damage."))


def test_instrument_of_an_act(code):
    got = triples(code("The Colombian president signs a decree appointing John Smith as the new ambassador to Venezuela."))
    assert ("COL", "appoint_ambassador", "VEN", "asserted") in got
    got = triples(code("Israel and Morocco have reached an agreement to fully normalise relations."))
    assert ("ISR", "establish_relations", "MAR", "asserted") in got


def test_protesting_a_move_is_not_the_movers_act(code):
    got = triples(code("Chad condemned the US decision to move its embassy and Israel's use of force on "
                       "people protesting the move."))
    assert not any(s == "USA" and t == "condemn" for s, t, g, p in got)


def test_sanctions_imposed_by_in_a_relative_clause(code):
    got = triples(code("Kenya's UN ambassador blamed unilateral sanctions against Cuba, which have been "
                       "imposed by the US and the European Union, for the crisis."))
    assert {("USA", "impose_sanctions", "CUB", "asserted"), ("EU", "impose_sanctions", "CUB", "asserted")} <= got


def test_passive_summons_to_a_ministry(code):
    got = triples(code("Germany's ambassador was summoned to the foreign ministry in Moscow on Monday."))
    assert ("RUS", "condemn", "DEU", "asserted") in got
    got = triples(code("The German ambassador was summoned to the Russian foreign ministry."))
    assert ("RUS", "condemn", "DEU", "asserted") in got
    got = triples(code("The German ambassador was summoned to a meeting."))
    assert not any(t == "condemn" for s, t, g, p in got)


def test_its_in_a_protest_is_the_other_party(code):
    text = ("Sweden recognised Palestine on Thursday. Israel recalled its ambassador to Sweden in "
            "protest of its recognition of Palestine.")
    got = triples(code(text))
    assert ("ISR", "recall_ambassador", "SWE", "asserted") in got
    assert not any(s == "ISR" and t == "recognize" for s, t, g, p in got)


def test_pronoun_inside_its_own_antecedent_ends(code):
    # "their" hangs on an apposition of the clause's subject, so the subject holds the
    # pronoun that points back at it: this went round until Python's recursion limit
    text = ("Kenya's state news agency said the two countries, their foreign ministers, "
            "would meet to implement the agreement.")
    assert isinstance(code(text), list)
