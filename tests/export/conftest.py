from __future__ import annotations

import pytest

from diplograph.facade import Graph
from tests.graph.factory import event, result


@pytest.fixture
def stored_events(tmp_path):
    """Graph events (dicts with mentions) from a small SQLite store."""
    with Graph(str(tmp_path / "x.db")) as g:
        g.add([result("e1", "2022-07-18", [
            event("e1", "PRK", "DPR", "recognize", "2022-07-13", start=0),
            event("e1", "UKR", "PRK", "sever_relations", "2022-07-13", start=100),
            event("e1", "RUS", "UNSC", "veto", None, start=200, background=True),
        ], url="https://news.example/a", outlet="News A"),
            result("e2", "2022-07-19", [event("e2", "PRK", "DPR", "recognize", "2022-07-13")],
                   url="https://other.example/b", outlet="Other B")])
        yield list(g.iter_events(with_mentions=True))


@pytest.fixture
def model_events():
    return [event("m1", "PRK", "DPR", "recognize", "2022-07-13"),
            event("m1", "UKR", "PRK", "condemn", "2022-07", start=50)]
