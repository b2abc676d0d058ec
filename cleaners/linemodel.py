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
in blocks of lines (memory does not grow with the page). `use_model(model, params)` swaps in
another model within a block (cross-validation of the whole pipeline: benchmarks/cv_pipeline.py).
`select_body` keeps the best-scoring contiguous region of lines (max-sum), drops its weak lines,
adds very likely lines outside it, and treats lines already marked as furniture (`line.reason`)
as walls that are never kept.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np

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
    from collections import Counter

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
    names, sets, _, _ = _stoplists()
    name = _ISO.get(language.lower().split("-")[0].split("_")[0], language)
    for n, s in zip(names, sets):
        if n.lower() == name.lower():
            return s
    return None


def guess_language(lines: list[Line], max_words: int = 400) -> str | None:
    """The jusText language whose stop list covers most words of the page's longest lines.

    Only lists in the page's dominant script compete; near-ties go to the smaller list.
    """
    names, sets, vocab, bits = _stoplists()
    longest = sorted(lines, key=lambda l: -len(l.text))[:20]
    words = _tokens(" ".join(l.text for l in longest).lower())[:max_words]
    if not words:
        return None
    unknown = len(vocab)
    rows = np.fromiter(map(vocab.get, words, [unknown] * len(words)), dtype=np.intp, count=len(words))
    counts = np.unpackbits(bits[rows], axis=1)[:, : len(names)].sum(axis=0)
    # only lists written in the page's script (an English page is not Marathi)
    from collections import Counter

    script = Counter(map(_script, words[::4])).most_common(1)[0][0]
    same = _list_scripts() == script
    if same.any():
        counts = np.where(same, counts, 0)
    best = int(counts.max())
    if best == 0:
        return None
    # near-ties go to the smaller (more specific) list
    tol = 0.01 * len(words)
    return min((len(sets[k]), names[k]) for k in np.flatnonzero(counts >= best - tol))[1]


def _tokens(text: str) -> list[str]:
    """`re.findall(r"\\w+", text)`, several times faster on long texts (BMP: table lookups)."""
    word_t = _char_tables()[0]
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    is_w = word_t[np.minimum(cps, 0xFFFF)]
    for i in np.flatnonzero(cps > 0xFFFF).tolist():
        is_w[i] = text[i].isalnum()
    return np.where(is_w, cps, 32).astype(np.uint32).tobytes().decode("utf-32-le").split()


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


def _base_matrix(lines: list[Line], stop: frozenset[str]) -> np.ndarray:
    """Per-line base features, vectorised over the page's characters (same values as `_base_matrix_slow`)."""
    n = len(lines)
    texts = [l.text for l in lines]
    whole = "\n".join(texts)
    low = whole.lower()
    if len(low) != len(whole) or "\n" in "".join(texts):
        return _base_matrix_slow(lines, stop)
    word_t, upper_t, digit_t, kind_t = _char_tables()
    closer_t, end_t = _end_tables()
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
    # last character after stripping closing quotes/brackets (rstrip(_CLOSERS))
    last = starts + lens - 1
    lc = c[last]
    for _ in range(4):
        cl = closer_t[lc] & (last > starts)
        if not cl.any():
            break
        last = np.where(cl, last - 1, last)
        lc = c[last]
    allclose = closer_t[lc]  # the whole line is closers: stripped to ""
    ends = end_t[lc] & ~allclose
    colon = (lc == 58) & ~allclose
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


def _window_means(a: np.ndarray, windows: tuple[int, ...]) -> np.ndarray:
    """Means of the columns of `a` over [i - w, i + w] (clipped), for each w: (n, len(windows) * k)."""
    n = a.shape[0]
    c = np.zeros((n + 1, a.shape[1]))
    np.cumsum(a, axis=0, out=c[1:])
    idx = np.arange(n)
    out = []
    for w in windows:
        lo = np.maximum(idx - w, 0)
        hi = np.minimum(idx + w + 1, n)
        out.append((c[hi] - c[lo]) / (hi - lo)[:, None])
    return np.concatenate(out, axis=1)


