"""Recognition and relations intervals from events, without a store."""
from __future__ import annotations

from diplograph.graph.state import at, recognition_intervals, relations_intervals


def ev(i, src, tgt, typ, date=None, report="2020-01-01", pol="asserted", sources=1):
    lo = None if date is None else {4: date + "-01-01", 7: date + "-01", 10: date}[len(date)]
    return {"id": i, "source": src, "target": tgt, "type": typ, "polarity": pol, "date": date,
            "date_precision": None, "date_lo": lo, "first_report": report, "num_sources": sources}


def test_recognition_then_withdrawal_then_again():
    ivs = recognition_intervals([
        ev("1", "A", "X", "recognize", "2008-02-19"),
        ev("2", "A", "X", "withdraw_recognition", "2017-10-01"),
        ev("3", "A", "X", "recognize", "2020-05-05"),
    ])["A"]
    assert [iv["status"] for iv in ivs] == ["recognises", "withdrawn", "recognises"]
    assert ivs[0]["until"] == "2017-10-01"
    assert at(ivs, "2018-01-01")["status"] == "withdrawn"
    assert at(ivs, "2021-01-01")["event_ids"] == ["3"]
    assert at(ivs, "2000-01-01") is None


def test_negated_recognition_is_refusal_or_conflict():
    ivs = recognition_intervals([ev("1", "B", "X", "recognize", "2010", pol="negated")])["B"]
    assert [iv["status"] for iv in ivs] == ["refuses"]
    ivs = recognition_intervals([ev("1", "C", "X", "recognize", "2010-01-01"),
                                 ev("2", "C", "X", "recognize", "2011", pol="negated")])["C"]
    assert [iv["status"] for iv in ivs] == ["recognises"] and ivs[0]["conflicts"] == ["2"]


def test_only_asserted_events_change_relations():
    ivs = relations_intervals([
        ev("1", "A", "B", "establish_relations", "1990-01-01"),
        ev("2", "B", "A", "sever_relations", "2001-01-01", pol="hypothetical"),
        ev("3", "A", "B", "sever_relations", "2005-01-01"),
        ev("4", "A", "B", "condemn", "2006-01-01"),
    ])
    assert [iv["status"] for iv in ivs] == ["established", "severed"]


def test_undated_events_hold_from_their_report():
    ivs = relations_intervals([ev("1", "A", "B", "downgrade_relations", None, report="2019-03-03")])
    assert ivs[0]["start"] == "2019-03-03" and ivs[0]["since"] is None
    assert ivs[0]["known_by"] == "2019-03-03"


def test_better_sourced_change_wins_a_conflict():
    ivs = relations_intervals([ev("1", "A", "B", "downgrade_relations", "2008-08-29", sources=1),
                               ev("2", "A", "B", "sever_relations", "2008-08-29", sources=3)])
    assert len(ivs) == 1 and ivs[0]["status"] == "severed" and ivs[0]["conflicts"] == ["1"]


def test_equal_sources_fall_back_to_confidence():
    a = ev("1", "A", "X", "recognize", "2017-11-23")
    b = ev("2", "A", "X", "withdraw_recognition", "2017-11-23")
    a["confidence"], b["confidence"] = 0.7, 0.9
    ivs = recognition_intervals([a, b])["A"]
    assert [iv["status"] for iv in ivs] == ["withdrawn"] and ivs[0]["conflicts"] == ["1"]
