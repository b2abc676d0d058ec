"""Cookie and consent notices."""

from __future__ import annotations

from cleaners.document import Reason
from cleaners.furniture._rules import compile_any, Rule, RuleSet, triggers
from cleaners.lines import Line

MAX_WORDS = 80
PATTERNS = compile_any(
    [
        r"\bcookies?\b.{0,120}\b(use|uses|using|accept|consent|settings|policy|experience|browser|nutzen|verwendet|utilise|utiliza|utilizza|używa)\b",
        r"\b(we|this (site|website)) uses? cookies\b",
        r"\b(wir verwenden|wir nutzen|nous utilisons|utilizamos|usamos|utilizziamo|usiamo|używamy|wij gebruiken|"
        r"vi använder)\b.{0,40}\bcookies?\b",
        r"^(accept|reject|allow|manage) (all )?(cookies|settings)\b",
        r"^(alle )?(akzeptieren|ablehnen|zustimmen)$",
        r"^(tout accepter|tout refuser|aceptar( todo)?|rechazar|accetta|rifiuta|akceptuj)$",
        r"\b(privacy|cookie) (settings|preferences|choices)\b",
        r"\bconsent\b.{0,60}\b(partners|vendors|data)\b",
    ]
)

GATE = triggers(
    """cookie cookies accept reject allow manage akzeptieren ablehnen zustimmen accepter refuser aceptar rechazar
    accetta rifiuta akceptuj privacy consent verwenden nutzen utilisons utilizamos usamos utilizziamo usiamo
    używamy gebruiken använder"""
)


RULES = (Rule(Reason.COOKIE, lambda l: bool(PATTERNS.search(l.text)), max_words=MAX_WORDS, gate=GATE),)


def mark(lines: list[Line]) -> None:
    RuleSet(RULES).mark(lines)
