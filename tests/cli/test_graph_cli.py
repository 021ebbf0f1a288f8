"""`diplograph ingest / recognition / relations / events` on stores built without NLP."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from diplograph.cli import app
from diplograph.facade import Graph
from tests.graph.factory import event, failed, result

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "cli.db")
    with Graph(path) as g:
        g.add([result("c1", "2022-07-18", [
            event("c1", "PRK", "DPR", "recognize", "2022-07-13"),
            event("c1", "UKR", "PRK", "sever_relations", "2022-07-13", start=100),
        ], url="https://news.example/c1")])
    return path


@pytest.fixture
def fake_coder(monkeypatch):
    """Replace coding with hand-made results: one good document and one failure."""
    import diplograph.api

    def code_documents(sources, **kw):
        yield result("f1", "2021-01-02", [event("f1", "AAA", "BBB", "recognize", "2021-01-01")])
        if any("bad" in str(s) for s in sources):
            yield failed("bad.html")

    monkeypatch.setattr(diplograph.api, "code_documents", code_documents)


def test_recognition_json(db):
    res = runner.invoke(app, ["recognition", "DPR", "--as-of", "2022-07-18", "--format", "json",
                              "--db", db])
    assert res.exit_code == 0, res.output
    ans = json.loads(res.stdout)
    assert set(ans) >= {"entity", "as_of", "recognisers", "withdrawn", "refuses"}
    (rec,) = ans["recognisers"]
    assert rec["code"] == "PRK" and rec["since"] == "2022-07-13" and rec["status"] == "recognises"
    assert rec["events"][0]["evidence"]["sentence"]


def test_recognition_table_and_env_db(db, monkeypatch):
    monkeypatch.setenv("DIPLOGRAPH_DB", db)
    res = runner.invoke(app, ["recognition", "DPR", "--as-of", "2022-07-18"])
    assert res.exit_code == 0 and "PRK" in res.stdout and "2022-07-13" in res.stdout


def test_relations_json_and_table(db):
    res = runner.invoke(app, ["relations", "UKR", "PRK", "--format", "json", "--db", db])
    ans = json.loads(res.stdout)
    assert (ans["status"], ans["since"]) == ("severed", "2022-07-13") and ans["timeline"]
    assert {"a", "b", "as_of", "status", "since", "timeline"} <= set(ans)
    res = runner.invoke(app, ["relations", "UKR", "PRK", "--as-of", "2022-01-01", "--db", db])
    assert res.exit_code == 0 and "unknown" in res.stdout


def test_events_formats(db, tmp_path):
    res = runner.invoke(app, ["events", "--db", db, "--format", "jsonl", "--type", "recognize"])
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert len(lines) == 1 and lines[0]["mentions"][0]["url"] == "https://news.example/c1"
    res = runner.invoke(app, ["events", "--db", db, "--format", "cameo", "--source", "UKR"])
    assert res.stdout.splitlines()[0].startswith("EventID\t") and len(res.stdout.splitlines()) == 2
    out = tmp_path / "e.parquet"
    res = runner.invoke(app, ["events", "--db", db, "--format", "parquet", "-o", str(out)])
    assert res.exit_code == 0 and out.stat().st_size > 0
    res = runner.invoke(app, ["events", "--db", db, "--format", "csv", "--since", "2022-07-14",
                              "--until", "2022-12-31", "--polarity", "asserted"])
    assert res.stdout.count("\n") == 1  # header only


def test_bad_input_exit_codes(db):
    res = runner.invoke(app, ["recognition", "Nowhere Land Republic", "--db", db])
    assert res.exit_code == 1 and "DG300" in res.stderr
    res = runner.invoke(app, ["events", "--db", db, "--type", "invade"])
    assert res.exit_code == 1 and "DG300" in res.stderr
    res = runner.invoke(app, ["recognition", "DPR", "--format", "yaml", "--db", db])
    assert res.exit_code == 2
    res = runner.invoke(app, ["events", "--db", "mysql://x@y/z"])
    assert res.exit_code == 1 and "DG200" in res.stderr


def test_ingest_summary_and_exit_codes(tmp_path, fake_coder):
    db = str(tmp_path / "i.db")
    res = runner.invoke(app, ["ingest", "some/folder", "--db", db])
    assert res.exit_code == 0, res.output
    assert "1 new" in res.stderr and "0 failed" in res.stderr
    res = runner.invoke(app, ["ingest", "some/folder", "bad.html", "--db", db])
    assert res.exit_code == 1 and "1 unchanged" in res.stderr and "1 failed" in res.stderr
    res = runner.invoke(app, ["ingest", "some/folder", "--db", db, "--quiet"])
    assert res.exit_code == 0 and res.stderr == ""
