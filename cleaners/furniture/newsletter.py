"""Newsletter sign-up pitches: "Sign up for our daily newsletter", "Get the best stories in your inbox"."""

from __future__ import annotations

from cleaners.document import Reason
from cleaners.furniture._rules import compile_any, Rule, RuleSet, triggers
from cleaners.lines import Line

MAX_WORDS = 40
PATTERNS = compile_any(
    [
        r"\bnewsletters?\b",
        r"\bsign(ing)? up (for|to|now|here)\b",
        r"\b(in|to) your inbox\b",
        r"\binbox\b.{0,40}\b(every|each|daily|weekly)\b",
        r"\benter your e-?mail\b",
        r"\b(e-?mail address)\b.{0,40}\b(subscribe|sign up|privacy)\b",
        r"\bby (signing up|subscribing|clicking)\b",
        r"\bunsubscribe\b",
        r"\b(infolettre|lettre d'information)\b",
        r"\b(boletín|boletines)\b",
    ]
)

GATE = triggers("newsletter newsletters sign signing inbox enter email e-mail unsubscribe infolettre lettre boletín boletines")


RULES = (Rule(Reason.NEWSLETTER, lambda l: bool(PATTERNS.search(l.text)), max_words=MAX_WORDS, gate=GATE),)


def mark(lines: list[Line]) -> None:
    RuleSet(RULES).mark(lines)
