"""Which lines of a scraped page are article body: per-line features, a small tree model, region logic.

    >>> from cleaners.lines import split_lines
    >>> from cleaners.joiner import join_fragments
    >>> from cleaners.linemodel import guess_language, score_lines, select_body
    >>> lines = split_lines(text)
    >>> lang = guess_language(lines)                  # jusText language name (or None); guess once per page
    >>> lines = join_fragments(lines, language=lang)  # bs4-style fragments -> paragraphs
    >>> # ... furniture rules may set line.reason here ...
    >>> probs = score_lines(lines, language=lang)     # P(line is article body), one float per line
    >>> keep = select_body(lines, probs)              # region post-processing -> list[bool]

`language` may also be an ISO 639-1 code ("de") or None (guessed from the page).

Signals are language-agnostic (length, punctuation, capitalisation relative to the page's own
prose, digits, position, repetition within the page, blank lines, the neighbours' values, the
prose mass and prose runs around a line) plus one per-language resource: the share of stop words,
with the jusText stop-word list (100 languages) that covers the page's longest lines best (or the
one named by `language`). Nothing is keyed to sites, URLs or particular strings.

The model is an ensemble of oblivious (symmetric) decision trees trained by
`benchmarks/train_linemodel.py` on the dev set and shipped as JSON (`cleaners/data/linemodel.json`,
with its cross-validated scores and the tuned `select_body` parameters); inference is numpy only,
in blocks of lines (memory does not grow with the page). What a line's features owe to the line
alone is remembered per stop list and text (bounded): the pipeline scores its kept lines a second
time, and a dump's pages repeat their chrome. `use_model(model, params)` swaps in
another model within a block (cross-validation of the whole pipeline: benchmarks/cv_pipeline.py).
`select_body` keeps the best-scoring contiguous region of lines (max-sum), drops its weak lines,
adds very likely lines outside it, and treats lines already marked as furniture (`line.reason`)
as walls that are never kept.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np

from cleaners.document import Reason
from cleaners.lines import Line

MODEL_PATH = Path(__file__).parent / "data" / "linemodel.json"

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_SPECIAL = re.compile(r"https?:|www\.|@|©|\||•|›|»|«|·|►|▶")
_BULLET = re.compile(r"^[\W\d_]")
_SENT_END = tuple(".!?…。！？")
_CLOSERS = "\"'”’»)]"

# ISO 639-1 codes -> jusText stop-list names (for a caller's language hint)
_ISO = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "an": "Aragonese", "hy": "Armenian",
    "ast": "Asturian", "az": "Azerbaijani", "eu": "Basque", "be": "Belarusian", "bn": "Bengali",
    "bs": "Bosnian", "br": "Breton", "bg": "Bulgarian", "ca": "Catalan", "ceb": "Cebuano",
    "cv": "Chuvash", "hr": "Croatian", "cs": "Czech", "da": "Danish", "nl": "Dutch", "en": "English",
    "eo": "Esperanto", "et": "Estonian", "fi": "Finnish", "fr": "French", "gl": "Galician",
    "ka": "Georgian", "de": "German", "el": "Greek", "gu": "Gujarati", "ht": "Haitian", "he": "Hebrew",
    "hi": "Hindi", "hu": "Hungarian", "is": "Icelandic", "io": "Ido", "ig": "Igbo", "id": "Indonesian",
    "ga": "Irish", "it": "Italian", "jv": "Javanese", "kn": "Kannada", "kk": "Kazakh", "ko": "Korean",
    "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "lv": "Latvian", "lt": "Lithuanian",
    "lmo": "Lombard", "nds": "Low_Saxon", "lb": "Luxembourgish", "mk": "Macedonian", "ms": "Malay",
    "ml": "Malayalam", "mt": "Maltese", "mr": "Marathi", "nap": "Neapolitan", "ne": "Nepali",
    "new": "Newar", "nb": "Norwegian_Bokmal", "no": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk",
    "oc": "Occitan", "fa": "Persian", "pms": "Piedmontese", "pl": "Polish", "pt": "Portuguese",
    "qu": "Quechua", "ro": "Romanian", "ru": "Russian", "sr": "Serbian", "sh": "Serbo_Croatian",
    "scn": "Sicilian", "sk": "Slovak", "sl": "Slovenian", "es": "Spanish", "su": "Sundanese",
    "sw": "Swahili", "sv": "Swedish", "tl": "Tagalog", "ta": "Tamil", "te": "Telugu", "tr": "Turkish",
    "tk": "Turkmen", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
    "vo": "Volapuk", "wa": "Walloon", "war": "Waray_Waray", "cy": "Welsh", "fy": "West_Frisian",
    "pnb": "Western_Panjabi", "yo": "Yoruba",
}

# ---------------------------------------------------------------- stop words


def _script(word: str) -> int:
    """A coarse script id of a word (its first character): Latin, Hangul, CJK, else the 128-block."""
    c = ord(word[0])
    if c < 0x250:
        return 0
    if 0xAC00 <= c <= 0xD7AF or 0x1100 <= c <= 0x11FF or 0x3130 <= c <= 0x318F:
        return 1
    if 0x3000 <= c <= 0x9FFF:
        return 2
    return c >> 7


@lru_cache(maxsize=1)
def _list_scripts() -> np.ndarray:
    """The dominant script of each stop list (some lists also hold many English words)."""
    _, sets, _, _ = _stoplists()
    return np.array([Counter(_script(w) for w in s if w).most_common(1)[0][0] if s else -1 for s in sets])


@lru_cache(maxsize=1)
def _stoplists() -> tuple[list[str], list[frozenset[str]], dict[str, int], np.ndarray]:
    """All jusText stop lists, a vocabulary word -> row, and a packed bit matrix row -> languages."""
    import justext

    names = sorted(justext.get_stoplists())
    sets = [frozenset(justext.get_stoplist(n)) for n in names]
    vocab: dict[str, int] = {}
    for s in sets:
        for w in s:
            vocab.setdefault(w, len(vocab))
    bits = np.zeros((len(vocab) + 1, (len(names) + 7) // 8), dtype=np.uint8)  # last row: unknown word
    for k, s in enumerate(sets):
        rows = np.fromiter((vocab[w] for w in s), dtype=np.intp, count=len(s))
        bits[rows, k // 8] |= np.uint8(128 >> (k % 8))
    return names, sets, vocab, bits


def stoplist(language: str | None) -> frozenset[str] | None:
    """The jusText stop list for an ISO 639-1 code or a jusText language name, else None."""
    if not language:
        return None
    try:
        return _STOPLIST_OF[language]
    except KeyError:
        pass
    names, sets, _, _ = _stoplists()
    name = _ISO.get(language.lower().split("-")[0].split("_")[0], language)
    found = None
    for n, s in zip(names, sets):
        if n.lower() == name.lower():
            found = s
            break
    if len(_STOPLIST_OF) >= 512:  # bounded: language strings come from callers
        _STOPLIST_OF.clear()
    _STOPLIST_OF[language] = found
    return found


_STOPLIST_OF: dict[str, frozenset[str] | None] = {}  # language argument -> its list (None: unknown)


def guess_language(lines: list[Line], max_words: int = 400) -> str | None:
    """The jusText language whose stop list covers most words of the page's longest lines.

    Only lists in the page's dominant script compete; near-ties go to the smaller list.
    """
    names, sets, vocab, bits = _stoplists()
    # the words of the 20 longest lines (longest first, ties in page order), read only as far as
    # max_words needs: a prefix cut at a space has the same words, lower-cased the same way
    text = " ".join(_longest(lines, 20))
    cut = 8 * max_words  # characters that usually hold max_words words
    while True:
        end = text.find(" ", cut) if cut < len(text) else -1
        read = text[:end] if end >= 0 else text
        # the guess from the same text read lately: a prefix cut at a space that held max_words
        # words, or a whole text, has the same words whatever follows it (the kept lines are
        # judged again, and their longest lines often begin as the page's did)
        key = (read, max_words, end >= 0)
        if len(read) <= 20_000:
            found = _GUESSED.get(key, _GUESSED)
            if found is not _GUESSED:
                return found
        words = _tokens(read.lower())
        if end < 0 or len(words) >= max_words:
            break
        cut *= 4
    del words[max_words:]
    found = _language_of(words, names, sets, vocab, bits)
    if len(read) <= 20_000:
        if len(_GUESSED) >= 64:
            _GUESSED.clear()
        _GUESSED[key] = found
    return found


# (the text read of the longest lines, max_words, whether it is a prefix) -> guess_language
_GUESSED: dict[tuple[str, int, bool], str | None] = {}


def _longest(lines: list[Line], k: int) -> list[str]:
    """The texts of the k longest lines, longest first, ties in page order
    (`sorted(texts, key=len, reverse=True)[:k]`)."""
    texts = [l.text for l in lines]
    if len(texts) > k:
        kth = sorted(map(len, texts))[-k]
        texts = [t for t in texts if len(t) >= kth]
    texts.sort(key=len, reverse=True)
    return texts[:k]


def _language_of(words: list[str], names, sets, vocab, bits) -> str | None:
    if not words:
        return None
    # each distinct word once (stop words repeat), weighted by how often it occurs
    seen = Counter(words)
    rows = np.fromiter(map(vocab.get, seen, itertools.repeat(len(vocab), len(seen))), dtype=np.intp, count=len(seen))
    weight = np.fromiter(seen.values(), dtype=np.float64, count=len(seen))
    counts = weight @ np.unpackbits(bits[rows], axis=1, count=len(names)).astype(np.float64)  # exact: small integers
    # only lists written in the page's script (an English page is not Marathi)
    sample = words[::4]
    if max("".join([w[0] for w in sample])) < "\u0250":
        script = 0  # all Latin: what _script gives each of them
    else:
        script = Counter(map(_script, sample)).most_common(1)[0][0]
    same = _list_scripts() == script
    if same.any():
        counts = np.where(same, counts, 0)
    best = int(counts.max())
    if best == 0:
        return None
    # near-ties go to the smaller (more specific) list
    tol = 0.01 * len(words)
    return min((len(sets[k]), names[k]) for k in np.flatnonzero(counts >= best - tol).tolist())[1]


def _tokens(text: str) -> list[str]:
    """`re.findall(r"\\w+", text)`, several times faster on long texts (BMP: table lookups)."""
    word_t = _char_tables()[0]
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if cps.size and int(cps.max()) > 0xFFFF:
        is_w = word_t.take(np.minimum(cps, 0xFFFF))
        for i in np.flatnonzero(cps > 0xFFFF).tolist():
            is_w[i] = text[i].isalnum()
    else:
        is_w = word_t.take(cps)
    # non-word characters -> spaces: (cps - 32) * is_w + 32, in uint32
    out = np.subtract(cps, 32, dtype=np.uint32)
    out *= is_w.view(np.uint8)
    out += 32
    return str(out, "utf-32-le").split()


def page_stopwords(lines: list[Line], language: str | None = None) -> frozenset[str]:
    s = stoplist(language)
    if s is None:
        s = stoplist(guess_language(lines))
    return s or frozenset()


# ---------------------------------------------------------------- features

BASE_FEATURES = [
    "log_chars", "log_words", "ends_sentence", "ends_colon", "stop_ratio", "log_stops", "cap_ratio",
    "digit_ratio", "punct_per_word", "is_upper", "special", "blank_before", "log_repeat", "starts_symbol",
    "log_sentences", "alpha_ratio",
]
_NEIGHBOUR_BASE = ["log_words", "ends_sentence", "stop_ratio", "blank_before", "cap_ratio", "log_stops"]
_OFFSETS = (-2, -1, 1, 2)
_WINDOWS = (2, 5, 12)
PAGE_FEATURES = [
    "rel_pos", "log_n_lines", "rel_chars_to_max", "prose_before", "prose_after",
    "dist_prose_prev", "dist_prose_next", "dist_longest", "block_words", "block_lines",
    "block_prose", "rel_stops_to_max", "log_prose_words", "in_prose_region", "prose_region_start",
    "prose_region_end", "prose_region_gap", "win5_prose", "win12_prose", "win5_alt", "win12_alt",
    "in_main_run", "run_mass", "stop_rel",
]
FEATURES = (
    BASE_FEATURES
    + [f"{n}@{o:+d}" for o in _OFFSETS for n in _NEIGHBOUR_BASE]
    + [f"win{w}_{n}" for w in _WINDOWS for n in ("log_stops", "ends_sentence", "log_words")]
    + PAGE_FEATURES
)
_BI = {n: k for k, n in enumerate(BASE_FEATURES)}
_LOG_10 = math.log1p(10)
_NB_IDX = [_BI[k] for k in _NEIGHBOUR_BASE]
_WIN_IDX = [_BI[k] for k in ("log_stops", "ends_sentence", "log_words")]


@lru_cache(maxsize=1)
def _char_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Lookup tables over the BMP: \\w (as `re`), upper case, decimal digit, prose punctuation / specials."""
    chars = [chr(i) for i in range(0x10000)]
    word = np.fromiter((c.isalnum() or c == "_" for c in chars), dtype=bool, count=0x10000)
    upper = np.fromiter((c.isupper() for c in chars), dtype=bool, count=0x10000)
    digit = np.fromiter((c.isdecimal() for c in chars), dtype=bool, count=0x10000)
    kind = np.zeros(0x10000, dtype=np.uint8)  # 1: punct counted per word, 2: special marker, 3: sentence end
    for c in ",;،、，":
        kind[ord(c)] = 1
    for c in "@©|•›»«·►▶":
        kind[ord(c)] = 2
    for c in ".?!":
        kind[ord(c)] = 3
    return word, upper, digit, kind


