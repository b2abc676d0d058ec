"""Comment widgets: "12 Comments", "Leave a reply", "Automatic approval of subscriber comments.",
"Reply", "Kommentare", and the like. The comments themselves lie after the article and are
dropped by the region finder; this module marks the widget lines that open or run through them.
"""

from __future__ import annotations

from cleaners.document import Reason
from cleaners.furniture._rules import compile_any, Rule, RuleSet, triggers
from cleaners.lines import Line

MAX_WORDS = 10
_CALL = r"\b(leave|post|add|write) a (reply|comment|response)\b"  # a call to comment
PATTERNS = compile_any(
    [
        r"\bcomments\b",
        # the singular, but not the French "Comment" ("how") opening a title or sentence:
        # "Comment réussir ses semis" (a widget's "Comment on this story" goes on in English)
        r"\bcomment\b(?!\s+(?!(?:on|below|here|now|policy|by|as|from|form|section)\b)[^\W\d_])",
        _CALL,
        r"^(reply|antworten|répondre|responder|rispondi|odpowiedz|reageer)\b",
        r"\b(kommentare?|kommentieren|commentaires?|commenter|comentarios?|comentários?|comentar|commento|commenti|commenta|komentarze?|komentuj|reacties|reageer)\b",
        r"\bjoin the (conversation|discussion)\b",
        r"\b(sort by|oldest|newest) (first|oldest|newest)\b",
        r"\bcommunity (guidelines|rules|standards)\b",
    ]
)

GATE = triggers(
    """comment comments leave post add write reply response antworten répondre responder rispondi odpowiedz
    reageer kommentar kommentare kommentieren commentaire commentaires commenter comentario comentarios
    comentar comentário comentários commento commenti commenta responses response replies réponses réponse respuestas
    respuesta risposte odpowiedzi respostas resposta komentarz komentarze komentuj reacties join sort oldest
    newest community"""
)

# A line that opens a comment section: a count of comments or responses (in a short line, or at
# the start of a line that goes on with the article's title: "34 responses to “...”"), or a call
# to comment.
_COUNT = (
    r"\d+ (comments?|responses?|replies|kommentare?|antworten|commentaires?|réponses?|comentarios?|"
    r"comentários?|respuestas?|respostas?|commenti|risposte|komentarz[ey]?|odpowiedzi|reacties)\b"
)
SECTION = compile_any([r"\b" + _COUNT, _CALL])
SECTION_START = compile_any([_COUNT + r"(?! (of|from|by|in|on|at|were|was|have|had)\b)"], anchored=True)
SECTION_START_MAX_WORDS = 30


RULES = (
    Rule(Reason.COMMENTS, lambda l: bool(PATTERNS.search(l.text)), max_words=MAX_WORDS, gate=GATE),
    Rule(Reason.COMMENTS, lambda l: bool(SECTION.search(l.text)), max_words=MAX_WORDS, gate=GATE),
    Rule(Reason.COMMENTS, lambda l: bool(SECTION_START.match(l.text)), max_words=SECTION_START_MAX_WORDS, gate=GATE),
)


def opens_section(text: str, words: int) -> bool:
    """A comment-section opener ("34 Comments", "12 responses to “...”", "Leave a reply"); `words`
    is the line's word count (a short line may hold the count anywhere)."""
    if SECTION_START.match(text):
        return True
    return words <= MAX_WORDS and bool(SECTION.search(text))


def mark(lines: list[Line]) -> None:
    RuleSet(RULES).mark(lines)
