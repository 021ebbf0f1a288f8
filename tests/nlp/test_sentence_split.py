"""The rule sentence split of the cheap pass."""
from __future__ import annotations

import pytest

from diplograph.nlp.pipeline import get_pipeline
from diplograph.nlp.sentences import split_sentences
from diplograph.settings import Settings


@pytest.fixture(scope="module")
def nlp():
    return get_pipeline(Settings())


@pytest.mark.parametrize("text,expected", [
    ("Chile protested. Peru did not.", ["Chile protested.", "Peru did not."]),
    ('He said "No." Then he left.', ['He said "No."', "Then he left."]),
    ("U.S. officials met. They left.", ["U.S. officials met.", "They left."]),
    ("Headline without a stop\nBody line here.", ["Headline without a stop", "Body line here."]),
    # a number after a short capitalised abbreviation continues the sentence
    ("Oslo expelled the No. 2 diplomat at the embassy. Moscow replied.",
     ["Oslo expelled the No. 2 diplomat at the embassy.", "Moscow replied."]),
    ("Under Art. 5 allies must help. They did.", ["Under Art. 5 allies must help.", "They did."]),
    ("The deal was signed on Jan. 5 in Rome.", ["The deal was signed on Jan. 5 in Rome."]),
    # but not after a year, or a month named in full
    ("He won in 2019. 2020 was worse.", ["He won in 2019.", "2020 was worse."]),
    ("They met in May. 3 ministers resigned.", ["They met in May.", "3 ministers resigned."]),
])
def test_split(nlp, text, expected):
    doc = nlp.make_doc(text)
    assert [text[s:e] for s, e in split_sentences(doc)] == expected
