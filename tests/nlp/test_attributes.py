"""The dictionary attribute ruler gives the same token attributes as the model's own."""
from __future__ import annotations

import pytest

from diplograph.nlp.attributes import FastAttributes, compile_ruler
from diplograph.nlp.pipeline import get_pipeline
from diplograph.settings import Settings

SENTENCES = [
    "The foreign minister said on Tuesday that it was not clear whether she had been told.",
    "There are no plans to reopen the embassy, and there is nothing they can do about it.",
    "I ain't gonna sign that, y'all, he joked; let's see what they're doin' next.",
    "We'd have recalled our envoy if you hadn't asked us to wait.",
    "Something happened to everyone who'd gotta leave — nobody knew why.",
    "Does the ministry have any comment?  It does not.",
    "The ambassadors were expelled, being accused of spying, though they denied it.",
    "Those who'll come can't stay; these won't, either.",
]


@pytest.fixture(scope="module")
def nlp():
    return get_pipeline(Settings())


def _attrs(doc):
    return [(t.text, t.pos_, t.tag_, t.dep_, str(t.morph), t.lemma_) for t in doc]


def test_pipeline_uses_the_fast_ruler(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributes)


def test_same_attributes_as_the_matcher_ruler(nlp):
    fast = nlp.get_pipe("attribute_ruler")
    original, lemmatizer = fast.ruler, nlp.get_pipe("lemmatizer")
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        parsed = list(nlp.pipe(SENTENCES))
    for doc in parsed:
        a, b = doc.copy(), doc.copy()
        lemmatizer(original(a))
        lemmatizer(fast(b))
        assert _attrs(a) == _attrs(b), doc.text


def test_unknown_pattern_keeps_the_original():
    class Ruler:
        patterns = [{"patterns": [[{"SHAPE": "Xxxx"}]], "attrs": {"POS": "X"}, "index": 0}]
    assert compile_ruler(Ruler()) is None
