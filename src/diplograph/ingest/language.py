"""A cheap English check: the share of English function words, and the script in use.

No language model: English prose is a third or more function words ("the", "of", "and");
French, Spanish or German prose has few of ours. Short texts are never judged, so a
headline or a list of names is not refused.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..errors import NotEnglish

MIN_LETTERS = 200  # below this we do not judge
MIN_WORDS = 50
MIN_STOPWORD_SHARE = 0.12  # English news is ~0.35-0.45; other Latin-script languages < 0.08
MIN_LATIN_SHARE = 0.5

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("diplograph.data").joinpath("ingest/stopwords_en.txt").read_text(
        encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


SAMPLE = 10_000  # characters judged: plenty for a verdict, cheap on long texts
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")


def english_score(text: str) -> tuple[float, float, int]:
    """(share of Latin letters, share of English function words, number of words)."""
    sample = text[:SAMPLE]
    n_letters = len(_LETTER.findall(sample))
    latin = len(_LATIN.findall(sample)) / n_letters if n_letters else 1.0
    words = _WORD.findall(sample.lower())
    stop = stopwords()
    share = sum(1 for w in words if w in stop) / len(words) if words else 1.0
    return latin, share, len(words)


def check_english(text: str, origin: str | None = None) -> None:
    """Raise NotEnglish when a long enough text is clearly not English."""
    if len(_LETTER.findall(text[:SAMPLE])) < MIN_LETTERS:
        return
    latin, share, n_words = english_score(text)
    if latin < MIN_LATIN_SHARE:
        raise NotEnglish(f"the text is mostly in a non-Latin script ({latin:.0%} Latin letters)",
                         origin=origin)
    if n_words >= MIN_WORDS and share < MIN_STOPWORD_SHARE:
        raise NotEnglish(f"the text does not read as English ({share:.0%} English function "
                         f"words in {n_words})", origin=origin)
