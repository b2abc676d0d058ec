"""Subscription, paywall, login and account prompts: "Subscribe today and save 40%",
"Already signed up? LOG IN", "Jetzt abonnieren", "Déjà abonné ? Se connecter"...

Only short lines are judged: a sentence of the article that mentions subscribers is long.
"""

from __future__ import annotations

from cleaners.document import Reason
from cleaners.furniture._rules import compile_any, matcher, Rule, RuleSet, triggers
from cleaners.lines import Line

MAX_WORDS = 18
PATTERNS = compile_any(
    [
        # English
        r"^subscribe\b",
        r"\bsubscribe (now|today|for|to (read|continue|unlock))\b",
        r"\balready (a )?(subscriber|member|signed up|registered|have an account)\b",
        r"\bcreate (a free |an |your )?account\b",
        r"\b(to (read|continue reading) (the )?(full|this|rest))\b",
        r"\b(free trial|become a (member|subscriber)|support (our|independent) journalism)\b",
        r"\bsubscribers? (only|exclusive)\b",
        r"\bunlock (this|the|unlimited)\b",
        r"\b(you have|you've) (reached|read) .{0,30}\b(free|limit)\b",
        # German
        r"\b(jetzt |hier )?(abonnieren|abonnent werden|abo abschließen)\b",
        r"\bbereits (abonnent|registriert|kunde)\b",
        r"^(anmelden|einloggen|registrieren|abmelden)\b",
        r"\b(weiterlesen mit|\w+\+ lesen|zugang zu allen)\b",
        # French
        r"\b(s'abonner|abonnez-vous|déjà abonné|je m'abonne|se connecter|connectez-vous|s'inscrire)\b",
        r"\bréservé aux abonnés\b",
        # Spanish / Portuguese / Italian
        r"\b(suscr[ií]bete|suscribirse|ya eres suscriptor|iniciar sesi[oó]n|reg[ií]strate)\b",
        r"\b(assine|assinante|inscreva-se)\b",
        r"\b(abbonati|accedi|abbonamento|sei già abbonato)\b",
        # Polish / Dutch
        r"\b(zaloguj|zarejestruj|subskrybuj|wykup (dostęp|prenumeratę)|prenumerata)\b",
        r"\b(abonneer|inloggen|word abonnee|al abonnee)\b",
    ]
)


GATE = triggers(
    """subscribe subscriber subscription already create account read continue trial become member support
    journalism only exclusive unlock reached abonnieren abonnent abo bereits anmelden einloggen registrieren
    abmelden weiterlesen lesen zugang abonner abonnez abonné abonnés connecter connectez inscrire réservé
    suscríbete suscribirse suscriptor iniciar regístrate registrate assine assinante inscreva abbonati accedi
    abbonamento abbonato zaloguj zarejestruj subskrybuj wykup prenumerata abonneer inloggen abonnee"""
)
BUTTON_GATE = triggers(
    "log login logout sign signin signup register account connexion inscription anmeldung registrierung logowanie acceder"
)
# Bare account buttons, judged on very short lines only ("Sign In", "LOG IN", "Register").
BUTTONS = compile_any(
    [
        r"\b(log|sign) ?(in|up|out)\b",
        r"\b(register|my account|account|login|logout)\b",
        r"\b(connexion|inscription|anmeldung|registrierung|logowanie|acceder)\b",
    ]
)
BUTTON_MAX_WORDS = 6


_offer = matcher(PATTERNS)

RULES = (
    Rule(Reason.SUBSCRIPTION, lambda l: _offer(l.text), max_words=MAX_WORDS, gate=GATE),
    Rule(
        Reason.SUBSCRIPTION, lambda l: not l.ends_sentence and bool(BUTTONS.search(l.text)),
        max_words=BUTTON_MAX_WORDS, gate=BUTTON_GATE,
    ),
)


def mark(lines: list[Line]) -> None:
    RuleSet(RULES).mark(lines)
