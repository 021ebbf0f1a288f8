"""Rule sentence split over a tokenized Doc: no model, so it can run on every article.

A sentence ends after '.', '!', '?' (and any closing quotes or brackets after them), and
at every line break: scraped pages run headlines, captions and datelines as lines.
"""
from __future__ import annotations

from spacy.attrs import IDX, ORTH, SPACY
from spacy.tokens import Doc

ENDS = {".", "!", "?", "...", "…", "?!"}
CLOSERS = {'"', "'", "”", "’", ")", "]", "»"}
MONTHS = {"May", "June", "July"}  # whole words, not abbreviations: "in May. 3 died" splits

# what the split needs of a word, read once per distinct word (a bounded table)
_LEN, _SPACE, _BREAK, _END, _CLOSER, _DOT, _LOWER, _DIGIT, _ABBR = range(9)
_WORDS: dict[int, tuple] = {}


def _word(strings, orth: int) -> tuple:
    found = _WORDS.get(orth)
    if found is None:
        if len(_WORDS) > 200_000:
            _WORDS.clear()
        t = strings[orth]
        space = t.isspace()
        end = t in ENDS or (t.endswith(".") and len(t) > 1 and t[:-1].isalpha() and t[:-1].islower())
        found = _WORDS[orth] = (len(t), space, space and "\n" in t, end, t in CLOSERS, t == ".",
                                t[:1].islower(), t[:1].isdigit(),
                                t.isalpha() and len(t) <= 4 and t[:1].isupper() and t not in MONTHS)
    return found


def split_sentences(doc: Doc, *, mark: bool = False) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``doc`` (blank lines dropped). ``mark``: also
    set ``is_sent_start`` on the first token of each, so rules that read sentence starts
    see the same boundaries in the whole article as in a parsed sentence.

    Reads the tokens as integer rows (word hash, offset, trailing space), not as Token
    objects: it runs over every word of every article."""
    n = len(doc)
    if not n:
        return []
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, IDX, SPACY]).tolist()
    words = [_word(strings, orth) for orth, _, _ in rows]
    out: list[tuple[int, int]] = []
    starts: list[int] = []
    start = None
    i = 0
    while i < n:
        w = words[i]
        if w[_SPACE]:
            if start is not None and w[_BREAK]:
                out.append((start, rows[i - 1][1] + words[i - 1][_LEN]))
                start = None
            i += 1
            continue
        if start is None:
            start = rows[i][1]
            starts.append(i)
        # a line break right after the word (a trailing space is one " ", never a break)
        end_here = w[_END] or (not rows[i][2] and i + 1 < n and words[i + 1][_BREAK])
        if end_here:
            j = i
            while j + 1 < n and words[j + 1][_CLOSER]:
                j += 1
            # "U.S. officials": a lowercase word after a period does not start a sentence;
            # nor does a number after a short capitalised word ("No. 2", "Art. 5")
            if w[_DOT] and j + 1 < n and (words[j + 1][_LOWER] or (
                    words[j + 1][_DIGIT] and j == i and i > 0 and words[i - 1][_ABBR]
                    and rows[i - 1][2] == 0)):
                i += 1
                continue
            out.append((start, rows[j][1] + words[j][_LEN]))
            start = None
            i = j + 1
            continue
        i += 1
    if start is not None:
        out.append((start, rows[n - 1][1] + words[n - 1][_LEN]))
    if mark:
        for i in starts:
            doc[i].is_sent_start = True
    return [(s, e) for s, e in out if e > s]
