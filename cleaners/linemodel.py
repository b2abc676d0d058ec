"""Which lines of a scraped page are article body: per-line features, a small tree model, region logic.

    >>> from cleaners.lines import split_lines
    >>> from cleaners.joiner import join_fragments
    >>> from cleaners.linemodel import score_lines, select_body
    >>> lines = join_fragments(split_lines(text))
    >>> probs = score_lines(lines)            # P(line is article body), one float per line
    >>> keep = select_body(lines, probs)      # contiguity / region post-processing

Signals are language-agnostic (length, punctuation, capitalisation, digits, position, repetition
within the page, the neighbours' values, the prose mass around a line) plus one per-language
resource: the share of stop words, with the jusText stop-word list (100 languages) that covers the
page's longest lines best (or the one named by `language`).

The model is an ensemble of oblivious (symmetric) decision trees trained by
`benchmarks/train_linemodel.py` and shipped as JSON (`cleaners/data/linemodel.json`);
inference is numpy only.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from cleaners.lines import Line

MODEL_PATH = Path(__file__).parent / "data" / "linemodel.json"

_WORD = re.compile(r"\w+")
_CAP = re.compile(r"(?<!\w)[A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĪŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŸŹŻŽΑ-ΩА-ЯЁЇІЄҐ]")
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


@lru_cache(maxsize=1)
def _stoplists() -> tuple[list[str], list[frozenset[str]], dict[str, tuple[int, ...]]]:
    """All jusText stop lists, and an index word -> the languages whose list holds it."""
    import justext

    names = sorted(justext.get_stoplists())
    sets = [frozenset(justext.get_stoplist(n)) for n in names]
    index: dict[str, list[int]] = {}
    for k, s in enumerate(sets):
        for w in s:
            index.setdefault(w, []).append(k)
    return names, sets, {w: tuple(v) for w, v in index.items()}


def stoplist(language: str | None) -> frozenset[str] | None:
    """The jusText stop list for an ISO 639-1 code or a jusText language name, else None."""
    if not language:
        return None
    names, sets, _ = _stoplists()
    name = _ISO.get(language.lower().split("-")[0].split("_")[0], language)
    for n, s in zip(names, sets):
        if n.lower() == name.lower():
            return s
    return None


def guess_language(lines: list[Line], max_words: int = 400) -> str | None:
    """The jusText language whose stop list covers most words of the page's longest lines."""
    names, sets, index = _stoplists()
    longest = sorted(lines, key=lambda l: -len(l.text))[:20]
    words: list[str] = []
    for l in longest:
        words.extend(_WORD.findall(l.text.lower()))
        if len(words) >= max_words:
            break
    if not words:
        return None
    counts = [0] * len(names)
    get = index.get
    for w in words[:max_words]:
        hit = get(w)
        if hit:
            for k in hit:
                counts[k] += 1
    best = max(counts)
    if best == 0:
        return None
    # near-ties go to the smaller (more specific) list
    tol = 0.01 * len(words)
    return min((len(sets[k]), names[k]) for k in range(len(names)) if counts[k] >= best - tol)[1]


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
    "block_prose",
]
FEATURES = (
    BASE_FEATURES
    + [f"{n}@{o:+d}" for o in _OFFSETS for n in _NEIGHBOUR_BASE]
    + [f"win{w}_{n}" for w in _WINDOWS for n in ("log_stops", "ends_sentence", "log_words")]
    + PAGE_FEATURES
)
_BI = {n: k for k, n in enumerate(BASE_FEATURES)}


def _base_matrix(lines: list[Line], stop: frozenset[str]) -> np.ndarray:
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
        caps = len(_CAP.findall(t))
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


def _shift(a: np.ndarray, o: int, fill: float) -> np.ndarray:
    out = np.full_like(a, fill)
    if o > 0:
        out[:-o] = a[o:]
    elif o < 0:
        out[-o:] = a[:o]
    else:
        out[:] = a
    return out


def _window_mean(a: np.ndarray, w: int) -> np.ndarray:
    n = a.shape[0]
    c = np.concatenate(([0.0], np.cumsum(a)))
    idx = np.arange(n)
    lo = np.maximum(idx - w, 0)
    hi = np.minimum(idx + w + 1, n)
    return (c[hi] - c[lo]) / (hi - lo)


def line_features(lines: list[Line], language: str | None = None) -> np.ndarray:
    """Feature matrix (len(lines) x len(FEATURES)) for the model."""
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    stop = page_stopwords(lines, language)
    b = _base_matrix(lines, stop)
    cols = [b]
    nb = np.stack([b[:, _BI[k]] for k in _NEIGHBOUR_BASE], axis=1)
    for o in _OFFSETS:
        cols.append(_shift(nb, o, -1.0))
    for w in _WINDOWS:
        for k in ("log_stops", "ends_sentence", "log_words"):
            cols.append(_window_mean(b[:, _BI[k]], w)[:, None])

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
        self._flat_feat = self.feat.reshape(-1)
        self._flat_thr = self.thr.reshape(-1)
        self._pow = (1 << np.arange(d - 1, -1, -1)).astype(np.intp)
        self._base = (np.arange(t) * (1 << d)).astype(np.intp)
        self._flat_leaf = self.leaf.reshape(-1)

    def margin(self, x: np.ndarray) -> np.ndarray:
        if x.shape[0] == 0:
            return np.zeros(0)
        t, d = self.feat.shape
        bits = (x[:, self._flat_feat] > self._flat_thr).reshape(x.shape[0], t, d)
        idx = bits.astype(np.intp) @ self._pow + self._base
        return self._flat_leaf[idx].sum(axis=1) + self.bias

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


DEFAULT_SELECT = {"tau": 0.4, "tau_in": 0.3, "tau_out": 0.9, "power": 0.5}

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
def load_model(path: str | None = None) -> tuple[TreeModel, dict]:
    """The shipped model and its `select_body` parameters."""
    with open(path or MODEL_PATH, encoding="utf-8") as f:
        d = json.load(f)
    model = TreeModel.from_dict(d["model"])
    if model.features != FEATURES:
        raise ValueError("linemodel.json was trained with other features; retrain with benchmarks/train_linemodel.py")
    return model, {**DEFAULT_SELECT, **d.get("select", {})}


def score_lines(lines: list[Line], language: str | None = None) -> list[float]:
    """Probability that each line is article body (same order as `lines`)."""
    if not lines:
        return []
    model, _ = load_model()
    return model.predict(line_features(lines, language)).tolist()


def select_body(lines: list[Line], probs: list[float], params: dict | None = None) -> list[bool]:
    """Which lines to keep: the best-scoring contiguous region, minus its weak lines, plus strong lines outside.

    The region maximises sum((p - tau) * chars**power); inside it a line is kept when p >= tau_in,
    outside when p >= tau_out.
    """
    n = len(lines)
    if n == 0:
        return []
    if params is None:
        params = load_model()[1]
    tau, tau_in, tau_out, power = params["tau"], params["tau_in"], params["tau_out"], params["power"]
    w = np.array([(p - tau) * len(l.text) ** power for l, p in zip(lines, probs)])
    a, b = max_region(w)
    return [(p >= tau_in) if a <= i <= b else (p >= tau_out) for i, p in enumerate(probs)]
