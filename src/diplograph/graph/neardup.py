"""Near-identical copies (wire copies with another byline or footer): MinHash with LSH.

Each stored text gets a MinHash signature over its word 5-shingles, cut into bands; texts
that share a band are candidates, and a candidate is a copy when the Jaccard similarity
of the actual shingle sets is at least ``THRESHOLD``.

Everything here is deterministic across processes and machines (no ``hash()``): band keys
are stored, and a later process must compute the same keys for the same text. Band keys
carry a version prefix (``KEY_VERSION``); changing how they are computed needs a new
version and a migration that recomputes the stored keys (see migrations 0004).
"""
from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from collections.abc import Iterable

import numpy as np

SHINGLE = 5
BANDS, ROWS = 8, 4  # 32 hashes; texts with Jaccard >= ~0.6 usually share a band
THRESHOLD = 0.8
MIN_SHINGLES = 20  # shorter texts are left to the exact and normalised hashes
# A band candidate is compared exactly only when at least half its MinHash values agree.
# Copies at the threshold (Jaccard 0.8) agree on ~26 of 32; one below 16 has odds of about
# 1e-6, so the pre-check costs no real recall and spares reading unrelated texts.
SIG_FLOOR = 0.5
KEY_VERSION = "m2"  # band keys of this scheme start with "m2:"
_PRIME = (1 << 31) - 1  # a*h+b < 2**62: the permutations fit in uint64 without overflow
_rng = random.Random(20240601)
_A = np.array([_rng.randrange(1, _PRIME) for _ in range(BANDS * ROWS)], dtype=np.uint64)
_B = np.array([_rng.randrange(0, _PRIME) for _ in range(BANDS * ROWS)], dtype=np.uint64)
_MUL = np.uint64(0x9E3779B97F4A7C15)  # odd: combines the five word hashes of a shingle
_WORD = re.compile(r"\w+", re.UNICODE)
_COLS = 4096  # shingles per block of the signature (bounds memory for very long texts)


# A plain dict of str -> int, emptied when full: unlike lru_cache's linked entries it holds
# no objects the garbage collector has to walk, which slowed a long-running writer.
_WORD_HASHES: dict[str, int] = {}
_WORD_CACHE_SIZE = 1 << 17


def _word_hash(word: str) -> int:
    h = _WORD_HASHES.get(word)
    if h is None:
        if len(_WORD_HASHES) >= _WORD_CACHE_SIZE:
            _WORD_HASHES.clear()
        h = _WORD_HASHES[word] = int.from_bytes(
            hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
    return h


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads the combined word hashes over all 64 bits."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_array(text: str) -> np.ndarray:
    """The hashes of the text's word 5-shingles: sorted, distinct, uint64."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    n = len(words) - SHINGLE + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    w = np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))
    h = w[:n].copy()
    with np.errstate(over="ignore"):
        for j in range(1, SHINGLE):  # an ordered combination: "a b c d e" != "e d c b a"
            h = h * _MUL + w[j:j + n]
        h = _mix(h)
    return np.unique(h)


def shingles(text: str) -> set[int]:
    return set(shingle_array(text).tolist())


def signature(sh: np.ndarray) -> np.ndarray:
    """MinHash signature (BANDS * ROWS values) of a non-empty shingle hash array."""
    h = (sh % np.uint64(_PRIME))[None, :]
    sig = np.full(BANDS * ROWS, _PRIME, dtype=np.uint64)
    for i in range(0, h.shape[1], _COLS):
        part = (_A[:, None] * h[:, i:i + _COLS] + _B[:, None]) % np.uint64(_PRIME)
        sig = np.minimum(sig, part.min(axis=1))
    return sig


def band_keys(sig: np.ndarray) -> list[str]:
    """The LSH band keys of a signature."""
    sig = sig.astype("<u8")
    return [f"{KEY_VERSION}:{i}:" + hashlib.blake2b(sig[i * ROWS:(i + 1) * ROWS].tobytes(),
                                                   digest_size=8).hexdigest()
            for i in range(BANDS)]


def bands(sh: np.ndarray | Iterable[int]) -> list[str]:
    """The LSH band keys of a shingle set (empty for short texts)."""
    if not isinstance(sh, np.ndarray):
        sh = np.fromiter(sh, dtype=np.uint64)
    if len(sh) < MIN_SHINGLES:
        return []
    return band_keys(signature(sh))


def pack(sig: np.ndarray) -> bytes:
    """A signature as stored (its values are below 2**31: 4 bytes each)."""
    return sig.astype("<u4").tobytes()


def unpack(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype(np.uint64)


def agreement(a: np.ndarray, b: np.ndarray) -> float:
    """The share of equal MinHash values: an estimate of the Jaccard similarity."""
    return float(np.count_nonzero(a == b)) / len(a) if len(a) == len(b) else 1.0


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sorted arrays of distinct shingle hashes (as
    ``shingle_array`` gives), without building sets."""
    if not len(a) or not len(b):
        return 0.0
    both = len(np.intersect1d(a, b, assume_unique=True))
    return both / (len(a) + len(b) - both)
