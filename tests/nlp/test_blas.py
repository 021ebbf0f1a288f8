"""The model multiplies through numpy's BLAS on one thread, with the same analyses."""
from __future__ import annotations

import pytest
from thinc.api import NumpyOps

from diplograph.nlp import blas
from diplograph.nlp.pipeline import get_pipeline, load_model
from diplograph.settings import Settings

SENTENCES = [
    "Ghana's foreign minister said on Tuesday that Accra would reopen its embassy in Tehran.",
    "The two governments restored diplomatic ties after a decade-long rupture, officials said.",
    "Lithuania expelled three Belarusian diplomats, accusing them of spying for Minsk.",
    "He scored twice in the second half as the visitors beat the league leaders 3-1.",
    "Parliament voted 212 to 19 to recognise the republic, the speaker announced late on Friday.",
]


def _analyses(nlp):
    return [([(t.tag_, t.dep_, t.head.i, t.lemma_) for t in doc], [(e.start, e.end, e.label_) for e in doc.ents])
            for doc in nlp.pipe(SENTENCES)]


def test_every_cpu_model_uses_numpy_gemm():
    nlp = get_pipeline(Settings())
    nodes = [n for _, p in nlp.pipeline if hasattr(getattr(p, "model", None), "walk") for n in p.model.walk()]
    assert nodes
    assert all(isinstance(n.ops, NumpyOps) and not n.ops.use_blis for n in nodes)


def test_same_tags_parses_and_entities_as_blis():
    stock = load_model()  # thinc's bundled BLIS
    assert any(getattr(n.ops, "use_blis", False) for _, p in stock.pipeline
               if hasattr(getattr(p, "model", None), "walk") for n in p.model.walk())
    before = _analyses(stock)
    blas.use_numpy_gemm(stock)
    with blas.one_thread():
        assert _analyses(stock) == before


def test_one_thread_limits_blas_inside_and_restores_after():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    libs = [i for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    if not libs:
        pytest.skip("numpy has no BLAS library threadpoolctl can see")
    outside = [i["num_threads"] for i in libs]
    with blas.one_thread():
        inside = [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
        assert inside == [1] * len(inside)
    assert [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"] == outside
