"""api.code_document_batch: the same results as code_document on each document."""
from __future__ import annotations

from diplograph.api import code_document, code_document_batch
from diplograph.model import Document
from diplograph.settings import Settings


def test_batch_gives_the_same_results_and_failures():
    docs = [Document(id="a", text="Malawi severed diplomatic ties with Taiwan on Friday."),
            Document(id="b", text="\x00\x01\x02 binary \x00 junk \x00" * 20),
            Document(id="c", text="Kenya expelled two Somali diplomats on Monday."),
            Document(id="d", text="Shares rose after the bank posted record profits.")]
    settings = Settings()
    one = [code_document(d, settings=settings) for d in docs]
    many = code_document_batch(docs, settings=settings)
    assert len(many) == len(docs)
    for x, y in zip(one, many):
        assert x.origin == y.origin
        assert (x.failure.code if x.failure else None) == (y.failure.code if y.failure else None)
        assert [e.to_dict() for e in x.events] == [e.to_dict() for e in y.events]
    assert many[0].events and many[2].events and not many[3].events


def test_code_documents_codes_in_windows_in_input_order(tmp_path, monkeypatch):
    import json

    from diplograph import api
    from diplograph.api import code_documents

    monkeypatch.setattr(api, "WINDOW", 3)  # several windows, a partial one at the end
    texts = ["Malawi severed diplomatic ties with Taiwan on Friday.",
             "Shares rose after the bank posted record profits.",
             "Kenya expelled two Somali diplomats on Monday.",
             "The club signed a new striker.",
             "Chile recalled its ambassador to Peru.",
             "Rain is expected on Sunday.",
             "Norway praised Qatar for its mediation."]
    lines = [json.dumps({"id": f"d{i}", "text": t}) for i, t in enumerate(texts)]
    lines.insert(4, "{not json")  # a bad line between two windows is reported in its place
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings()
    got = list(code_documents([str(path)], settings=settings))
    assert [r.failure.code if r.failure else r.article.id for r in got] == \
        ["d0", "d1", "d2", "d3", "DG105", "d4", "d5", "d6"]
    one = [code_document(Document(id=f"d{i}", text=t), settings=settings) for i, t in enumerate(texts)]
    coded = [r for r in got if not r.failure]
    assert [[e.to_dict() for e in r.events] for r in coded] == \
        [[e.to_dict() for e in r.events] for r in one]
    assert sum(bool(r.events) for r in coded) >= 3
