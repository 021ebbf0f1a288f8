"""The Graph facade: opening, dispatch of ingest, names, the lazy public imports."""
from __future__ import annotations

import sys
import types

import diplograph
from diplograph.facade import Graph
from diplograph.graph.writer import IngestSummary
from tests.graph.factory import event, result


def test_lazy_public_names():
    from diplograph import api

    assert diplograph.Graph is Graph and api.Graph is Graph


def test_default_url_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DIPLOGRAPH_DB", str(tmp_path / "env.db"))
    monkeypatch.setenv("DIPLOGRAPH_CONFIG", str(tmp_path / "none.toml"))
    with Graph() as g:
        assert g.url == f"sqlite:///{tmp_path / 'env.db'}"
    assert (tmp_path / "env.db").exists()


def test_ingest_with_workers_goes_to_the_batch_runner(tmp_path, monkeypatch):
    calls = {}

    def ingest_batch(graph, sources, **kw):
        calls.update(kw, graph=graph, sources=sources)
        return IngestSummary(documents_new=7)

    monkeypatch.setitem(sys.modules, "diplograph.batch",
                        types.SimpleNamespace(ingest_batch=ingest_batch))
    with Graph(str(tmp_path / "b.db")) as g:
        summary = g.ingest(["a", "b"], workers=2, progress=False)
        assert summary.documents_new == 7 and calls["graph"] is g
        assert calls["workers"] == 2 and calls["sources"] == ["a", "b"]
        g.ingest("one", scheduler="tcp://127.0.0.1:8786", progress=False)
        assert calls["scheduler"] == "tcp://127.0.0.1:8786" and calls["sources"] == ["one"]


def test_summary_to_dict_and_resolve_by_stored_name(tmp_path):
    with Graph(str(tmp_path / "n.db")) as g:
        s = g.add([result("n1", "2020-01-01", [event("n1", "QQA", "QQB", "recognize", "2020")])])
        assert s.to_dict()["documents_new"] == 1 and s.to_dict()["events_new"] == 1
        assert g.resolve("QQA land") == "QQA" and g.resolve("qqa") == "QQA"
        assert g.entity("QQB")["counts"]["as_target"] == 1
