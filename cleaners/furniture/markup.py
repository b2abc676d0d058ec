"""What scripts leave in a copied page: "This slideshow requires JavaScript", "Bitte aktivieren Sie
JavaScript", "Loading..." (media players' notices are promos: see promo.py)."""

from __future__ import annotations

from cleaners.document import Reason
from cleaners.furniture._rules import compile_any, Rule, RuleSet, triggers
from cleaners.lines import Line

MAX_WORDS = 25
PATTERNS = compile_any(
    [
        r"\bjavascript\b.{0,60}\b(required|requires|disabled|enabled?|activate|aktivieren|aktiviert|activez|activer|"
        r"habilita|habilitar|attiva|włącz)\b",
        r"\b(requires?|enable|turn on|activate|aktivieren sie|activez|habilita|attiva|włącz) (your )?javascript\b",
        r"\b(loading|wird geladen|chargement|cargando)\s*(\.\.\.|…)$",
    ]
)
GATE = triggers("javascript java script loading geladen chargement cargando")  # "JavaScript" is read as two words

RULES = (Rule(Reason.MARKUP, lambda l: bool(PATTERNS.search(l.text)), max_words=MAX_WORDS, gate=GATE),)


def mark(lines: list[Line]) -> None:
    RuleSet(RULES).mark(lines)
