"""Date arithmetic and the merge rule, without a store."""
from __future__ import annotations

from diplograph.graph.cluster import (best_date, bounds, compatible, dates_agree, normal_date,
                                      pick)


def test_bounds_and_normal_dates():
    assert bounds("2024-02") == ("2024-02-01", "2024-02-29")
    assert bounds("2014") == ("2014-01-01", "2014-12-31")
    assert bounds("2022-07-13") == ("2022-07-13", "2022-07-13")
    assert bounds("2022-13") == (None, None) and bounds(None) == (None, None)
    assert normal_date("2022-07-13", "month") == ("2022-07", "month")
    assert normal_date("2022-7", None) == (None, None)


def test_dates_agree_by_containment_or_one_day():
    assert dates_agree("2022-07", "2022-07-13") and dates_agree("2022-07-13", "2022")
    assert dates_agree("2022-07-13", "2022-07-14")
    assert not dates_agree("2022-07-13", "2022-07-16")
    assert not dates_agree("2022-06", "2022-07-01")


def test_undated_reports_join_state_changes_that_came_before_them():
    # "Russia, which recognised them, ..." reported in July joins the February recognition
    assert compatible("recognize", None, "2022-07-18", "2022-02-21", "2022-02-22", "2022-02-22")
    # ... but not one that happened after the report
    assert not compatible("recognize", None, "2022-01-01", "2022-02-21", "2022-02-22", "2022-02-22")


def test_undated_reports_of_recurring_events_need_closeness():
    assert compatible("condemn", None, "2022-07-18", "2022-07-13", "2022-07-14", "2022-07-14")
    assert not compatible("condemn", None, "2022-09-30", "2022-07-13", "2022-07-14", "2022-07-14")
    assert compatible("condemn", None, "2022-07-18", None, "2022-07-15", "2022-07-15")
    assert not compatible("condemn", None, "2022-08-18", None, "2022-07-15", "2022-07-15")


def test_pick_prefers_the_exact_date():
    cands = [{"id": "a", "date": "2022-07", "first_report": "2022-07-20", "last_report": "2022-07-20"},
             {"id": "b", "date": "2022-07-13", "first_report": "2022-07-14", "last_report": "2022-07-14"}]
    assert pick("recognize", "2022-07-13", "2022-07-18", cands)["id"] == "b"
    assert pick("recognize", "2021-01-01", "2021-01-02", cands) is None


def test_best_date_is_the_most_precise_the_reports_agree_on():
    assert best_date(["2022-07", "2022-07-13", None]) == "2022-07-13"
    assert best_date(["2022-07-13"] * 3 + ["2022-07-14"]) == "2022-07-13"
    assert best_date(["2022-07-02", "2022-07-20"]) == "2022-07"
    assert best_date(["2014", "2015"]) in {"2014", "2015"}
    assert best_date([None, None]) is None


def test_an_undated_report_joins_the_latest_fitting_change():
    cands = [{"id": "old", "date": "2008-02-19", "first_report": "2008-02-20", "last_report": "2008-02-20"},
             {"id": "new", "date": "2020", "first_report": "2020-06-01", "last_report": "2020-06-01"}]
    assert pick("recognize", None, "2021-01-01", cands)["id"] == "new"
    assert pick("recognize", None, "2019-01-01", cands)["id"] == "old"
