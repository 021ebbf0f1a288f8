"""Evaluation: score coded events against gold files and sentence suites, and gate on floors.

`run_suite`/`discover` code the texts through the public API; `score_articles`,
`score_mixed` and `score_sentences` are pure scorers usable on any predictions.
"""
from .articles import Pred, date_right, labels_match, score_articles, score_doc
from .gold import GoldDoc, GoldEvent, load_gold
from .mixed import score_mixed
from .run import (KINDS, Suite, check_floors, discover, load_floors, read_predictions,
                  run_articles, run_mixed, run_sentences, run_suite)
from .sentences import score_sentences

__all__ = [
    "KINDS", "GoldDoc", "GoldEvent", "Pred", "Suite", "check_floors", "date_right", "discover",
    "labels_match", "load_floors", "load_gold", "read_predictions", "run_articles", "run_mixed",
    "run_sentences", "run_suite", "score_articles", "score_doc", "score_mixed", "score_sentences",
]
