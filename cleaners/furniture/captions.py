"""Photo captions and credit lines. They leave the text and become `images` ({caption, credit}).

Recognised shapes (in many languages):
- a caption ending in a credit: "... in 2017.Credit: Marc Sellem/Pool", "... (Image: GETTY)",
  "... Photo: Jane Doe/AFP", "... © Reuters", "... / Reuters", "(AP Photo/John Doe)";
- a caption line followed by the same caption with the credit glued on (a browser copy of a
  figure with a hidden duplicate): both lines are one image;
- a bare credit line ("Credit: X", "Foto: X") after its caption;
- a labelled caption ("Image caption ...", "Bildunterschrift: ...", "Légende : ..."), which may
  follow its credit ("Image copyright Getty Images").
"""

from __future__ import annotations

import re

from cleaners.document import Image, Reason
from cleaners.lines import Line, has_odd_case

CREDIT_WORDS = (
    r"credits?|photo(?:graph)?s?|image|picture|pic|illustration|source|"
    r"foto(?:s|grafie|grafía|grafia)?|bild(?:er)?|quelle|crédits?|crédito|imagen|immagine|zdjęcie|fot\.|źródło|beeld"
)
# Credit at the end of a caption, e.g. "....Credit: Bloomberg" (no space needed after a sentence).
TRAILING = [
    re.compile(r"(?P<caption>.*?)\s*[(\[](?:" + CREDIT_WORDS + r")\s*[:|]?\s*(?P<credit>[^()\[\]]{2,80})[)\]]$", re.I),
    re.compile(r"(?P<caption>.*?)\s*\b(?:" + CREDIT_WORDS + r")\s*(?:by)?\s*[:|]\s*(?P<credit>[^:]{2,100})$", re.I),
    re.compile(r"(?P<caption>.*?)\s*[(\[](?P<credit>(?:AP|AFP|Reuters|EPA|dpa|Getty)[^()\[\]]{0,60})[)\]]$", re.I),
    re.compile(r"(?P<caption>.*?)\s*[(\[]\s*(?P<credit>[A-Z][A-Z .'&-]{1,40}/[A-Z][A-Z .'&-]{1,40})\s*[)\]]$"),
    re.compile(r"(?P<caption>.*?)\s*©\s*(?P<credit>[^©]{2,80})$"),
    re.compile(r"(?P<caption>.*\S)\s+/\s+(?P<credit>[A-Z][\w.&'’ -]{1,50}(?:/[\w.&'’ -]{1,50})?)$"),
    # an agency and photographer after the caption's last sentence: "... des Hafens. EFE/Ana Ruiz",
    # "dpa/Max Muster", "ANSA/Ciro Rossi", "PAP/Jan Nowak" (no period after the name)
    re.compile(r"(?P<caption>.*[.!?])\s+(?P<credit>[A-Z][A-Za-z]{1,15}/[A-Z][\w'’ -]{2,40})$"),
    # the Polish abbreviation after the caption's last sentence: "... szpitala. Fot. Jan Nowak"
    re.compile(r"(?P<caption>.*[.!?])\s+[Ff]ot\.\s+(?P<credit>[^\W\d_][\w'’/ -]{2,40})$"),
]
# A credit line on its own.
ALONE = re.compile(r"^(?:" + CREDIT_WORDS + r")\s*(?:by)?\s*[:|]\s*(?P<credit>.{2,100})$|^©\s*(?P<credit2>.{2,80})$", re.I)
MAX_CAPTION_WORDS = 80
# A caption that says it is one, and a credit line that comes before its caption.
LABELLED = re.compile(
    r"(?:(?:image|photo|picture|video)\s+caption\s*[:,]?|(?:caption|bildunterschrift|bildtext|légende|"
    r"pie de (?:foto|imagen)|didascalia|podpis(?: zdjęcia)?|onderschrift)\s*:)\s*(?P<caption>\S.*)$",
    re.I,
)
CREDIT_FIRST = re.compile(r"(?:image|photo|picture)\s+(?:copyright|source|credit)\s*[:,]?\s+(?P<credit>\S.{1,80})$", re.I)
_LABEL_INITIALS = frozenset("IiPpVvCcBbLlDdOo")  # the first letters of both patterns
_CREDIT_CHARS = frozenset(":/©([|")  # every credit shape above has one of these (see `_may_have_credit`)

# What each TRAILING shape needs before it can match, checked first (cheap, never wrong):
# a closing bracket at the end ($ also matches before a final newline), a "©", a "/", and for
# the "Credit: X" shape a separator after a credit word near the end. That one is found from
# the end: `_SEPARATED_CREDIT` is its tail (credit word, "by", separator, credit, end) written
# backwards and matched at the start of the reversed text, so it looks at the last 100 or so
# characters only instead of trying every position of the caption.
_CREDIT_WORDS_REVERSED = (
    r"s?tiderc|s?(?:hparg)?otohp|egami|erutcip|cip|noitartsulli|ecruos|"
    r"(?:s|eifarg|aífarg|aifarg)?otof|(?:re)?dlib|elleuq|s?tidérc|otidérc|negami|enigammi|eicęjdz|\.tof|ołdórź|dleeb"
)
_SEPARATED_CREDIT = re.compile(r"\n?[^:]{2,100}\s*[:|]\s*(?:yb)?\s*(?:" + _CREDIT_WORDS_REVERSED + r")\b", re.I)


