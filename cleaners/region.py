"""Find the article body among the page's lines, and give every line outside it a reason.

The body is one long run of prose. Each line gets a value: prose lines count for their length,
other unmarked lines against it, and furniture already marked is neutral, except the markers
that open a comment section or a teaser list, which end the body. The body is the run with the
highest total (a maximum-sum segment).
"""

from __future__ import annotations

from cleaners.document import Reason
from cleaners.lines import Line

PROSE_MIN_WORDS = 10  # a prose line has at least this many words and ends a sentence...
PROSE_LONG_WORDS = 25  # ...or is at least this long anyway
PROSE_CAP = 80  # one very long line does not outweigh everything else
OTHER_MIN_PENALTY = 3  # a non-prose line costs at least this much
STOP_REASONS = (Reason.COMMENTS, Reason.TEASER)  # markers that end the body once it has started
STOP_AFTER_SHARE = 0.5  # ...when at least this share of the body's prose lies before them
HEADLINE_MAX_WORDS = 25


def is_prose(line: Line) -> bool:
    w = line.words
    return w >= PROSE_LONG_WORDS or (w >= PROSE_MIN_WORDS and line.ends_sentence)


def line_value(line: Line) -> float:
    if line.reason is not None:
        return 0.0
    if is_prose(line):
        return float(min(line.words, PROSE_CAP))
    return -float(max(OTHER_MIN_PENALTY, line.words))


def find_body(lines: list[Line]) -> tuple[int, int]:
    """The [start, end) line range of the article body (empty range when there is no prose)."""
    best, best_start, best_end = 0.0, 0, 0
    total, start = 0.0, 0
    for i, line in enumerate(lines):
        if total <= 0:
            total, start = 0.0, i
        total += line_value(line)
        if total > best:
            best, best_start, best_end = total, start, i + 1
    start, end = trim(lines, best_start, _cut_at_stop_marker(lines, best_start, best_end))
    return start, end


def trim(lines: list[Line], start: int, end: int) -> tuple[int, int]:
    """The body starts and ends with a prose line (which also makes cleaning idempotent)."""
    while start < end and not (lines[start].reason is None and is_prose(lines[start])):
        start += 1
    while end > start and not (lines[end - 1].reason is None and is_prose(lines[end - 1])):
        end -= 1
    return start, end


def _cut_at_stop_marker(lines: list[Line], start: int, end: int) -> int:
    prose = [max(line_value(l), 0.0) for l in lines[start:end]]
    total = sum(prose)
    seen = 0.0
    for offset, line in enumerate(lines[start:end]):
        if line.reason in STOP_REASONS and total and seen / total >= STOP_AFTER_SHARE and _is_block_marker(line):
            return start + offset
        seen += prose[offset]
    return end


def _is_block_marker(line: Line) -> bool:
    # "Read more: <headline>" inside the body is a single teaser, not the start of a list.
    return line.words <= 8 and ":" not in line.text.rstrip(":")


def label_outside(lines: list[Line], start: int, end: int) -> None:
    """Give every unmarked line outside [start, end) the reason it is not article text."""
    for line in lines[:start]:
        if line.reason is None:
            line.reason = Reason.NAVIGATION if line.words <= 6 else Reason.BOILERPLATE
    for line in lines[end:]:
        if line.reason is None:
            headline = line.words <= HEADLINE_MAX_WORDS and not is_prose(line)
            line.reason = Reason.TEASER if headline else Reason.BOILERPLATE
