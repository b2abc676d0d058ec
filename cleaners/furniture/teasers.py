"""Related-article teasers: "Read more", "Related", "Most read", "Mehr zum Thema" blocks and the
headline lists they open, and "Read more: <headline>" lines inside the article.

`mark` claims the block headings and the inline "Read more: ..." lines; `mark_lists` then claims the
headlines right below a block heading, so that a teaser box inside an article goes whole;
`mark_cards` claims runs of teaser cards whose headline a browser copy glued to their summary
("Ford Recalls F-150s Over Stalling RiskFord is recalling over 168,000 pickup trucks ...").
"""

from __future__ import annotations

import re

from cleaners.document import Reason
from cleaners.furniture._rules import compile_any, matcher, Rule, RuleSet
from cleaners.lines import Line, is_sentence

# A line that is only a block heading opening a list of teasers.
MARKERS = compile_any(
    [
        r"(read|see|view) (more|also|next)( (stories|articles|news|from .{1,40}|on .{1,40}))?",
        r"(more|latest|top|related|recommended|popular|trending|featured|editor'?s'?)( \w+){0,2} "
        r"(stories|articles|news|posts|reads|videos|coverage|headlines|picks|content)( from .{1,40})?",
        r"related( articles| stories| content| posts| coverage| topics| links| reading)?",
        r"(most|more) (read|viewed|popular|shared|commented|emailed)( .{1,30})?",
        r"more (from|in|on|about) .{1,40}",
        r"you (may|might) (also )?(like|enjoy|be interested in)",
        r"(also|don't miss|do not miss|in case you missed it|what to read next|up next|next up|recommended( for you)?|trending( now)?|popular( now)?|top stories|editor'?s? picks?)",
        r"(mehr zum thema|das könnte (sie|dich) auch interessieren|lesen sie auch|auch interessant|meistgelesen(e)?|"
        r"(weitere|ähnliche|verwandte|neueste) (artikel|beiträge|meldungen|nachrichten|themen)( zum thema| aus .{1,30})?|"
        r"empfehlungen|mehr aus .{1,30}|top-?themen|zum thema)",
        r"(à lire aussi|lire aussi|sur le même sujet|les plus lus|les plus partagés|à voir aussi|voir aussi|dans la même rubrique)",
        r"(te puede interesar|lo más leído|noticias relacionadas|también te puede interesar|más noticias|lee también|ver también)",
        r"(leggi anche|potrebbe interessarti|i più letti|articoli correlati)",
        r"(czytaj (także|też|więcej)|zobacz (też|także|również)|najczęściej czytane|polecamy|najnowsze)",
        r"(lees ook|meest gelezen|gerelateerde artikelen|meer nieuws)",
        r"(você (também )?pode gostar|leia (também|mais)|veja (também|mais)|mais lid[oa]s|notícias relacionadas|"
        r"(artigos|posts|matérias) relacionad[oa]s|saiba mais)",
        r"(читайте также|похожие (статьи|новости|материалы)|материалы по теме|по теме|популярное|самое читаемое)",
        r"(関連記事|関連ニュース|おすすめ記事|人気記事|こちらの記事も(合わせて|あわせて)どうぞ|相关(文章|新闻|阅读)|推荐阅读|热门文章|"
        r"관련\s?기사|추천\s?기사|많이 본 (뉴스|기사))",
    ],
    anchored=True,
)
# "Read more: Some headline" / "READ MORE: ..." / "Lesen Sie auch: ..." inside the body.
INLINE = compile_any(
    [
        r"[(\[]?(read|see) (more|also)\s*[:>»|-]",
        r"[(\[]?(related|more)\s*[:>»|]",
        r"[(\[]?(lesen sie auch|mehr zum thema|auch interessant)\s*[:>»|-]",
        r"[(\[]?(à lire aussi|lire aussi|voir aussi)\s*[:>»|-]",
        r"[(\[]?(lee también|te puede interesar|ver también)\s*[:>»|-]",
        r"[(\[]?(leggi anche( su)?)\s*[:>»|-]",
        r"[(\[]?(czytaj (także|też)|zobacz (też|także))\s*[:>»|-]",
        r"[(\[]?(lees ook)\s*[:>»|-]",
        r"[(\[]?(leia (também|mais)|veja (também|mais))\s*[:>»|-]",
    ],
    anchored=True,
)
MARKER_MAX_WORDS = 8
INLINE_MAX_WORDS = 30
# The headlines of a block: the lines below its heading (a naive scraper puts blank lines between
# list items), at most LIST_MAX_LINES of them, each at most LIST_MAX_WORDS words and not ending a
# sentence; the list ends at the first line that is not one.
LIST_MAX_LINES = 12
LIST_MAX_WORDS = 20


