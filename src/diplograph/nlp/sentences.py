"""Rule sentence split over a tokenized Doc: no model, so it can run on every article.

A sentence ends after '.', '!', '?' (and any closing quotes or brackets after them), and
at every line break: scraped pages run headlines, captions and datelines as lines.
"""
from __future__ import annotations

from spacy.tokens import Doc

ENDS = {".", "!", "?", "...", "…", "?!"}
CLOSERS = {'"', "'", "”", "’", ")", "]", "»"}


def split_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``doc`` (blank lines dropped)."""
    out: list[tuple[int, int]] = []
    start = None
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if tok.is_space:
            if start is not None and "\n" in tok.text:
                out.append((start, doc[i - 1].idx + len(doc[i - 1].text)))
                start = None
            i += 1
            continue
        if start is None:
            start = tok.idx
        end_here = tok.text in ENDS or (tok.text.endswith(".") and len(tok.text) > 1
                                        and tok.text[:-1].isalpha() and tok.text[:-1].islower())
        if "\n" in tok.whitespace_ or (tok.whitespace_ == "" and i + 1 < n and doc[i + 1].is_space
                                       and "\n" in doc[i + 1].text):
            end_here = True
        if end_here:
            j = i
            while j + 1 < n and doc[j + 1].text in CLOSERS and "\n" not in doc[j].whitespace_:
                j += 1
            nxt = doc[j + 1] if j + 1 < n else None
            # "U.S. officials": a lowercase word after a period does not start a sentence
            if (tok.text == "." and nxt is not None and nxt.text[:1].islower()
                    and "\n" not in doc[j].whitespace_):
                i += 1
                continue
            out.append((start, doc[j].idx + len(doc[j].text)))
            start = None
            i = j + 1
            continue
        i += 1
    if start is not None:
        last = doc[n - 1]
        out.append((start, last.idx + len(last.text)))
    return [(s, e) for s, e in out if e > s]
