"""Navigation: menus, breadcrumbs, skip links, "Back to top", and runs of short link-like lines."""

from __future__ import annotations

import re

from cleaners.document import Reason
from cleaners.furniture._rules import compile_any, Rule, RuleSet
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
# Segments exclude the separators, so there is one way to split a line (no backtracking blow-up).
# Accessibility notices about links ("These are external links and will open in a new window").
LINK_NOTICE = re.compile(r"\b(opens?|will open|öffnet|s'ouvre|se abre) (in|dans|en) (a |einem |une |una )?(new|neuen|nouvelle|nueva) (window|tab|fenster|tab|fenêtre|ventana)", re.I)
BREADCRUMB = re.compile(r"^[^.!?>»›/|]{1,40}(?:\s[>»›/|]\s[^.!?>»›/|]{1,40}){2,}$")
RUN_MIN = 4  # so many short lines in a row make a menu
SHORT_WORDS = 4


def _short(line: Line) -> bool:
    return line.words <= SHORT_WORDS and not line.ends_sentence


RULES = (
    Rule(Reason.NAVIGATION, lambda l: bool(SINGLE.fullmatch(l.text.strip(" :|»›>"))), max_words=4),
    Rule(Reason.NAVIGATION, lambda l: bool(BREADCRUMB.match(l.text)), max_words=20),
    Rule(Reason.NAVIGATION, lambda l: bool(LINK_NOTICE.search(l.text)), max_words=14),
)


def mark(lines: list[Line]) -> None:
    RuleSet(RULES).mark(lines)
    mark_runs(lines)


def mark_runs(lines: list[Line]) -> None:
    # Runs of short lines with no blank line between them: menus, footers, tag lists.
    i = 0
    n = len(lines)
    while i < n:
        j = i
        while j < n and _short(lines[j]) and (j == i or not lines[j].blank_before):
            j += 1
        if j - i >= RUN_MIN:
            for line in lines[i:j]:
                if line.reason is None:
                    line.reason = Reason.NAVIGATION
        i = max(j, i + 1)
