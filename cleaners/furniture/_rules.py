"""Small helpers the furniture modules share: compile rule lists, test short lines."""

from __future__ import annotations

import re
from collections.abc import Iterable

from cleaners.document import Reason
from cleaners.lines import STEM, Line

MAX_WORD_CHARS = 40  # a "short" line is also short in characters (symbols are not words)
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)


def compile_any(patterns: Iterable[str], *, anchored: bool = False) -> re.Pattern[str]:
    """One case-insensitive alternation of the given patterns (optionally anchored at the start)."""
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(("^(?:" + body + ")") if anchored else body, re.IGNORECASE)


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def triggers(words: str) -> frozenset[str]:
    """Trigger words for `mark_where`: whole lower-case words, or stems of their first STEM letters."""
    out = set()
    for w in words.split():
        w = w.lower()
        out.add(w[:STEM] if len(w) > STEM else w)
        out.add(w)
    return frozenset(out)


def mark_where(
    lines: list[Line],
    reason: Reason,
    test,
    *,
    max_words: int | None = None,
    gate: frozenset[str] | None = None,
) -> None:
    """Mark every still-unmarked line for which `test(line)` is true.

    Only lines of at most `max_words` words are tested, and, with a `gate`, only lines that
    contain one of its trigger words (a set lookup that spares most lines the regexes).
    """
    for line in lines:
        if line.reason is not None:
            continue
        if max_words is not None and (line.words > max_words or len(line.text) > max_words * MAX_WORD_CHARS):
            continue
        if gate is not None and line.keys.isdisjoint(gate):
            continue
        if test(line):
            line.reason = reason
