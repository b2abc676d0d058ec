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
_SPACE_CHARS = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(f"[{_SPACE_CHARS}]+")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x0b|\x0c|\x85")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

_LETTER_WORD = re.compile(r"[^\W\d_]+")
_GLUED = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")  # "Send in e-mailSend in e-mail": labels glued by a copy
_GLUED_PAIR = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ]")  # where `_GLUED` splits (a search without look-arounds)
STEM = 5  # rule triggers are whole words or their first five letters
_HEADS = re.compile(rf"([^\W\d_]{{1,{STEM}}})[^\W\d_]*")  # each letter token's first STEM letters
_END_PUNCT = tuple(".!?…:;。！？")
_CLOSERS = "\"'”’»)]」』"

# The folding above in fewer passes over a page. The invisible and control characters are both
# deleted, so one class deletes them all. `split_lines` first finds which of the characters that
# need work a page holds, in one pass (`_NOTABLE`), and then does only the work they need:
# newlines and deletions (`_TO_FOLD`), spacing variants (each becomes a space, then runs of
# spaces collapse: the same as one space per run), and `_WIDE_PUNCT` (for `_latin1`).
_DELETE = re.compile("[" + "".join(map(chr, _INVISIBLE)) + r"\x00-\x08\x0e-\x1f\x7f]")
_TO_FOLD = re.compile("[\r\u2028\u2029\x0b\x0c\x85" + _DELETE.pattern[1:])  # what the two above change
_TO_FOLD_CHARS = frozenset(
    "\r\u2028\u2029\x0b\x0c\x85\x7f" + "".join(map(chr, [*_INVISIBLE, *range(9), *range(14, 32)]))
)
_ODD_SPACES = frozenset("\t\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))  # but " "
_DOUBLE_SPACES = re.compile("  +")

# Punctuation common in Western text beyond Latin-1. It is no word character, no letter and no
# letter of `_GLUED`, so a space in its place changes neither word counts nor trigger tokens;
# with it gone most lines are Latin-1, which is read on bytes, with translation tables.
_WIDE_PUNCT_CHARS = frozenset("’‘“”—–…•„‚‹›")
_WIDE_PUNCT = re.compile("[" + "".join(sorted(_WIDE_PUNCT_CHARS)) + "]")
_WORD_CHAR = re.compile(r"\w")
assert not any(_WORD_CHAR.match(c) or _GLUED_PAIR.search("a" + c + "A") for c in _WIDE_PUNCT_CHARS)
_NOTABLE = re.compile(_TO_FOLD.pattern[:-1] + "".join(sorted(_ODD_SPACES | _WIDE_PUNCT_CHARS)) + "]")


def _latin1_table(byte_of) -> bytes:
    return bytes(byte_of(chr(c)) for c in range(256))


def _lower_letter(ch: str) -> int:
    low = ch.lower()
    return ord(low) if _LETTER_WORD.fullmatch(low) else 32


# \w characters as "a", others as spaces: the \w+ runs are where an "a" follows a non-"a".
_LATIN1_WORDS = _latin1_table(lambda ch: 97 if _WORD_CHAR.match(ch) else 32)
_LATIN1_WORD_LINES = _LATIN1_WORDS[:10] + b"\n" + _LATIN1_WORDS[11:]  # the same, newlines kept
# Letters lower-cased, everything else a space: `split()` gives the letter tokens.
_LATIN1_LOWER_LETTERS = _latin1_table(_lower_letter)
# The letters of `_GLUED` classed by case, to see glued labels ("aA").
_LATIN1_CASES = _latin1_table(
    lambda ch: 97 if re.fullmatch("[a-zà-ÿ]", ch) else 65 if re.fullmatch("[A-ZÀ-Þ]", ch) else 32
)
_LATIN1_GLUED = re.compile(_GLUED.pattern.encode("latin-1"))  # `_GLUED` on Latin-1 bytes


def _latin1(text: str) -> bytes | None:
    """The text as Latin-1 bytes, `_WIDE_PUNCT` as spaces; None when it is not Latin-1."""
    if text.isascii():
        return text.encode("ascii")
    try:
        return _WIDE_PUNCT.sub(" ", text).encode("latin-1")
    except UnicodeEncodeError:
        return None


def _count(b: bytes) -> int:
    """\\w+ runs of `_LATIN1_WORDS`-translated bytes."""
    return b.count(b" a") + b.startswith(b"a")


def count_words(text: str) -> int:
    """`cleaners.document.word_count`, on bytes when the text is Latin-1 (it then has no Chinese
    or Japanese to count by characters)."""
    b = _latin1(text)
    if b is None:
        return word_count(text)
    return _count(b.translate(_LATIN1_WORDS))


def latin1_trigger_tokens(text: str) -> list[bytes] | None:
    """`trigger_tokens(text)[0]` as Latin-1 bytes, for a Latin-1 text (but for `_WIDE_PUNCT`);
    None for other texts."""
    if text.isascii():  # `_latin1`, inline
        b = text.encode("ascii")
    else:
        try:
            b = _WIDE_PUNCT.sub(" ", text).encode("latin-1")
        except UnicodeEncodeError:
            return None
    if b"aA" in b.translate(_LATIN1_CASES):
        b = _LATIN1_GLUED.sub(b" ", b)
    return b.translate(_LATIN1_LOWER_LETTERS).split()


def trigger_tokens(text: str) -> tuple[list[str], list[str]]:
    """The lower-case letter tokens of `text` (glued labels split) and their first STEM letters:
    `Line.keys` is the union of the two."""
    if _GLUED_PAIR.search(text):
        text = _GLUED.sub(" ", text)
    low = text.lower()
    return _LETTER_WORD.findall(low), _HEADS.findall(low)


# The characters that match a Latin letter without regard to case but do not lower-case to it
# (İ and ı match "i", ſ matches "s"; checked for the letters of the phrases that rely on it): in
# a text without them, a phrase that a case-insensitive pattern finds is in the lower-cased text.
ODD_CASE = ("\u0130", "\u0131", "\u017f")


def has_odd_case(text: str) -> bool:
    """The text holds one of ODD_CASE (without it, a phrase that a case-insensitive pattern finds
    is in the lower-cased text)."""
    return any(map(text.__contains__, ODD_CASE))


_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogates(text: str) -> bool:
    """`_SURROGATE.search(text) is not None`: UTF-8 encodes every character but a surrogate, and
    the encoder's pass over a page costs a fraction of the regex's."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def without_lone_surrogates(text: str) -> str:
    """Lone surrogates (JSON can carry them: "\\ud800"), which no UTF-8 writer can encode, become
    U+FFFD; a surrogate pair becomes its character."""
    if not has_surrogates(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def normalize_text(text: str) -> str:
    """Unicode NFC, one kind of newline, no control or zero-width characters, single spaces."""
    if not text.isascii():  # ASCII is NFC already
        text = unicodedata.normalize("NFC", text)
    if _TO_FOLD.search(text):
        text = _fold(text)
    return text


def _fold(text: str) -> str:
    return _DELETE.sub("", _NEWLINES.sub("\n", text))


def clean_line(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


@dataclass(slots=True, init=False)
class Line:
    """One non-blank line of the page and what has been decided about it."""

    text: str
    index: int  # position among the non-blank lines
    blank_before: bool  # a blank line (or the start of the page) precedes it
    reason: Reason | None = None  # set when the line is not article text
    role: str | None = None  # "title", "subtitle", "byline", "dateline", "caption", "credit"
    words: int = -1  # number of \w+ tokens (computed on construction)
    _keys: frozenset[str] | None = None

    def __init__(
        self,
        text: str,
        index: int,
        blank_before: bool,
        reason: Reason | None = None,
        role: str | None = None,
        words: int = -1,
        _keys: frozenset[str] | None = None,
    ) -> None:
        self.text = text
        self.index = index
        self.blank_before = blank_before
        self.reason = reason
        self.role = role
        self.words = words if words >= 0 else count_words(text)
        self._keys = _keys

    @property
    def keys(self) -> frozenset[str]:
        """Lower-case letter tokens and their first STEM letters: a cheap gate before regexes."""
        if self._keys is None:
            tokens, heads = trigger_tokens(self.text)
            self._keys = frozenset(tokens).union(heads)
        return self._keys

    def retext(self, text: str) -> None:
        """Replace the line's text (its word count and trigger keys follow)."""
        self.text, self.words, self._keys = text, count_words(text), None

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


SENTENCE_MIN_WORDS = 10  # a line of prose: a sentence of at least so many words


def is_sentence(line: Line) -> bool:
    """The line is a sentence of prose: SENTENCE_MIN_WORDS words or more, ending a sentence."""
    return line.words >= SENTENCE_MIN_WORDS and line.ends_sentence


def split_lines(text: str, max_line_chars: int = 20_000) -> list[Line]:
    """Split normalised text into non-blank `Line`s (each cut to `max_line_chars`)."""
    # `normalize_text`, with one pass to find what there is to fold.
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    notable = set(_NOTABLE.findall(text))
    if not notable.isdisjoint(_TO_FOLD_CHARS):
        text = _fold(text)
    raws = text.split("\n")
    counts: list[bytes] | None = None
    if len(text) > max_line_chars and max(map(len, raws)) > max_line_chars:
        raws = [clean_line(raw[:max_line_chars]) for raw in raws]  # cut first, then fold spaces
    else:
        # `clean_line` on each line is the same as folding the spaces of the whole text at once
        # (no run of spaces crosses a newline) and stripping each line.
        for c in notable.intersection(_ODD_SPACES):
            text = text.replace(c, " ")
        if "  " in text:
            text = _DOUBLE_SPACES.sub(" ", text)
        raws = text.split("\n")
        # Words counted on bytes for the whole page at once when it is Latin-1 (see `count_words`):
        # a character is a byte, so the page's byte lines are its lines.
        for c in notable.intersection(_WIDE_PUNCT_CHARS):
            text = text.replace(c, " ")
        try:
            counts = text.encode("latin-1").translate(_LATIN1_WORD_LINES).split(b"\n")
        except UnicodeEncodeError:
            pass
    out: list[Line] = []
    append = out.append
    blank = True
    for i, s in enumerate(raws):
        s = s.strip()
        if not s:
            blank = True
            continue
        if counts is not None:
            b = counts[i]
            words = b.count(b" a") + b.startswith(b"a")
        elif s.isascii():
            b = s.encode("ascii").translate(_LATIN1_WORDS)
            words = b.count(b" a") + b.startswith(b"a")
        else:
            words = word_count(s)
        append(Line(s, len(out), blank, None, None, words))
        blank = False
    return out
