"""Suite discovery, the coding path (with a stand-in coder), floors and the eval command."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplograph import api
from diplograph.cli import app
from diplograph.errors import ConfigError
from diplograph.eval import check_floors, discover, load_floors, run_suite
from diplograph.model import ActorRef, Article, CodeResult, Event, Evidence, Failure, Plover

SENTENCE = "The Republic of Arland recognised the independence of Borduria on Tuesday."


def _write(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    """A miniature data folder in the layout of ../shared/data (our own texts)."""
    dev = tmp_path / "dev"
    (dev / "articles").mkdir(parents=True)
    (dev / "articles" / "a1.txt").write_text(SENTENCE, encoding="utf-8")
    (dev / "articles" / "a2.txt").write_text("The governor vetoed two bills.", encoding="utf-8")
    _write(dev / "index.jsonl", [
        {"id": "a1", "file": "articles/a1.txt", "published": "2021-03-04"},
        {"id": "a2", "file": "articles/a2.txt", "published": None}])
    _write(dev / "gold.jsonl", [
        {"id": "a1", "events": [{"source": "FRA", "target": "XKX", "type": "recognize",
                                  "polarity": "asserted", "date": "2021-03-02",
                                  "evidence": SENTENCE}]},
        {"id": "a2", "events": [], "negative": True}])
    mixed = tmp_path / "mixed"
    (mixed / "articles").mkdir(parents=True)
    (mixed / "articles" / "m1.txt").write_text("A club was sanctioned.", encoding="utf-8")
    _write(mixed / "index.jsonl", [{"id": "m1", "file": "articles/m1.txt", "published": None}])
    _write(mixed / "labels.jsonl", [{"id": "m1", "has_diplomatic_event": False, "events": []}])
    _write(tmp_path / "plover_gsr" / "records.jsonl", [
        {"id": "pl1", "text": SENTENCE, "date": "2000-01-01", "expected_events": [
            {"event": "SUPPORT", "event_plover_current": "SUPPORT",
             "actor": [{"code": "FRA"}], "recipient": [{"code": "XKX"}]}]}])
    _write(tmp_path / "petrarch" / "records.jsonl", [
        {"id": "pe1", "text": SENTENCE, "date_iso": "2008-08-04", "expect_no_events": False,
         "expected_events": [{"source": "FRAGOV", "target": "XKX", "code": "054"}]}])
    return tmp_path


@pytest.fixture()
def fake_coder(monkeypatch):
    """Codes 'recognised' as FRA recognize XKX dated by the publication date; fails on '!'."""
    seen = []

    def code_document(doc, *, settings=None, **_):
        seen.append(doc)
        if "!" in (doc.text or ""):
            return CodeResult(origin=doc.id, failure=Failure(doc.id, "DG101", "boom", doc.id))
        events = []
        if "recognised" in doc.text:
            events.append(Event(doc_id=doc.id, type="recognize", source=ActorRef("FRA"),
                                target=ActorRef("XKX"), evidence=Evidence(doc.text, 0, 5),
                                cameo="054", plover=Plover("SUPPORT"), date="2021-03-02"))
        if "sanctioned" in doc.text:
            events.append(Event(doc_id=doc.id, type="impose_sanctions", source=ActorRef("USA"),
                                target=ActorRef("GBR"), evidence=Evidence(doc.text, 0, 5),
                                cameo="163", plover=Plover("COERCE")))
        return CodeResult(origin=doc.id, article=Article(id=doc.id, text=doc.text), events=events)

    monkeypatch.setattr(api, "code_document", code_document)
    return seen


def test_discover_finds_every_suite(data):
    assert [(s.name, s.kind) for s in discover(data)] == [
        ("dev", "articles"), ("mixed", "mixed"), ("plover", "plover"), ("petrarch", "petrarch")]


def test_run_every_suite_with_stand_in_coder(data, fake_coder):
    results = {s.name: run_suite(s) for s in discover(data)}
    assert results["dev"]["f1"] == 1.0 and results["dev"]["date_accuracy"] == 1.0
    assert results["mixed"]["false_per_100"] == 100.0
    assert results["plover"]["typed_f1"] == 1.0
    assert results["petrarch"]["root_f1"] == 1.0 and results["petrarch"]["typed_f1"] == 1.0
    published = {d.id: d.published for d in fake_coder}
    assert published["a1"] == "2021-03-04" and published["pl1"] == "2000-01-01"
    assert published["pe1"] == "2008-08-04"


def test_coding_failure_is_recorded(data, fake_coder):
    (data / "dev" / "articles" / "a1.txt").write_text("!", encoding="utf-8")
    res = run_suite(discover(data)[0])
    assert res["failures"] == [{"id": "a1", "error": "boom"}] and res["recall"] == 0.0


def test_floors_and_ceilings(tmp_path):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"note": "x", "min": {"dev.f1": 0.5, "plover.typed_f1": 0.4},
                                  "max": {"mixed.false_per_100": 2}}))
    bounds = load_floors(floors)
    results = [{"suite": "dev", "f1": 0.6}, {"suite": "mixed", "false_per_100": 3.5}]
    problems = check_floors(results, bounds)
    assert problems == ["mixed.false_per_100 = 3.5 is above its ceiling 2"]
    assert "plover.typed_f1: suite 'plover' did not run" in check_floors(results, bounds, require_all=True)
    results[0]["f1"] = 0.49
    assert "dev.f1 = 0.49 is below its floor 0.5" in check_floors(results, bounds)
    floors.write_text(json.dumps({"min": {"f1": "high"}}))
    with pytest.raises(ConfigError):
        load_floors(floors)


def test_cli_scores_predictions_file(data, tmp_path):
    preds = _write(tmp_path / "pred.jsonl", [
        {"doc_id": "a1", "type": "recognize", "source": {"code": "FRA"}, "target": {"code": "XKX"},
         "polarity": "asserted", "date": "2021-03-02", "evidence": {"sentence": SENTENCE}},
        {"doc_id": "a2", "type": "veto", "source": {"code": "USA"}, "target": {"code": "UNSC"},
         "polarity": "asserted", "date": None, "evidence": {"sentence": "x"}}])
    out = tmp_path / "out.json"
    r = CliRunner().invoke(app, ["eval", str(data / "dev" / "gold.jsonl"), "--predictions",
                                 str(preds), "--format", "json", "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)["suites"][0]
    assert res["suite"] == "dev" and res["tp"] == 1 and res["negative_false_positives"] == 1
    assert json.loads(out.read_text())["suites"][0]["fp"] == 1
    r = CliRunner().invoke(app, ["eval", str(data / "dev"), "--predictions", str(preds), "--details", "-q"])
    assert r.exit_code == 0 and "false positives (1)" in r.stdout and "USA veto UNSC" in r.stdout


def test_cli_gate_exit_codes(data, fake_coder, tmp_path):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"min": {"dev.f1": 0.9}, "max": {"mixed.false_per_100": 0}}))
    r = CliRunner().invoke(app, ["eval", "--all", str(data), "--floors", str(floors), "-q"])
    assert r.exit_code == 1 and "mixed.false_per_100 = 100 is above its ceiling 0" in r.stdout
    floors.write_text(json.dumps({"min": {"dev.f1": 0.9}, "max": {"mixed.false_per_100": 100}}))
    r = CliRunner().invoke(app, ["eval", "--all", str(data), "--floors", str(floors), "-q"])
    assert r.exit_code == 0 and "gate passed" in r.stdout


def test_cli_usage_errors(tmp_path):
    r = CliRunner().invoke(app, ["eval"])
    assert r.exit_code == 2 and "nothing to evaluate" in r.output
    r = CliRunner().invoke(app, ["eval", "--plover", str(tmp_path / "missing.jsonl")])
    assert r.exit_code == 2
    bad = tmp_path / "gold.jsonl"
    bad.write_text("{not json\n")
    r = CliRunner().invoke(app, ["eval", str(bad), "--predictions", str(bad)])
    assert r.exit_code == 1 and "DG105" in r.output


def test_coder_crash_on_one_text_is_recorded(data, fake_coder, monkeypatch):
    good = api.code_document

    def flaky(doc, **kw):
        if doc.id == "a2":
            raise RuntimeError("bug")
        return good(doc, **kw)

    monkeypatch.setattr(api, "code_document", flaky)
    res = run_suite(discover(data)[0])
    assert res["failures"] == [{"id": "a2", "error": "crash: RuntimeError: bug"}]
    assert res["tp"] == 1


def test_cli_single_suites_json(data, fake_coder):
    r = CliRunner().invoke(app, ["eval", "--mixed", str(data / "mixed"), "--plover",
                                 str(data / "plover_gsr" / "records.jsonl"), "--petrarch",
                                 str(data / "petrarch" / "records.jsonl"), "-f", "json", "-q"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert [s["suite"] for s in out["suites"]] == ["mixed", "plover", "petrarch"]
    assert "gate" not in out
    assert out["suites"][0]["false_events"] == 1 and out["suites"][1]["typed_tp"] == 1


def test_missing_article_file_is_a_failure_not_a_crash(data, fake_coder):
    (data / "dev" / "articles" / "a2.txt").unlink()
    res = run_suite(discover(data)[0])
    assert res["failed"] == 1 and res["failures"][0]["id"] == "a2"
    assert res["tp"] == 1
