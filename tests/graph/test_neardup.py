"""MinHash near-duplicate keys: copies with another byline share a band, other articles do
not, and keys are the same in every process (they are stored)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from diplograph.graph import neardup as nd
from diplograph.graph import schema as s

STORY = ("The foreign ministers of the two island states met in the harbour town on Tuesday "
         "and agreed to reopen the consulates that were closed during the fishing dispute. "
         "Both delegations said the talks had been frank and useful, and a working group will "
         "meet again before the end of the season to settle the question of the quotas. "
         "Local traders welcomed the news, saying the ferry link had been idle for a year.")
OTHER = ("The city council voted late on Thursday to extend the tram line to the northern "
         "suburbs, a project that has been delayed three times since the budget crisis. "
         "Opponents argued that the money should go to schools, while supporters pointed to "
         "the long queues at the bus stops every morning and the growing number of commuters. "
         "Work is due to start in the spring if the regional government approves the loan.")


def test_a_copy_with_another_byline_shares_a_band_and_passes_the_threshold():
    copy = "By a staff reporter\n" + STORY + "\nAdditional reporting by the wire desk."
    a, b = nd.shingle_array(STORY), nd.shingle_array(copy)
    assert set(nd.bands(a)) & set(nd.bands(b))
    assert nd.jaccard(a, b) >= nd.THRESHOLD


def test_different_articles_share_no_band_and_fail_the_threshold():
    a, b = nd.shingle_array(STORY), nd.shingle_array(OTHER)
    assert not set(nd.bands(a)) & set(nd.bands(b))
    assert nd.jaccard(a, b) < 0.1


def test_case_spacing_and_word_order():
    assert nd.shingles(STORY.upper().replace(" ", "  ")) == nd.shingles(STORY)
    words = STORY.split()
    assert nd.shingles(" ".join(reversed(words))).isdisjoint(nd.shingles(STORY))


def test_short_texts_have_no_keys_and_keys_fit_the_column():
    assert nd.bands(nd.shingles("Too short to have twenty shingles.")) == []
    keys = nd.bands(nd.shingle_array(STORY))
    assert len(keys) == nd.BANDS and len(set(keys)) == nd.BANDS
    width = s.doc_bands.c.band.type.length
    assert all(k.startswith(nd.KEY_VERSION + ":") and len(k) <= width for k in keys)


def test_array_and_set_forms_agree():
    arr = nd.shingle_array(STORY)
    assert set(arr.tolist()) == nd.shingles(STORY) and len(arr) == len(nd.shingles(STORY))
    assert nd.bands(arr) == nd.bands(nd.shingles(STORY))


def test_keys_are_the_same_in_another_process():
    code = ("import json, sys; from diplograph.graph import neardup as nd; "
            "t = sys.stdin.read(); print(json.dumps([nd.bands(nd.shingle_array(t)), "
            "sorted(nd.shingles(t))[:5]]))")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run([sys.executable, "-c", code], input=STORY, capture_output=True,
                         text=True, check=True, env=env).stdout
    keys, first = json.loads(out)
    assert keys == nd.bands(nd.shingle_array(STORY))
    assert first == sorted(nd.shingles(STORY))[:5]


def test_signatures_pack_and_agree_with_copies_not_with_other_articles():
    sig = nd.signature(nd.shingle_array(STORY))
    assert (nd.unpack(nd.pack(sig)) == sig).all() and len(nd.pack(sig)) == 4 * nd.BANDS * nd.ROWS
    copy = nd.signature(nd.shingle_array("By a staff reporter\n" + STORY))
    other = nd.signature(nd.shingle_array(OTHER))
    assert nd.agreement(sig, copy) >= nd.SIG_FLOOR > nd.agreement(sig, other)


def test_jaccard_of_sorted_arrays_equals_that_of_sets():
    import random

    import numpy as np
    rng = random.Random(4)
    for _ in range(200):
        a = {rng.randrange(60) for _ in range(rng.randrange(40))}
        b = {rng.randrange(60) for _ in range(rng.randrange(40))}
        sa = np.array(sorted(a), dtype=np.uint64)
        sb = np.array(sorted(b), dtype=np.uint64)
        assert nd.jaccard(sa, sb) == (len(a & b) / len(a | b) if a and b else 0.0)
