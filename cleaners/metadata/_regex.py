"""Regex building blocks shared by the metadata modules."""

from __future__ import annotations

import re
from functools import lru_cache


def alternation(words) -> str:
    """A flat alternation, longest word first (sre tries the words in order at every position)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def trie(words) -> str:
    """The same language as `alternation(words)` with the same preference, as a prefix tree
    behind a lookahead on the words' first characters: "mar(?:ch|s|zo)?...". sre tries a flat
    case-insensitive alternation of a few hundred words one by one at every position; the tree
    rejects a position after a character or two.

    Preference: where several words match at a position they are prefixes of one another, and
    the tree, like the longest-first alternation, tries the longest first (the optional tail of
    a node is greedy). This needs sibling characters that no text character matches both of,
    checked here (case-insensitively, as the patterns are compiled)."""
    words = sorted(set(words))
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node) -> str:
        kids = sorted(k for k in node if k)
        for i, a in enumerate(kids):
            for b in kids[i + 1:]:
                if _same_ignoring_case(a, b):
                    raise ValueError(f"case-equivalent siblings {a!r} {b!r}")
        alts = [re.escape(ch) + emit(node[ch]) for ch in kids]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return f"(?=[{first_chars(words)}]){emit(tree)}"


def _same_ignoring_case(a: str, b: str) -> bool:
    """Whether some character matches both `a` and `b` under re.IGNORECASE (as far as it
    matters here: two characters equal up to case, or linked by sre's extra case rules, which
    always involve a non-ASCII character)."""
    if a.lower() == b.lower() or a.upper() == b.upper():
        return True
    if a.isascii() and b.isascii():
        return False
    return bool(_ignoring_case(a).fullmatch(b) or _ignoring_case(b).fullmatch(a))


@lru_cache(maxsize=None)
def _ignoring_case(c: str) -> re.Pattern:
    return re.compile(re.escape(c), re.I)


def first_chars(words) -> str:
    """The words' first characters, escaped for a character class."""
    return "".join(re.escape(c) for c in sorted({w[0] for w in words}))
