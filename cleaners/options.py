"""One options object for the whole cleaning library (trafilatura-style): every knob in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Options:
    # Inputs larger than this are cut to it before cleaning (bounded time and memory per document).
    max_chars: int = 2_000_000
    # Lines beyond this many are dropped (reason `truncated`): no article page has so many.
    max_lines: int = 20_000
    # Lines longer than this are cut (a 5 MB line with no newline must not stall the rules).
    max_line_chars: int = 20_000
    # An output text shorter than this many words is an empty extraction (reject reason `empty`).
    min_words: int = 1
    # HTML: fall back to the plain-text path when the extractor keeps fewer words than this.
    html_min_words: int = 50
    # Language hint (ISO 639-1) used when detection on the body is not confident.
    language_hint: str | None = None
    # Fetch time of the page (ISO 8601), needed to resolve relative dates such as "2 hours ago".
    fetched: str | None = None


DEFAULT = Options()
