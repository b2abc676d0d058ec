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
