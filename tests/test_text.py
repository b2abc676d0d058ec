"""The plain-text pipeline end to end on synthetic pages: the article survives, the rest goes,
every removal is counted by reason."""

from __future__ import annotations

import pytest

from cleaners import CleanDocument, clean_text

P1 = (
    "The regional council approved a plan on Tuesday to reopen the old rail line between the two "
    "valley towns, ending a debate that had lasted more than a decade."
)
P2 = (
    "Supporters said the line would take thousands of cars off the mountain road each day, while "
    "critics warned that the cost estimates were far too optimistic for a project of this size."
)
P3 = (
    "Work on the first section is expected to begin next spring, and the council hopes the first "
    "trains will run before the end of the decade, a spokesperson said."
)
PAGE = f"""Home
News
Sport
Business
Weather
Valley rail line to reopen after decade-long debate
Council backs plan despite doubts over cost

Share on Facebook
Tweet
{P1}

{P2}

Advertisement

{P3}

Related stories
Bus fares to rise in January
New bridge opens to traffic
Sign up for our newsletter
© 2024 Valley Gazette. All rights reserved.
"""


@pytest.fixture(scope="module")
def doc() -> CleanDocument:
    return clean_text(PAGE, url="https://www.example.org/news/valley-rail?utm_source=x")


def test_body_is_exactly_the_article(doc):
    assert doc.text == "\n\n".join([P1, P2, P3])


def test_title_and_subtitle(doc):
    assert doc.title == "Valley rail line to reopen after decade-long debate"
    assert doc.subtitle == "Council backs plan despite doubts over cost"


def test_removals_counted_by_reason(doc):
    removed = doc.removed
    assert removed["navigation"] == 5
    assert removed["share"] == 2
    assert removed["advertisement"] == 1
    assert removed["newsletter"] == 1
    assert removed["legal"] == 1
    assert removed["teaser"] >= 3  # the marker and its headlines


def test_record_fields(doc):
    rec = doc.to_record(id="x", source={"path": "p", "line": None, "format": "text"})
    assert rec["word_count"] == sum(len(p.split()) for p in (P1, P2, P3))
    assert rec["content_hash"].startswith("sha256:")
    assert rec["id"] == "x" and rec["source"]["format"] == "text"


# Two readers' comments below the rail article (P1-P3).
COMMENT_1 = "I have taken this train as a child and I am so happy that it will come back, thank you for the report!"
COMMENT_2 = "What a waste of public money, the bus works perfectly well and nobody asked for this at all."


def test_comment_section_is_not_body():
    comments = "\n\n".join(
        [
            "3 Comments",
            "Maria K.",
            COMMENT_1,
            "Reply",
            "Tom",
            COMMENT_2,
            "Reply",
        ]
    )
    doc = clean_text(f"Rail line to reopen\n\n{P1}\n\n{P2}\n\n{P3}\n\n{comments}")
    assert doc.text == "\n\n".join([P1, P2, P3])
    assert doc.removed["comments"] >= 1


def test_a_comment_count_that_goes_on_with_the_title_ends_the_body():
    thread = "\n".join(
        [
            "Permalink 2 Comments Feed for comments Back to top",
            "2 responses to “Rail line to reopen: what it means for the valley”",
            "mariak says:",
            "November 19, 2019 at 6:34 am",
            COMMENT_1,
            "tom_r says:",
            "November 19, 2019 at 6:44 am",
            COMMENT_2,
        ]
    )
    doc = clean_text(f"Rail line to reopen\n\n{P1}\n\n{P2}\n\n{P3}\n\n{thread}")
    assert doc.text == "\n\n".join([P1, P2, P3])


@pytest.mark.parametrize("text", ["", "   \n\n \t ", "\x00\x01", "Home\nNews\nSport"])
def test_no_article(text):
    doc = clean_text(text)
    assert doc.text == ""
    assert doc.word_count == 0


def test_cleaning_is_deterministic_and_idempotent(doc):
    again = clean_text(PAGE, url="https://www.example.org/news/valley-rail?utm_source=x")
    assert again.to_record("a") == doc.to_record("a")
    assert clean_text(doc.text).text == doc.text


def test_rejects_non_string():
    with pytest.raises(TypeError):
        clean_text(b"bytes")  # type: ignore[arg-type]


def test_word_count_from_lower_cased_words_is_the_plain_one():
    """The record's word count is taken from the lower-cased words the content hash is made of,
    except for text holding the one character whose lower case splits a word (checked here
    against this Python's Unicode database, so an update that adds one fails this test)."""
    import random
    import re

    from cleaners.document import LOWER_SPLITS_WORDS, lower_words, word_count

    word = re.compile(r"\w+")
    splitters = {
        c for c in map(chr, range(0x110000))
        if not 0xD800 <= ord(c) < 0xE000 and (len(c.lower()) != 1 or len(word.findall(c.lower())) != len(word.findall(c)))
    }
    assert splitters == set(LOWER_SPLITS_WORDS)
    rng = random.Random(3)
    alphabet = "aZé İı ß-_,.1 日本語 \u0301\u00c5\u212b\u03a3 ς\n"
    texts = ["İstanbul'da bir gün", "Straße 12, ÆØÅ", ""] + [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)
    ]
    for text in texts:
        assert word_count(text, lower_words(text)) == word_count(text)
    assert word_count("İstanbul", lower_words("İstanbul")) == 1


