"""Rejoin sentences that a naive HTML-to-text scraper broke at inline elements.

`BeautifulSoup.get_text("\\n")` puts a newline around every link, `<em>`, `<strong>` ...,
so one paragraph arrives as several lines:

    The
    company shelved its plans
    for an initial public offering on September 30 after investors grew wary ...

A browser rendition rarely does this, but the joiner is safe on it: it only joins lines
that are not separated by a blank line and whose boundary shows that the sentence goes on.

A boundary between line `a` and the next line `b` (no blank line between them) is *strong* when

- `b` starts with a lower-case letter, or with closing punctuation (`,` `.` `;` `)` `”` ...),
- `a` ends with opening or joining punctuation (`(` `,` `“` dash ...), or
- `a` ends with a lower-case stop word of the page's language ("the", "of", "der", "и" ...),
  or is a single capitalised stop word ("The"),

unless `a` opens a block of its own: a teaser heading ("See also", "Lesen Sie auch") or a
comment-section opener ("34 responses to ..."), which the next line belongs to but does not continue.

It is *weak* when `a` does not end a sentence and `b` is a short link in the middle of a sentence:
the boundary after `b` is strong ("... told" / "Billboard" / "that ..."); never below a line
that opens a block.

Consecutive joined boundaries form a chain; a chain is only joined when the result looks like
running text (one long fragment, or enough words with sentence punctuation) or when it only
attaches punctuation to one fragment ("[" / "Engadget" / "]"), so a lower-case menu
("home" / "world" / "sports") stays as separate lines.
"""

from __future__ import annotations

import itertools
import re

from cleaners.furniture import comments, teasers
from cleaners.lines import Line

_WORD = re.compile(r"\w+")
_SENT_END = tuple(".!?…:;。！？")
_CLOSE_QUOTES = tuple("\"'”’»)")
# b starting with one of these continues a's sentence
_CONT_START = frozenset(",.;:)!?%]’”»”›」』、。，")
# a ending with one of these continues into b
_OPEN_END = tuple("(,[“‘„«‹/–—-&+")
_PROSE_PUNCT = re.compile(r"[.,!?;:…。，、]")

# A line without a strong boundary is joined as a mid-sentence link only when this short ...
MAX_LINK_WORDS = 6
# A chain is joined when one fragment has at least this many words ...
MIN_LONG_FRAGMENT = 6
# ... or the joined text has this many words and sentence punctuation.
MIN_CHAIN_WORDS = 8


_SENT_END_CHARS = frozenset(_SENT_END)
_QUOTES_AND_SPACE = frozenset(" \"'”’»)")  # stripped before the sentence end of a quoted line
_NOT_SEPARATOR = (" -", " –", " —", " /", " |")  # "Menu -" style separators are not continuations
_ELLIPSIS = ("...", "…")
_LAST_WORD = re.compile(r"\W*(\w+)")  # on the reversed text: the last word, reversed


def _ends_sentence(text: str) -> bool:
    if text.endswith(_SENT_END):
        return True
    if text.endswith(_CLOSE_QUOTES) and len(text) > 1:
        # text[:-1].rstrip(" \"'”’»)").endswith(_SENT_END), without copying the text
        j = len(text) - 2
        while j >= 0 and text[j] in _QUOTES_AND_SPACE:
            j -= 1
        return j >= 0 and text[j] in _SENT_END_CHARS
    return False


def _last_word(a: str) -> tuple[str, int] | None:
    """The last \\w+ word of `a` and where it starts (`_WORD.findall(a)[-1]`), None when `a` has none."""
    tail = a[:-65:-1]  # the last 64 characters, reversed
    m = _LAST_WORD.match(tail)
    if m is None or m.end() == len(tail) < len(a):  # no word, or one that may go on: read it all
        m = _LAST_WORD.match(a[::-1])
        if m is None:
            return None
    return m.group(1)[::-1], len(a) - m.end()


def _ends_with_stop_word(a: str, stop: frozenset[str]) -> bool:
    """`a` ends with a lower-case stop word, or is a single capitalised one ("The")."""
    if a.isalnum():  # one word (menus): the common case, without a regex
        return (a.islower() and a in stop) or (a[:1].isupper() and a.lower() in stop)
    head, space, last = a.rpartition(" ")
    if space and last.isalnum():  # ... a last word: the words of `head`, then `last`
        if last.islower() and last in stop:
            return True
        return last[:1].isupper() and last.lower() in stop and _WORD.search(head) is None
    if len(a) <= 64:
        words = _WORD.findall(a)
        if not words:
            return False
        last = words[-1]
        if last.islower() and last in stop:
            return True
        return len(words) == 1 and last.lower() in stop and last[:1].isupper()
    found = _last_word(a)  # a long line: its last word, without reading the rest
    if found is None:
        return False
    last, start = found
    if last.islower() and last in stop:
        return True
    return last[:1].isupper() and last.lower() in stop and _WORD.search(a, 0, start) is None


def _opens_block(line: Line) -> bool:
    """The line opens a block that the next line belongs to, not a sentence that goes on in it: a
    teaser heading ("See also", "Lesen Sie auch") or a comment-section opener ("34 Comments",
    "34 responses to “...”"). Both are short, or start with the count."""
    w = line.words
    if w <= comments.MAX_WORDS:
        return teasers.is_marker(line.text) or comments.opens_section(line.text, w)
    return w <= comments.SECTION_START_MAX_WORDS and line.text[:1].isdigit() and comments.opens_section(line.text, w)


