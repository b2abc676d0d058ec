"""Small helpers the furniture modules share: compile rule lists, test short lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

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
    """Trigger words for a `Rule`'s gate: whole lower-case words, or stems of their first STEM letters."""
    out = set()
    for w in words.split():
        w = w.lower()
        out.add(w[:STEM] if len(w) > STEM else w)
        out.add(w)
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Rule:
    """A single-line rule: lines of at most `max_words` words (and, with a `gate`, holding one of
    its trigger words) for which `test(line)` is true are furniture of kind `reason`."""

    reason: Reason
    test: Callable[[Line], bool]
    max_words: int | None = None
    gate: frozenset[str] | None = None

    def applies(self, line: Line) -> bool:
        if self.max_words is not None and (
            line.words > self.max_words or len(line.text) > self.max_words * MAX_WORD_CHARS
        ):
            return False
        return self.test(line)


class RuleSet:
    """Rules in priority order, indexed by trigger word: each line is tested only against the
    ungated rules and the rules one of whose trigger words it holds, in order; the first rule
    that applies marks it."""

    def __init__(self, rules: Iterable[Rule]):
        self.rules = tuple(rules)
        self.ungated = frozenset(i for i, r in enumerate(self.rules) if r.gate is None)
        index: dict[str, set[int]] = {}
        for i, rule in enumerate(self.rules):
            for word in rule.gate or ():
                index.setdefault(word, set()).add(i)
        self.index = {w: frozenset(ids) for w, ids in index.items()}
        self.max_words = max((r.max_words or 10**9) for r in self.rules) if self.rules else 0

    def mark(self, lines: list[Line]) -> None:
        index, rules = self.index, self.rules
        for line in lines:
            if line.reason is not None or line.words > self.max_words:
                continue
            candidates = set(self.ungated)
            for key in line.keys:
                ids = index.get(key)
                if ids:
                    candidates |= ids
            for i in sorted(candidates):
                if rules[i].applies(line):
                    line.reason = rules[i].reason
                    break
