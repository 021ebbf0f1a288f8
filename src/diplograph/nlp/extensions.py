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
