"""Small helpers the furniture modules share: compile rule lists, test short lines."""

from __future__ import annotations

import re
from collections.abc import Iterable

from cleaners.document import Reason
from cleaners.lines import Line

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)


def compile_any(patterns: Iterable[str], *, anchored: bool = False) -> re.Pattern[str]:
    """One case-insensitive alternation of the given patterns (optionally anchored at the start)."""
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(("^(?:" + body + ")") if anchored else body, re.IGNORECASE)


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def mark_where(lines: list[Line], reason: Reason, test, *, max_words: int | None = None) -> None:
    """Mark every still-unmarked line for which `test(line)` is true (and short enough)."""
    for line in lines:
        if line.reason is not None:
            continue
        if max_words is not None and line.words > max_words:
            continue
        if test(line):
            line.reason = reason
