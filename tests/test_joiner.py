"""Fragment joiner: rejoins sentences broken at inline elements, leaves paragraphs and headlines apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaners.joiner import join_decisions, join_fragments
from cleaners.lines import split_lines

SHARED = Path(__file__).parents[1] / ".." / "shared"
EN = frozenset({"the", "a", "of", "to", "and", "in", "for", "by", "with", "on", "at", "is"})


def texts(raw: str) -> list[str]:
    return [l.text for l in join_fragments(split_lines(raw), EN)]


def test_rejoins_a_sentence_broken_at_two_links():
    raw = (
        "Headline about the company\n\n"
        "The\ncompany shelved its plans\n for an initial public offering on September 30 after investors grew wary.\n\n"
        "A second paragraph that stands on its own and ends with a full stop.\n"
    )
    out = texts(raw)
    assert out == [
        "Headline about the company",
        "The company shelved its plans for an initial public offering on September 30 after investors grew wary.",
        "A second paragraph that stands on its own and ends with a full stop.",
    ]


def test_link_in_the_middle_of_a_sentence_and_closing_punctuation():
    raw = "Earlier this year, Johnston told\nBillboard\n, in an interview, that the tour would go on.\n"
    assert texts(raw) == ["Earlier this year, Johnston told Billboard, in an interview, that the tour would go on."]


def test_does_not_join_two_paragraphs_without_blank_line():
    raw = "The first paragraph ends here with a stop.\nThe second paragraph starts with a capital letter.\n"
    assert texts(raw) == ["The first paragraph ends here with a stop.", "The second paragraph starts with a capital letter."]


def test_does_not_join_headline_to_paragraph():
    raw = "Overcrowded conditions worsen risk\nThe doctors offering to operate the clinic said the risk was high.\n"
    assert len(texts(raw)) == 2
    raw = "Overcrowded conditions worsen risk\n\nthe doctors offering to operate the clinic said the risk was high.\n"
    assert len(texts(raw)) == 2  # a blank line always separates


def test_lowercase_menu_is_not_joined():
    raw = "home page\nworld\nsports\nbusiness\nopinion\n"
    assert len(texts(raw)) == 5


def test_caption_and_credit_are_not_joined():
    raw = "Above: A coworking space in San Francisco.\nImage Credit: WeWork\n"
    assert len(texts(raw)) == 2


def test_indices_and_blank_before():
    lines = join_fragments(split_lines("Intro line\n\nThe\nsentence goes on here and on and on.\n\nEnd."), EN)
    assert [l.index for l in lines] == [0, 1, 2]
    assert all(l.blank_before for l in lines)
    assert join_decisions([], EN) == []


def test_guesses_stopwords_when_none_given():
    raw = "Die Regierung hat am Montag\nneue Regeln\nfür den Verkehr beschlossen, die ab Januar gelten.\n"
    out = [l.text for l in join_fragments(split_lines(raw))]
    assert out == ["Die Regierung hat am Montag neue Regeln für den Verkehr beschlossen, die ab Januar gelten."]


def test_bs4_dev_pages_have_fewer_lines_and_keep_every_token():
    path = SHARED / "benchmark" / "scraped-bs4.jsonl"
    if not path.exists():
        pytest.skip(f"benchmark data not available at {path}")
    import re

    tok = re.compile(r"\w+")
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(next(f)) for _ in range(10)]
    for r in rows:
        lines = split_lines(r["text"])
        joined = join_fragments(split_lines(r["text"]))
        assert len(joined) <= len(lines)
        assert tok.findall(" ".join(l.text for l in joined)) == tok.findall(" ".join(l.text for l in lines))


def test_punctuation_only_fragments_are_attached():
    raw = "A paragraph of article text that ends here.\n\n[\nEngadget\n]\n\nThe next paragraph starts here and goes on.\n"
    assert texts(raw) == [
        "A paragraph of article text that ends here.",
        "[Engadget]",
        "The next paragraph starts here and goes on.",
    ]


def test_joined_line_word_count_matches_its_text():
    from cleaners.lines import word_count

    for line in join_fragments(split_lines("The\ncompany shelved its plans\n, for now, after the vote.\n"), EN):
        assert line.words == word_count(line.text)
