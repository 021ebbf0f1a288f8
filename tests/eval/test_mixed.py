"""Mixed-news scoring: false events on ordinary articles, labelled events found."""
from __future__ import annotations

from diplograph.eval.articles import Pred
from diplograph.eval.mixed import score_mixed

LABELS = [
    {"id": "1", "has_diplomatic_event": False, "events": []},
    {"id": "2", "has_diplomatic_event": False, "events": []},
    {"id": "3", "has_diplomatic_event": False, "events": []},
    {"id": "4", "has_diplomatic_event": False, "events": []},
    {"id": "5", "has_diplomatic_event": True, "events": [
        {"source": "JPN", "target": "KOR", "type": "meet", "polarity": "asserted"},
        {"source": "JPN", "target": "CHN", "type": "condemn", "polarity": "asserted", "borderline": True},
        {"source": "JPN", "target": "AUS", "type": "visit", "polarity": "hypothetical"}]},
]


def test_false_events_per_100_negative_articles():
    preds = {"1": [Pred("USA", "CAN", "impose_sanctions", "asserted"),
                   Pred("USA", "CAN", "impose_sanctions", "asserted")],  # counted once
             "2": [Pred("USA", "CAN", "veto", "negated"),  # negated: not a false event
                   Pred("USA", "CAN", "statement_other", "asserted")],  # unscored
             "3": [Pred("GBR", "FRA", "recognize", "hypothetical")]}
    res = score_mixed(LABELS, preds)
    assert res["negative_documents"] == 4
    assert res["false_events"] == 2 and res["false_per_100"] == 50.0
    assert res["negative_documents_with_false"] == 2


def test_found_labelled_asserted_events():
    preds = {"5": [Pred("JPN", "KOR", "meet", "hypothetical"),
                   Pred("JPN", "CHN", "condemn", "negated")]}
    res = score_mixed(LABELS, preds)
    assert res["labelled_asserted"] == 2 and res["found"] == 1
    assert res["labelled_asserted_strict"] == 1 and res["found_rate_strict"] == 1.0
    assert res["false_events"] == 0
    assert [m["target"] for m in res["misses"]] == ["CHN"]
