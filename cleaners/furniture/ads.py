"""Advertisement markers: "Advertisement", "Anzeige", "Story continues below advertisement"..."""

from __future__ import annotations

from cleaners.document import Reason
from cleaners.furniture._rules import compile_any, Rule, RuleSet
from cleaners.lines import Line

PATTERNS = compile_any(
    [
        r"(advertisement|advertising|advert|ad|ads|sponsored( content| by .{1,40})?|paid (content|post)|promoted( content)?|partner content)",
        r"(anzeige|werbung|publicité|publicidad|publicidade|pubblicità|reklama|advertentie|annons)",
        r"(story|article|text) continues? (below|after)( (the )?(ad|advertisement))?",
        r"continue reading (below|after)( .{1,20})?",
        r"(scroll|weiter) (to continue|lesen nach der anzeige)( .{1,20})?",
        r"(weiterlesen nach der anzeige|la suite après (cette )?publicité|sigue leyendo( debajo)?|continua a leggere)",
    ],
    anchored=True,
)


RULES = (Rule(Reason.ADVERTISEMENT, lambda l: bool(PATTERNS.fullmatch(l.text.strip(" .:-–—|"))), max_words=10),)


def mark(lines: list[Line]) -> None:
    RuleSet(RULES).mark(lines)
