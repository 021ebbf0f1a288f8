"""The pipeline loader and the cheap pass of the fast path."""
from __future__ import annotations

import pytest

from diplograph.nlp.pipeline import get_pipeline, scan
from diplograph.settings import Settings


@pytest.fixture(scope="session")
def nlp():
    return get_pipeline(Settings())


def test_pipeline_is_cached_per_actors_file(nlp):
    assert get_pipeline(Settings()) is nlp
    assert "actors" in nlp.pipe_names and "parser" in nlp.pipe_names


def test_scan_splits_lines_and_sentences(nlp):
    text = "Headline without a stop\nThe U.S. envoy arrived. He met officials!  Then he left."
    sc = scan(nlp, text)
    sents = [text[s:e] for s, e in sc.sentences]
    assert sents == ["Headline without a stop", "The U.S. envoy arrived.", "He met officials!",
                     "Then he left."]


def test_scan_finds_actor_mentions_without_the_model(nlp):
    text = "Chile and Peru signed a deal. Nothing else happened."
    sc = scan(nlp, text)
    codes = [m.actor.code for m in sc.mentions]
    assert codes[:2] == ["CHL", "PER"]
    assert all(text[m.start:m.end] == m.text for m in sc.mentions)
    assert sc.mentions_in(*sc.sentences[1]) == []


def test_bad_actors_file_is_a_config_error(tmp_path):
    from diplograph.errors import ConfigError
    bad = tmp_path / "actors.jsonl"
    bad.write_text('{"name": "Ruritania"\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        get_pipeline(Settings(actors=str(bad)))
