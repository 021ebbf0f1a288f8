"""Matrix products of the model through numpy's BLAS, on one thread.

thinc multiplies with its bundled BLIS, whose kernels run the model's small matrices
(a few hundred tokens by 96-384 columns) two to three times slower than the OpenBLAS (or
MKL) that numpy ships with; ``NumpyOps(use_blis=False)`` is thinc's own switch to numpy.
The products are the same up to float rounding (measured: identical tags, parses and
entities). numpy's BLAS would spread one product over every core: :func:`one_thread`
keeps it on the calling thread, so that N coding processes use N cores, not N x N threads.
"""
from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext

from spacy.language import Language
from thinc.api import NumpyOps

_controller = None


def use_numpy_gemm(nlp: Language) -> None:
    """Give every CPU model of the pipeline numpy's matrix product (GPU ops untouched)."""
    ops = NumpyOps(use_blis=False)
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops


def one_thread() -> AbstractContextManager:
    """A context in which numpy's BLAS uses one thread (no-op without threadpoolctl)."""
    global _controller
    if _controller is None:
        try:
            from threadpoolctl import ThreadpoolController
        except ImportError:  # an optional speed-up: without it BLAS keeps its own setting
            return nullcontext()
        _controller = ThreadpoolController()
    return _controller.limit(limits=1, user_api="blas")
