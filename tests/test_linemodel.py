"""Line model: keeps the prose of a synthetic article page, drops menus, teasers and footers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from cleaners.joiner import join_fragments
from cleaners.lines import split_lines
from cleaners.linemodel import (
    FEATURES,
    MODEL_PATH,
    TreeModel,
    guess_language,
    line_features,
    load_model,
    max_region,
    score_lines,
    select_body,
    stoplist,
)

SHARED = Path(__file__).parents[1] / ".." / "shared"

MENU = ["Home", "News", "Sport", "Business", "Culture", "Travel", "Weather", "Video", "Log in", "Subscribe"]
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use", "Cookie settings", "© 2024 Example Media Ltd."]
TEASERS = ["Most read", "Ten things to do this weekend", "Why the rail strike is not over yet",
           "Local team wins the cup final"]

ARTICLE_EN = [
    "The city council approved a new plan on Tuesday to expand the tram network into the northern districts, "
    "after more than two years of debate about its cost.",
    "According to the council, the first section of the line will open in 2027 and will connect the main station "
    "with the university campus and the hospital.",
    "Critics of the plan said that the budget was too optimistic and that the money would be better spent on buses, "
    "which can be deployed much faster.",
    "The mayor rejected that view. \"We have studied the alternatives for a long time, and the tram is the only "
    "option that will carry enough passengers in the long run,\" she said.",
    "Construction is expected to begin next spring, once the final contracts have been signed with the builders.",
]

ARTICLE_DE = [
    "Der Stadtrat hat am Dienstag einen neuen Plan beschlossen, mit dem das Straßenbahnnetz in die nördlichen "
    "Stadtteile erweitert werden soll, nachdem mehr als zwei Jahre über die Kosten gestritten worden war.",
    "Nach Angaben der Stadt soll der erste Abschnitt der Strecke im Jahr 2027 eröffnet werden und den Hauptbahnhof "
    "mit dem Campus der Universität und dem Krankenhaus verbinden.",
    "Kritiker sagten, dass die Kosten zu niedrig angesetzt seien und das Geld besser in Busse investiert werden "
    "solle, die viel schneller eingesetzt werden könnten.",
    "Die Bürgermeisterin wies das zurück. Man habe die Alternativen lange geprüft, und die Straßenbahn sei die "
    "einzige Lösung, die auf Dauer genug Fahrgäste befördern könne, sagte sie.",
]


def page(article: list[str], browser: bool = True) -> str:
    sep = "\n" if browser else "\n\n"
    parts = [sep.join(MENU), "Tram network to reach the northern districts", "\n\n".join(article),
             sep.join(TEASERS), sep.join(FOOTER)]
    return "\n\n".join(parts)


def kept_text(raw: str, language: str | None = None) -> tuple[list[str], list[str]]:
    """As clean_text orders it: furniture rules mark lines (walls for select_body), the model and
    select_body choose, a teaser/comment marker ends the body.

    (The model alone keeps a blank-separated list of short headlines right after the article, since
    it also learns that an already clean page of short paragraphs stays whole; the "Most read"
    marker ends the body there.)"""
    from cleaners.furniture import mark_furniture
    from cleaners.region import cut_at_stop_marker

    lines = join_fragments(split_lines(raw))
    mark_furniture(lines)
    probs = score_lines(lines, language)
    assert len(probs) == len(lines)
    assert all(0.0 <= p <= 1.0 for p in probs)
    keep = select_body(lines, probs)
    cut_at_stop_marker(lines, keep)
    return [l.text for l, k in zip(lines, keep) if k], [l.text for l, k in zip(lines, keep) if not k]


@pytest.mark.parametrize("browser", [True, False])
def test_keeps_the_prose_and_drops_menu_teasers_footer(browser):
    kept, dropped = kept_text(page(ARTICLE_EN, browser))
    for para in ARTICLE_EN:
        assert para in kept
    for junk in MENU + FOOTER + TEASERS[1:]:
        assert junk not in kept


def test_works_on_german_with_and_without_a_language_hint():
    for lang in (None, "de"):
        kept, _ = kept_text(page(ARTICLE_DE), lang)
        for para in ARTICLE_DE:
            assert para in kept
        for junk in MENU + FOOTER:
            assert junk not in kept


def test_bs4_style_fragments_are_joined_and_kept():
    raw = page(ARTICLE_EN, browser=False).replace(
        "expand the tram network into", "expand the\ntram network\n into"
    )
    kept, _ = kept_text(raw)
    assert ARTICLE_EN[0] in kept


def test_language_guess_and_stoplists():
    lines = split_lines("\n".join(ARTICLE_DE))
    assert guess_language(lines) == "German"
    assert "und" in stoplist("de")
    assert stoplist("German") == stoplist("de")
    assert stoplist("xx-unknown") is None
    assert guess_language([]) is None


def test_features_shape_and_empty_input():
    lines = split_lines(page(ARTICLE_EN))
    x = line_features(lines)
    assert x.shape == (len(lines), len(FEATURES))
    assert np.isfinite(x).all()
    assert line_features([]).shape == (0, len(FEATURES))
    assert score_lines([]) == []
    assert select_body([], []) == []
    one = split_lines("Just one line.")
    assert len(score_lines(one)) == 1


def test_fast_features_equal_the_reference_implementation():
    from cleaners.linemodel import _base_matrix, _base_matrix_slow, page_stopwords

    raw = page(ARTICLE_EN) + "\n\nÜber uns – «Kontakt» | https://example.com © 2024\n\"Quoted.\"\nWait:)\n12 345"
    lines = split_lines(raw)
    stop = page_stopwords(lines)
    assert np.allclose(_base_matrix(lines, stop), _base_matrix_slow(lines, stop))


def test_marked_furniture_is_never_kept_and_bounds_the_region():
    from cleaners.document import Reason

    lines = join_fragments(split_lines(page(ARTICLE_EN)))
    probs = score_lines(lines)
    target = next(i for i, l in enumerate(lines) if l.text == ARTICLE_EN[2])
    lines[target].reason = Reason.COMMENTS
    keep = select_body(lines, probs)
    assert not keep[target]
    assert sum(keep) >= len(ARTICLE_EN) - 1


def test_a_page_always_has_a_body():
    lines = split_lines("Home\nNews\nA single short paragraph of text that is the whole article.\nContact")
    keep = select_body(lines, [0.01, 0.01, 0.05, 0.01])
    assert keep == [False, False, True, False]


def test_max_region():
    assert max_region(np.array([-1.0, 2.0, -0.5, 3.0, -10.0, 1.0])) == (1, 3)
    assert max_region(np.array([-1.0, -2.0])) == (0, -1)


def test_shipped_model_is_small_and_round_trips():
    assert MODEL_PATH.exists()
    assert MODEL_PATH.stat().st_size < 1_000_000
    model, params = load_model()
    assert set(params) >= {"tau", "tau_in", "tau_out", "power"}
    again = TreeModel.from_dict(model.to_dict())
    x = line_features(split_lines(page(ARTICLE_EN)))
    assert np.allclose(model.predict(x), again.predict(x), atol=1e-4)


def test_dev_pages_smoke():
    path = SHARED / "benchmark" / "scraped-browser.jsonl"
    if not path.exists():
        pytest.skip(f"benchmark data not available at {path}")
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(next(f)) for _ in range(5)]
    for r in rows:
        lines = join_fragments(split_lines(r["text"]))
        keep = select_body(lines, score_lines(lines))
        assert len(keep) == len(lines)
        assert 0 < sum(keep) < len(lines)


def _constant_model(bias: float, trees: int = 3, depth: int = 2) -> TreeModel:
    return TreeModel(np.zeros((trees, depth), int), np.zeros((trees, depth)), np.zeros((trees, 1 << depth)),
                     bias, FEATURES)


def test_use_model_overrides_the_shipped_model_within_the_block():
    from cleaners.linemodel import use_model

    lines = join_fragments(split_lines(page(ARTICLE_EN)))
    shipped = score_lines(lines)
    with use_model(_constant_model(-8.0), {"tau": 0.5}):
        model, params = load_model()
        assert model.bias == -8.0 and params["tau"] == 0.5 and "tau_in" in params
        assert max(score_lines(lines)) < 0.001
        assert sum(select_body(lines, score_lines(lines))) == 1  # a page always has a body
    assert load_model()[0] is not model
    assert score_lines(lines) == shipped
    with pytest.raises(ValueError):
        with use_model(TreeModel(np.zeros((1, 1), int), np.zeros((1, 1)), np.zeros((1, 2)), 0.0, ["x"])):
            pass


def test_margin_on_a_huge_page_is_chunked():
    """Scoring works in blocks of CHUNK lines: the peak memory (and so the time per line) does not
    grow with the page (unchunked, a 200,000-line page built a 1.6 GB array and took ~7 s)."""
    import tracemalloc

    model, _ = load_model()
    rng = np.random.default_rng(0)
    n = 5 * model.CHUNK + 17
    x = rng.normal(size=(n, len(FEATURES)))
    whole = model._margin(x)  # reference: all lines at once
    tracemalloc.start()
    try:
        chunked = model.margin(x)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert np.allclose(chunked, whole, rtol=0, atol=1e-12)
    # the (trees * depth, lines) temporaries of one chunk, not of the page (which would be ~n * 8 KB)
    t, d = model.feat.shape
    assert peak < 3 * t * d * model.CHUNK * 8 + 8 * n
    assert model.margin(x[:0]).shape == (0,)


def test_an_already_clean_page_stays_whole():
    """The pipeline re-judges its own output (one paragraph per line, blank-separated) for
    idempotence; the model is trained on such pages (clean-page augmentation), short paragraphs
    included."""
    article = ARTICLE_EN[:2] + ["It was a close vote.", "\"We are ready,\" the mayor said."] + ARTICLE_EN[2:]
    lines = split_lines("\n\n".join(article))
    keep = select_body(lines, score_lines(lines))
    assert all(keep)
