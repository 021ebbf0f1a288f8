"""Event dates: the article's narrative date (own sentences)."""
from __future__ import annotations


def _by(events, type_):
    return [e for e in events if e.type == type_]


def test_headline_takes_the_weekday_of_the_story(code):
    # published on a Thursday; the news happened on Tuesday
    text = ("Peru recalls its ambassador from Mexico\n\n"
            "The foreign ministry said on Tuesday that the envoy would return to Lima.")
    ev = _by(code(text, published="2023-03-16"), "recall_ambassador")
    assert ev and ev[0].date == "2023-03-14" and ev[0].date_precision == "day"


def test_a_scheduled_weekday_is_not_the_news_day(code):
    text = ("Peru recalls its ambassador from Mexico\n\n"
            "Flights between the two countries will be suspended starting Tuesday morning.")
    ev = _by(code(text, published="2023-03-16"), "recall_ambassador")
    assert ev and ev[0].date == "2023-03-16"


def test_a_weekday_long_before_publication_is_ignored(code):
    text = "Peru recalls its ambassador from Mexico\n\nThe row began on 2 January, a Monday."
    ev = _by(code(text, published="2023-03-16"), "recall_ambassador")
    assert ev and ev[0].date == "2023-03-16"


def test_standing_recognition_has_no_date(code):
    ev = _by(code("Nine countries in the region now recognise Kosovo, including Chile.",
                  published="2023-03-16"), "recognize")
    assert all(e.date is None for e in ev)


def test_recent_visit_is_background(code):
    ev = _by(code("Iran blamed the tensions on the US president's recent visit to Saudi Arabia."), "visit")
    assert ev and ev[0].background and ev[0].date is None


def test_aside_on_an_actor_is_background(code):
    ev = _by(code("Norway acted in solidarity with Britain, which has accused Moscow of the attack."), "condemn")
    assert ev and ev[0].background


def test_as_clause_is_not_background(code):
    ev = _by(code("Taiwan lost an ally as Nauru decided to switch to diplomatic recognition of China."),
             "recognize")
    assert ev and not ev[0].background


def test_since_year_is_not_the_event_date(code):
    ev = _by(code("Togo has cut ties with Chad, allies since 1990."), "sever_relations")
    assert ev and ev[0].date != "1990"


def test_today_in_a_quote_is_the_statement_day(code):
    text = ("Chile and Peru established diplomatic relations on Friday.\n\n"
            "\"Today, Chile and Peru established diplomatic relations,\" the joint statement said.")
    ev = _by(code(text, published="2023-03-18"), "establish_relations")
    assert ev and ev[0].date == "2023-03-17"


def test_a_contested_claim_is_dated_like_its_report(code):
    ev = _by(code("Togo has revoked its recognition of Kosovo, the Serbian foreign minister claimed.",
                  published="2023-03-16"), "withdraw_recognition")
    assert ev and ev[0].polarity == "reported-claim" and ev[0].date == "2023-03-16"


def test_measures_that_have_been_imposed_are_background(code):
    ev = _by(code("Kenya's UN ambassador blamed unilateral sanctions against Cuba, which have been "
                  "imposed by the US and the European Union, for the crisis."), "impose_sanctions")
    assert ev and all(e.background and e.date is None for e in ev)


ENVOY = "Norway recalled its ambassador to Chile on Tuesday after the vote."


def _recogniser_calls(monkeypatch):
    """Count the entity recogniser runs that event_date asks for."""
    import diplograph.coding.dates as dates
    from diplograph.nlp.pipeline import entities_pending

    calls = []
    real = dates.ensure_entities

    def spy(doc, **kw):
        if entities_pending(doc):
            calls.append(doc.text)
        return real(doc, **kw)

    monkeypatch.setattr(dates, "ensure_entities", spy)
    return calls


def test_fast_path_with_date_rules_runs_no_recogniser(code, monkeypatch):
    calls = _recogniser_calls(monkeypatch)
    ev = _by(code(ENVOY, published="2023-03-16", fast_path=True, date_spans="rules"), "recall_ambassador")
    assert ev and ev[0].date == "2023-03-14" and ev[0].date_precision == "day"
    assert calls == []


def test_fast_path_with_the_model_runs_the_recogniser_for_dates(code, monkeypatch):
    calls = _recogniser_calls(monkeypatch)
    ev = _by(code(ENVOY, published="2023-03-16", fast_path=True, date_spans="model"), "recall_ambassador")
    assert ev and ev[0].date == "2023-03-14"
    assert calls == [ENVOY]


def test_full_parse_reads_the_recogniser_entities(code, monkeypatch):
    import diplograph.coding.dates as dates

    def no_rules(doc):
        raise AssertionError("the full parse has its entities: no rules")

    monkeypatch.setattr(dates, "date_spans", no_rules)
    ev = _by(code(ENVOY, published="2023-03-16", fast_path=False, date_spans="rules"), "recall_ambassador")
    assert ev and ev[0].date == "2023-03-14"


def test_date_spans_setting_is_checked(monkeypatch):
    import pytest

    from diplograph.errors import ConfigError
    from diplograph.settings import load_settings

    monkeypatch.setenv("DIPLOGRAPH_DATE_SPANS", "Model")
    assert load_settings().date_spans == "model"
    with pytest.raises(ConfigError):
        load_settings(date_spans="regex")


def test_a_date_after_a_noun_of_the_clause_dates_that_noun(code):
    # "earlier this month" is the attack's date, though the parser may hang it on the verb;
    # the verbs' own date is Tuesday, and it carries to the act told after them
    text = ("Sweden on Tuesday recalled its ambassador and closed the Iranian consulate in "
            "Gothenburg over a bomb attack earlier this month. Norway later expelled two "
            "Iranian diplomats.")
    events = code(text, published="2024-10-17")
    closed = _by(events, "downgrade_relations")
    assert closed and closed[0].date == "2024-10-15"
    expelled = _by(events, "expel_diplomat")
    assert expelled and expelled[0].date == "2024-10-15"


def test_a_date_after_a_named_state_dates_the_act(code):
    # "to Mali last year": a state has no date, so the year is the recall's
    text = "Ghana recalled its ambassador to Mali last year, a spokesman said on Tuesday."
    ev = _by(code(text, published="2024-10-17"), "recall_ambassador")
    assert ev and ev[0].date == "2023"
