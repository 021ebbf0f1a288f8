"""Near-identical copies (wire copies with another byline or footer): MinHash with LSH.

Each stored text gets a MinHash signature over its word 5-shingles, cut into bands; texts
that share a band are candidates, and a candidate is a copy when the Jaccard similarity
of the actual shingle sets is at least ``THRESHOLD``.
"""
from __future__ import annotations

import hashlib
import random
import re
import unicodedata

SHINGLE = 5
BANDS, ROWS = 8, 4  # 32 hashes; texts with Jaccard >= ~0.6 usually share a band
THRESHOLD = 0.8
MIN_SHINGLES = 20  # shorter texts are left to the exact and normalised hashes
_PRIME = (1 << 61) - 1
_rng = random.Random(20240601)
_PERMS = [(_rng.randrange(1, _PRIME), _rng.randrange(0, _PRIME)) for _ in range(BANDS * ROWS)]
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[int]:
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    out = set()
    for i in range(len(words) - SHINGLE + 1):
        digest = hashlib.blake2b(" ".join(words[i:i + SHINGLE]).encode(), digest_size=8).digest()
        out.add(int.from_bytes(digest, "big"))
    return out


def bands(sh: set[int]) -> list[str]:
    """The LSH band keys of a shingle set (empty for short texts)."""
    if len(sh) < MIN_SHINGLES:
        return []
    sig = [min((a * h + b) % _PRIME for h in sh) for a, b in _PERMS]
    keys = []
    for i in range(BANDS):
        part = ",".join(str(x) for x in sig[i * ROWS:(i + 1) * ROWS])
        keys.append(f"{i}:" + hashlib.blake2b(part.encode(), digest_size=8).hexdigest())
    return keys


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
