"""Opening stores: URL rules, migrations on open, integrity checks."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from diplograph.errors import MigrationError, StoreError
from diplograph.facade import Graph
from diplograph.graph.store import normalise_url


def test_urls(monkeypatch):
    monkeypatch.delenv("DIPLOGRAPH_DB", raising=False)
    assert normalise_url(None) == "sqlite:///diplograph.db"
    assert normalise_url("x/y.db") == "sqlite:///x/y.db"
    assert normalise_url("sqlite:///a.db") == "sqlite:///a.db"
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("DIPLOGRAPH_DB", "/tmp/env.db")
    assert normalise_url(None) == "sqlite:////tmp/env.db"
    with pytest.raises(StoreError):
        normalise_url("mysql://u@h/db")


def test_missing_folder_is_a_store_error(tmp_path):
    with pytest.raises(StoreError):
        Graph(str(tmp_path / "no" / "such" / "dir" / "g.db"))


def test_open_migrates_and_reopens(store_url):
    with Graph(store_url) as g:
        assert g.check() == []
        with g.engine.connect() as conn:
            assert conn.execute(text("select version_num from alembic_version")).scalar() == "0009"
    with Graph(store_url) as g:  # reopening an up-to-date store is a no-op
        assert g.stats()["events"] == 0


def test_a_store_from_a_newer_version_is_refused(store_url):
    with Graph(store_url) as g:
        with g.engine.begin() as conn:
            conn.execute(text("update alembic_version set version_num = '9999'"))
    with pytest.raises(MigrationError):
        Graph(store_url)


def test_sqlite_uses_wal(tmp_path):
    with Graph(str(tmp_path / "w.db")) as g:
        with g.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_check_finds_broken_counts(graph):
    from .factory import simple

    graph.add([simple("d", "2020-01-01", ("AAA", "BBB", "meet", "2020-01-01"))])
    with graph.engine.begin() as conn:
        conn.execute(text("update events set num_mentions = 5"))
    assert any("counts" in p for p in graph.check())


def test_in_memory_store_keeps_its_data():
    from .factory import simple

    with Graph(":memory:") as g:
        g.add([simple("m", "2020-01-01", ("AAA", "BBB", "meet", "2020-01-01"))])
        assert g.stats()["events"] == 1 and g.check() == []


def test_a_store_at_the_first_revision_is_upgraded(store_url):
    from sqlalchemy import create_engine, inspect

    from diplograph.graph.store import _alembic_config, normalise_url

    engine = create_engine(normalise_url(store_url))
    from alembic import command
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
    engine.dispose()
    with Graph(store_url) as g:
        names = {ix["name"] for ix in inspect(g.engine).get_indexes("events")}
        assert "ix_events_source_sort" in names


def test_migrations_0004_0005_recompute_old_band_keys_and_add_signatures(store_url):
    """A store written with the old MinHash keys still finds copies of its texts."""
    from alembic import command
    from sqlalchemy import column, create_engine, insert, select, table

    from diplograph.graph import neardup as nd
    from diplograph.graph import schema as s
    from diplograph.graph.store import _alembic_config

    from .factory import result
    from .test_neardup import STORY

    engine = create_engine(normalise_url(store_url))
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0003")
        conn.execute(insert(s.documents).values(id="old1", text=STORY, status="ok",
                                                norm_hash="x"))
        old_bands = table("doc_bands", column("band"), column("doc_id"))  # as at 0003
        conn.execute(insert(old_bands), [dict(band=f"{i}:{i:016x}", doc_id="old1")
                                         for i in range(nd.BANDS)])
    engine.dispose()
    with Graph(store_url) as g:
        with g.engine.connect() as conn:
            keys = [r[0] for r in conn.execute(select(s.doc_bands.c.band)
                                               .where(s.doc_bands.c.doc_id == "old1"))]
        assert sorted(keys) == sorted(nd.bands(nd.shingle_array(STORY)))
        with g.engine.connect() as conn:  # migration 0005 stored its signature
            sig = conn.execute(select(s.doc_sigs.c.sig)
                               .where(s.doc_sigs.c.doc_id == "old1")).scalar()
        assert (nd.unpack(sig) == nd.signature(nd.shingle_array(STORY))).all()
        summary = g.add([result("new1", "2021-05-04", [],
                                text="From our correspondent. " + STORY + " (Wire copy.)")])
        assert summary.documents_duplicate == 1
        assert g.document("new1")["duplicate_of"] == "old1"
