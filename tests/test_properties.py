"""Property tests on the cleaners (issue 8): they never raise on any string, cleaning is idempotent,
and the text keeps the order of the input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaners import clean_text
from cleaners.furniture import promo

from tests.test_text import P1, P2, P3, PAGE

LINES = st.sampled_from(
    [P1, P2, P3, "Share", "Tweet", "Home", "News", "Related stories", "Subscribe now", "", "", "\n",
     "Photo: Jane Roe", "By John Smith", "Advertisement", "© 2020 Example", "Read more: something else",
     "A short line", "Ein kurzer Satz mit Punkt.", "Home ", " Share", "Tweet ",
     "Der Stadtrat hat am Dienstag beschlossen, die alte Bahnstrecke wieder zu eröffnen, nach einer Debatte, die mehr als zehn Jahre dauerte.",
     "Le conseil municipal a voté mardi la réouverture de l'ancienne ligne, après un débat qui aura duré plus de dix ans.", "中文句子。", "(click here)", "Leave a reply"]
)
# Real pages do not repeat an article paragraph verbatim: lines are drawn without repetition.
PAGES = st.lists(LINES, max_size=40, unique=True).map("\n".join)
ANY_TEXT = st.text(max_size=2000)
settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")


@given(ANY_TEXT)
def test_never_raises_on_any_string(text):
    doc = clean_text(text)
    assert isinstance(doc.text, str)
    assert doc.word_count >= 0


@given(PAGES)
def test_idempotent(page):
    once = clean_text(page).text
    assert clean_text(once).text == once


@given(PAGES)
def test_keeps_input_order(page):
    doc = clean_text(page)
    # Fragments joined into paragraphs are found with single spaces; inline promos are cut.
    flat = " ".join(promo.strip_inline(page)[0].split())
    pos = 0
    for para in doc.paragraphs:
        para = " ".join(para.split())
        found = flat.find(para, pos)
        assert found >= 0, para
        pos = found + len(para)


def test_fixed_page_idempotent():
    once = clean_text(PAGE).text
    assert clean_text(once).text == once
