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


# Disclosure notes at the top of blog posts: "Dieser Beitrag enthält Affiliate-Links.",
# "This post contains affiliate links", "Werbung wegen Markennennung".
DISCLOSURE = compile_any(
    [
        r"\b(enthält|beinhaltet) (sogenannte |unbezahlte )?(affiliate|werbe|partner|provisions)-?links\b",
        r"\b(contains?|includes?) (some )?affiliate links\b",
        r"\b(contient|contiennent) des liens (affiliés|d'affiliation)\b",
        r"\b(contiene|incluye) enlaces (de )?afiliad[oa]s?\b",
        r"\bcontiene (dei |alcuni )?link (di )?affiliazione\b",
        r"\bzawiera linki (afiliacyjne|partnerskie)\b",
        r"^(dieser|der) (beitrag|artikel|post) enthält (unbezahlte )?werbung\b",
        r"\b(werbung|anzeige) (wegen|durch|aufgrund|aufgrund von) (markennennung|markenerkennung|verlinkung)\b",
    ]
)
DISCLOSURE_MAX_WORDS = 60

RULES = (
    Rule(Reason.ADVERTISEMENT, lambda l: bool(PATTERNS.fullmatch(l.text.strip(" .:-–—|"))), max_words=10),
    Rule(Reason.ADVERTISEMENT, lambda l: bool(DISCLOSURE.search(l.text)), max_words=DISCLOSURE_MAX_WORDS),
)


def mark(lines: list[Line]) -> None:
    RuleSet(RULES).mark(lines)