@lru_cache(maxsize=1)
def _end_tables() -> tuple[np.ndarray, np.ndarray]:
    closer = np.zeros(0x10000, dtype=bool)
    closer[[ord(ch) for ch in _CLOSERS]] = True
    end = np.zeros(0x10000, dtype=bool)
    end[[ord(ch) for ch in _SENT_END]] = True
    return closer, end


_URLISH = re.compile(r"https?:|www\.")

# The context-free part of each line's base row (every column but blank_before and log_repeat) is
# remembered per stop list and line text: the pipeline scores the kept lines of a page a second time
# (text._settle), and the pages of a dump repeat their chrome.
_ROW_BYTES = 8 * len(BASE_FEATURES)


class _RowMemo:
    """Rows by stop list, then by line text. Bounded: the least recently used stop list goes when
    there are too many, every row when the rows or their texts' characters are too many."""

    MAX_LISTS = 32
    MAX_LINES = 20_000  # ~100 pages: a page's settle pass and a site's chrome; ~10-25 MB at most
    MAX_CHARS = 4_000_000

    def __init__(self) -> None:
        self.tables: dict[frozenset[str], dict[str, bytes]] = {}
        self.lines = self.chars = 0
        self.lock = threading.Lock()  # pages may be cleaned in threads

    def table(self, stop: frozenset[str]) -> dict[str, bytes]:
        """The rows for `stop` (most recently used last); TypeError when `stop` is unhashable."""
        hash(stop)
        with self.lock:
            table = self.tables.pop(stop, None)
            if table is None:
                table = {}
                if len(self.tables) >= self.MAX_LISTS:
                    old = self.tables.pop(next(iter(self.tables)))
                    self.lines -= len(old)
                    self.chars -= sum(map(len, old))
            self.tables[stop] = table
            return table

    def add(self, table: dict[str, bytes], rows: dict[str, bytes]) -> None:
        size = sum(map(len, rows))
        if len(rows) > self.MAX_LINES or size > self.MAX_CHARS:
            return
        with self.lock:
            if self.lines + len(rows) > self.MAX_LINES or self.chars + size > self.MAX_CHARS:
                self._clear()
            table.update(rows)
            self.lines += len(rows)
            self.chars += size

    def clear(self) -> None:
        with self.lock:
            self._clear()

    def _clear(self) -> None:
        for table in self.tables.values():
            table.clear()
        self.lines = self.chars = 0


