from __future__ import annotations

import json

import pytest

from diplograph.model import ActorRef, Event, Evidence, Plover


def _event(**kw):
    base = dict(doc_id="d1", type="recognize", source=ActorRef("RUS", "GOV", "Russia", "Moscow"),
                target=ActorRef("ABK", None, "Abkhazia", "Abkhazia"),
                evidence=Evidence("Moscow recognised Abkhazia.", 10, 37), cameo="054",
                plover=Plover("SUPPORT", None, ["diplomatic"]), date="2008-08-26",
                date_precision="day")
    base.update(kw)
    return Event(**base)


def test_event_json_has_the_contract_fields():
    d = _event().to_dict()
    assert set(d) >= {"id", "doc_id", "type", "cameo", "plover", "source", "target", "date",
                      "date_precision", "date_text", "polarity", "background", "scope",
                      "evidence", "confidence"}
    assert d["source"] == {"code": "RUS", "role": "GOV", "name": "Russia", "text": "Moscow"}
    assert d["plover"] == {"event": "SUPPORT", "mode": None, "context": ["diplomatic"]}
    assert d["evidence"] == {"sentence": "Moscow recognised Abkhazia.", "start": 10, "end": 37}
    json.dumps(d)


def test_id_is_stable_and_depends_on_canonical_fields():
    a, b = _event(), _event()
    assert a.id == b.id and len(a.id) == 20
    assert _event(polarity="negated").id != a.id
    assert _event(date="2008-08-27").id != a.id


def test_round_trip():
    ev = _event(background=True, scope="government")
    back = Event.from_dict(ev.to_dict())
    assert back.to_dict() == ev.to_dict()


def test_gold_style_dict_with_bare_codes():
    ev = Event.from_dict({"type": "veto", "source": "CHN", "target": "UNSC",
                          "evidence": "China vetoed it.", "plover": "REJECT"})
    assert ev.source.code == "CHN" and ev.plover.event == "REJECT"


@pytest.mark.parametrize("field,value", [("type", "invade"), ("polarity", "maybe")])
def test_rejects_unknown_vocabulary(field, value):
    with pytest.raises(ValueError):
        _event(**{field: value})
