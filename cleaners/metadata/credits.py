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


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_LABEL_RE = re.compile(
    rf"(?:^|(?<=[\s.,;:!?)\]”\"'’])|(?<=[^\W_]))[\(\[]?\s*(?P<label>{_alt(CREDIT_LABELS)})\.?"
    rf"(?:\s*(?:by|von|de|par|por|di))?\s*(?P<sep>:|\.{{3}}|…|-|–|—|/|\s(?=[^\W\d_©]))\s*"
    rf"(?P<credit>[^()\[\]]+?)\s*[\)\]]?\s*$",
    re.I,
)
_COPY_RE = re.compile(r"(?:^|\s|[\(\[])(?:©|\(c\)|copyright)\s*(?P<credit>[^()\[\]]+?)\s*[\)\]]?\s*$", re.I)
_WIRE_TAIL_RE = re.compile(
    rf"(?:\s*[/|]\s*|\s+[-–—]\s+|\s*\(\s*|(?<=[.!?])\s*)(?P<credit>(?:(?:{_alt(WIRES)})"
    rf"(?:\s*(?:photo|images?|pictures?))?(?:\s*(?:/|via)\s*[^()/]{{1,60}})?))\s*\)?\s*$",
    re.I,
)
# Gate for _LABEL_RE (the slowest pattern): a match holds a label, so the lower-cased text
# holds its first three letters. str.lower() agrees with the regex's case-insensitive
# matching except for the characters in _CASE_ODD, which skip the gate.
_LABEL_HEADS = tuple(sorted({lab[:3] for lab in CREDIT_LABELS}))
_CASE_ODD = re.compile("[\u0130\u0131\u017f\u212a\u212b]")


def _may_have_label(text: str) -> bool:
    if _CASE_ODD.search(text):
        return True
    low = text.lower()
    return any(h in low for h in _LABEL_HEADS)


_UNSPLASH_RE = re.compile(r"(?P<credit>(?:photo|image)\s+by\s+[^.]{2,60}?\s+on\s+(?:unsplash|pexels|pixabay))\s*$", re.I)
# A line that is only "Photographer/Agency" or "Photographer | Agency | Getty Images".
_NAME_SLASH_RE = re.compile(
    r"^(?P<credit>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}(?:\s*[/|]\s*(?:for\s+)?(?:the\s+)?"
    r"[A-Z][\w.'’&-]*(?:\s+[A-Z&][\w.'’&-]*){0,5})+)$")
_NOT_CREDIT = re.compile(r"all rights reserved|alle rechte|tous droits|todos los derechos|"
                         r"wszelkie prawa|privacy|cookie|terms of", re.I)


def _clean(s: str | None) -> str | None:
    if s is None:
        return None
    s = re.sub(r"\s+", " ", s).strip(" \t-–—|/,;:")
    return s or None


def _ok_credit(c: str | None) -> bool:
    return bool(c) and len(c) <= MAX_CREDIT_CHARS and len(c.split()) <= MAX_CREDIT_WORDS \
        and not _NOT_CREDIT.search(c)


def parse_credit(line: str) -> tuple[str | None, str] | None:
    """(caption, credit) when `line` ends with (or is) a photo credit, else None."""
    if not line or not line.strip():
        return None
    text = re.sub(r"\s+", " ", line).strip()
    if _NOT_CREDIT.search(text):
        return None
    m = _NAME_SLASH_RE.match(text)
    if m and len(text) <= MAX_CREDIT_CHARS and is_name(re.split(r"\s*[/|]\s*", text)[0]):
        return None, text
    may_label = _may_have_label(text)
    for rx in (_UNSPLASH_RE, _LABEL_RE, _COPY_RE, _WIRE_TAIL_RE):
        if rx is _LABEL_RE and not may_label:
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
                         "photos", "pic", "pics", "courtesy") and not re.search(
                    r"[:(\[]|\.{3}|…", text[m.start(): m.start("credit")]) and caption_part:
                continue
        if rx is _WIRE_TAIL_RE and m.start() == 0:
            caption = None
        else:
            caption = _clean(text[: m.start()])
        if rx is _WIRE_TAIL_RE and caption and len(caption.split()) < 3 and not re.search(r"[/(]", m.group(0)):
            continue
        if credit and credit.lower() in ("", "credit") or not _ok_credit(credit):
            continue
        return caption, credit
    return None
