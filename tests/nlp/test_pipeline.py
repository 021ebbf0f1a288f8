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


def test_scan_marks_sentence_starts_for_the_ruler(nlp):
    text = "Kenya Airways flew home.\nKenya recalled its envoy."
    sc = scan(nlp, text)
    starts = [t.text for t in sc.doc if t.is_sent_start]
    assert starts == ["Kenya", "Kenya"]
    # a company name drops that mention only; the state of the next sentence stays
    assert [(m.text, m.actor.code) for m in sc.mentions] == [("Kenya", "KEN")]
    assert sc.mentions[0].start == text.index("Kenya recalled")


def _parsed(nlp, text):
    from diplograph.nlp.pipeline import parse_many
    return parse_many(nlp, [(text, None)], skip_actors=True)[0]


def test_parsed_sentence_reuses_the_cheap_pass_mentions(nlp):
    from diplograph.nlp.pipeline import actor_spans, attach_mentions
    text = "Seoul protested. Then the North fired a missile, and Japan condemned it."
    sc = scan(nlp, text)
    s, e = sc.sentences[1]
    doc = _parsed(nlp, text[s:e])
    assert "actors" not in doc.spans  # the ruler did not run in the parse
    attach_mentions(nlp, doc, sc, s)
    got = [(sp.text, sp._.actor.code) for sp in actor_spans(doc)]
    # "the North" is North Korea thanks to the Seoul of the sentence before, which a
    # ruler run on the sentence alone could not see
    assert got == [("North", "PRK"), ("Japan", "JPN")]
    assert all(sp._.actor is m.actor for sp, m in zip(actor_spans(doc), sc.mentions_in(s, e)))


def test_reuse_falls_back_to_the_ruler_when_tokens_differ(nlp):
    from diplograph.nlp.pipeline import actor_spans, attach_mentions
    # a page that lost the space between paragraphs: '."Chile' is one token in the article
    text = 'They called it a "farce."Chile\'s Foreign Ministry summoned the envoy.'
    sc = scan(nlp, text)
    s = text.index('"Chile')
    doc = _parsed(nlp, text[s:])
    attach_mentions(nlp, doc, sc, s)
    assert ("CHL", "GOV") in [(sp._.actor.code, sp._.actor.role) for sp in actor_spans(doc)]


def test_resolve_name_uses_the_pipeline_that_made_the_doc(nlp, tmp_path):
    import json

    from diplograph.nlp.actors import _lookup_pipeline
    from diplograph.nlp.pipeline import resolve_name

    before = _lookup_pipeline.cache_info()
    doc = nlp.make_doc("The envoy left.")
    assert resolve_name(doc, "the Kremlin").code == "RUS"
    assert resolve_name(doc, "Turkey sandwiches") is None
    after = _lookup_pipeline.cache_info()  # no second set of matchers was asked for
    assert (after.hits, after.misses) == (before.hits, before.misses)
    mine = tmp_path / "mine.jsonl"
    mine.write_text(json.dumps({"code": "FRD", "kind": "state", "name": "Freedonia"}) + "\n",
                    encoding="utf-8")
    own = get_pipeline(Settings(actors=str(mine)))
    assert resolve_name(own.make_doc("x"), "Freedonia").code == "FRD"  # the user's file counts
    assert resolve_name(doc, "Freedonia") is None


def test_lookup_of_a_code_builds_no_matchers():
    from diplograph.nlp.actors import _lookup_pipeline, lookup

    before = _lookup_pipeline.cache_info()
    assert lookup("UKR").code == "UKR"
    after = _lookup_pipeline.cache_info()
    assert (after.hits, after.misses) == (before.hits, before.misses)


LONG = ("The ministers of the two neighbouring countries, who had not spoken in public since "
        "the quarrel over the river islands and the fishing grounds of the northern lakes, "
        "finally agreed on Tuesday to restore full diplomatic relations.")


def test_dates_only_entities_come_from_a_window_and_match_the_full_recogniser(nlp):
    from diplograph.nlp.pipeline import DATE_MARGIN, _date_window, ensure_entities, parse

    full = parse(nlp, [LONG])[0]  # the recogniser over the whole sentence
    lazy = parse(nlp, [LONG], lazy_ner=True)[0]
    a, b = _date_window(lazy)
    assert b - a < len(lazy)  # the sentence is long enough for a window to be cut
    assert a > 0 and b - a <= 2 * DATE_MARGIN + 3
    ensure_entities(lazy, dates_only=True)
    dates = [(e.start, e.end) for e in full.ents if e.label_ == "DATE"]
    assert dates and [(e.start, e.end) for e in lazy.ents if e.label_ == "DATE"] == dates
    ensure_entities(lazy)  # a reader of every entity gets the full run, not the window's
    assert [(e.start, e.end, e.label_) for e in lazy.ents] == [
        (e.start, e.end, e.label_) for e in full.ents]


def test_dates_only_skips_a_sentence_without_date_words(nlp):
    from diplograph.nlp.pipeline import _date_window, ensure_entities, parse

    lazy = parse(nlp, ["France and Germany signed the treaty in Paris."], lazy_ner=True)[0]
    assert _date_window(lazy) is None
    assert list(ensure_entities(lazy, dates_only=True).ents) == []
    assert {e.label_ for e in ensure_entities(lazy).ents} >= {"GPE"}


def test_pipeline_is_renewed_when_its_vocabulary_has_grown(tmp_path):
    import gc
    import json
    import weakref

    from diplograph.coding import code_article
    from diplograph.model import Article

    mine = tmp_path / "mine.jsonl"  # an actors file of its own: a cache entry of its own
    mine.write_text(json.dumps({"code": "FRD", "kind": "state", "name": "Freedonia"}) + "\n",
                    encoding="utf-8")
    settings = Settings(actors=str(mine))
    article = Article(id="a", text="Freedonia recalled its ambassador to Chile on Monday.",
                      published=None)
    first = get_pipeline(settings)
    before = [e.to_dict() for e in code_article(article, settings=settings)]
    assert before and get_pipeline(settings) is first  # no growth yet: the same pipeline
    from spacy.vocab import Vocab

    def vocabs():
        gc.collect()
        return sum(isinstance(o, Vocab) for o in gc.get_objects())

    live = vocabs()
    first.make_doc(" ".join(f"Zqx{i}vrm" for i in range(40)))  # 40 new words
    assert get_pipeline(settings) is first  # under the default bound
    settings = Settings(actors=str(mine), renew_after_strings=20)
    renewed = get_pipeline(settings)
    assert renewed is not first
    old = weakref.ref(first)
    del first
    gc.collect()
    assert old() is None
    assert vocabs() == live  # nor its vocabulary (matchers, gate, doc map): one for one
    for e in before:
        e.pop("id", None)
    after = [e.to_dict() for e in code_article(article, settings=settings)]
    for e in after:
        e.pop("id", None)
    assert after == before
