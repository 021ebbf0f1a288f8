"""Bytes in, Article out: sources (files, dirs, stdin, JSONL, URLs, feeds, WARC) and cleaning.

Public interface (used by diplograph.api):

read_documents(sources, *, settings) -> Iterator[Document | Failure]
    Expand each source (a path, directory, glob, '-', documents JSONL, URL, feed, WARC,
    or an already built Document) into Documents. A source that cannot be read yields a
    Failure and the iteration goes on.
to_article(doc, *, published=None, settings) -> Article
    Decode, detect HTML vs text, extract main text/title/date, check language; raise an
    InputError subclass for bad input. Publication date precedence: the ``published``
    argument, the document's own field (JSONL), its HTML, a date line in the text.
"""
from __future__ import annotations

from .reader import read_documents  # noqa: F401
from .clean import to_article  # noqa: F401

__all__ = ["read_documents", "to_article"]
