"""Near-duplicate articles (the same story scraped twice, syndicated copies): MinHash-LSH over the
clean text, with datasketch.

`signature(text)` is a document's MinHash (word 5-gram shingles, lower-cased, computed with numpy); `NearDuplicates`
takes signatures in a fixed order and says, for each, which earlier document it repeats (estimated
Jaccard similarity of the shingle sets at least `threshold`), or None.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

from cleaners.document import lower_words

# datasketch is imported where it is used: it pulls in scipy (~0.6 s), and the cleaning workers,
# which only compute signatures, never need it.

NUM_PERM = 64
SEED = 7
SHINGLE = 5
THRESHOLD = 0.8
SCHEME = 3  # bumped whenever signatures stop being comparable with those of earlier versions
_MAX_HASH = np.uint64((1 << 32) - 1)
_rng = np.random.RandomState(SEED)
# The hash functions: multiply-add-shift, (a*h + b) mod 2**64 >> 32 for a 32-bit h, with odd a
# (a universal family; no modulo, which made (a*h + b) mod p most of a signature's cost).
_A = _rng.randint(1, (1 << 63) - 1, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
_B = _rng.randint(0, (1 << 63) - 1, size=NUM_PERM, dtype=np.uint64)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_EMPTY = np.full(NUM_PERM, _MAX_HASH, dtype=np.uint64)
WORD_CACHE_SIZE = 500_000  # words whose hash is remembered (then the cache starts again)


class _WordHashes(dict):
    """word -> crc32 of its UTF-8 bytes, computed on first use: most words of an article were
    seen in earlier ones, and a dict lookup is several times cheaper than encoding and hashing."""

    def __missing__(self, word: str) -> int:
        if len(self) >= WORD_CACHE_SIZE:
            self.clear()
        value = self[word] = zlib.crc32(word.encode("utf-8"))
        return value


_word_hash = _WordHashes()


_permutations = None  # datasketch's own permutation parameters for (NUM_PERM, SEED), made once


def _minhash(hashvalues: np.ndarray):
    # A datasketch MinHash holding our values (only compared and indexed, never updated). Without
    # `permutations`, datasketch draws its own parameters again for every MinHash (most of the
    # cost of the end-of-run pass); they only depend on NUM_PERM and SEED.
    from datasketch import MinHash

    global _permutations
    if _permutations is None:
        _permutations = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="legacy").permutations
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=hashvalues, permutations=_permutations, scheme="legacy")


def signature(text: str, words: list[str] | None = None) -> np.ndarray:
    """The MinHash of a text's lower-cased word 5-grams (uint32 array of NUM_PERM values).
    `words`, when given, are `cleaners.document.lower_words(text)`, computed once by a caller
    that needs them too (for the content hash).

    Each word is hashed once (crc32, stable across processes), the 5-gram hashes are combined from
    them with numpy, and the NUM_PERM hash functions are applied to all of them at once.
    """
    if words is None:
        words = lower_words(text)
    if not words:
        return _EMPTY.astype(np.uint32)
    h = np.fromiter(map(_word_hash.__getitem__, words), dtype=np.uint64, count=len(words))
    n = max(1, len(h) - SHINGLE + 1)
    shingles = h[:n].copy()
    with np.errstate(over="ignore"):
        for k in range(1, min(SHINGLE, len(h))):
            shingles = shingles * _MIX + h[k : k + n]
        shingles >>= np.uint64(32)  # (repeated shingles need no removal: they cannot change a minimum)
        values = np.multiply.outer(shingles, _A)
        values += _B
        values >>= np.uint64(32)
    return values.min(axis=0).astype(np.uint32)


class NearDuplicates:
    """First-seen wins: a document that repeats an earlier one is its duplicate."""

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.seen: dict = {}  # id -> datasketch MinHash
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