def line_features(lines: list[Line], language: str | None = None) -> np.ndarray:
    """Feature matrix (len(lines) x len(FEATURES)) for the model."""
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    stop = page_stopwords(lines, language)
    b = _base_matrix(lines, stop)
    # capitalisation relative to the page's own prose (German capitalises nouns, English does not)
    long_lines = b[:, _BI["log_words"]] >= _LOG_10
    ref = b[long_lines] if long_lines.any() else b
    k = _BI["cap_ratio"]
    b[:, k] -= float(np.median(ref[:, k]))
    stop_ref = max(float(np.median(ref[:, _BI["stop_ratio"]])), 0.05)
    cols = [b]
    pad = max(abs(o) for o in _OFFSETS)
    nb = np.full((n + 2 * pad, len(_NEIGHBOUR_BASE)), -1.0)
    nb[pad : pad + n] = b[:, _NB_IDX]
    for o in _OFFSETS:
        cols.append(nb[pad + o : pad + o + n])
    cols.append(_window_means(b[:, _WIN_IDX], _WINDOWS))

    idx = np.arange(n, dtype=np.float64)
    words = np.expm1(b[:, _BI["log_words"]])
    chars = np.expm1(b[:, _BI["log_chars"]])
    stops = np.expm1(b[:, _BI["log_stops"]])
    prose = (words >= 12) & (stops >= 3) & (b[:, _BI["ends_sentence"]] > 0)
    pw = np.where(prose, words, 0.0)
    total = pw.sum()
    cum = np.cumsum(pw)
    prose_before = (cum - pw) / total if total > 0 else np.zeros(n)
    prose_after = (total - cum) / total if total > 0 else np.zeros(n)
    pidx = np.flatnonzero(prose)
    if pidx.size:
        pos = np.searchsorted(pidx, idx, side="left")
        nxt = pidx[np.minimum(pos, pidx.size - 1)]
        dnext = np.where(pos < pidx.size, nxt - idx, n)
        pos2 = np.searchsorted(pidx, idx, side="right") - 1
        prv = pidx[np.maximum(pos2, 0)]
        dprev = np.where(pos2 >= 0, idx - prv, n)
    else:
        dnext = dprev = np.full(n, float(n))
    longest = int(np.argmax(chars))
    # the region of the page that is densest in prose lines (max-sum over sqrt(chars) * (prose - 1/2))
    ra, rb = max_region(np.sqrt(chars) * (prose - 0.5))
    inside = (idx >= ra) & (idx <= rb)
    gap = np.where(inside, 0.0, np.where(idx < ra, ra - idx, idx - rb))
    # prose lines that follow a non-prose line: high in teaser and comment lists, low in an article
    prose_f = prose.astype(np.float64)
    alt = prose_f.copy()
    alt[1:] *= 1.0 - prose_f[:-1]
    # runs of prose: prose lines with at most one other line between them
    run_start = np.zeros(n, dtype=bool)
    if pidx.size:
        brk = np.ones(pidx.size, dtype=bool)
        brk[1:] = np.diff(pidx) > 2
        run_start[pidx[brk]] = True
    run_id = np.cumsum(run_start)  # 0 before the first prose line
    run_mass = np.bincount(run_id, weights=pw, minlength=int(run_id[-1]) + 1)
    main_run = int(np.argmax(run_mass)) if run_mass.max() > 0 else -1
    # blocks: runs of lines between blank lines
    starts = b[:, _BI["blank_before"]] > 0
    starts[0] = True
    bid = np.cumsum(starts) - 1
    bwords = np.bincount(bid, weights=words)
    blines = np.bincount(bid)
    bprose = np.bincount(bid, weights=prose.astype(np.float64))
    page = np.stack([
        idx / n,
        np.full(n, math.log1p(n)),
        chars / chars.max(),
        prose_before,
        prose_after,
        np.log1p(dprev),
        np.log1p(dnext),
        (idx - longest) / n,
        np.log1p(bwords[bid]),
        np.log1p(blines[bid]),
        bprose[bid] / blines[bid],
        stops / max(stops.max(), 1.0),
        np.full(n, math.log1p(total)),
        inside,
        (idx - ra) / n,
        (rb - idx) / n,
        np.log1p(gap),
        *_window_means(np.stack([prose_f, alt], axis=1), (5, 12)).T[[0, 2, 1, 3]],
        run_id == main_run,
        run_mass[run_id] / run_mass.max() if run_mass.max() > 0 else np.zeros(n),
        b[:, _BI["stop_ratio"]] / stop_ref,
    ], axis=1)
    cols.append(page)
    return np.concatenate(cols, axis=1)


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
        self._flat_feat = self.feat.reshape(-1)
        self._flat_thr = self.thr.reshape(-1, 1)
        self._pow = (1 << np.arange(d - 1, -1, -1)).astype(np.uint8)
        self._base = (np.arange(t) * (1 << d)).astype(np.intp)[:, None]
        self._flat_leaf = self.leaf.reshape(-1)

    CHUNK = 1024  # lines per block: the (trees * depth, lines) temporaries stay ~10 MB on any page (and in cache)

    def margin(self, x: np.ndarray) -> np.ndarray:
        n = x.shape[0]
        out = np.empty(n)
        for a in range(0, n, self.CHUNK):
            out[a : a + self.CHUNK] = self._margin(x[a : a + self.CHUNK])
        return out

    def _margin(self, x: np.ndarray) -> np.ndarray:
        n = x.shape[0]
        t, d = self.feat.shape
        # (trees * depth, lines) comparisons; row gathers on the transposed matrix are the fast way
        bits = (np.ascontiguousarray(x.T)[self._flat_feat] > self._flat_thr).reshape(t, d, n).view(np.uint8)
        leaf = np.einsum("d,tdn->tn", self._pow, bits).astype(np.intp) + self._base
        return self._flat_leaf[leaf].sum(axis=0) + self.bias

    def predict(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.margin(x)))

    def to_dict(self) -> dict:
        return {
            "features": self.features,
            "bias": self.bias,
            "feat": self.feat.tolist(),
            "thr": [[float(f"{v:.6g}") for v in row] for row in self.thr.tolist()],
            "leaf": [[float(f"{v:.5g}") for v in row] for row in self.leaf.tolist()],
        }

    @classmethod
    def from_dict(cls, d: dict) -> "TreeModel":
        return cls(np.array(d["feat"]), np.array(d["thr"]), np.array(d["leaf"]), d["bias"], d["features"])


