"""Share, follow and social widgets: "Share", "Tweet", "Send in e-mail", "Follow us on X", "Teilen"...

A line is a share widget when every word in it belongs to the widget vocabulary (button labels
glued together by a browser copy are split first), or when it is a short "follow" prompt.
"""

from __future__ import annotations

import re

from cleaners.document import Reason
from cleaners.furniture._rules import compile_any, Rule, RuleSet, tokens
from cleaners.lines import Line

# Words that make up share/follow/social button rows, in many languages.
VOCABULARY = frozenset(
    """
    share shares shared sharing tweet tweets retweet email e-mail mail emails send in on via to this
    article story page post link links copy copied url print save saved bookmark comment comments
    facebook twitter x linkedin whatsapp pinterest reddit telegram messenger flipboard tumblr pocket
    xing vk viber line sms instagram youtube tiktok threads bluesky mastodon google rss feed feeds
    follow us subscribe more less close open options extra gift give the a an it with your friend friends
    teilen geteilt drucken versenden senden artikel kopieren verlinken merken folgen sie uns per mit auf
    partager partagez imprimer envoyer copier le lien article suivez nous sur par courriel enregistrer
    compartir compartido imprimir enviar copiar enlace sigue síguenos artículo correo guardar por en
    condividi stampa invia copia seguici articolo salva su
    udostępnij drukuj wyślij kopiuj link obserwuj nas artykuł zapisz na
    delen afdrukken versturen kopieer volg ons artikel opslaan op via
    compartilhe compartilhar partilhar partilhe baixar salvar siga-nos pin pint
    dela skriv ut skicka kopiera länk följ oss
    """.split()
)
# Words that must occur for a line to be a share row (a line of only "the", "on" is not one).
ANCHORS = frozenset(
    """share tweet retweet email e-mail mail facebook twitter linkedin whatsapp pinterest reddit
    telegram messenger flipboard print teilen drucken versenden partager imprimer compartir imprimir
    condividi stampa udostępnij drukuj delen afdrukken dela copy kopieren copier copiar compartilhe
    compartilhar partilhar partilhe""".split()
)
FOLLOW_PROMPTS = compile_any(
    [
        r"(click|tap|hit) .{0,40}\b(follow|alert|bell)\b",
        r"follow (us|me|@\w+)\b",
        r"follow [\w .&'’-]{1,40} on (instagram|facebook|twitter|x|youtube|tiktok|linkedin|threads|bluesky)\b",
        r"folgen sie (uns|[\w .&'’-]{1,40} auf (instagram|facebook|twitter|x|youtube|tiktok|linkedin))",
        r"suivez[- ]nous",
        r"s[ií]guenos",
        r"seguici",
        r"obserwuj nas",
        r"volg ons",
        r"share (this|the) (article|story|post)",
        r"(like|enjoy(ed)?) this (article|story|post)\?? share",
        r"share (it|this)( (article|story|post))? with (a |your )?friends?",
    ],
    anchored=True,
)
# WordPress share and like widgets (Jetpack and the like): "Click to share on Facebook (Opens in new
# window)", "Share this:", "Like this:", in the languages WordPress ships them in.
WIDGET = compile_any(
    [
        r"(click|klicken|cliquez|cliquer|haz clic|fai clic|clicca|kliknij|klik)\b.{0,30}\b(share|teilen|partager|"
        r"compartir|condividere|udostępni\w*|delen)\b",
        r"(share this|teilen mit|diesen beitrag teilen|partager( ceci)?|comparte esto|compartir esto|condividi( questo)?|"
        r"udostępnij( to)?|podziel się|delen)\s*:",
        r"(like this|gefällt mir|j'aime ça|me gusta esto|mi piace|lubię to|polub to)\s*:",
    ],
    anchored=True,
)
WIDGET_MAX_WORDS = 16
_GLUED = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")  # "Send in e-mailSend in e-mail" -> two labels


def is_share_widget(text: str) -> bool:
    words = tokens(_GLUED.sub(" ", text))
    if not words or len(words) > 16:
        return False
    return all(w in VOCABULARY for w in words) and any(w in ANCHORS for w in words)


RULES = (
    Rule(Reason.SHARE, lambda l: is_share_widget(l.text), max_words=16, gate=ANCHORS),
    Rule(Reason.SHARE, lambda l: bool(FOLLOW_PROMPTS.search(l.text)), max_words=14),
    Rule(Reason.SHARE, lambda l: bool(WIDGET.match(l.text)), max_words=WIDGET_MAX_WORDS),
)


def mark(lines: list[Line]) -> None:
    RuleSet(RULES).mark(lines)
