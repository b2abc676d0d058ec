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
# Segments exclude the separators, so there is one way to split a line (no backtracking blow-up).
# Accessibility notices about links ("These are external links and will open in a new window").
LINK_NOTICE = guarded(r"\b(opens?|will open|öffnet|s'ouvre|se abre) (in|dans|en) (a |einem |une |una )?(new|neuen|nouvelle|nueva) (window|tab|fenster|tab|fenêtre|ventana)", re.I)
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


def _mark_run(run: list[Line]) -> None:
    if len(run) >= RUN_MIN:
        for line in run:
            if line.reason is None:
                line.reason = Reason.NAVIGATION
