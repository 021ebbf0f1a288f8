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
