"""Comment widgets: "12 Comments", "Leave a reply", "Automatic approval of subscriber comments.",
"Reply", "Kommentare", and the like. The comments themselves lie after the article and are
dropped by the region finder; this module marks the widget lines that open or run through them.
"""

from __future__ import annotations

from cleaners.document import Reason
from cleaners.furniture._rules import compile_any, Rule, RuleSet, triggers
from cleaners.lines import Line

MAX_WORDS = 10
PATTERNS = compile_any(
    [
        r"\bcomments?\b",
        r"\b(leave|post|add|write) a (reply|comment|response)\b",
        r"^(reply|antworten|répondre|responder|rispondi|odpowiedz|reageer)\b",
        r"\b(kommentare?|kommentieren|commentaires?|commenter|comentarios?|comentários?|comentar|commenti|commenta|komentarze?|komentuj|reacties|reageer)\b",
        r"\bjoin the (conversation|discussion)\b",
        r"\b(sort by|oldest|newest) (first|oldest|newest)\b",
        r"\bcommunity (guidelines|rules|standards)\b",
    ]
)

GATE = triggers(
    """comment comments leave post add write reply response antworten répondre responder rispondi odpowiedz
    reageer kommentar kommentare kommentieren commentaire commentaires commenter comentario comentarios
    comentar comentário comentários commenti commenta responses response replies réponses réponse respuestas
    respuesta risposte odpowiedzi respostas resposta komentarz komentarze komentuj reacties join sort oldest
    newest community"""
)

# A line that opens a comment section: a count of comments or responses, or a call to comment.
SECTION = compile_any(
    [
        r"\b\d+ (comments?|responses?|replies|kommentare?|antworten|commentaires?|réponses?|comentarios?|"
        r"comentários?|respuestas?|respostas?|commenti|risposte|komentarz[ey]?|odpowiedzi|reacties)\b",
        r"\b(leave|post|add|write) a (reply|comment|response)\b",
    ]
)


RULES = (
    Rule(Reason.COMMENTS, lambda l: bool(PATTERNS.search(l.text)), max_words=MAX_WORDS, gate=GATE),
    Rule(Reason.COMMENTS, lambda l: bool(SECTION.search(l.text)), max_words=MAX_WORDS, gate=GATE),  # "12 responses to ..."
)


def opens_section(text: str) -> bool:
    """A comment-section opener ("34 Comments", "12 responses to ...", "Leave a reply")."""
    return bool(SECTION.search(text))


def mark(lines: list[Line]) -> None:
    RuleSet(RULES).mark(lines)
