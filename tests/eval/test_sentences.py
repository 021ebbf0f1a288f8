"""Sentence-suite scoring: label sets, typed matches with actors, IGO and negation."""
from __future__ import annotations

from diplograph.eval.sentences import (Labelled, actor_matches, organisation_codes,
                                       petrarch_gold, plover_gold, polity, score_sentences)
from diplograph.model import ActorRef, Event, Evidence, Plover
from diplograph.eval.sentences import petrarch_preds, plover_preds


def ev(src, tgt, plover, cameo, polarity="asserted"):
    return Event(doc_id="s", type="condemn", source=ActorRef(src), target=ActorRef(tgt),
                 evidence=Evidence("x", 0, 1), cameo=cameo, plover=Plover(plover),
                 polarity=polarity)


def plover_record(event, actors, recipients=()):
    return {"id": "r", "text": "t", "expected_events": [{
        "event": event, "event_plover_current": event,
        "actor": [{"code": a} for a in actors], "recipient": [{"code": r} for r in recipients]}]}


def test_plover_typed_needs_source_and_recipient():
    gold = plover_gold(plover_record("ACCUSE", ["FRA"], ["DEU"]))
    right = plover_preds([ev("FRA", "DEU", "ACCUSE", "111")])
    wrong_target = plover_preds([ev("FRA", "ITA", "ACCUSE", "111")])
    r1 = score_sentences([("1", "t", gold, right)], "plover")
    r2 = score_sentences([("1", "t", gold, wrong_target)], "plover")
    assert r1["type_f1"] == 1.0 and r1["typed_f1"] == 1.0
    assert r2["type_f1"] == 1.0 and r2["typed_f1"] == 0.0 and r2["typed_fp"] == 1


def test_plover_no_recipients_means_any_target_and_negated_ignored():
    gold = plover_gold(plover_record("REJECT", ["BRA"]))
    preds = plover_preds([ev("BRA", "ARG", "REJECT", "12"), ev("BRA", "ARG", "SUPPORT", "05",
                                                                   polarity="negated")])
    res = score_sentences([("1", "t", gold, preds)], "plover")
    assert res["typed_tp"] == 1 and res["type_fp"] == 0


def test_plover_old_codes_and_igo():
    assert actor_matches("JAP", "JPN") and actor_matches("ITL", "ITA")
    orgs = organisation_codes()
    if orgs:  # the bundled actor table marks organisations
        assert actor_matches("IGO", next(iter(orgs)))
    assert not actor_matches("IGO", "FRA")
    assert not actor_matches("FRA", None)


def test_micro_counts_over_sentences():
    rows = [("1", "t", plover_gold(plover_record("ACCUSE", ["FRA"])), [Labelled("ACCUSE", "FRA", None)]),
            ("2", "t", plover_gold(plover_record("AGREE", ["USA"])), []),
            ("3", "t", [], [Labelled("COERCE", "USA", "IRN")])]
    res = score_sentences(rows, "plover")
    assert (res["type_tp"], res["type_fp"], res["type_fn"]) == (1, 1, 1)
    assert res["type_precision"] == 0.5 and res["type_recall"] == 0.5
    assert res["no_event_sentences"] == 1 and res["no_event_false_labels"] == 1
    assert {m["id"] for m in res["misses"]} == {"2"}


def test_petrarch_roots_and_polities():
    assert polity("GUYJUD") == "GUY" and polity("IGOEUREEC") == "IGO"
    rec = {"id": "p", "text": "t", "expect_no_events": False,
           "expected_events": [{"source": "USAGOV", "target": "CHNMIL", "code": "0352"}]}
    gold = petrarch_gold(rec)
    assert gold[0].label == "03" and gold[0].sources == ("USA",)
    preds = petrarch_preds([ev("USA", "CHN", None, "036"), ev("USA", "CHN", None, "111", "negated")])
    res = score_sentences([("p", "t", gold, preds)], "petrarch")
    assert res["root_f1"] == 1.0 and res["typed_f1"] == 1.0
    none = petrarch_gold({"id": "q", "expect_no_events": True, "expected_events": []})
    res = score_sentences([("q", "t", none, preds)], "petrarch")
    assert res["root_fp"] == 1 and res["no_event_false_labels"] == 1


def test_petrarch_unattributed_actor_matches_any():
    gold = petrarch_gold({"id": "p", "expected_events": [{"source": "---REB", "target": "SYR", "code": "190"}]})
    res = score_sentences([("p", "t", gold, [Labelled("19", "XYZ", "SYR")])], "petrarch")
    assert res["typed_tp"] == 1
