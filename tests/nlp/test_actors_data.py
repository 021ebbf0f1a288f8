"""Actor tables: coverage of the required codes, user files (CSV, JSONL, PETRARCH), errors."""
from __future__ import annotations

import csv
import json
from datetime import date

import pytest

from diplograph.errors import ConfigError
from diplograph.nlp.actor_data import load_actor_index, parse_date
from diplograph.nlp.actors import lookup
from diplograph.nlp.petrarch import parse_code, parse_dictionary

REQUIRED = ["DPR", "LPR", "ABK", "SOS", "PMR", "XKX", "PSE", "TWN", "ESH", "SML", "TRNC", "CRIMEA",
            "VAT", "UN", "UNSC", "UNGA", "EU", "NATO", "AU", "ASEAN", "OSCE", "G7", "G20", "LAS",
            "OIC", "GCC", "CIS", "SCO", "BRICS", "HAMAS", "TALIBAN", "HEZBOLLAH"]


def test_every_iso_state_and_required_code_is_known():
    index = load_actor_index()
    states = [a for a in index.actors.values() if a.kind == "state"]
    assert len(states) >= 195
    for code in REQUIRED + ["RUS", "PRK", "UKR", "USA", "CHN", "SSD", "MNE"]:
        assert code in index.actors, code
    with_qid = [a for a in states if a.wikidata]
    assert len(with_qid) >= 190
    assert all(a.wikidata.startswith("Q") for a in index.actors.values() if a.wikidata)


def test_every_alias_points_to_a_known_actor():
    index = load_actor_index()
    unknown = {e.code for e in index.entries if e.code != "-" and e.code not in index.actors}
    assert not unknown
    assert not {p.code for p in index.people if p.code not in index.actors}


def test_terms_of_office_are_ordered():
    for p in load_actor_index().people:
        assert p.start is not None, p
        assert p.end is None or p.start <= p.end, p


# offices where two people legitimately overlap: a party leader who is the country's
# leader before the state presidency passes to him, a nominal head of state beside the
# ruler (PRK's presidium chairman), Andorra's two co-princes (the French president and the
# Bishop of Urgell), the three members of Bosnia and Herzegovina's presidency, Nicaragua's
# co-presidents (Ortega and Murillo, under the constitutional reform of February 2025)
SHARED_TOP_OFFICE = {("CHN", "head_of_state"), ("PRK", "head_of_state"), ("AND", "head_of_state"),
                     ("BIH", "head_of_state"), ("NIC", "head_of_state")}


def test_one_holder_per_office_at_a_time():
    """Two holders of one office at once is a data error (a missed end date, a wrong
    start); a month and a half of overlap is tolerated for imprecise dates."""
    terms: dict = {}
    for p in load_actor_index().people:
        if p.office in ("head_of_state", "head_of_government", "foreign_minister"):
            terms.setdefault((p.code, p.office), []).append(p)
    clashes = []
    for key, held in terms.items():
        if key in SHARED_TOP_OFFICE:
            continue
        held.sort(key=lambda p: p.start)
        for a, b in zip(held, held[1:]):
            end = a.end or date.max
            if a.name != b.name and (end - b.start).days > 45:
                clashes.append(f"{key}: {a.name} ({a.start}..{a.end}) / {b.name} from {b.start}")
    assert not clashes, "\n".join(clashes)


def test_parse_date():
    assert parse_date("2014") == date(2014, 1, 1)
    assert parse_date("2014", end=True) == date(2014, 12, 31)
    assert parse_date("2014-03-18") == date(2014, 3, 18)
    with pytest.raises(ConfigError):
        parse_date("March 2014")


def test_user_csv_overrides_and_adds(tmp_path):
    path = tmp_path / "mine.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["code", "kind", "name", "wikidata", "aliases", "text", "role", "via", "case", "start", "end", "office"])
        w.writerow(["ARTS", "entity", "Republic of Artsakh", "Q23792", "Artsakh;Nagorno-Karabakh Republic", "", "", "", "", "", "", ""])
        w.writerow(["GEO", "", "", "", "", "Georgia", "", "name", "exact", "", "", ""])  # keep Georgia, drop nothing
        w.writerow(["ARM", "", "", "", "", "Stepanakert", "GOV", "capital", "exact", "", "", ""])
        w.writerow(["ARTS", "", "Arayik Harutyunyan", "", "Harutyunyan", "", "GOV", "", "", "2020-05-21", "2023-09-01", "head_of_state"])
    extra = str(path)
    assert lookup("Artsakh", extra_file=extra).code == "ARTS"
    assert lookup("Artsakh", extra_file=extra).wikidata == "Q23792"
    assert lookup("Stepanakert", extra_file=extra).code == "ARM"  # overridden alias
    assert lookup("Harutyunyan", "2021-01-01", extra_file=extra).code == "ARTS"
    assert lookup("Harutyunyan", "2024-01-01", extra_file=extra) is None
    assert lookup("Artsakh") is None  # the built-in index is untouched


def test_user_jsonl(tmp_path):
    path = tmp_path / "mine.jsonl"
    rows = [{"code": "FRD", "kind": "state", "name": "Freedonia", "aliases": "Freedonian Republic"},
            {"text": "the Freedonian palace", "code": "FRD", "role": "GOV", "via": "building"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    found = lookup("The Freedonian Palace", extra_file=str(path))
    assert (found.code, found.role, found.via) == ("FRD", "GOV", "building")


def test_bad_user_files(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"code": "X", "name": "X"}\nnot json\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.jsonl:2"):
        load_actor_index(bad)
    bad_case = tmp_path / "case.csv"
    bad_case.write_text("text,code,case\nFoo,FOO,upper\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="case"):
        load_actor_index(bad_case)
    with pytest.raises(ConfigError):
        load_actor_index(tmp_path / "missing.csv")


def test_petrarch_codes_and_dates():
    assert parse_code("USAGOV 090120-170120") == {"code": "USA", "role": "GOV", "start": "2009-01-20",
                                                   "end": "2017-01-20"}
    assert parse_code("RUS >120507")["start"] == "2012-05-07"
    assert parse_code("RUS <080507")["end"] == "2008-05-07"
    assert parse_code("IGOUNO")["code"] == "UN"
    assert parse_code("IRNREB")["role"] == "REB"


def test_petrarch_dictionary_blocks():
    text = """
    # comment line
    VLADIMIR_PUTIN_
    +PUTIN  # surname
    [RUSGOV 000507-080507]
    [RUSGOV >120507]
    NORTH_KOREA [PRK]
    +D.P.R.K.
    """
    rows = parse_dictionary(text)
    putin = [r for r in rows if r["text"] == "PUTIN"]
    assert len(putin) == 2 and {r["start"] for r in putin} == {"2000-05-07", "2012-05-07"}
    assert any(r["text"] == "D.P.R.K." and r["code"] == "PRK" for r in rows)
    assert all(r["text"] != "" for r in rows)


def test_petrarch_bad_code_is_config_error():
    with pytest.raises(ConfigError, match=":2"):
        parse_dictionary("FOO [FOO]\nBAR [BAR 99]\n")


def test_petrarch_null_code_blocks_and_agent_codes_are_skipped():
    rows = parse_dictionary("NEW_JERSEY [---]\nFOREIGN_MINISTER [~GOV]\n")
    assert rows == [{"text": "NEW JERSEY", "via": "block", "case": "lower", "code": "-",
                     "role": None, "start": "", "end": ""}]
