"""Photo credits: split a caption line into (caption, credit).

`parse_credit(line)` recognises, in order:
1. a labelled credit anywhere after the caption: "...Credit: X", "(Image: GETTY)",
   "Photo: X", "Foto: X", "Bild: X", "Fot. X", "Zdjęcie: X", "Crédit photo : X",
   "Photograph: X", "Image credit: X", "Source: X";
2. "© X" / "(c) X" / "Copyright X";
3. a wire ending: "... / Reuters", "... REUTERS/Jane Doe", "(AP Photo/Jane Doe)",
   "... Getty Images", "... Photo by X on Unsplash".
It returns None for a line without a credit. The caption is None when the line is only
a credit.
"""

from __future__ import annotations

import re

from cleaners.metadata._regex import first_chars, trie
from cleaners.metadata.authors import is_name

# Credit labels, many languages (longest first is handled by the regex builder).
CREDIT_LABELS = (
    "image credit", "photo credit", "picture credit", "credit", "credits", "image", "images",
    "photo", "photos", "photograph", "photography", "picture", "pictures", "pic", "pics",
    "illustration", "video", "source", "courtesy", "foto", "fotos", "bild", "bilder",
    "bildquelle", "quelle", "grafik", "crédit photo", "crédit", "crédits", "photographie",
    "fotografía", "fotografia", "imagen", "crédito", "créditos", "zdjęcie", "zdjęcia",
    "źródło", "fot", "beeld", "kuva", "billede",
)
# Photo agencies and wires that end a caption without a label.
WIRES = (
    "reuters", "afp", "ap", "ap photo", "getty", "getty images", "epa", "efe", "dpa",
    "picture alliance", "picture-alliance", "imago", "imago images", "shutterstock",
    "istock", "istockphoto", "alamy", "pa", "pa wire", "pa images", "anadolu",
    "anadolu agency", "xinhua", "sipa", "bloomberg", "keystone", "ansa", "pap", "eyevine",
    "rex", "rex features", "ap images", "afp via getty images", "unsplash", "pexels",
    "wikimedia commons", "nasa", "handout", "file photo", "zuma", "zuma press",
)
MAX_CREDIT_WORDS = 12
MAX_CREDIT_CHARS = 120


# Labels and wires as prefix trees (`_regex.trie`: the same matches and preference as a
# longest-first alternation, much faster); the label pattern starts with a lookahead on what
# its first character can be (a bracket, a space or a label's first letter).
_LABEL_RE = re.compile(
    rf"(?=[\(\[\s{first_chars(CREDIT_LABELS)}])"
    rf"(?:^|(?<=[\s.,;:!?)\]”\"'’])|(?<=[^\W_]))[\(\[]?\s*(?P<label>{trie(CREDIT_LABELS)})\.?"
    rf"(?:\s*(?:by|von|de|par|por|di))?\s*(?P<sep>:|\.{{3}}|…|-|–|—|/|\s(?=[^\W\d_©]))\s*"
    rf"(?P<credit>[^()\[\]]+?)\s*[\)\]]?\s*$",
    re.I,
)
_COPY_RE = re.compile(r"(?:^|\s|[\(\[])(?:©|\(c\)|copyright)\s*(?P<credit>[^()\[\]]+?)\s*[\)\]]?\s*$", re.I)
_WIRE_TAIL_RE = re.compile(
    rf"(?:\s*[/|]\s*|\s+[-–—]\s+|\s*\(\s*|(?<=[.!?])\s*)(?P<credit>(?:{trie(WIRES)}"
    rf"(?:\s*(?:photo|images?|pictures?))?(?:\s*(?:/|via)\s*[^()/]{{1,60}})?))\s*\)?\s*$",
    re.I,
)
# Gates: a line that cannot match a pattern skips it. Each pattern's match holds a literal
# (a label, a wire, "©", "copyright", "/"...), so the lower-cased line holds it too: str.lower()
# agrees with the patterns' case-insensitive matching except for the characters in _CASE_ODD
# (İ lower-cases to two characters; ı, ſ, K, Å match i, s, k, å only case-insensitively), and
# a line with one of those runs every pattern.
_CASE_ODD = re.compile("[\u0130\u0131\u017f\u212a\u212b]")
_NOT_CREDIT_PHRASES = ("all rights reserved", "alle rechte", "tous droits", "todos los derechos",
                       "wszelkie prawa", "privacy", "cookie", "terms of")
