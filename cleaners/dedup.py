"""Near-duplicate articles (the same story scraped twice, syndicated copies): MinHash-LSH over the
clean text, with datasketch.

`signature(text)` is a document's MinHash (word 5-gram shingles, lower-cased); `NearDuplicates`
takes signatures in a fixed order and says, for each, which earlier document it repeats (estimated
Jaccard similarity of the shingle sets at least `threshold`), or None.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SEED = 7
SHINGLE = 5
THRESHOLD = 0.8
_WORD = re.compile(r"\w+")
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED)  # its permutations are made once, not per document


def _minhash(hashvalues: np.ndarray | None = None) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_TEMPLATE.permutations, scheme=_TEMPLATE.scheme,
                   hashvalues=hashvalues)


def signature(text: str) -> np.ndarray:
    """The MinHash of a text's word 5-grams (uint32 array of NUM_PERM values)."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(max(1, len(words) - SHINGLE + 1))}
    m = _minhash()
    m.update_batch(list(shingles))
    return m.hashvalues.astype(np.uint32)


class NearDuplicates:
    """First-seen wins: a document that repeats an earlier one is its duplicate."""

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.seen: dict[str, MinHash] = {}
        self.order: dict[str, int] = {}

    def add(self, doc_id: str, hashvalues: np.ndarray) -> str | None:
        m = _minhash(hashvalues)
        best = None
        for other in self.lsh.query(m):
            if m.jaccard(self.seen[other]) >= self.threshold and (best is None or self.order[other] < self.order[best]):
                best = other
        if best is not None:
            return best
        if doc_id not in self.seen:
            self.lsh.insert(doc_id, m)
            self.seen[doc_id] = m
            self.order[doc_id] = len(self.order)
        return None
