"""The memoised lemmatizer gives the model's lemmas."""
from __future__ import annotations

import pytest

from diplograph.nlp import lemmas
from diplograph.nlp.lemmas import CachedLemmatizer
from diplograph.nlp.pipeline import get_pipeline
from diplograph.settings import Settings

SENTENCES = [
    "The ministers were recalling their ambassadors after the talks had broken down.",
    "Britain's Foreign Office summoned the envoys; they're expected to leave by Friday.",
    "She has recognised the breakaway regions, which he said was better than nothing.",
    "Sanctions were lifted, relations restored, and the embassies reopened quickly.",
    "Officials of the two countries met, agreeing to cut tariffs and cooperate more.",
    "The recalled diplomat, who had been expelled, denies the charges.",
]


@pytest.fixture(scope="module")
def nlp():
    return get_pipeline(Settings())


def _before_lemmas(nlp):
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler"]):
        return list(nlp.pipe(SENTENCES * 2))  # twice: the second round comes from the memo


def test_pipeline_uses_the_cached_lemmatizer(nlp):
    assert isinstance(nlp.get_pipe("lemmatizer"), CachedLemmatizer)


def test_same_lemmas_as_the_model(nlp):
    fast = nlp.get_pipe("lemmatizer")
    original = fast.lemmatizer
    for doc in _before_lemmas(nlp):
        a, b = doc.copy(), doc.copy()
        original(a)
        fast(b)
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b], doc.text
        assert any(t.lemma_ != t.text for t in b)


def test_lemmas_set_by_the_attribute_ruler_are_kept(nlp):
    fast = nlp.get_pipe("lemmatizer")
    doc = _before_lemmas(nlp)[1]
    ruled = {t.i: t.lemma_ for t in doc if t.lemma}  # "'re" -> "be"
    assert ruled
    fast(doc)
    assert all(doc[i].lemma_ == lemma for i, lemma in ruled.items())


def test_memo_stays_bounded(nlp, monkeypatch):
    fast = CachedLemmatizer(nlp.get_pipe("lemmatizer").lemmatizer)
    monkeypatch.setattr(lemmas, "MAX_MEMO", 5)
    for doc in _before_lemmas(nlp):
        fast(doc.copy())
        assert len(fast._memo) <= 5


def test_empty_doc(nlp):
    assert len(nlp.get_pipe("lemmatizer")(nlp.make_doc(""))) == 0


WORDS = ("recognitions ambassadorships ministries were broke envoys annexing treaties sanctioned "
         "talks governments' leaves better worst geese crises analyses tariffs cooperated "
         "recognising reopened expelling brokered vetoes summits parliaments agencies")


def test_word_index_as_sets_gives_the_lists_answers(nlp):
    """:func:`lemmas.cached` turns the model's word index into sets; a model loaded on its
    own keeps spaCy's lists: every token's lemmas agree, for unseen words too."""
    from diplograph.nlp.pipeline import load_model

    plain = load_model()  # spaCy's own components, lists in the index
    index = plain.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(v, list) for v in index.values())
    ours = nlp.get_pipe("lemmatizer").lemmatizer
    assert all(isinstance(v, frozenset)
               for v in ours.lookups.get_table("lemma_index").values())
    texts = SENTENCES + [WORDS, WORDS.title(), " ".join(w + "s" for w in WORDS.split())]
    checked = 0
    with plain.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler"]):
        for doc in plain.pipe(texts):
            for tok in doc:
                a = plain.get_pipe("lemmatizer").rule_lemmatize(tok)
                ours.cache.clear()  # no answer from spaCy's own cache
                assert ours.rule_lemmatize(tok) == a, tok.text
                checked += 1
    assert checked > 100


@pytest.mark.parametrize("text,word,lemma", [
    ("They re-established ties.", "re-established", "re-establish"),
    ("The bloc co-sponsored the resolution.", "co-sponsored", "co-sponsor"),
    ("Kenya reappointed its envoy.", "reappointed", "reappoint"),
    ("They reached a deal.", "reached", "reach"),  # a known word keeps its own lemma
    ("She recalled the envoy.", "recalled", "recall"),
])
def test_prefixed_words_lemmatise_through_their_base(nlp, text, word, lemma):
    doc = nlp(text)
    assert [t.lemma_ for t in doc if t.text == word] == [lemma]


def test_prefixed_words_are_one_token_other_hyphens_split(nlp):
    words = [t.text for t in nlp.make_doc("They re-opened the pro-Russian well-known co-chaired office.")]
    assert "re-opened" in words and "co-chaired" in words
    assert "pro-Russian" not in words and "well-known" not in words