# Every credit word holds one of these pieces, which a text without `lines.ODD_CASE` holds
# lower-cased when the pattern finds the word ignoring case.
_CREDIT_PIECES = ("credit", "crédit", "pic", "photo", "image", "immagine", "illustration", "source", "fot",
                  "bild", "quelle", "zdjęcie", "źródło", "beeld")


def _may_hold_credit_word(text: str) -> bool:
    if has_odd_case(text):
        return True
    low = text.lower()
    return any(map(low.__contains__, _CREDIT_PIECES))


def _ends_in_bracket(text: str) -> bool:
    return text.endswith((")", "]", ")\n", "]\n"))


_MAY_MATCH = (
    _ends_in_bracket,
    lambda text: (":" in text or "|" in text) and _may_hold_credit_word(text) and bool(_SEPARATED_CREDIT.match(text[::-1])),
    _ends_in_bracket,
    _ends_in_bracket,
    lambda text: "©" in text,
    lambda text: "/" in text,
    lambda text: "/" in text,
    lambda text: _FOT in text,
)
assert len(_MAY_MATCH) == len(TRAILING)
# parse_credit's answers by text, up to so many characters of text in all (then forgotten).
MEMO_CHARS = 2_000_000
_memo: dict[str, tuple[str | None, str] | None] = {}
_memo_chars = 0


_FOT = "ot. "  # in "Fot. " and "fot. ", the one credit shape above without a credit character


def _may_have_credit(text: str) -> bool:
    return ":" in text or "/" in text or "(" in text or "|" in text or "©" in text or "[" in text or _FOT in text


def parse_credit(text: str) -> tuple[str | None, str] | None:
    """Split a caption line into (caption, credit); None when the line carries no credit."""
    global _memo_chars
    if not _may_have_credit(text):
        return None
    try:
        return _memo[text]
    except KeyError:
        pass
    parsed = _parse_credit(text)
    if _memo_chars > MEMO_CHARS:
        _memo.clear()
        _memo_chars = 0
    _memo[text] = parsed
    _memo_chars += len(text)
    return parsed


def _parse_credit(text: str) -> tuple[str | None, str] | None:
    m = ALONE.match(text)
    if m:
        return None, (m.group("credit") or m.group("credit2")).strip()
    for pattern, may_match in zip(TRAILING, _MAY_MATCH):
        m = may_match(text) and pattern.match(text)
        if m:
            credit = m.group("credit").strip(" .")
            caption = m.group("caption").strip() or None
            if credit and len(credit.split()) <= 10:
                return caption, credit
    return None


def mark(lines: list[Line]) -> list[tuple[int, Image]]:
    """Mark caption and credit lines; return (line index, image) for each, in page order."""
    images: list[tuple[int, Image]] = []
    for i, line in enumerate(lines):
        if line.reason is not None or line.words > MAX_CAPTION_WORDS:
            continue
        text = line.text
        if text[0] in _LABEL_INITIALS and _labelled(lines, i, images):
            continue
        if not _may_have_credit(text):
            continue  # most lines end here
        parsed = parse_credit(text)
        if parsed is None:
            continue
        caption, credit = parsed
        prev = lines[i - 1] if i else None
        if caption is None:
            # A bare credit line: its caption is the line before, when that one is short.
            if prev is not None and prev.reason in (None, Reason.CAPTION) and prev.words <= 60:
                caption = prev.text if prev.reason is None else None
                if prev.reason is None:
                    prev.reason, prev.role = Reason.CAPTION, "caption"
        elif prev is not None and prev.reason is None and _same(prev.text, caption):
            # The browser copy shows the caption twice: once alone, once with the credit.
            prev.reason, prev.role = Reason.CAPTION, "caption"
        elif not _caption_like(caption):
            continue
        line.reason, line.role = Reason.CAPTION, "credit"
        if images and caption is None and images[-1][1].credit is None:
            images[-1][1].credit = credit
        else:
            images.append((line.index, Image(caption=caption, credit=credit)))
    return images


def _labelled(lines: list[Line], i: int, images: list[tuple[int, Image]]) -> bool:
    """Mark line i when it is a labelled caption or a credit line before its caption."""
    line = lines[i]
    m = LABELLED.match(line.text)
    if m:
        line.reason, line.role = Reason.CAPTION, "caption"
        if images and images[-1][0] == i - 1 and images[-1][1].caption is None and lines[i - 1].role == "credit":
            images[-1][1].caption = m.group("caption")  # its credit came first
        else:
            images.append((line.index, Image(caption=m.group("caption"))))
        return True
    m = CREDIT_FIRST.match(line.text)
    if m:
        line.reason, line.role = Reason.CAPTION, "credit"
        images.append((line.index, Image(credit=m.group("credit").strip(" ."))))
        return True
    return False


def _same(a: str, b: str) -> bool:
    return a.strip(" .").casefold() == b.strip(" .").casefold()


def _caption_like(caption: str | None) -> bool:
    # A caption with a trailing credit is short enough to be a caption.
    return caption is None or len(caption.split()) <= 60
