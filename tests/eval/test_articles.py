"""The article scorer on small hand-made gold and predictions (our own sentences)."""
from __future__ import annotations

from diplograph.eval.articles import Pred, date_right, score_articles, score_doc, scored_preds
from diplograph.eval.gold import GoldDoc, GoldEvent


def g(source, target, type_, polarity="asserted", date=None, **kw):
    return GoldEvent.from_dict({"source": source, "target": target, "type": type_,
                                "polarity": polarity, "date": date,
                                "evidence": "An invented sentence.", **kw})


def p(source, target, type_, polarity="asserted", date=None):
    return Pred(source, target, type_, polarity, date, "An invented sentence.")


def test_exact_match_and_miss():
    doc = GoldDoc("a", [g("FRA", "XKX", "recognize", date="2008-02-18"),
                        g("SRB", "FRA", "condemn", date="2008-02")])
    s = score_doc(doc, [p("FRA", "XKX", "recognize", date="2008-02-18")])
    assert len(s.tp) == 1 and len(s.fn) == 1 and not s.fp


def test_polarity_type_source_target_must_agree():
    doc = GoldDoc("a", [g("FRA", "XKX", "recognize")])
    for wrong in (p("FRA", "XKX", "recognize", "negated"), p("FRA", "XKX", "withdraw_recognition"),
                  p("DEU", "XKX", "recognize"), p("FRA", "SRB", "recognize")):
        s = score_doc(doc, [wrong])
        assert not s.tp and len(s.fp) == 1 and len(s.fn) == 1


def test_alt_types_and_alt_polarity_widen():
    doc = GoldDoc("a", [g("NIC", "VAT", "sever_relations", alt_types=["downgrade_relations"]),
                        g("SDN", "ISR", "recognize", "hypothetical", alt_polarity=["asserted"])])
    s = score_doc(doc, [p("NIC", "VAT", "downgrade_relations"), p("SDN", "ISR", "recognize")])
    assert len(s.tp) == 2 and not s.fp and not s.fn


def test_veto_target_may_be_subject_state():
    subject = "a draft on aid convoys into MMR"
    doc = GoldDoc("a", [g("RUS", "UNSC", "veto", subject=subject),
                        g("CHN", "UNSC", "veto", subject=subject)])
    s = score_doc(doc, [p("RUS", "MMR", "veto"), p("CHN", "UNSC", "veto")])
    assert len(s.tp) == 2 and not s.fp
    # but a state the subject does not name is wrong
    s = score_doc(doc, [p("RUS", "SYR", "veto")])
    assert not s.tp and len(s.fp) == 1


def test_optional_gold_neither_rewards_nor_penalises():
    doc = GoldDoc("a", [g("FRA", "XKX", "recognize"),
                        g("GCC", "QAT", "restore_relations", optional=True)])
    with_opt = score_doc(doc, [p("FRA", "XKX", "recognize"), p("GCC", "QAT", "restore_relations")])
    without = score_doc(doc, [p("FRA", "XKX", "recognize")])
    assert len(with_opt.tp) == len(without.tp) == 1
    assert not with_opt.fp and not without.fn and len(with_opt.neutral) == 1
    res = score_articles([doc], {"a": [p("FRA", "XKX", "recognize")]})
    assert res["gold_events"] == 1 and res["recall"] == 1.0


def test_unscored_types_are_ignored_on_both_sides():
    doc = GoldDoc("a", [g("FRA", "BFA", "statement_other"), g("FRA", "MLI", "statement_other",
                                                               alt_types=["condemn"])])
    s = score_doc(doc, [p("FRA", "BFA", "statement_other"), p("FRA", "BFA", "other"),
                        p("FRA", "MLI", "condemn")])
    assert not s.tp and not s.fp and not s.fn and len(s.neutral) == 1


def test_duplicates_with_same_key_count_once_different_dates_twice():
    preds = [p("FRA", "XKX", "recognize", date="2008-02-18")] * 3
    assert len(scored_preds(preds)) == 1
    doc = GoldDoc("a", [g("FRA", "XKX", "recognize", date="2008-02-18")])
    s = score_doc(doc, preds + [p("FRA", "XKX", "recognize", date=None)])
    assert len(s.tp) == 1 and len(s.fp) == 1
    # the date-right prediction is the one matched, whatever the order
    s = score_doc(doc, [p("FRA", "XKX", "recognize", date=None),
                        p("FRA", "XKX", "recognize", date="2008-02-18")])
    assert s.tp[0][0].date == "2008-02-18"