# ---------------------------------------------------------------- the settle step reuses word counts (speed)
# `_settle` judges the kept lines again on fresh `Line`s; it hands them the word counts the page
# already has for lines as split, and counts a joined line again (its count is the sum of its
# fragments', which differs from its text's for Chinese and Japanese). Both must give what counting
# every line again gives.

def _settle_pages():
    import random

    cjk = "one two three four five six 中\n。中 and more words here and there.\n"
    rng = random.Random(11)
    pieces = [P1, P2, P3, "Home", "Share on Facebook", "By Jane Doe", "中文新闻", "東京都は日本の首都です。",
              "。中 and more", "one two three four five six 中", "(", ")", "the", "of the", "Read more:",
              "Advertisement", "Photo: Jane Doe/AFP", "", "Click here to read more about it"]
    pages = [PAGE, cjk * 3, (cjk + "\n" + P1 + "\n\n") * 4]
    for _ in range(150):
        pages.append("".join(rng.choice(pieces) + rng.choice(["\n", "\n\n", " "]) for _ in range(rng.randint(1, 40))))
    return pages


def test_settle_word_counts_as_counting_again(monkeypatch):
    from cleaners import text as text_module
    from cleaners.joiner import join_fragments
    from cleaners.lines import count_words, split_lines

    pages = _settle_pages()
    # what the reuse rests on: a line as split has its text's count (a joined one may not)
    differ = 0
    for page in pages:
        for line in split_lines(page):
            assert line.words == count_words(line.text)
        differ += sum(line.words != count_words(line.text) for line in join_fragments(split_lines(page), language="en"))
    assert differ  # the pages do hold joined lines whose count is not their text's
    # the lines the settle step judges are those of the reference: each with its text's count
    views, inside = [], []
    mark, settle = text_module.mark_furniture, text_module._settle

    def checked_mark(lines):
        if inside:  # (the page's own lines are marked first, with their joined counts)
            views.append([(line.text, line.words) for line in lines])
        return mark(lines)

    def checked_settle(*args):
        inside.append(True)
        try:
            return settle(*args)
        finally:
            inside.pop()

    monkeypatch.setattr(text_module, "mark_furniture", checked_mark)
    monkeypatch.setattr(text_module, "_settle", checked_settle)
    fast = [clean_text(page).to_record() for page in pages]
    judged = [(t, w) for view in views for t, w in view]
    assert judged and all(w == count_words(t) for t, w in judged)
    assert any("中。中" in t for t, _ in judged)  # joined lines whose sum of counts is not their text's too
    monkeypatch.setattr(text_module, "_settle", lambda lines, unjoined, *a: settle(lines, [False] * len(lines), *a))
    assert fast == [clean_text(page).to_record() for page in pages]


def test_assemble_counts_removals_in_order_of_first_reason():
    import random

    from cleaners.document import Reason
    from cleaners.lines import Line
    from cleaners.text import assemble

    rng = random.Random(3)
    reasons = [None, None, None, *Reason]
    for _ in range(200):
        lines = [Line(rng.choice(["A paragraph.", "", "Menu"]), i, True, rng.choice(reasons)) for i in range(rng.randint(0, 30))]
        expected: dict[str, int] = {}
        for line in lines:
            if line.reason is not None:
                expected[line.reason.value] = expected.get(line.reason.value, 0) + 1
        paragraphs, removed = assemble(lines)
        assert paragraphs == [l.text for l in lines if l.reason is None and l.text]
        assert list(removed.items()) == list(expected.items())


def test_surrogate_check_agrees_with_the_pattern():
    import random

    from cleaners.lines import _SURROGATE
    from cleaners.lines import has_surrogates as _has_surrogates

    rng = random.Random(8)
    pool = ["a", " ", "é", "’", "東", "😀", "\ud800", "\udfff", "\ud83d\ude00", "\ud7ff", "\ue000", "\U0010ffff"]
    texts = ["", "plain ascii", "\ud83d", "text \udc00 end"] + [
        "".join(rng.choice(pool) for _ in range(rng.randint(0, 30))) for _ in range(2000)]
    assert any(_has_surrogates(t) for t in texts) and not all(_has_surrogates(t) for t in texts)
    assert all(_has_surrogates(t) == (_SURROGATE.search(t) is not None) for t in texts)


def test_a_prose_paragraph_joined_from_fragments_does_not_take_a_fragments_header_mark(monkeypatch):
    """bs4 breaks a paragraph at its links: when the metadata reader takes one fragment for a
    byline or dateline ("As of 29 November 2018"), the joined paragraph stays body; a line that
    is that fragment alone (or is no prose) takes the mark."""
    from cleaners import text as text_mod
    from cleaners.document import Metadata, Reason
    from cleaners.lines import Line

    def fake_from_text(raw, start, end, **kw):
        for line in raw:
            if line.text.startswith("As of"):
                line.reason, line.role = Reason.DATELINE, "dateline"
        return Metadata()

    monkeypatch.setattr(text_mod, "from_text", fake_from_text)
    raw = [Line("As of 29 November 2018", 0, True), Line(", thirty stations along the route will be rebuilt.", 1, False),
           Line(P1, 2, True), Line("As of 30 November 2018", 3, True), Line("As of today", 4, True),
           Line("the works stop", 5, False)]
    groups = [[0, 1], [2], [3], [4, 5]]
    lines = [Line(raw[0].text + raw[1].text, 0, True), Line(P1, 1, True), Line(raw[3].text, 2, True),
             Line("As of today the works stop", 3, True)]
    text_mod._header(lines, raw, groups, 0, len(lines), None, None)
    assert [l.reason for l in lines] == [None, None, Reason.DATELINE, Reason.DATELINE]
