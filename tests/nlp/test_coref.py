"""Light coreference: pronouns and descriptions to the most recent compatible actor."""
from __future__ import annotations

from datetime import date

import pytest

from diplograph.coding import code_article
from diplograph.model import Article
from diplograph.nlp.pipeline import get_pipeline
from diplograph.settings import Settings


@pytest.fixture(scope="session")
def settings():
    s = Settings()
    get_pipeline(s)
    return s


def _codes(text, settings):
    evs = code_article(Article(id="t", text=text, published=date(2023, 5, 2)), settings=settings)
    return {(e.source.code, e.type, e.target.code) for e in evs}


def test_it_is_the_previous_subject(settings):
    text = "Peru's foreign ministry condemned Bolivia. It also recalled its ambassador from La Paz."
    assert ("PER", "recall_ambassador", "BOL") in _codes(text, settings)


def test_it_as_object_skips_the_subject(settings):
    text = "In a blow to Taiwan, Nauru cut diplomatic ties with it."
    assert ("NRU", "sever_relations", "TWN") in _codes(text, settings)


def test_plural_description(settings):
    text = ("Abkhazia and South Ossetia held elections. "
            "Nicaragua recognised the two territories in a decree.")
    got = _codes(text, settings)
    assert {("NIC", "recognize", "ABK"), ("NIC", "recognize", "SOS")} <= got


def test_component_fills_coref_spans(settings):
    nlp = get_pipeline(settings)
    nlp2 = nlp  # the registered component works on a whole parsed Doc
    from diplograph.nlp.coref import CorefComponent
    doc = CorefComponent()(nlp2("Chile condemned Peru. It recalled its envoy."))
    resolved = {(s.text, s._.actor.code) for s in doc.spans["coref"]}
    assert ("It", "CHL") in resolved
