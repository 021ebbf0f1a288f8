"""`diplograph code` end to end on the bundled examples and on bad input."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from diplograph.cli import app

runner = CliRunner()


def _events(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def example_events(repo_root):
    res = runner.invoke(app, ["code", str(repo_root / "examples"), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    return _events(res.stdout)


def test_examples_give_contract_events(example_events):
    assert example_events
    for ev in example_events:
        assert ev["type"] and ev["source"]["code"] and ev["target"]["code"]
        assert ev["polarity"] in {"asserted", "negated", "hypothetical", "reported-claim"}
        assert ev["evidence"]["sentence"]


def test_examples_core_facts(example_events):
    got = {(e["source"]["code"], e["type"], e["target"]["code"], e["polarity"])
           for e in example_events}
    assert ("RUS", "recognize", "ABK", "asserted") in got
    assert ("RUS", "recognize", "SOS", "asserted") in got
    assert ("GBR", "expel_diplomat", "RUS", "asserted") in got
    assert ("RUS", "veto", "UNSC", "asserted") in got
    # traps: abstention is not a veto; the EU does not recognise; local news is not diplomacy
    assert not any(e["type"] == "veto" and e["source"]["code"] == "CHN" for e in example_events)
    assert ("EU", "recognize", "ABK", "asserted") not in got
    local = ("governor", "federation", "supermarket", "weather service")
    assert not any(word in e["evidence"]["sentence"] for e in example_events for word in local)


def test_the_recognition_is_dated(example_events):
    rec = [e for e in example_events if e["type"] == "recognize"
           and e["source"]["code"] == "RUS" and e["target"]["code"] == "ABK"
           and e["polarity"] == "asserted"]
    assert rec and rec[0]["date"] == "2008-08-26"


def test_stdin_and_published(tmp_path):
    res = runner.invoke(app, ["code", "-", "--published", "2017-06-13", "--format", "jsonl"],
                        input="On Tuesday Panama broke off diplomatic ties with Taiwan.\n")
    assert res.exit_code == 0, res.output
    evs = _events(res.stdout)
    assert any(e["type"] == "sever_relations" and e["source"]["code"] == "PAN"
               and e["target"]["code"] == "TWN" and e["date"] == "2017-06-13" for e in evs)


def test_bad_input_is_skipped_and_the_rest_is_coded(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Britain expelled 23 Russian diplomats on Wednesday.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    res = runner.invoke(app, ["code", str(tmp_path), "--published", "2018-03-14",
                              "--format", "jsonl"])
    assert res.exit_code == 1
    assert "DG101" in res.stderr and "DG102" in res.stderr
    assert any(e["type"] == "expel_diplomat" for e in _events(res.stdout))


def test_usage_error_exit_2():
    res = runner.invoke(app, ["code", "x.txt", "--format", "yaml"])
    assert res.exit_code == 2


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_other_formats(repo_root, fmt):
    res = runner.invoke(app, ["code", str(repo_root / "examples" / "04-veto.txt"), "--format", fmt])
    assert res.exit_code == 0, res.output
    assert "veto" in res.stdout
