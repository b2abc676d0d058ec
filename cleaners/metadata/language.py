"""Language of the clean body with py3langid, ISO 639-1.

Fallbacks in order: py3langid on the text when the text is long enough and the
decision is clear -> the declared language (`<html lang>`, meta) -> py3langid's guess
on short text -> None.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Text shorter than this (letters) is too short to trust the classifier alone.
MIN_LETTERS = 200
# Below this normalised probability the declared language wins a disagreement.
MIN_PROB = 0.90
# How much text the classifier sees (speed; the start of the body is enough: on the
# benchmark's 724 bodies and clean texts 1,000 to 6,000 characters give the same languages).
MAX_CHARS = 1500
# Codes that py3langid or pages use which are not plain ISO 639-1.
ALIASES = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "zh-hans": "zh", "zh-hant": "zh",
           "nb": "no", "nn": "no", "fil": "tl", "eng": "en", "deu": "de", "ger": "de",
           "fra": "fr", "fre": "fr", "spa": "es", "pol": "pl", "ita": "it", "por": "pt",
           "nld": "nl", "dut": "nl", "rus": "ru", "english": "en", "german": "de",
           "deutsch": "de", "french": "fr", "spanish": "es", "polish": "pl"}

_LETTER = re.compile(r"[^\W\d_]")


def normalize_language(tag: str | None) -> str | None:
    """"de-AT", "en_US", "EN" -> "de", "en", "en"; junk -> None."""
    if not tag or not isinstance(tag, str):
        return None
    t = tag.strip().lower()
    if t in ALIASES:
        return ALIASES[t]
    sub = re.split(r"[-_\s,;.]", t)[0]
    sub = ALIASES.get(sub, sub)
    return sub if re.fullmatch(r"[a-z]{2}", sub) else None


# py3langid walks its feature DFA byte by byte in Python (~0.6 us a byte). Its DFA forgets
# everything older than SYNC_BYTES bytes: from any state, reading the same 6 bytes ends in
# the same state (checked on the model once: the pair automaton has no non-diagonal pairs
# after 6 bytes). So the state after byte i is the walk from the start state over bytes
# i-5..i, which numpy computes for all positions at once in 6 vectorised steps. Feature
# counts and their first-seen order (the order of the dot product) are those of the byte
# walk; `_identifier` checks this on a sample and falls back to the byte walk otherwise.
SYNC_BYTES = 6
_SELF_CHECK = ("Der Bundestag hat am Donnerstag über das Gesetz abgestimmt. «Très bien», dit-il. "
               "Zażółć gęślą jaźń. Москва — столица России. 東京都は日本の首都です。 2019/11/19 ✓")


def _fast_identifier_class():
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    class FastIdentifier(LanguageIdentifier):
        """`LanguageIdentifier` with the DFA walk vectorised (same features, same scores)."""

        __slots__ = ("_np_next", "_np_rowbase", "_np_out", "_np_ptc32", "_np_ptc_ready")

        def _prepare(self):
            # int32 (states and features fit): half the memory of int64, faster gathers
            dtype = np.int32 if max(len(self.tk_nextmove), len(self.tk_output)) < 2**31 else np.int64
            self._np_next = np.asarray(self.tk_nextmove, dtype=dtype)
            self._np_rowbase = np.asarray(self._rowbase, dtype=dtype)
            self._np_out = np.asarray(self.tk_output, dtype=dtype)
            # The float16 table as float32, row by row as features are first seen: numpy would
            # convert the gathered rows on every call (the slow half of the scoring). np.empty
            # reserves the memory without touching it: only the rows written take pages.
            self._np_ptc32 = np.empty(self.nb_ptc.shape, dtype=np.float32)
            self._np_ptc_ready = np.zeros(len(self.nb_ptc), dtype=bool)

        def _features(self, data: bytes):
            """The features seen, in first-seen order, and their counts (int64 arrays)."""
            b = np.frombuffer(data, dtype=np.uint8).astype(self._np_next.dtype)
            n = len(b)
            if n == 0:
                return None
            nxt, rowbase = self._np_next, self._np_rowbase
            state = np.zeros(n, dtype=nxt.dtype)
            row = np.empty(n, dtype=nxt.dtype)
            for off in range(SYNC_BYTES - 1, -1, -1):  # oldest byte of each window first
                if off < n:  # state[off:] = nxt[rowbase[state[off:]] + b[:n - off]], in place
                    r = row[: n - off]
                    np.take(rowbase, state[off:], out=r)
                    r += b[: n - off]
                    np.take(nxt, r, out=state[off:])
            feats = np.take(self._np_out, state)
            feats = feats[feats >= 0]
            if len(feats) == 0:
                return None
            # np.unique(feats, return_index=True, return_counts=True), then by first index: one
            # sort of (feature, position) keys instead (unique keys, so any sort is stable)
            n = len(feats)
            keys = np.sort(feats.astype(np.int64) * n + np.arange(n))
            ordered = keys // n
            starts = np.empty(n, dtype=bool)
            starts[0] = True
            np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
            starts = np.flatnonzero(starts)
            first = keys[starts] - ordered[starts] * n
            counts = np.diff(starts, append=n)
            order = np.argsort(first)
            return ordered[starts][order].astype(np.intp), counts[order]

        def _visits(self, data: bytes) -> dict[int, int] | None:
            found = self._features(data)
            if found is None:
                return None
            return dict(zip(found[0].tolist(), found[1].tolist()))

        def _direct_score(self, idx, counts):
            """`_sparse_score` of the visits without the dict, on float32 rows: the same
            values, the same float32 product numpy computes after converting the float16
            rows itself (checked against `_sparse_score` once, bit for bit)."""
            table = self.nb_ptc
            if table.dtype == np.float16:
                new = idx[~self._np_ptc_ready[idx]]
                if len(new):
                    self._np_ptc32[new] = table[new]
                    self._np_ptc_ready[new] = True
                table = self._np_ptc32
            return np.log1p(counts.astype(np.float32)) @ table[idx] + self.nb_pc

        def _raw_score(self, text):
            if isinstance(text, (bytes, bytearray)):
                found = self._features(bytes(text))
                if found is not None:
                    return self._direct_score(*found)
            return super()._raw_score(text)

    return FastIdentifier


@lru_cache(maxsize=1)
def _identifier():
    import numpy as np
    from py3langid.langid import MODEL_FILE, LanguageIdentifier, visit_counts

    try:
        ident = _fast_identifier_class().from_model_file(MODEL_FILE, norm_probs=True)
        ident._prepare()
        for sample in (_SELF_CHECK, _SELF_CHECK[:3], _SELF_CHECK[40:47]):
            data = ident._encode(sample)
            slow = visit_counts(ident.tk_nextmove, ident._rowbase, ident.tk_output, data)
            fast = ident._visits(data)
            if list((slow or {}).items()) != list((fast or {}).items()):
                raise ValueError("vectorised DFA walk differs")
            if slow:
                direct = ident._direct_score(*ident._features(data))
                if not np.array_equal(direct, ident._sparse_score(slow, ident.nb_ptc)) or direct.dtype != \
                        ident._sparse_score(slow, ident.nb_ptc).dtype:
                    raise ValueError("direct scores differ")
        return ident
    except Exception:  # another py3langid: its own byte walk
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _letters(sample: str) -> int:
    """Letters in `sample`, exactly while fewer than MIN_LETTERS (only the thresholds matter):
    prose reaches MIN_LETTERS within its first 2 * MIN_LETTERS characters."""
    head = _count_letters(sample[: 2 * MIN_LETTERS])
    if head >= MIN_LETTERS:
        return head
    return _count_letters(sample)


# Characters below this are counted by table (Latin, Greek, Cyrillic, Arabic, Indic scripts...,
# general punctuation); a text with others is counted by the pattern.
LETTER_TABLE_SIZE = 0x3000


def _count_letters(text: str) -> int:
    """`len(_LETTER.findall(text))`. sre tests a Unicode class at ~0.1 us a character; a table of
    its answers (made once, by the same pattern, in a few ms) counts a text in a few numpy calls."""
    import numpy as np

    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if not cps.size:
        return 0
    if int(cps.max()) >= LETTER_TABLE_SIZE:
        return len(_LETTER.findall(text))
    return int(np.count_nonzero(_letter_table().take(cps)))


@lru_cache(maxsize=1)
def _letter_table():
    """Which characters below LETTER_TABLE_SIZE `_LETTER` matches."""
    import numpy as np

    chars = "".join(map(chr, range(LETTER_TABLE_SIZE)))
    # each letter becomes U+0000, which is no letter: a letter is where U+0000 is now but was not
    marked = np.frombuffer(_LETTER.sub("\0", chars).encode("utf-32-le"), dtype=np.uint32) == 0
    marked[0] = False
    return marked


def detect_language(text: str | None, declared: str | None = None) -> str | None:
    """ISO 639-1 code of `text`; `declared` breaks ties on short or ambiguous text."""
    declared = normalize_language(declared)
    if not text:
        return declared
    sample = text[:MAX_CHARS]
    letters = _letters(sample)
    if letters < 20:
        return declared
    lang, prob = _identifier().classify(sample)
    lang = normalize_language(lang)
    if declared is None:
        return lang
    if lang == declared:
        return lang
    if letters >= MIN_LETTERS and prob >= MIN_PROB:
        return lang
    return declared
