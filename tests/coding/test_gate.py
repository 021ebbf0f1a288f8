"""The fast path's lexical gate: every sentence a pattern matches passes it; most others not."""
from __future__ import annotations

import pytest

from diplograph.coding import general
from diplograph.coding.gate import gate_for
from diplograph.coding.patterns import build_index
from diplograph.coding.triggers import find_matches
from diplograph.nlp.pipeline import get_pipeline, scan
from diplograph.settings import Settings

# our own sentences: events in several inflections, and look-alikes without the needed words
SENTENCES = [
    "Malawi severed diplomatic ties with Taiwan on Friday.",
    "Ruritania is severing its relations with Freedonia.",
    "The two kingdoms broke off relations in 1998.",
    "Chile recognised the new government in a statement.",
    "Peru's recognition of the council came late.",
    "Norway recalled its ambassador to Israel for consultations.",
    "The envoy was recalled after the row.",
    "Kenya expelled two Somali diplomats on Monday.",
    "Japan imposed fresh sanctions on the regime.",
    "The senator met the Canadian ambassador.",
    "France condemned the strike and urged restraint.",
    "Brazil and Argentina signed a trade agreement.",
    "The club cut its ticket prices for the final.",
    "The company recalled 20,000 cars over a brake fault.",
    "Shares rose after the bank announced record profits.",
    "She broke the national record in the 400 metres.",
]


@pytest.fixture(scope="module")
def nlp():
    return get_pipeline(Settings())


def test_gate_passes_every_sentence_a_pattern_matches(nlp):
    gate = gate_for(nlp)
    indexes = {"diplomatic": build_index(), "general": general.general_index()}
    text = "\n".join(SENTENCES)
    sc = scan(nlp, text)
    groups = gate.groups(sc.doc, sc.sentences, text)
    assert len(groups) == len(SENTENCES)
    for (s, e), passed in zip(sc.sentences, groups):
        doc = nlp(text[s:e])
        for name, index in indexes.items():
            if find_matches(doc, index):
                assert name in passed, (name, text[s:e])


def test_gate_needs_the_constraint_words(nlp):
    gate = gate_for(nlp)
    text = "\n".join(SENTENCES)
    sc = scan(nlp, text)
    groups = dict(zip((text[s:e] for s, e in sc.sentences), gate.groups(sc.doc, sc.sentences, text)))
    assert "diplomatic" in groups["Ruritania is severing its relations with Freedonia."]
    assert "diplomatic" in groups["The envoy was recalled after the row."]
    # "cut" without ties/relations, "recalled" without an envoy, "broke" without relations
    for s in ("The club cut its ticket prices for the final.",
              "The company recalled 20,000 cars over a brake fault.",
              "Shares rose after the bank announced record profits."):
        assert "diplomatic" not in groups[s], s


def test_fast_path_off_parses_everything(nlp):
    from diplograph.coding import code_article
    from diplograph.model import Article

    art = Article(id="t", text="Malawi severed diplomatic ties with Taiwan on Friday.")
    fast = code_article(art, settings=Settings(fast_path=True))
    full = code_article(art, settings=Settings(fast_path=False))
    assert [(e.type, e.source.code, e.target.code) for e in fast] == \
        [(e.type, e.source.code, e.target.code) for e in full]
    assert any(e.type == "sever_relations" for e in fast)


def test_code_articles_batches_to_the_same_events(nlp):
    from diplograph.coding import code_article
    from diplograph.coding.coder import code_articles
    from diplograph.model import Article

    arts = [Article(id=str(i), text=t) for i, t in enumerate([
        "Malawi severed diplomatic ties with Taiwan on Friday. The club cut its prices.",
        "",
        "Kenya expelled two Somali diplomats on Monday. It also recalled its ambassador.",
        "Shares rose after the bank announced record profits.",
    ])]
    settings = Settings()
    one = [[e.to_dict() for e in code_article(a, settings=settings)] for a in arts]
    many = [[e.to_dict() for e in evs] for evs in code_articles(arts, settings=settings)]
    assert many == one
    assert one[0] and one[2] and not one[1] and not one[3]


STEMS = ("sanction", "expel", "expuls", "ambassador", "tie")


@pytest.mark.parametrize("text,start,end", [
    ("Washington imposed new sanctions on Caracas.", 0, None),
    ("The EU SANCTIONED three banks.", 0, None),
    ("Ministers met; no measures followed.", 0, None),
    ("a resanctioning of nothing", 0, None),  # inside a word: no
    ("xsanction", 1, None),  # a word begins at 'start' only after a non-word character
    ("x sanction", 1, None),
    ("the ambassador left", 0, 9),  # the word must fit before 'end'
    ("the ambassador left", 0, 14),
    ("İstanbul expelled two envoys", 0, None),  # a character that lowers to two
    ("cut ties_with", 0, None),
    ("expul", 0, None),
    ("", 0, None),
])
def test_stem_gate_agrees_with_the_regex_it_replaces(text, start, end):
    import re

    from diplograph.coding.patterns import StemGate
    alt = "|".join(sorted((re.escape(s) for s in STEMS), key=len, reverse=True))
    rx = re.compile(rf"\b(?:{alt})", re.IGNORECASE)
    end = len(text) if end is None else end
    assert StemGate(STEMS).search(text, start, end) == bool(rx.search(text, start, end))
