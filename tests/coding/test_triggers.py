"""Trigger matching reads only the candidate tokens, and finds what a full scan finds."""
from __future__ import annotations

import pytest

from diplograph.coding import triggers
from diplograph.coding.general import general_index
from diplograph.coding.patterns import build_index
from diplograph.nlp.pipeline import get_pipeline, parse_many

SENTENCES = [
    "Moldova re-established diplomatic relations with Georgia on Monday.",
    "The ministry said Ecuador had recalled its ambassador and expelled two diplomats.",
    "Recognised by only three states, the territory asked for more support.",
    "Brazil condemned the strikes, praised the mediators and thanked Qatar.",
    "Norway and Chile signed a trade agreement after years of talks.",
    "The team won the final in extra time, and the fans celebrated all night.",
    "Peru cut ties with Venezuela, while Bolivia restored relations with Israel.",
    "India imposed sanctions on the firms and vetoed nothing.",
    "The president visited Japan, met the prime minister and promised economic aid.",
    "Turkey accused Greece of provocations and threatened to respond.",
]


def _matches(doc, index):
    return [(m.pattern.type, m.trigger.i, m.obj.i if m.obj is not None else None)
            for m in triggers._find_matches(doc, index)]


@pytest.mark.parametrize("index_of", [build_index, general_index], ids=["diplomatic", "general"])
def test_candidates_lose_no_match(settings, monkeypatch, index_of):
    nlp = get_pipeline(settings)
    index = index_of()
    docs = parse_many(nlp, [(s, None) for s in SENTENCES])
    fast = [_matches(d, index) for d in docs]
    monkeypatch.setattr(triggers, "_candidates", lambda doc, index: range(len(doc)))
    full = [_matches(d, index) for d in docs]
    assert fast == full
    assert sum(map(len, full)) >= 2  # the sentences do hold triggers


def test_candidates_skip_ordinary_words(settings):
    nlp = get_pipeline(settings)
    doc = parse_many(nlp, [(SENTENCES[5], None)])[0]
    assert len(triggers._candidates(doc, build_index())) < len(doc) // 2
