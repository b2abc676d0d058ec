"""Page furniture: one module per kind, each marking the lines it recognises with its reason.

`mark_furniture(lines)` runs every kind in a fixed order and returns the images found in captions.
Each module exposes `mark(lines)`, sets `line.reason` (and sometimes `line.role`) on the lines it
claims, and never unsets another module's mark. Patterns and thresholds are data at the top of
each module.
"""

from __future__ import annotations

from cleaners.document import Image
from cleaners.furniture import (
    about,
    ads,
    captions,
    comments,
    cookies,
    legal,
    markup,
    navigation,
    newsletter,
    promo,
    share,
    subscription,
    teasers,
)
from cleaners.furniture._rules import RuleSet
from cleaners.lines import Line

# Order matters only where two kinds could claim the same line: the more specific kind first.
LINE_RULES = (share, newsletter, subscription, promo, comments, cookies, ads, markup, legal, teasers, navigation)
RULES = RuleSet(rule for module in LINE_RULES for rule in module.RULES)


def mark_furniture(lines: list[Line]) -> list[tuple[int, Image]]:
    """Mark every line that is a known kind of furniture; return (line index, image) per caption.

    Single-line rules first (one pass, see `RuleSet`), then the rules that look at neighbours:
    the headlines below a teaser block heading, runs of teaser cards, about boxes (a heading naming an author or
    publisher, and the paragraph about them), captions with their credit lines, and runs of
    short lines (menus).
    """
    RULES.mark(lines)
    teasers.mark_lists(lines)
    teasers.mark_cards(lines)
    about.mark(lines)
    images = captions.mark(lines)
    navigation.mark_runs(lines)
    return images


__all__ = ["mark_furniture", "captions", "promo", "teasers"]
