"""spaCy extension attributes shared by our components. Registered once, idempotently."""
from __future__ import annotations

from spacy.tokens import Doc, Span


def register_extensions() -> None:
    # publication date of the article (datetime.date | None), set before the pipeline runs
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)
    # the resolved actor of a span in doc.spans["actors"] (diplograph.nlp.actors.Resolved)
    if not Span.has_extension("actor"):
        Span.set_extension("actor", default=None)


register_extensions()


_TEXT = ("diplograph", "text")


def text_of(doc: Doc) -> str:
    """``doc.text``, read once: spaCy joins every token again on each read, and the coder
    reads a sentence's text for every pattern, date and event. A doc's text never changes."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> Doc:
    """Record the text a doc was made from (``nlp.make_doc(text)``), for :func:`text_of`."""
    doc.user_data[_TEXT] = text
    return doc