_UNSPLASH_SITES = ("unsplash", "pexels", "pixabay")
# _WIRE_TAIL_RE ends the line with a wire or "photo"/"images"/"pictures" (then at most ")"), or
# has "/" or "via" in its credit.
_WIRE_ENDINGS = tuple(sorted(set(WIRES) | {"photo", "image", "images", "picture", "pictures"}))
# The substring tests as case-sensitive searches of the lower-cased line (prefix trees).
# (a label is followed by ".", a space, a separator or "by"/"von"/"de"/"par"/"por"/"di")
_LABEL_IN = re.compile(trie(CREDIT_LABELS) + r"(?=[.\s:…\-–—/bvdp])")
_NOT_CREDIT_IN = re.compile(trie(_NOT_CREDIT_PHRASES))
_UNSPLASH_IN = re.compile(trie(_UNSPLASH_SITES))
# Any of the above but a wire ending: a line without one is no credit (most lines).
_ANY_HINT_IN = re.compile(trie(set(CREDIT_LABELS) | set(_UNSPLASH_SITES) | {"/", "|", "©", "(c)", "copyright", "via"}))


_UNSPLASH_RE = re.compile(r"(?P<credit>(?:photo|image)\s+by\s+[^.]{2,60}?\s+on\s+(?:unsplash|pexels|pixabay))\s*$", re.I)
# A line that is only "Photographer/Agency" or "Photographer | Agency | Getty Images".
_NAME_SLASH_RE = re.compile(
    r"^(?P<credit>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}(?:\s*[/|]\s*(?:for\s+)?(?:the\s+)?"
    r"[A-Z][\w.'’&-]*(?:\s+[A-Z&][\w.'’&-]*){0,5})+)$")
_SPACES = re.compile(r"\s+")
_SPACES_TO_FIX = re.compile(r"\s\s|[^\S ]")
_SLASH_SPLIT = re.compile(r"\s*[/|]\s*")
_LABEL_MARK = re.compile(r"[:(\[]|\.{3}|…")
_SLASH_OR_PAREN = re.compile(r"[/(]")
_NOT_CREDIT = re.compile("|".join(map(re.escape, _NOT_CREDIT_PHRASES)), re.I)


def _clean(s: str | None) -> str | None:
    if s is None:
        return None
    s = _SPACES.sub(" ", s).strip(" \t-–—|/,;:")
    return s or None


def _ok_credit(c: str | None) -> bool:
    return bool(c) and len(c) <= MAX_CREDIT_CHARS and len(c.split()) <= MAX_CREDIT_WORDS \
        and not _NOT_CREDIT.search(c)


def parse_credit(line: str) -> tuple[str | None, str] | None:
    """(caption, credit) when `line` ends with (or is) a photo credit, else None."""
    if not line or not line.strip():
        return None
    # (spaces made single: nothing to do for a line whose only white space is single spaces;
    # every white space character but the space is unprintable, so a printable line without a
    # double space has none to fix)
    if "  " in line or not line.isprintable():
        line = _SPACES.sub(" ", line) if _SPACES_TO_FIX.search(line) else line
    text = line.strip()
    odd = not text.isascii() and _CASE_ODD.search(text) is not None
    low = text.lower()
    wire_end = (low[:-1].rstrip() if low.endswith(")") else low).endswith(_WIRE_ENDINGS)
    if not odd and not wire_end and _ANY_HINT_IN.search(low) is None:
        return None
    if _NOT_CREDIT.search(text) if odd else _NOT_CREDIT_IN.search(low):
        return None
    slash = "/" in text
    if slash or "|" in text:
        m = _NAME_SLASH_RE.match(text)
        if m and len(text) <= MAX_CREDIT_CHARS and is_name(_SLASH_SPLIT.split(text)[0]):
            return None, text
    gates = (
        odd or _UNSPLASH_IN.search(low) is not None,
        odd or _LABEL_IN.search(low) is not None,
        odd or "©" in text or "(c)" in low or "copyright" in low,
        odd or slash or "via" in low or wire_end,
    )
    for rx, gate in zip((_UNSPLASH_RE, _LABEL_RE, _COPY_RE, _WIRE_TAIL_RE), gates):
        if not gate:
            continue
        m = rx.search(text)
        if not m:
            continue
        credit = _clean(m["credit"])
        if rx is _LABEL_RE:
            label = m["label"].lower()
            # a plain word "image"/"video"/"source" in prose is not a credit label
            caption_part = text[: m.start()]
            glued = m.start() > 0 and text[m.start() - 1].isalnum() and text[m.start()] != "("
            if m["sep"].isspace() and not (credit and credit[0].isupper()):
                continue
            if glued and not (m["label"][0].isupper() and m["sep"] == ":"):
                continue
            if label in ("image", "images", "video", "source", "picture", "pictures", "photo",
                         "photos", "pic", "pics", "courtesy") and not _LABEL_MARK.search(
                    text, m.start(), m.start("credit")) and caption_part:
                continue
        if rx is _WIRE_TAIL_RE and m.start() == 0:
            caption = None
        else:
            caption = _clean(text[: m.start()])
        if rx is _WIRE_TAIL_RE and caption and len(caption.split()) < 3 and not _SLASH_OR_PAREN.search(m.group(0)):
            continue
        if credit and credit.lower() in ("", "credit") or not _ok_credit(credit):
            continue
        return caption, credit
    return None
