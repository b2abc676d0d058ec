"""Footer legal text: copyright lines, "All rights reserved", terms, imprint."""

from __future__ import annotations

from cleaners.document import Reason
from cleaners.furniture._rules import compile_any, Rule, RuleSet, triggers
from cleaners.lines import Line

MAX_WORDS = 40
PATTERNS = compile_any(
    [
        r"^(©|\(c\)|copyright\b)",
        r"\ball rights reserved\b",
        r"\b(alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|wszelkie prawa zastrzeżone|alle rechten voorbehouden|todos os direitos reservados)\b",
        r"^(terms (of (use|service))|privacy (policy|notice)|terms and conditions|impressum|datenschutz(erklärung)?|mentions légales|aviso legal|política de privacidad|note legali|polityka prywatności|política de privacidade|termos de uso)\b",
        r"\b(this material may not be published, broadcast, rewritten,? or redistributed)\b",
        r"\b(riproduzione riservata|nachdruck (verboten|nur mit genehmigung)|reproduction interdite|"
        r"prohibida (su|la) reproducción|reprodução proibida)\b",
        r"^(p\.? ?iva|partita iva|ust-?idnr\.?|vat (no\.?|number|reg))\b",
    ]
)

GATE = triggers(
    """copyright rights rechte droits derechos diritti prawa rechten terms privacy impressum datenschutz
    datenschutzerklärung mentions aviso política note polityka material direitos termos riproduzione
    nachdruck reproduction prohibida reprodução iva partita ust ustidnr vat"""
)


RULES = (
    Rule(Reason.LEGAL, lambda l: l.text.startswith(("©", "(c)", "(C)")), max_words=MAX_WORDS, needs="©("),
    Rule(Reason.LEGAL, lambda l: bool(PATTERNS.search(l.text)), max_words=MAX_WORDS, gate=GATE),
)


def mark(lines: list[Line]) -> None:
    RuleSet(RULES).mark(lines)