DEFAULT_SELECT = {"tau": 0.3, "tau_in": 0.15, "tau_out": 0.9, "power": 0.5}

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
    return model.predict(line_features(lines, language)).tolist()


def select_body(lines: list[Line], probs: list[float], params: dict | None = None) -> list[bool]:
    """Which lines to keep: the best-scoring contiguous region, minus its weak lines, plus strong lines outside.

    The region maximises sum((p - tau) * chars**power); inside it a line is kept when p >= tau_in,
    outside when p >= tau_out. Lines already marked as furniture (`line.reason` set) count as p = 0
    (they bound the region) and are never kept; a later exact copy of a kept line (5+ words) is
    dropped. When no line reaches `tau`, the most likely line
    (by p * chars**power) is kept: a page always has a body. `params` default to the values tuned
    with the shipped model (`load_model()[1]`).
    """
    n = len(lines)
    if n == 0:
        return []
    if params is None:
        params = load_model()[1]
    tau, tau_in, tau_out, power = params["tau"], params["tau_in"], params["tau_out"], params["power"]
    p = np.asarray(probs, dtype=np.float64)
    marked = np.fromiter((l.reason is not None for l in lines), dtype=bool, count=n)
    if marked.any():  # furniture already recognised: never kept, and a wall for the region
        p = np.where(marked, 0.0, p)
    lens = np.fromiter((len(l.text) for l in lines), dtype=np.float64, count=n)
    w = lens**power
    a, b = max_region((p - tau) * w)
    if b < a:  # no line is likely enough: a page has a body, take its most likely long line
        a = b = int(np.argmax(p * w))
        p = p.copy()
        p[a] = max(p[a], tau_in)
    inside = np.zeros(n, dtype=bool)
    inside[a : b + 1] = True
    keep = (np.where(inside, p >= tau_in, p >= tau_out) & ~marked).tolist()
    # a paragraph is body once: drop later exact copies of kept lines (pages that repeat the article)
    seen: set[str] = set()
    for i in np.flatnonzero(keep).tolist():
        t = lines[i].text
        if t in seen:
            if t.count(" ") >= 4:
                keep[i] = False
        else:
            seen.add(t)
    return keep
