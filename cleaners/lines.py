"""Plain text -> normalised lines with the features every furniture rule and the region finder use.

A scraped page is a sequence of lines. Blank lines matter (they separate paragraphs in a
browser rendition) but are not kept as lines: each `Line` records whether a blank line
preceded it instead.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from cleaners.document import Reason, word_count

# Characters that are invisible or spacing variants; folded before anything else looks at the text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x0b|\x0c|\x85")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

_LETTER_WORD = re.compile(r"[^\W\d_]+")
_GLUED = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")  # "Send in e-mailSend in e-mail": labels glued by a copy
STEM = 5  # rule triggers are whole words or their first five letters
_END_PUNCT = tuple(".!?…:;。！？")
_CLOSERS = "\"'”’»)]」』"


def normalize_text(text: str) -> str:
    """Unicode NFC, one kind of newline, no control or zero-width characters, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    text = text.translate(_INVISIBLE)
    text = _CONTROL.sub("", text)
    return text


def clean_line(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


@dataclass(slots=True)
class Line:
    """One non-blank line of the page and what has been decided about it."""

    text: str
    index: int  # position among the non-blank lines
    blank_before: bool  # a blank line (or the start of the page) precedes it
    reason: Reason | None = None  # set when the line is not article text
    role: str | None = None  # "title", "subtitle", "byline", "dateline", "caption", "credit"
    words: int = -1  # number of \w+ tokens (computed on construction)
    _keys: frozenset[str] | None = None

    @property
    def keys(self) -> frozenset[str]:
        """Lower-case letter tokens and their first STEM letters: a cheap gate before regexes."""
        if self._keys is None:
            toks = _LETTER_WORD.findall(_GLUED.sub(" ", self.text).lower())
            self._keys = frozenset(toks).union(t[:STEM] for t in toks if len(t) > STEM)
        return self._keys

    def __post_init__(self) -> None:
        if self.words < 0:
            self.words = word_count(self.text)

    def retext(self, text: str) -> None:
        """Replace the line's text (its word count and trigger keys follow)."""
        self.text, self.words, self._keys = text, word_count(text), None

    @property
    def kept(self) -> bool:
        return self.reason is None

    @property
    def letter_words(self) -> int:
        return len(_LETTER_WORD.findall(self.text))

    @property
    def ends_sentence(self) -> bool:
        """Ends with sentence punctuation, possibly inside closing quotes or brackets."""
        return self.text.rstrip(_CLOSERS).endswith(_END_PUNCT)


def split_lines(text: str, max_line_chars: int = 20_000) -> list[Line]:
    """Split normalised text into non-blank `Line`s (each cut to `max_line_chars`)."""
    out: list[Line] = []
    blank = True
    for raw in normalize_text(text).split("\n"):
        s = clean_line(raw[:max_line_chars])
        if not s:
            blank = True
            continue
        out.append(Line(s, len(out), blank))
        blank = False
    return out
