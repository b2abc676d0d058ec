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
  or is a single capitalised stop word ("The").

It is *weak* when `a` does not end a sentence and `b` is a short link in the middle of a sentence:
the boundary after `b` is strong ("... told" / "Billboard" / "that ...").

Consecutive joined boundaries form a chain; a chain is only joined when the result looks like
running text (one long fragment, or enough words with sentence punctuation) or when it only
attaches punctuation to one fragment ("[" / "Engadget" / "]"), so a lower-case menu
("home" / "world" / "sports") stays as separate lines.
"""

from __future__ import annotations

import re

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


def _ends_sentence(text: str) -> bool:
    if text.endswith(_SENT_END):
        return True
    if text.endswith(_CLOSE_QUOTES) and len(text) > 1:
        return text[:-1].rstrip(" \"'”’»)").endswith(_SENT_END)
    return False


def _strong(a: str, b: str, stop: frozenset[str]) -> bool:
    c = b[0]
    if c.islower():
        return True
    if c in _CONT_START and not b.startswith(("...", "…")):
        return True
    if a.endswith(_OPEN_END) and not a.endswith((" -", " –", " —", " /", " |")):
        # "Menu -" style separators are not sentence continuations
        return True
    if _ends_sentence(a):
        return False
    words = _WORD.findall(a)
    if not words:
        return False
    last = words[-1]
    if last.islower() and last in stop:
        return True
    if len(words) == 1 and last.lower() in stop and last[:1].isupper():
        return True  # "The" / "company shelved its plans"
    return False


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
    strong = [False] * n
    for i in range(1, n):
        if not lines[i].blank_before:
            strong[i] = _strong(texts[i - 1], texts[i], stopwords)
    for i in range(1, n):
        if lines[i].blank_before:
            continue
        if strong[i]:
            out[i] = True
        elif (
            i + 1 < n
            and strong[i + 1]
            and not _ends_sentence(texts[i - 1])
            and len(_WORD.findall(texts[i])) <= MAX_LINK_WORDS
        ):
            # a link in the middle of a sentence: "... told" / "Billboard" / ", adding ..."
            out[i] = True
    # accept a chain only when the joined text looks like running text
    i = 0
    while i < n:
        if i + 1 < n and out[i + 1]:
            j = i + 1
            while j + 1 < n and out[j + 1]:
                j += 1
            counts = [len(_WORD.findall(texts[k])) for k in range(i, j + 1)]
            total = sum(counts)
            ok = (
                max(counts) >= MIN_LONG_FRAGMENT
                or sum(1 for c in counts if c) <= 1  # only punctuation attached: "[" / "Engadget" / "]"
                or (total >= MIN_CHAIN_WORDS and any(_PROSE_PUNCT.search(texts[k]) for k in range(i, j + 1)))
            )
            if not ok:
                for k in range(i + 1, j + 1):
                    out[k] = False
            i = j + 1
        else:
            i += 1
    return out


def _glue(a: str, b: str) -> str:
    if b[0] in _CONT_START or a.endswith(("(", "[", "“", "‘", "„", "«", "/")):
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
    for line, c in zip(lines, cont):
        if c and out:
            prev = out[-1]
            # glued without a space only at non-word characters, so the word counts add up
            out[-1] = Line(
                _glue(prev.text, line.text), len(out) - 1, prev.blank_before, prev.reason, prev.role,
                words=prev.words + line.words,
            )
        else:
            if line.index != len(out):
                line.index = len(out)
            out.append(line)
    return out