_memo = _RowMemo()


def _rows_for(stop: frozenset[str], texts: list[str]) -> list[bytes] | None:
    """Each text's row (float64 bytes; 0 for blank_before and log_repeat), from the memo or computed
    for the texts not in it; None when the page must take the reference path (`_text_rows`)."""
    try:
        table = _memo.table(stop)
    except TypeError:  # an unhashable stop set: no memo
        table = None
        rows: list = [None] * len(texts)
    else:
        rows = list(map(table.get, texts))
        if None not in rows:
            return rows
    missing = list(dict.fromkeys([t for t, r in zip(texts, rows) if r is None]))
    fresh = _text_rows(missing, stop)
    if fresh is None:
        return None
    new = dict(zip(missing, fresh))
    if table is not None:
        _memo.add(table, new)
    get = new.__getitem__
    return [r if r is not None else get(t) for t, r in zip(texts, rows)]


def _line_ends(c: np.ndarray, starts: np.ndarray, lens: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whether each line (characters `c`, lines at `starts` of `lens`) ends a sentence, and
    whether it ends with a colon, judged on its last character after stripping closing quotes and
    brackets (rstrip(_CLOSERS), at most 4 of them; a line of closers only is stripped to "")."""
    closer_t, end_t = _end_tables()
    last = starts + lens - 1
    lc = c[last]
    for _ in range(4):
        cl = closer_t[lc] & (last > starts)
        if not cl.any():
            break
        last = np.where(cl, last - 1, last)
        lc = c[last]
    allclose = closer_t[lc]
    return end_t[lc] & ~allclose, (lc == 58) & ~allclose


def _text_rows(texts: list[str], stop: frozenset[str]) -> list[bytes] | None:
    """The context-free base rows of distinct texts, vectorised over their characters, as
    `_base_matrix_page` computes them (each value depends on its own line only). None when the
    page needs the reference path: an empty text, a newline in a text, a lower case of another length."""
    m = len(texts)
    lens_l = list(map(len, texts))
    if 0 in lens_l:
        return None
    whole = "\n".join(texts)
    low = whole.lower()
    if len(low) != len(whole) or whole.count("\n") != m - 1:
        return None
    word_t, upper_t, digit_t, kind_t = _char_tables()
    cps = np.frombuffer(whole.encode("utf-32-le"), dtype=np.uint32)
    if int(cps.max()) > 0xFFFF:
        c = np.minimum(cps, 0xFFFF)
        is_w = word_t.take(c)
        for i in np.flatnonzero(cps > 0xFFFF).tolist():
            is_w[i] = whole[i].isalnum()
    else:
        c = cps
        is_w = word_t.take(c)
    lens = np.array(lens_l, dtype=np.intp)
    starts = np.zeros(m, dtype=np.intp)
    np.cumsum(lens[:-1] + 1, out=starts[1:])
    ws = np.empty_like(is_w)  # word starts
    ws[0] = is_w[0]
    np.greater(is_w[1:], is_w[:-1], out=ws[1:])
    # the words, lower-cased (non-word characters -> spaces: (low - 32) * is_w + 32, in uint32)
    low_c = np.subtract(np.frombuffer(low.encode("utf-32-le"), dtype=np.uint32), 32, dtype=np.uint32)
    low_c *= is_w.view(np.uint8)
    low_c += 32
    toks = str(low_c, "utf-32-le").split()
    red = np.add.reduceat
    nw_i = red(ws.view(np.uint8), starts, dtype=np.intp)
    if len(toks) != int(nw_i.sum()):
        return None
    nw = nw_i.astype(np.float64)
    is_stop = np.fromiter(map(stop.__contains__, toks), dtype=bool, count=len(toks))
    ns = np.bincount(np.repeat(np.arange(m), nw_i), weights=is_stop, minlength=m)
    kind = kind_t.take(c)
    caps = red((ws & upper_t.take(c)).view(np.uint8), starts, dtype=np.int32)
    digits = red(digit_t.take(c).view(np.uint8), starts, dtype=np.int32)
    alpha = red(is_w.view(np.uint8), starts, dtype=np.int32)
    nxt_space = np.zeros_like(is_w)
    np.equal(cps[1:], 32, out=nxt_space[:-1])
    punct = red(((kind == 1) | (cps == 46)).view(np.uint8), starts, dtype=np.int32)
    sents = red((((kind == 3) & nxt_space) | (cps == 0x3002)).view(np.uint8), starts, dtype=np.int32)
    special = red((kind == 2).view(np.uint8), starts, dtype=np.int32) > 0
    if "http" in whole or "www." in whole:
        at = [mt.start() for mt in _URLISH.finditer(whole)]
        if at:
            special[np.searchsorted(starts, at, side="right") - 1] = True
    first = c[starts]
    bullet = ~word_t[first] | digit_t[first] | (first == 95)
    ends, colon = _line_ends(c, starts, lens)
    isupper = np.array(list(map(str.isupper, texts)), dtype=bool) & (nw > 0)
    safe_w = np.maximum(nw, 1)
    b = np.empty((len(BASE_FEATURES), m))  # one row per feature, written column-wise below
    b[0] = np.log1p(lens)
    b[1] = np.log1p(nw)
    b[2] = ends
    b[3] = colon
    b[4] = np.where(nw > 0, ns / safe_w, 0.0)
    b[5] = np.log1p(ns)
    b[6] = np.where(nw > 0, caps / safe_w, 0.0)
    b[7] = digits / lens
    b[8] = punct / (nw + 1)
    b[9] = isupper
    b[10] = special
    b[11] = 0.0  # blank_before: the page's
    b[12] = 0.0  # log_repeat: the page's
    b[13] = bullet
    b[14] = np.log1p(sents + ends)
    b[15] = alpha / lens
    buf = np.ascontiguousarray(b.T).tobytes()
    w = _ROW_BYTES
    return [buf[i : i + w] for i in range(0, m * w, w)]


def _base_matrix(lines: list[Line], stop: frozenset[str]) -> np.ndarray:
    """Per-line base features (n x len(BASE_FEATURES)); the same values as `_base_matrix_page`."""
    n = len(lines)
    texts = [l.text for l in lines]
    rows = _rows_for(stop, texts)
    if rows is None:
        return _base_matrix_page(lines, stop)
    b = np.frombuffer(bytearray(b"".join(rows)), dtype=np.float64).reshape(n, len(BASE_FEATURES))
    b[:, 11] = [l.blank_before for l in lines]
    if len(set(texts)) < n:  # else every line occurs once: log(1) = 0, as the rows hold
        counts = Counter(texts)
        b[:, 12] = np.log(np.array(list(map(counts.__getitem__, texts)), dtype=np.float64))
    return b


def _base_matrix_page(lines: list[Line], stop: frozenset[str]) -> np.ndarray:
    """Per-line base features of a whole page, vectorised over its characters (same values as
    `_base_matrix_slow`): the reference for `_base_matrix`, and its path for pages with an empty line."""
    n = len(lines)
    texts = [l.text for l in lines]
    whole = "\n".join(texts)
    low = whole.lower()
    if len(low) != len(whole) or "\n" in "".join(texts):
        return _base_matrix_slow(lines, stop)
    word_t, upper_t, digit_t, kind_t = _char_tables()
    cps = np.frombuffer(whole.encode("utf-32-le"), dtype=np.uint32)
    astral = cps > 0xFFFF
    c = np.minimum(cps, 0xFFFF)
    is_w = word_t[c]
    if astral.any():
        for i in np.flatnonzero(astral).tolist():
            is_w[i] = whole[i].isalnum()
    lens = np.array(list(map(len, texts)), dtype=np.intp)
    starts = np.zeros(n, dtype=np.intp)
    np.cumsum(lens[:-1] + 1, out=starts[1:])
    prev_w = np.empty_like(is_w)
    prev_w[0] = False
    prev_w[1:] = is_w[:-1]
    ws = is_w & ~prev_w
    low_c = np.frombuffer(low.encode("utf-32-le"), dtype=np.uint32)
    toks = np.where(is_w, low_c, 32).astype(np.uint32).tobytes().decode("utf-32-le").split()
    ws_pos = np.flatnonzero(ws)
    if len(toks) != ws_pos.size:
        return _base_matrix_slow(lines, stop)
    line_of_tok = np.searchsorted(starts, ws_pos, side="right") - 1
    is_stop = np.fromiter(map(stop.__contains__, toks), dtype=bool, count=len(toks))
    nw = np.bincount(line_of_tok, minlength=n).astype(np.float64)
    ns = np.bincount(line_of_tok, weights=is_stop, minlength=n)
    kind = kind_t[c]
    red = np.add.reduceat
    caps = red((ws & upper_t[c]).astype(np.int32), starts)
    digits = red(digit_t[c].astype(np.int32), starts)
    alpha = red(is_w.astype(np.int32), starts)
    nxt_space = np.empty_like(is_w)
    nxt_space[-1] = False
    nxt_space[:-1] = cps[1:] == 32
    punct = red(((kind == 1) | ((cps == 46))).astype(np.int32), starts)
    sents = red((((kind == 3) & nxt_space) | (cps == 0x3002)).astype(np.int32), starts)
    special = red((kind == 2).astype(np.int32), starts) > 0
    for m in _URLISH.finditer(whole):
        special[np.searchsorted(starts, m.start(), side="right") - 1] = True
    first = c[starts]
    bullet = ~word_t[first] | digit_t[first] | (first == 95)
    counts: dict[str, int] = {}
    for t in texts:
        counts[t] = counts.get(t, 0) + 1
    ends, colon = _line_ends(c, starts, lens)
    isupper = np.fromiter(map(str.isupper, texts), dtype=bool, count=n) & (nw > 0)
    rep = np.fromiter(map(counts.__getitem__, texts), dtype=np.float64, count=n)
    blank = np.array([l.blank_before for l in lines], dtype=bool)
    safe_w = np.maximum(nw, 1)
    b = np.empty((n, len(BASE_FEATURES)))
    b[:, 0] = np.log1p(lens)
    b[:, 1] = np.log1p(nw)
    b[:, 2] = ends
    b[:, 3] = colon
    b[:, 4] = np.where(nw > 0, ns / safe_w, 0.0)
    b[:, 5] = np.log1p(ns)
    b[:, 6] = np.where(nw > 0, caps / safe_w, 0.0)
    b[:, 7] = digits / lens
    b[:, 8] = punct / (nw + 1)
    b[:, 9] = isupper
    b[:, 10] = special
    b[:, 11] = blank
    b[:, 12] = np.log(rep)
    b[:, 13] = bullet
    b[:, 14] = np.log1p(sents + ends)
    b[:, 15] = alpha / lens
    return b


def _base_matrix_slow(lines: list[Line], stop: frozenset[str]) -> np.ndarray:
    n = len(lines)
    rows = []
    counts: dict[str, int] = {}
    texts = [l.text for l in lines]
    for t in texts:
        counts[t] = counts.get(t, 0) + 1
    contains = stop.__contains__
    for line, t in zip(lines, texts):
        low = t.lower()
        toks = _WORD.findall(low)
        nw = len(toks)
        nc = len(t)
        ns = sum(map(contains, toks)) if nw else 0
        caps = sum(1 for w in _WORD.findall(t) if w[0].isupper())
        digits = len(_DIGIT.findall(t))
        punct = t.count(",") + t.count(".") + t.count(";") + t.count("،") + t.count("、") + t.count("，")
        sents = t.count(". ") + t.count("? ") + t.count("! ") + t.count("。")
        stripped = t.rstrip(_CLOSERS)
        ends = stripped.endswith(_SENT_END)
        alpha = sum(map(len, toks))
        rows.append((
            nc, nw, ends, stripped.endswith(":"), ns / nw if nw else 0.0, ns, caps / nw if nw else 0.0,
            digits / nc, punct / (nw + 1), nw > 0 and t.isupper(), _SPECIAL.search(t) is not None,
            line.blank_before, counts[t], _BULLET.match(t) is not None, sents + ends, alpha / nc,
        ))
    b = np.array(rows, dtype=np.float64).reshape(n, len(BASE_FEATURES))
    for name in ("log_chars", "log_words", "log_stops", "log_repeat", "log_sentences"):
        k = _BI[name]
        b[:, k] = np.log1p(b[:, k] - (1 if name == "log_repeat" else 0))
    return b


def line_features(lines: list[Line], language: str | None = None) -> np.ndarray:
    """Feature matrix (len(lines) x len(FEATURES)) for the model."""
    if not lines:
        return np.zeros((0, len(FEATURES)))
    return np.ascontiguousarray(_features_t(lines, language).T)


_NF = len(FEATURES)
_NB0 = len(BASE_FEATURES)  # first neighbour row of the transposed matrix
_WIN0 = _NB0 + len(_OFFSETS) * len(_NEIGHBOUR_BASE)  # first window row
_PAGE0 = _WIN0 + len(_WINDOWS) * len(_WIN_IDX)  # first page row
_WIN_ARR = np.array(_WINDOWS, dtype=np.intp)[:, None]
assert _WINDOWS.index(12) == _WINDOWS.index(5) + 1
_W5 = _WINDOWS.index(5)
_CAP, _STOP_R, _LOGW = _BI["cap_ratio"], _BI["stop_ratio"], _BI["log_words"]
_CAP_STOP = [_CAP, _STOP_R]
_EXPM1_ROWS = [_BI["log_words"], _BI["log_chars"], _BI["log_stops"]]
_ENDS, _BLANK = _BI["ends_sentence"], _BI["blank_before"]
_NB_OFFSETS = [(_NB0 + j * len(_NEIGHBOUR_BASE), o) for j, o in enumerate(_OFFSETS)]


def _shape(n: int) -> tuple:
    """What depends on the number of lines only: line positions and the window bounds."""
    s = _SHAPES.get(n)
    if s is None:
        idx_i = np.arange(n)
        idx = idx_i.astype(np.float64)
        lo = np.maximum(idx_i - _WIN_ARR, 0)
        hi = np.minimum(idx_i + _WIN_ARR + 1, n)
        s = (idx, idx / n, lo, hi, hi - lo, math.log1p(n))
        for arr in s[:-1]:
            arr.flags.writeable = False  # shared by the pages of this length
        if len(_SHAPES) >= 1024:
            _SHAPES.clear()
        _SHAPES[n] = s
    return s


_SHAPES: dict[int, tuple] = {}


def _features_t(lines: list[Line], language: str | None = None) -> np.ndarray:
    """The transposed feature matrix (len(FEATURES) x len(lines)) of a non-empty page: one row per
    feature, so that each is written in one piece (and the model reads this layout)."""
    n = len(lines)
    b = _base_matrix(lines, page_stopwords(lines, language))
    idx, rel, lo, hi, width, log_n = _shape(n)
    xt = np.empty((_NF, n))
    base = xt[:_NB0]
    base[:] = b.T
    # capitalisation relative to the page's own prose (German capitalises nouns, English does not);
    # the medians as np.median gives them: the middle value, or the mean of the two middle values
    ref = base[_CAP_STOP]
    long_lines = base[_LOGW] >= _LOG_10
    if long_lines.any():
        ref = ref[:, long_lines]
    ref.sort(axis=1)
    h, odd = divmod(ref.shape[1], 2)
    med = ref[:, h] if odd else (ref[:, h - 1] + ref[:, h]) / 2
    base[_CAP] -= med[0]
    stop_ref = max(float(med[1]), 0.05)
    # the neighbours' values (-1 beyond the page)
    nbv = base[_NB_IDX]
    xt[_NB0:_WIN0] = -1.0
    k = len(_NEIGHBOUR_BASE)
    for row, o in _NB_OFFSETS:
        if o < 0:
            xt[row : row + k, -o:] = nbv[:, : max(n + o, 0)]
        else:
            xt[row : row + k, : max(n - o, 0)] = nbv[:, o:]

    words, chars, stops = np.expm1(base[_EXPM1_ROWS])
    prose = (words >= 12) & (stops >= 3)
    prose &= base[_ENDS] > 0
    # means over windows (clipped to the page) of the window columns, of prose and of alternation
    # (prose lines that follow a non-prose line: high in teaser and comment lists, low in an article)
    a = np.empty((len(_WIN_IDX) + 2, n))
    a[: len(_WIN_IDX)] = base[_WIN_IDX]
    prose_f = a[-2]
    prose_f[:] = prose
    alt = a[-1]
    alt[0] = prose_f[0]
    np.multiply(prose_f[1:], 1.0 - prose_f[:-1], out=alt[1:])
    csum = np.zeros((a.shape[0], n + 1))
    np.cumsum(a, axis=1, out=csum[:, 1:])
    means = csum[:, hi]
    means -= csum[:, lo]
    means /= width  # (columns, windows, lines)
    xt[_WIN0:_PAGE0] = means[: len(_WIN_IDX)].transpose(1, 0, 2).reshape(-1, n)

    page = xt[_PAGE0:]
    pw = np.where(prose, words, 0.0)
    total = pw.sum()
    page[0] = rel
    page[1] = log_n
    np.divide(chars, chars.max(), out=page[2])
    if total > 0:
        cum = np.cumsum(pw)
        np.divide(cum - pw, total, out=page[3])
        np.divide(total - cum, total, out=page[4])
    else:
        page[3:5] = 0.0
    # distance to the previous / next prose line (n when there is none), as log1p
    pidx = np.flatnonzero(prose)
    np_ = pidx.size
    if np_:
        pos = np.searchsorted(pidx, idx, side="left")
        np.subtract(pidx[np.minimum(pos, np_ - 1)], idx, out=page[6])
        page[6][pos >= np_] = n
        pos = np.searchsorted(pidx, idx, side="right")
        np.subtract(idx, pidx[pos - 1], out=page[5])
        page[5][pos == 0] = n
    else:
        page[5:7] = float(n)
    longest = int(np.argmax(chars))
    np.divide(idx - longest, n, out=page[7])
    # blocks: runs of lines between blank lines
    starts = base[_BLANK] > 0
    starts[0] = True
    bid = np.cumsum(starts)
    bid -= 1
    bl = np.bincount(bid)[bid]
    page[8] = np.bincount(bid, weights=words)[bid]
    page[9] = bl
    np.divide(np.bincount(bid, weights=prose_f)[bid], bl, out=page[10])
    np.divide(stops, max(stops.max(), 1.0), out=page[11])
    page[12] = math.log1p(total)
    # the region of the page that is densest in prose lines (max-sum over sqrt(chars) * (prose - 1/2))
    ra, rb = max_region(np.sqrt(chars) * (prose - 0.5))
    page[13] = 0.0  # in_prose_region: lines ra..rb (none when rb < ra)
    page[13, ra : rb + 1] = 1.0
    np.divide(idx - ra, n, out=page[14])
    np.divide(rb - idx, n, out=page[15])
    gap = page[16]  # lines from the region
    np.subtract(idx, rb, out=gap)
    np.subtract(ra, idx[:ra], out=gap[:ra])
    gap[ra : rb + 1] = 0.0
    np.log1p(page[5:7], out=page[5:7])  # dist_prose_prev, dist_prose_next
    np.log1p(page[8:10], out=page[8:10])  # block_words, block_lines
    np.log1p(gap, out=gap)
    page[17:21] = means[-2:, _W5 : _W5 + 2].reshape(4, n)  # win5_prose, win12_prose, win5_alt, win12_alt
    # runs of prose: prose lines with at most one other line between them
    before = np.zeros(n + 2, dtype=bool)  # before[i + 2]: line i is prose
    before[2:] = prose
    run_id = np.cumsum(prose > (before[1:-1] | before[:-2]))  # run starts; 0 before the first prose line
    run_mass = np.bincount(run_id, weights=pw)
    main_run = int(np.argmax(run_mass))
    top = run_mass[main_run]
    if top > 0:
        page[21] = run_id == main_run
        np.divide(run_mass[run_id], top, out=page[22])
    else:
        page[21:23] = 0.0
    np.divide(base[_STOP_R], stop_ref, out=page[23])
    return xt


# ---------------------------------------------------------------- model


class TreeModel:
    """Oblivious trees: tree t at depth d tests X[:, feat[t, d]] > thr[t, d]; leaf = bits, MSB first."""

    def __init__(self, feat: np.ndarray, thr: np.ndarray, leaf: np.ndarray, bias: float, features: list[str]):
        self.feat = np.asarray(feat, dtype=np.intp)
        self.thr = np.asarray(thr, dtype=np.float64)
        self.leaf = np.asarray(leaf, dtype=np.float64)
        self.bias = float(bias)
        self.features = list(features)
        t, d = self.feat.shape
        if d > 8:
            raise ValueError("tree depth > 8 is not supported")
        self._pow = (1 << np.arange(d - 1, -1, -1)).astype(np.uint8)
        self._base = (np.arange(t) * (1 << d)).astype(np.intp)[:, None]
        self._flat_leaf = self.leaf.reshape(-1)
        # each distinct (feature, threshold) test is made once per line; _test_of maps depth x tree to it
        tests: dict[tuple[int, float], int] = {}
        pairs = zip(self.feat.T.reshape(-1).tolist(), self.thr.T.reshape(-1).tolist())
        of = [tests.setdefault(ft, len(tests)) for ft in pairs]
        self._test_feat = np.array([f for f, _ in tests], dtype=np.intp)
        self._test_thr = np.array([v for _, v in tests], dtype=np.float64).reshape(-1, 1)
        self._test_of = np.array(of, dtype=np.intp)

    CHUNK = 1024  # lines per block: the (trees * depth, lines) temporaries stay ~10 MB on any page (and in cache)

    def margin(self, x: np.ndarray) -> np.ndarray:
        return self._margin_t(x.T)

    def _margin_t(self, xt: np.ndarray) -> np.ndarray:
        """`margin` of the transposed feature matrix (features x lines), in blocks of CHUNK lines."""
        n = xt.shape[1]
        if n <= self.CHUNK:
            return self._margin_block(xt)
        out = np.empty(n)
        for a in range(0, n, self.CHUNK):
            out[a : a + self.CHUNK] = self._margin_block(xt[:, a : a + self.CHUNK])
        return out

    def _margin(self, x: np.ndarray) -> np.ndarray:
        return self._margin_block(x.T)

    def _margin_block(self, xt: np.ndarray) -> np.ndarray:
        n = xt.shape[1]
        t, d = self.feat.shape
        # the distinct tests once (row gathers on the transposed matrix are the fast way), then each
        # tree's bits, depth-major, and its leaf: bits MSB first
        passed = (xt.take(self._test_feat, axis=0) > self._test_thr).view(np.uint8)
        bits = passed.take(self._test_of, axis=0).reshape(d, t * n)
        leaf = np.einsum("d,dm->m", self._pow, bits).astype(np.intp).reshape(t, n)
        leaf += self._base
        # (trees, lines), C order: the sum runs over the trees in order, as it always has
        return self._flat_leaf.take(leaf).sum(axis=0) + self.bias

    def predict(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.margin(x)))

    def to_dict(self) -> dict:
        return {
            "features": self.features,
            "bias": self.bias,
            "feat": self.feat.tolist(),
            # exact: a threshold is a feature value seen in training, and a line with that value
            # must fall on the same side of it as in training
            "thr": self.thr.tolist(),
            "leaf": [[float(f"{v:.5g}") for v in row] for row in self.leaf.tolist()],
        }

    @classmethod
    def from_dict(cls, d: dict) -> "TreeModel":
        return cls(np.array(d["feat"]), np.array(d["thr"]), np.array(d["leaf"]), d["bias"], d["features"])


DEFAULT_SELECT = {"tau": 0.3, "tau_in": 0.15, "tau_out": 0.9, "power": 0.5}
COPY_MIN_WORDS = 15  # a kept line of at least this many words goes when at least...
COPY_SHARE = 0.9  # ...this share of its word 4-grams are in the kept lines above it
COPY_PROBE_CHARS = 30  # (and it starts as one of them does)


def max_region(weights: np.ndarray) -> tuple[int, int]:
    """(a, b) maximising weights[a:b+1].sum() (Kadane); (0, -1) when every weight is <= 0."""
    best = cur = 0.0
    start = 0
    a, b = 0, -1
    for i, s in enumerate(weights.tolist()):
        if cur <= 0:
            cur, start = s, i
        else:
            cur += s
        if cur > best:
            best, a, b = cur, start, i
    return a, b


@lru_cache(maxsize=1)
def _load_file(path: str | None = None) -> tuple[TreeModel, dict]:
    with open(path or MODEL_PATH, encoding="utf-8") as f:
        d = json.load(f)
    model = TreeModel.from_dict(d["model"])
    if model.features != FEATURES:
        raise ValueError("linemodel.json was trained with other features; retrain with benchmarks/train_linemodel.py")
    return model, {**DEFAULT_SELECT, **d.get("select", {})}


_OVERRIDE: list[tuple[TreeModel, dict]] = []


def load_model(path: str | None = None) -> tuple[TreeModel, dict]:
    """The model and its `select_body` parameters: the one set by `use_model`, else the shipped one."""
    if _OVERRIDE and path is None:
        return _OVERRIDE[-1]
    return _load_file(path)


load_model.cache_clear = _load_file.cache_clear  # type: ignore[attr-defined]


@contextmanager
def use_model(model: TreeModel, params: dict | None = None) -> Iterator[None]:
    """Within the block, `score_lines`/`select_body` (and so `cleaners.clean_text`) use `model`
    and `params` (missing keys: `DEFAULT_SELECT`) instead of the shipped model, e.g. a model
    trained without the pages being scored (`benchmarks/cv_pipeline.py`). Not thread-safe:
    the override is process-wide."""
    if model.features != FEATURES:
        raise ValueError("the model was trained with other features")
    _OVERRIDE.append((model, {**DEFAULT_SELECT, **(params or {})}))
    try:
        yield
    finally:
        _OVERRIDE.pop()


def score_lines(lines: list[Line], language: str | None = None) -> list[float]:
    """Probability that each line is article body (same order as `lines`)."""
    if not lines:
        return []
    model, _ = load_model()
    m = model._margin_t(_features_t(lines, language))
    return (1.0 / (1.0 + np.exp(-m))).tolist()


def select_body(lines: list[Line], probs: list[float], params: dict | None = None) -> list[bool]:
    """Which lines to keep: the best-scoring contiguous region, minus its weak lines, plus strong lines outside.

    The region maximises sum((p - tau) * chars**power); inside it a line is kept when p >= tau_in,
    outside when p >= tau_out. Lines already marked as furniture (`line.reason` set) count as p = 0
    (they bound the region; teaser lines count for nothing, so that the article goes on below a
    teaser box inside it) and are never kept; a later exact copy of a kept line (5+ words) is
    dropped, and so is a later kept line of COPY_MIN_WORDS+ words whose word 4-grams are nearly
    all (COPY_SHARE) in the kept lines above it (the article repeated, split into lines otherwise).
    When no line reaches `tau`, the most likely line (by p * chars**power) is kept: a page always
    has a body. A short body takes in the long paragraphs next to it across ads, captions, share and
    promo lines (`_widen_short_body`). `params` default to the values tuned
    with the shipped model (`load_model()[1]`).
    """
    n = len(lines)
    if n == 0:
        return []
    if params is None:
        params = load_model()[1]
    tau, tau_in, tau_out, power = params["tau"], params["tau_in"], params["tau_out"], params["power"]
    p = np.asarray(probs, dtype=np.float64)
    texts = [l.text for l in lines]
    marked = [l.reason is not None for l in lines]
    any_marked = True in marked
    if any_marked:  # furniture already recognised: never kept, and a wall for the region
        p = np.where(marked, 0.0, p)
    w = np.array(list(map(len, texts)), dtype=np.float64) ** power
    score = (p - tau) * w
    if any_marked:  # a teaser box inside the article neither bounds the region nor belongs to it
        score = np.where([l.reason is Reason.TEASER for l in lines], 0.0, score)
    a, b = max_region(score)
    if b < a:  # no line is likely enough: a page has a body, take its most likely long line
        a = b = int(np.argmax(p * w))
        p = p.copy()
        p[a] = max(p[a], tau_in)
    pl = p.tolist()
    keep = [x >= tau_out for x in pl[:a]] + [x >= tau_in for x in pl[a : b + 1]] + [x >= tau_out for x in pl[b + 1 :]]
    if any_marked:
        keep = [k and not m for k, m in zip(keep, marked)]
        _widen_short_body(lines, pl, keep, a, b, tau_in)
    # a paragraph is body once: drop later exact copies of kept lines (pages that repeat the article),
    # and later long lines made of the kept text above (the article again, split into lines otherwise)
    seen: set[str] = set()
    for i, k in enumerate(keep):
        if k:
            t = texts[i]
            if t in seen:
                if t.count(" ") >= 4:
                    keep[i] = False
            else:
                seen.add(t)
    kept = [i for i, k in enumerate(keep) if k]
    heads = [texts[i][:COPY_PROBE_CHARS] for i in kept]
    if len(set(heads)) < len(heads):  # (a copy starts as a kept line above it does)
        _drop_copies(lines, texts, keep, kept, heads)
    return keep


SHORT_BODY_WORDS = 250  # a body this short...
WIDEN_MIN_WORDS = 25  # ...takes in the paragraphs of at least this many words next to it, across
WIDEN_REASONS = frozenset({Reason.ADVERTISEMENT, Reason.CAPTION, Reason.SHARE, Reason.PROMO})  # these lines


def _widen_short_body(lines: list[Line], p: list[float], keep: list[bool], a: int, b: int, tau_in: float) -> None:
    """A short article is often cut into paragraphs by ads, photo captions or share buttons, and
    the model is unsure of each paragraph alone: when the kept body is under SHORT_BODY_WORDS words,
    the long paragraphs (WIDEN_MIN_WORDS+ words, p >= tau_in) next to it, across only such
    furniture lines, are body too."""
    if sum(l.words for l, k in zip(lines, keep) if k) >= SHORT_BODY_WORDS:
        return
    for step, i in ((-1, a - 1), (1, b + 1)):
        while 0 <= i < len(lines):
            line = lines[i]
            if line.reason in WIDEN_REASONS:
                i += step
                continue
            if line.reason is not None or line.words < WIDEN_MIN_WORDS or p[i] < tau_in:
                break
            keep[i] = True
            i += step


def _drop_copies(lines: list[Line], texts: list[str], keep: list[bool], kept: list[int], heads: list[str]) -> None:
    """Unkeep the kept lines of COPY_MIN_WORDS+ words that start as a kept line above them does and
    whose word 4-grams are nearly all (COPY_SHARE) in the kept lines from that one on: the article
    again, its paragraphs joined or split otherwise."""
    above: list[str] = []  # the kept lines so far
    starts: dict[str, int] = {}  # ... by their first COPY_PROBE_CHARS characters (the first one)
    for i, head in zip(kept, heads):
        t = texts[i]
        k = starts.get(head)
        if k is not None and lines[i].words >= COPY_MIN_WORDS and _copied(t, above, k):
            keep[i] = False
        else:
            starts.setdefault(head, len(above))
            above.append(t)


def _copied(text: str, above: list[str], k: int) -> bool:
    """At least COPY_SHARE of the word 4-grams of `text` are 4-grams of the lines above[k:] read
    as one text (as far as `text` is long, with some slack)."""
    words = _WORD.findall(text)
    own = set(zip(words, words[1:], words[2:], words[3:]))
    if not own:
        return False
    budget = 2 * len(text) + 200
    end = k
    while end < len(above) and budget > 0:
        budget -= len(above[end])
        end += 1
    w = _WORD.findall(" ".join(above[k:end]))  # (a joined copy has the 4-grams across the joins)
    return len(own.intersection(zip(w, w[1:], w[2:], w[3:]))) >= COPY_SHARE * len(own)
