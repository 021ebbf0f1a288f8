"""`diplograph actors lookup|list|import`."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from diplograph.cli import app

runner = CliRunner()

DICTIONARY = """# a small PETRARCH-style dictionary
FREEDONIA [FRD]
+FREEDONIAN_GOVERNMENT
RUFUS_T._FIREFLY [FRDGOV 330101-331231]  # a leader with dates
+FIREFLY
SYLVANIA
[SYL]
"""


def test_lookup_json():
    res = runner.invoke(app, ["actors", "lookup", "the Kremlin", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == {"code": "RUS", "role": "GOV", "name": "Russia",
                                      "wikidata": "Q159", "kind": "state"}


def test_lookup_null_and_dated_person():
    res = runner.invoke(app, ["actors", "lookup", "Jordan Henderson", "-f", "json"])
    assert json.loads(res.stdout) is None
    res = runner.invoke(app, ["actors", "lookup", "Kuleba", "--on", "2022-07-18", "-f", "json"])
    assert json.loads(res.stdout)["code"] == "UKR"
    res = runner.invoke(app, ["actors", "lookup", "Kuleba", "--on", "2025-03-01", "-f", "json"])
    assert json.loads(res.stdout) is None


def test_lookup_bad_date_is_usage_error():
    res = runner.invoke(app, ["actors", "lookup", "Russia", "--on", "yesterday"])
    assert res.exit_code == 2
    assert "DG001" in res.output


def test_list_kind():
    res = runner.invoke(app, ["actors", "list", "--kind", "entity", "--format", "json"])
    assert res.exit_code == 0
    codes = {row["code"] for row in json.loads(res.stdout)}
    assert {"DPR", "LPR", "ABK", "SOS", "PMR", "XKX", "PSE", "TWN", "ESH", "SML", "TRNC", "CRIMEA"} <= codes
    assert "RUS" not in codes


def test_import_and_use_dictionary(tmp_path):
    src = tmp_path / "mini.actors.txt"
    src.write_text(DICTIONARY, encoding="utf-8")
    out = tmp_path / "mini.csv"
    res = runner.invoke(app, ["actors", "import", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "text,code,role,via,case,start,end"
    assert "RUFUS T. FIREFLY,FRD,GOV,import,lower,1933-01-01,1933-12-31" in lines
    assert "SYLVANIA,SYL,,import,lower,," in lines
    for extra in (out, src):  # the CSV and the dictionary itself both work as --actors
        res = runner.invoke(app, ["actors", "lookup", "Firefly", "--on", "1933-06-01",
                                  "--actors", str(extra), "-f", "json"])
        assert json.loads(res.stdout)["code"] == "FRD", res.output
        res = runner.invoke(app, ["actors", "lookup", "Firefly", "--on", "1950-06-01",
                                  "--actors", str(extra), "-f", "json"])
        assert json.loads(res.stdout) is None


def test_missing_actors_file_is_config_error(tmp_path):
    res = runner.invoke(app, ["actors", "lookup", "Russia", "--actors", str(tmp_path / "nope.csv")])
    assert res.exit_code == 1
    assert "DG010" in res.output
