"""Navigation: menus, breadcrumbs, skip links, "Back to top", and runs of short link-like lines."""

from __future__ import annotations

import re

from cleaners.document import Reason
from cleaners.furniture._rules import compile_any, guarded, matcher, Rule, RuleSet
from cleaners.lines import Line

SINGLE = compile_any(
    [
        r"(skip|jump) to (main )?(content|navigation|search|footer)",
        r"(back|return|go) to (the )?top",
        r"(menu|main menu|navigation|search|home|homepage|sections?|close|open|toggle navigation|more|show more|load more)",
        r"(startseite|suche|zurück|nach oben|accueil|rechercher|retour en haut|inicio|buscar|volver arriba|"
        r"cerca|torna su|szukaj|strona główna|zoeken|terug naar boven)",
        r"(previous|next)( (article|post|story|page))?",
        r"(back|zurück|retour|volver|torna|powrót|terug) (to|zur|zum|à|a|al|alla|do|naar)( the| la| l')? .{1,25}",
        r"page \d+ of \d+",
    ],
    anchored=True,
)
# A page counter in a short line: "Seite 1 von 3", "4 Beiträge • Seite 1 von 1", "Página 2 de 5".
PAGE_COUNTER = guarded(r"\b(page|seite|página|pagina|strona|pagina) \d+ (of|von|de|sur|di|z|van) \d+\b", re.I)
PAGE_COUNTER_MAX_WORDS = 8
# Segments exclude the separators, so there is one way to split a line (no backtracking blow-up).
# Accessibility notices about links ("These are external links and will open in a new window").
LINK_NOTICE = guarded(
    r"\b(opens?|will open|öffnet|s'ouvre|se abre|si apre|otwiera się|opent) (in|dans|en|w) "
    r"(a |einem |une |una |een )?((new|neuen|nouvelle|nueva|nuova|nowym|nieuw) (window|tab|fenster|fenêtre|ventana|finestra|oknie|venster)|"
    r"(ventana|pestaña|finestra|scheda) (nueva|nuova))",
    re.I,
)
BREADCRUMB = re.compile(r"^[^.!?>»›/|]{1,40}(?:\s[>»›/|]\s[^.!?>»›/|]{1,40}){2,}$")
RUN_MIN = 4  # so many short lines in a row make a menu
SHORT_WORDS = 4


_SEPARATORS = ">»›/|"  # a breadcrumb has some


def _breadcrumb(text: str) -> bool:
    return any(map(text.__contains__, _SEPARATORS)) and bool(BREADCRUMB.match(text))


_single = matcher(SINGLE, "fullmatch")


def _short(line: Line) -> bool:
    return line.words <= SHORT_WORDS and not line.ends_sentence


RULES = (
    Rule(Reason.NAVIGATION, lambda l: _single(l.text.strip(" :|»›>")), max_words=4),
    Rule(Reason.NAVIGATION, lambda l: _breadcrumb(l.text), max_words=20, needs=_SEPARATORS),
    Rule(Reason.NAVIGATION, lambda l: bool(LINK_NOTICE.search(l.text)), max_words=14),
    Rule(Reason.NAVIGATION, lambda l: bool(PAGE_COUNTER.search(l.text)), max_words=PAGE_COUNTER_MAX_WORDS),
)


def mark(lines: list[Line]) -> None:
    RuleSet(RULES).mark(lines)
    mark_runs(lines)


def mark_runs(lines: list[Line]) -> None:
    # Runs of short lines with no blank line between them: menus, footers, tag lists. A run
    # starts at any short line and goes on over the short lines right below it.
    run: list[Line] = []
    for line in lines:
        if line.words <= SHORT_WORDS and not line.ends_sentence:  # _short(line), inline
            if run and line.blank_before:
                _mark_run(run)
                run = []
            run.append(line)
        elif run:
            _mark_run(run)
            run = []
    _mark_run(run)


# A list of quantities ("250 g Butter", "1 TL Zimt", "2 cups flour") is a recipe's ingredients, not
# a menu: a run most of whose lines start with a number is not marked.
QUANTITY_SHARE = 0.5
_QUANTITY = re.compile(r"\d+(?:[.,/]\d+)?\s*[^\W\d_]")


def _quantities(run: list[Line]) -> bool:
    return sum(1 for line in run if _QUANTITY.match(line.text)) > QUANTITY_SHARE * len(run)


def _mark_run(run: list[Line]) -> None:
    if len(run) >= RUN_MIN and not _quantities(run):
        for line in run:
            if line.reason is None:
                line.reason = Reason.NAVIGATION