def _at_most_words(text: str, k: int) -> bool:
    """len(_WORD.findall(text)) <= k, reading no further than the (k + 1)-th word."""
    if len(text) <= 8 * k:
        return len(_WORD.findall(text)) <= k
    return sum(1 for _ in itertools.islice(_WORD.finditer(text), k + 1)) <= k


def join_decisions(
    lines: list[Line], stopwords: frozenset[str] | None = None, language: str | None = None
) -> list[bool]:
    """For each line, True when it continues the previous line's sentence (index 0: False)."""
    n = len(lines)
    out = [False] * n
    if n < 2:
        return out
    if stopwords is None:
        from cleaners.linemodel import page_stopwords

        stopwords = page_stopwords(lines, language)
    texts = [l.text for l in lines]
    cand = [i for i, l in enumerate(lines) if not l.blank_before and i]  # no blank line before
    strong = [False] * (n + 1)  # the boundary before line i is strong (see the module docstring)
    cont_start, ellipsis, open_end, not_sep = _CONT_START, _ELLIPSIS, _OPEN_END, _NOT_SEPARATOR
    sent_end, close_quotes = _SENT_END, _CLOSE_QUOTES
    for i in cand:
        b = texts[i]
        c = b[0]
        a = texts[i - 1]
        if c.islower() or (c in cont_start and not b.startswith(ellipsis)):
            strong[i] = True
        elif a.endswith(open_end) and not a.endswith(not_sep):
            strong[i] = True
        elif not (a.endswith(sent_end) or (a.endswith(close_quotes) and _ends_sentence(a))):
            strong[i] = _ends_with_stop_word(a, stopwords)
        if strong[i] and _opens_block(lines[i - 1]):
            strong[i] = False
    joins = []
    for i in cand:
        if strong[i] or (
            strong[i + 1]
            and not _ends_sentence(texts[i - 1])
            and _at_most_words(texts[i], MAX_LINK_WORDS)
            and not _opens_block(lines[i - 1])
        ):
            # a strong boundary, or a link in the middle of a sentence: "... told" / "Billboard" / ", adding ..."
            out[i] = True
            joins.append(i)
    # accept a chain (lines i..j, each after the first joined) only when the joined text looks like running text
    k, m = 0, len(joins)
    while k < m:
        j = joins[k]
        i = j - 1
        while k + 1 < m and joins[k + 1] == j + 1:
            k += 1
            j += 1
        k += 1
        counts = [len(_WORD.findall(texts[x])) for x in range(i, j + 1)]
        total = sum(counts)
        ok = (
            max(counts) >= MIN_LONG_FRAGMENT
            or sum(1 for c in counts if c) <= 1  # only punctuation attached: "[" / "Engadget" / "]"
            or (total >= MIN_CHAIN_WORDS and any(_PROSE_PUNCT.search(texts[x]) for x in range(i, j + 1)))
        )
        if not ok:
            for x in range(i + 1, j + 1):
                out[x] = False
    return out


_GLUE_AFTER = ("(", "[", "“", "‘", "„", "«", "/")


def _glue(a: str, b: str) -> str:
    if b[0] in _CONT_START or a.endswith(_GLUE_AFTER):
        return a + b
    return a + " " + b


def join_fragments(
    lines: list[Line],
    stopwords: frozenset[str] | None = None,
    language: str | None = None,
    decisions: list[bool] | None = None,
) -> list[Line]:
    """Join lines broken at inline elements back into paragraphs; returns new `Line`s (re-indexed).

    `stopwords` (a set of lower-case words) or `language` (ISO 639-1 code or jusText name) choose the
    stop list; by default it is guessed from the page (`cleaners.linemodel.guess_language`).

    A joined line keeps the first fragment's `blank_before`, `reason` and `role`.
    Lines that are not joined are returned as they are (same objects, new `index`).
    `decisions`, when the caller already has them from `join_decisions`, are used as they are.
    """
    if len(lines) < 2:
        for k, l in enumerate(lines):
            l.index = k
        return list(lines)
    cont = decisions if decisions is not None else join_decisions(lines, stopwords, language)
    out: list[Line] = []
    first = None  # the first fragment of the line being joined, when there are more
    parts: list[str] = []
    words = 0
    for line, c in zip(lines, cont):
        if c and out:
            t = line.text
            # glued without a space only at non-word characters, so the word counts add up
            # (as _glue: the text so far ends as its last fragment does)
            if first is None:
                first = out[-1]
                parts = [first.text]
                words = first.words
            if not (t[0] in _CONT_START or parts[-1].endswith(_GLUE_AFTER)):
                parts.append(" ")
            parts.append(t)
            words += line.words
        else:
            if first is not None:
                out[-1] = Line("".join(parts), len(out) - 1, first.blank_before, first.reason, first.role, words=words)
                first = None
            if line.index != len(out):
                line.index = len(out)
            out.append(line)
    if first is not None:
        out[-1] = Line("".join(parts), len(out) - 1, first.blank_before, first.reason, first.role, words=words)
    return out
