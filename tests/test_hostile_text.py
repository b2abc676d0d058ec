"""Hostile strings for the text cleaner: huge lines, many lines, regex-backtracking bait.
Each must finish quickly (the bound is generous: it catches exponential blow-ups, not speed)."""

from __future__ import annotations

import time

import pytest

from cleaners import clean_text

CASES = {
    "5 MB line": "word " * 1_000_000,
    "200k short lines": "Home\n" * 200_000,
    "separators": " > ".join(["a"] * 5000) + ".",
    "colons": ":" * 100_000,
    "credit bait": ("Photo " * 20 + ": ") * 3000,
    "parentheses": "(" * 50_000 + "click here" + ")" * 50_000,
    "slashes": ("A / B " * 20000),
    "no spaces": "x" * 2_000_000,
    "cookie bait": "cookie " * 30000 + "use",
    "nested quotes": "“" * 100_000,
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_text_is_bounded(name):
    start = time.perf_counter()
    doc = clean_text(CASES[name])
    assert time.perf_counter() - start < 10, f"{name} took too long"
    assert isinstance(doc.text, str)


def test_lone_surrogates_do_not_break_cleaning():
    """JSON can carry lone surrogates ("\\ud800"); they become U+FFFD instead of an encoding error,
    and a proper pair (an emoji written as two surrogates) becomes its character."""
    from cleaners import clean_text

    body = "The council met on Tuesday and approved the new budget for the coming year after a long debate."
    doc = clean_text(f"{body}\n\nA second paragraph \ud800 with a lone surrogate, then more words follow here.\n\n"
                     f"Pair: \ud83d\ude00 ends it all the same, with enough words to be kept as prose.")
    assert body in doc.text
    assert "\ud800" not in doc.text and "\ufffd" in doc.text
    assert "\U0001F600" in doc.text
    doc.text.encode("utf-8")
