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


def test_comment_section_is_not_body():
    comments = "\n\n".join(
        [
            "3 Comments",
            "Maria K.",
            "I have taken this train as a child and I am so happy that it will come back, thank you for the report!",
            "Reply",
            "Tom",
            "What a waste of public money, the bus works perfectly well and nobody asked for this at all.",
            "Reply",
        ]
    )
    doc = clean_text(f"Rail line to reopen\n\n{P1}\n\n{P2}\n\n{P3}\n\n{comments}")
    assert doc.text == "\n\n".join([P1, P2, P3])
    assert doc.removed["comments"] >= 1


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
