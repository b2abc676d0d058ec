"""The article body as a region of the page's lines, around the line model's choice.

- `span(keep)`: the body's [start, end) range, first to last kept line;
- `cut_at_stop_marker`: a comment-section or teaser-list marker ends the body once most of it
  lies above the marker (the comments below are prose too, and a model alone keeps them), a
  comment-section marker also once a whole article's worth of it does (long comments below a
  short article outweigh it);
- `label_removed`: every line that is not kept gets the reason it is not article text.
"""

from __future__ import annotations

from cleaners.document import Reason
from cleaners.furniture import comments
from cleaners.lines import Line, is_sentence

PROSE_LONG_WORDS = 25  # a prose line is a sentence (`lines.is_sentence`), or at least this long anyway
STOP_REASONS = (Reason.COMMENTS, Reason.TEASER)  # markers that end the body once it has started
STOP_AFTER_SHARE = 0.5  # ...when at least this share of the kept words lies before them
COMMENTS_AFTER_WORDS = 100  # ...a comments marker also when at least this many kept words do
HEADLINE_MAX_WORDS = 25
MARKER_MAX_WORDS = 8
MIN_BODY_WORDS = 5  # fewer kept words than this is no article at all


def is_prose(line: Line) -> bool:
    return line.words >= PROSE_LONG_WORDS or is_sentence(line)


def span(keep: list[bool]) -> tuple[int, int]:
    """[start, end): from the first to the last kept line (empty when nothing is kept)."""
    idx = [i for i, k in enumerate(keep) if k]
    return (idx[0], idx[-1] + 1) if idx else (0, 0)


def cut_at_stop_marker(lines: list[Line], keep: list[bool], probs: list[float] | None = None) -> None:
    """Unkeep everything after a comment/teaser block marker that follows most of the body (a
    comments marker: or COMMENTS_AFTER_WORDS kept words, more than a header's standfirst, since
    the comments below a short article can be longer than it), unless the article visibly goes on
    right below the marker (`probs`): an inline "Read more" box inside the article, a comment
    count above it."""
    total = sum(l.words for l, k in zip(lines, keep) if k)
    if total < MIN_BODY_WORDS:
        keep[:] = [False] * len(keep)
        return
    seen = 0
    for i, line in enumerate(lines):
        if keep[i]:
            seen += line.words
        elif line.reason in STOP_REASONS and _is_block_marker(line) and (
            seen >= STOP_AFTER_SHARE * total or (line.reason is Reason.COMMENTS and seen >= COMMENTS_AFTER_WORDS)
        ):
            if probs is not None and _body_goes_on(lines, keep, probs, i):
                continue
            for j in range(i + 1, len(keep)):
                keep[j] = False
            return


GOES_ON_LINES = 3  # the article goes on after a teaser marker when one of the next lines...
GOES_ON_P_TEASER = 0.3  # ...is a kept prose line this likely (the box's headlines are marked)
GOES_ON_P = 0.8  # after a comments marker: the very next line, this likely


def _body_goes_on(lines: list[Line], keep: list[bool], probs: list[float], i: int) -> bool:
    # a comment section starts with its first commenter's name or a form (the very next line
    # decides), a teaser box with headlines (furniture between, such as photo captions, does not count)
    teaser = lines[i].reason is Reason.TEASER
    reach = GOES_ON_LINES if teaser else 1
    likely = GOES_ON_P_TEASER if teaser else GOES_ON_P
    for j in range(i + 1, len(lines)):
        if teaser and lines[j].reason is not None:
            continue
        if keep[j] and probs[j] >= likely and is_prose(lines[j]):
            return True
        reach -= 1
        if reach == 0:
            return False
    return False


def _is_block_marker(line: Line) -> bool:
    # "Read more: <headline>" inside the body is a single teaser, not the start of a list; a
    # comment count goes on with the article's title ("34 responses to “Title: ...”").
    if line.words <= MARKER_MAX_WORDS and ":" not in line.text.rstrip(":"):
        return True
    return line.reason is Reason.COMMENTS and comments.opens_section(line.text, line.words)


def label_removed(lines: list[Line], keep: list[bool], start: int, end: int) -> None:
    """Give every unmarked line that is not kept the reason it is not article text, by its
    position before, inside or after the body."""
    for i, line in enumerate(lines):
        if line.reason is not None or keep[i]:
            continue
        if i < start:
            line.reason = Reason.NAVIGATION if line.words <= 6 else Reason.BOILERPLATE
        elif i >= end:
            headline = line.words <= HEADLINE_MAX_WORDS and not is_prose(line)
            line.reason = Reason.TEASER if headline else Reason.BOILERPLATE
        else:
            line.reason = Reason.BOILERPLATE
