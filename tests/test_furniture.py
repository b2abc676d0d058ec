"""Each kind of furniture is recognised on its own, in several languages, and article prose is not."""

from __future__ import annotations

import pytest

from cleaners.document import Reason
from cleaners.furniture import captions, mark_furniture, promo, share, teasers
from cleaners.lines import split_lines

PROSE = (
    "The council voted on Tuesday to extend the tram line by four kilometres, a decision that "
    "supporters said would cut commuting times for thousands of residents in the eastern districts."
)


def reasons(text: str) -> list[str | None]:
    lines = split_lines(text)
    mark_furniture(lines)
    return [l.reason.value if l.reason else None for l in lines]


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Share on FacebookShare on Twitter", "share"),
        ("Send in e-mailSend in e-mail", "share"),
        ("Artikel teilen", "share"),
        ("Partager sur Facebook", "share"),
        ("Tap the bell icon to follow authors:", "share"),
        ("Subscribe today and save 50%", "subscription"),
        ("Already a subscriber? Log in", "subscription"),
        ("Jetzt abonnieren", "subscription"),
        ("Déjà abonné ? Se connecter", "subscription"),
        ("Sign up for our morning newsletter", "newsletter"),
        ("The Daily Dispatch Episode 12", "promo"),
        ("Listen to the podcast", "promo"),
        ("Related articles", "teaser"),
        ("Mehr zum Thema", "teaser"),
        ("Lire aussi :", "teaser"),
        ("READ MORE: Mayor unveils budget for the coming year", "teaser"),
        ("Leave a reply", "comments"),
        ("14 Comments", "comments"),
        ("We use cookies to improve your experience on our site.", "cookie"),
        ("Advertisement", "advertisement"),
        ("Anzeige", "advertisement"),
        ("© 2024 The Example Gazette. All rights reserved.", "legal"),
        ("Skip to main content", "navigation"),
        ("Home > World > Europe", "navigation"),
    ],
)
def test_single_line_furniture(line, reason):
    assert reasons(f"{PROSE}\n\n{line}\n\n{PROSE}") == [None, reason, None]


@pytest.mark.parametrize(
    "sentence",
    [
        PROSE,
        "Readers who subscribe to the print edition were told on Monday that delivery would resume "
        "after the strike, the company said in a letter to customers.",
        "Die Abgeordneten wollen die Kommentare der Bürger bis Ende des Monats auswerten und danach "
        "über den Entwurf abstimmen, sagte die Sprecherin des Ausschusses.",
        "She said she would share the prize money with her team and donate the rest to the local school.",
    ],
)
def test_prose_is_not_furniture(sentence):
    assert reasons(sentence) == [None]


def test_menu_run_is_navigation():
    menu = "\n".join(["News", "Sport", "Business", "Culture", "Weather"])
    assert reasons(f"{menu}\n\n{PROSE}") == ["navigation"] * 5 + [None]


def test_share_widget_needs_a_share_word():
    assert not share.is_share_widget("on the")
    assert share.is_share_widget("Tweet Email Print")


def test_caption_with_duplicate_and_credit():
    text = (
        "The mayor opening the new bridge in May.\n"
        "The mayor opening the new bridge in May.Credit: Jane Roe/City Press\n\n" + PROSE
    )
    lines = split_lines(text)
    found = mark_furniture(lines)
    assert [l.reason for l in lines] == [Reason.CAPTION, Reason.CAPTION, None]
    assert [(i, im.caption, im.credit) for i, im in found] == [
        (1, "The mayor opening the new bridge in May.", "Jane Roe/City Press")
    ]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Protesters outside parliament (Image: GETTY)", ("Protesters outside parliament", "GETTY")),
        ("Ein Feuerwehrauto vor dem Rathaus. Foto: Max Muster", ("Ein Feuerwehrauto vor dem Rathaus.", "Max Muster")),
        ("Smoke rises over the harbour / Reuters", ("Smoke rises over the harbour", "Reuters")),
        ("Credit: Jane Roe", (None, "Jane Roe")),
        ("A quiet street in the old town © Studio Nord", ("A quiet street in the old town", "Studio Nord")),
        (PROSE, None),
    ],
)
def test_parse_credit(line, expected):
    assert captions.parse_credit(line) == expected


def test_inline_click_promo_is_cut_from_its_paragraph():
    text, n = promo.strip_inline("The vote is on Sunday. (For the latest polls – click here) Turnout may be low.")
    assert (text, n) == ("The vote is on Sunday. Turnout may be low.", 1)
    assert promo.strip_inline(PROSE) == (PROSE, 0)


def test_teaser_marker_is_whole_line_only():
    assert teasers.is_marker("More from Business")
    assert not teasers.is_marker("More from the interview, which has been edited for length, follows below.")