_is_marker = matcher(MARKERS, "fullmatch")


def is_marker(text: str) -> bool:
    return _is_marker(text.rstrip(" :»>|-–—.…").strip())


RULES = (
    Rule(Reason.TEASER, lambda l: is_marker(l.text), max_words=MARKER_MAX_WORDS),
    Rule(Reason.TEASER, lambda l: bool(INLINE.match(l.text)), max_words=INLINE_MAX_WORDS, needs=":>»|-"),
)


def mark(lines: list[Line]) -> None:
    RuleSet(RULES).mark(lines)


# A teaser card: a Title-Case headline of at least CARD_HEAD_WORDS words glued (no space) to a
# summary of at least CARD_TAIL_WORDS words; only runs of at least two such lines are cards
# (a brand name such as "MacBook" in one paragraph is not).
CARD_HEAD_WORDS = 5
CARD_TAIL_WORDS = 8
CARD_TITLE_SHARE = 0.8  # of the headline's words that start with a capital letter or a digit
CARD_HEAD_CHARS = 200
_GLUE = re.compile(r"(?<=[a-z0-9?!])(?=[A-Z](?:[a-z]|\s))")
_LAST_PART = re.compile(r"[\w,.]+(?=[?!]?$)")


def _glued_card(text: str) -> bool:
    zone = text[:CARD_HEAD_CHARS]
    second = zone.split(None, 2)[1:2]
    if not second or not (second[0][0].isupper() or second[0][0].isdigit()):
        return False  # (most lines: a sentence's second word is in lower case)
    first = zone.split(None, CARD_HEAD_WORDS)[:CARD_HEAD_WORDS]
    if len(first) < CARD_HEAD_WORDS or sum(1 for w in first if w[0].isupper() or w[0].isdigit()) < CARD_HEAD_WORDS - 1:
        return False  # (most lines: a sentence starts with one capital)
    for m in _GLUE.finditer(zone):
        head = text[: m.start()].split()
        if len(head) < CARD_HEAD_WORDS:
            continue
        if len(text[m.start():].split()) < CARD_TAIL_WORDS:
            return False
        last = _LAST_PART.search(head[-1])
        last = last.group() if last else ""
        whole_word = len(last) >= 3 and (last[0].isupper() or last[0].isdigit()) and (
            last[1:].islower() or not any(c.isalpha() for c in last))
        titled = sum(1 for w in head if w[0].isupper() or w[0].isdigit()) >= CARD_TITLE_SHARE * len(head)
        if whole_word and titled:
            return True
    return False


def mark_cards(lines: list[Line]) -> None:
    """Mark runs of teaser cards with glued headlines: a card next to another card, or next to a
    line already marked as a teaser (the rest of its box)."""
    found = [line.reason is None and line.words >= CARD_HEAD_WORDS + CARD_TAIL_WORDS and _glued_card(line.text)
             for line in lines]
    box = [f or line.reason is Reason.TEASER for f, line in zip(found, lines)]
    for i, line in enumerate(lines):
        if found[i] and ((i and box[i - 1]) or (i + 1 < len(lines) and box[i + 1])):
            line.reason = Reason.TEASER


def mark_lists(lines: list[Line]) -> None:
    """Mark the headlines listed below each teaser block heading (see LIST_MAX_LINES) once prose
    has been seen above it: in a page's header, a "Trending" bar of topics can run straight into
    the article's title and byline. Lines that another kind of furniture claimed (a photo caption
    in the box) are passed over."""
    n = len(lines)
    prose_seen = False
    for i, line in enumerate(lines):
        if not prose_seen:
            prose_seen = is_sentence(line)
            continue
        if line.reason is not Reason.TEASER or not is_marker(line.text):
            continue
        for j in range(i + 1, min(n, i + 1 + LIST_MAX_LINES)):
            item = lines[j]
            if item.reason is not None:
                continue
            if item.words > LIST_MAX_WORDS or item.ends_sentence:
                break
            item.reason = Reason.TEASER
