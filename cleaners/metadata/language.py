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
# How much text the classifier sees (speed; the start of the body is enough).
MAX_CHARS = 6000
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


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str | None, declared: str | None = None) -> str | None:
    """ISO 639-1 code of `text`; `declared` breaks ties on short or ambiguous text."""
    declared = normalize_language(declared)
    if not text:
        return declared
    sample = text[:MAX_CHARS]
    letters = len(_LETTER.findall(sample))
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
