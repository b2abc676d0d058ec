"""About boxes at the end of an article: "About Jane Doe" / "Über Moritz Bachmann" / "Sobre
Carlos Nadalim" / "About Acme" followed by a paragraph about that author or publisher, and
"About the author" / "Über die Autorin" followed by one.

A heading of the form "<about> <Name>" (a short line, the name capitalised) is an about box when
the paragraph right below it names the same name, and prose came above it (an article's own
heading "About the study" opens no paragraph that repeats it). The heading and the paragraphs
below it that name the name are marked; an "about the author" heading takes the one paragraph
below it. They go with the author lines (Reason.BYLINE).
"""

from __future__ import annotations

import re

from cleaners.document import Reason
from cleaners.lines import Line, is_sentence

ABOUT = frozenset("about über ueber sobre acerca à propos over om informazioni".split())
AUTHOR_HEADING = re.compile(
    r"(about the authors?|über (den autor|die autorin|die autoren)|zu[mr] (autor|autorin)|à propos de l'auteure?|"
    r"sobre (el autor|la autora|o autor|a autora)|o autorze|over de auteur|sull'autore|l'autore|om författaren)\s*:?",
    re.IGNORECASE,
)
BIO_MAX_WORDS = 100
# "À propos de X", "Acerca de X", "Informazioni su X": the words between "about" and the name
LINKS = frozenset("de d' su".split())
NOT_NAMES = frozenset("us uns nous nosotros nós nas ons noi me mich moi mí mim this".split())
_SKIPPED = ABOUT | LINKS
HEADING_MAX_WORDS = 6
NAME_MAX_WORDS = 4
PARAGRAPHS = 4  # at most so many paragraphs below the heading
PROSE_ABOVE = 80  # words of prose lines (`lines.is_sentence`) above the heading


def _name(text: str) -> str | None:
    """The name in an about heading, or None."""
    words = text.rstrip(" :").split()
    if not 2 <= len(words) <= HEADING_MAX_WORDS or words[0].lower() not in ABOUT:
        return None
    rest = words[1:]
    while rest and rest[0].lower() in _SKIPPED:  # "À propos de", "Informazioni su"
        rest = rest[1:]
    if not rest or len(rest) > NAME_MAX_WORDS or rest[0].lower() in NOT_NAMES:
        return None
    if not all(w[0].isupper() for w in rest if w[0].isalpha()) or not rest[0][0].isupper():
        return None
    return " ".join(rest)


def mark(lines: list[Line]) -> None:
    prose = 0
    for i, line in enumerate(lines):
        if line.reason is None and is_sentence(line):
            prose += line.words
            continue
        if prose < PROSE_ABOVE or line.reason is not None or line.words > HEADING_MAX_WORDS:
            continue
        if AUTHOR_HEADING.fullmatch(line.text.strip()):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            line.reason, line.role = Reason.BYLINE, "about"
            if nxt is not None and nxt.reason is None and nxt.words <= BIO_MAX_WORDS:
                nxt.reason, nxt.role = Reason.BYLINE, "about"
            continue
        name = _name(line.text)
        if name is None:
            continue
        taken = []
        for j in range(i + 1, min(len(lines), i + 1 + PARAGRAPHS)):
            if lines[j].reason is not None or name not in lines[j].text:
                break
            taken.append(j)
        if taken:
            for j in [i, *taken]:
                lines[j].reason, lines[j].role = Reason.BYLINE, "about"