def test_two_gold_acts_same_labels_different_dates():
    doc = GoldDoc("a", [g("SAU", "IRN", "sever_relations", date="2016"),
                        g("SAU", "IRN", "sever_relations", date="2023-03")])
    s = score_doc(doc, [p("SAU", "IRN", "sever_relations", date="2023-03-10")])
    assert len(s.tp) == 1 and len(s.fn) == 1 and s.tp[0][1].date == "2023-03"


def test_date_right_at_gold_precision():
    assert date_right("2022-07-13", "2022-07-13")
    assert date_right("2022-07-13", "2022-07")
    assert date_right("2014-05", "2014")
    assert date_right(None, None)
    assert not date_right("2022-07", "2022-07-13")
    assert not date_right("2022-07-12", "2022-07-13")
    assert not date_right(None, "2022")
    assert not date_right("2022", None)


def test_negatives_and_summary_figures():
    docs = [GoldDoc("pos", [g("FRA", "XKX", "recognize", date="2008-02-18"),
                            g("SRB", "FRA", "recall_ambassador")]),
            GoldDoc("neg", [], negative=True)]
    preds = {"pos": [p("FRA", "XKX", "recognize", date="2008-02-17"),
                     p("SRB", "FRA", "recall_ambassador")],
             "neg": [p("USA", "MEX", "impose_sanctions"), p("USA", "MEX", "other")]}
    res = score_articles(docs, preds)
    assert (res["tp"], res["fp"], res["fn"]) == (2, 1, 0)
    assert res["precision"] == round(2 / 3, 4) and res["recall"] == 1.0
    assert res["date_accuracy"] == 0.5 and res["dates_right"] == 1
    assert res["negative_false_positives"] == 1 and res["negative_documents"] == 1
    assert res["per_type"]["impose_sanctions"] == {"tp": 0, "fp": 1, "fn": 0, "precision": 0.0,
                                                   "recall": 0.0, "f1": 0.0}
    assert res["false_positives"][0]["doc"] == "neg"
    assert res["wrong_dates"][0]["gold_date"] == "2008-02-18"


def test_no_predictions_at_all():
    res = score_articles([GoldDoc("a", [g("FRA", "XKX", "recognize")])], {})
    assert res["recall"] == 0.0 and res["precision"] == 0.0 and res["f1"] == 0.0
    assert res["misses"][0]["source"] == "FRA"


def test_per_polarity_and_background_recall():
    doc = GoldDoc("a", [g("RUS", "ABK", "recognize", background=True),
                        g("GEO", "RUS", "sever_relations", background=True),
                        g("ROU", "XKX", "recognize", "negated")])
    res = score_articles([doc], {"a": [p("RUS", "ABK", "recognize"),
                                       p("ROU", "XKX", "recognize", "negated"),
                                       p("ESP", "XKX", "recognize", "negated")]})
    assert res["background_recall"] == 0.5
    assert res["per_polarity"]["negated"]["tp"] == 1 and res["per_polarity"]["negated"]["fp"] == 1
    assert res["per_polarity"]["asserted"]["fn"] == 1


def test_actor_accuracy_counts_only_events_whose_type_was_found_in_the_sentence():
    from diplograph.eval.articles import Pred, actor_accuracy
    from diplograph.eval.gold import GoldDoc, GoldEvent

    s1 = "Freedonia recalled its ambassador from Sylvania on Monday."
    s2 = "Sylvania expelled two Freedonian diplomats."
    doc = GoldDoc(id="d", events=[
        GoldEvent("FRE", "SYL", "recall_ambassador", "asserted", evidence=s1),
        GoldEvent("SYL", "FRE", "expel_diplomat", "asserted", evidence=s2),
        GoldEvent("SYL", "FRE", "condemn", "asserted", evidence=s2, optional=True),
    ])
    preds = [Pred("FRE", "SYL", "recall_ambassador", "asserted", None, s1),
             Pred("XXX", "FRE", "expel_diplomat", "asserted", None, "  " + s2)]
    assert actor_accuracy(doc, preds) == (1, 2)
    assert actor_accuracy(doc, preds[:1]) == (1, 1)
    assert actor_accuracy(doc, []) == (0, 0)
