"""Promotions for the site's other products: podcast and video embeds, app downloads, and inline
parenthetical promos inside a paragraph ("(For the latest election polls – click here)").
"""

from __future__ import annotations

import re

from cleaners.document import Reason
from cleaners.furniture._rules import compile_any, Rule, RuleSet, triggers
from cleaners.lines import Line, has_odd_case

MAX_WORDS = 20
# "Click here" in other languages: a promo line ending in one, and inside an inline promo (CLICK).
CLICK_HERE = "hier klicken|klicken sie hier|cliquez ici|haga clic aquí|haz clic aquí|clicca qui|kliknij tutaj|klik hier"
LINE_PATTERNS = compile_any(
    [
        r"\b(episode|folge|épisode|episodio|odcinek|aflevering)\s*\d+",
        r"\bpodcast\b",
        r"^(listen|watch|play)( now| live| video)?\s*[:|]",
        r"^(listen|watch|play)( to)? (the|this|our)\b",
        r"\bdownload (the|our) app\b",
        r"\b(get|download) .{0,20} on (the )?(app store|google play)\b",
        r"^(video|audio|gallery|photos?|galerie|bildergalerie|vidéo|vídeo|wideo)\s*[:|]?\s*\d*$",
        r"\b(now playing|up next|autoplay)\b",
        r"\bmedia playback is (unsupported|not supported)\b",
        r"\byour browser does not support (the )?(video|audio|html5)\b",
        r"\b(by )?(click|tap)(ing)? here( for more( information| details)?)?[.!]?$",
        r"\b(" + CLICK_HERE + r")[.!]?$",
        r"\b(ihr browser unterstützt (das|dieses|kein)|votre navigateur ne (prend pas en charge|supporte pas)|"
        r"tu navegador no (admite|soporta))\b",
    ]
)
GATE = triggers(
    """episode folge épisode episodio odcinek aflevering podcast listen watch play download app store google
    click clicking tap hier klicken cliquez haga haz clicca kliknij klik
    video audio gallery photo photos galerie bildergalerie vidéo vídeo wideo playing next autoplay media browser
    navigateur navegador"""
)

# Inline promos: a parenthesis or bracket whose content is a call to click.
CLICK = "click here|click|tap here|read more|see more|pulse aquí|" + CLICK_HERE
INLINE = re.compile(r"\s*[(\[][^()\[\]\n]{0,120}?\b(?:" + CLICK + r")\b[^()\[\]\n]{0,60}[)\]]", re.IGNORECASE)
# Each inline promo holds one of the CLICK phrases, matched without regard to case: in a text
# without `lines.ODD_CASE`, that is a phrase of the lower-cased text (a cheap test before the regex).
_CLICK_PHRASES = tuple(CLICK.split("|"))
assert all(re.escape(p) == p.replace(" ", "\\ ") for p in _CLICK_PHRASES)  # plain words


RULES = (Rule(Reason.PROMO, lambda l: bool(LINE_PATTERNS.search(l.text)), max_words=MAX_WORDS, gate=GATE),)


def mark(lines: list[Line]) -> None:
    RuleSet(RULES).mark(lines)


def strip_inline(text: str) -> tuple[str, int]:
    """Cut inline click-promos out of a paragraph. Returns the new text and how many were cut."""
    if "(" not in text and "[" not in text:  # every inline promo is in brackets
        return text, 0
    if text.isascii() or not has_odd_case(text):
        low = text.lower()
        if not any(map(low.__contains__, _CLICK_PHRASES)):
            return text, 0
    new, n = INLINE.subn("", text)
    return (new.strip(), n) if n else (text, 0)
