"""The segmented band index: sealing and merging keep every key findable, and a store with
the single-B-tree layout (revision 0007) is carried over."""
from __future__ import annotations

import random

from sqlalchemy import func, select

from diplograph import Graph
from diplograph.graph import bandindex
from diplograph.graph import neardup as nd
from diplograph.graph import schema as s
from diplograph.graph.store import normalise_url

from .factory import result

WORDS = ("harbour council minister treaty ferry quota river envoy summit border trade "
         "season delegation talks budget railway bridge market festival village").split()


def text(seed: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(60)) + "."


def _segments(g) -> list[tuple]:
    b = s.band_segments.c
    with g.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(b.seg, b.level, b.entries).order_by(b.seg))]


def test_sealed_and_merged_segments_still_find_copies(store_url, monkeypatch):
    monkeypatch.setattr(bandindex, "OPEN_MAX", 3 * nd.BANDS)  # sealed every 3 texts
    monkeypatch.setattr(bandindex, "FANOUT", 2)
    with Graph(store_url) as g:
        for i in range(0, 24, 4):  # several batches: seals and merges happen between them
            g.add([result(f"d{j}", "2021-01-01", [], text=text(j)) for j in range(i, i + 4)],
                  batch_size=2)
        segs = _segments(g)
        assert segs[0][:2] == (0, 0) and max(level for _, level, _ in segs) >= 3
        with g.engine.connect() as conn:
            counts = dict(conn.execute(select(s.doc_bands.c.seg, func.count())
                                       .group_by(s.doc_bands.c.seg)).all())
            assert {seg: n for seg, _, n in segs if n} == counts
            assert sum(counts.values()) == 24 * nd.BANDS
            keys = nd.bands(nd.shingle_array(text(0)))
            found = {d for _, d in bandindex.lookup(conn, keys)}
        assert found == {"d0"}
        # copies of the first and of the last text: one lives in the oldest merged segment
        summary = g.add([result(f"c{j}", "2021-02-01", [], text="Wire copy. " + text(j))
                         for j in (0, 23)])
        assert summary.documents_duplicate == 2
        assert g.document("c0")["duplicate_of"] == "d0"
        assert g.document("c23")["duplicate_of"] == "d23"
        assert g.check() == []


def test_a_store_with_the_single_tree_layout_is_carried_over(store_url):
    from alembic import command
    from sqlalchemy import create_engine, insert, table, column

    from diplograph.graph.store import _alembic_config

    old = table("doc_bands", column("band"), column("doc_id"))
    engine = create_engine(normalise_url(store_url))
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0007")
        conn.execute(insert(s.documents), [dict(id=f"d{j}", text=text(j), status="ok",
                                                norm_hash=f"n{j}") for j in range(3)])
        conn.execute(insert(old), [dict(band=k, doc_id=f"d{j}") for j in range(3)
                                   for k in nd.bands(nd.shingle_array(text(j)))])
    engine.dispose()
    with Graph(store_url) as g:
        assert _segments(g) == [(0, 0, 0), (1, 1, 3 * nd.BANDS)]
        summary = g.add([result("c1", "2021-02-01", [], text="Wire copy. " + text(1))])
        assert summary.documents_duplicate == 1 and g.document("c1")["duplicate_of"] == "d1"
