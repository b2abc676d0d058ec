"""Line model: keeps the prose of a synthetic article page, drops menus, teasers and footers."""

from __future__ import annotations

import math
import json
from pathlib import Path

import numpy as np
import pytest

from cleaners.joiner import join_fragments
from cleaners.lines import Line, split_lines
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
    cut_at_stop_marker(lines, keep, probs)
    return [l.text for l, k in zip(lines, keep) if k], [l.text for l, k in zip(lines, keep) if not k]


def _marker_page(after_p: float, marker: str = "teaser", name: bool = False):
    """Four kept article paragraphs, a teaser or comments marker (then a name line when `name`),
    then two more kept paragraphs with probability `after_p`: lines, keep, probs."""
    from cleaners.document import Reason

    prose = "This is a full sentence of running article text that goes on for a good number of words."
    texts = [prose] * 4 + ["Read more"] + ["Maria K."] * name + [prose.replace("This", "That"), prose.replace("This", "Then")]
    lines = [Line(t, i, True) for i, t in enumerate(texts)]
    lines[4].reason = Reason(marker)
    keep = [True] * 4 + [False] + [True] * (len(texts) - 5)
    probs = [0.95] * 4 + [0.3] + [0.5] * name + [after_p, after_p]
    return lines, keep, probs


def test_a_stop_marker_ends_the_body_unless_likely_prose_follows_it():
    from cleaners import region
    from cleaners.document import Reason

    lines, keep, probs = _marker_page(after_p=0.97)  # an inline "Read more" box inside the article
    region.cut_at_stop_marker(lines, keep, probs)
    assert keep == [True] * 4 + [False, True, True]
    lines, keep, probs = _marker_page(after_p=region.GOES_ON_P_TEASER - 0.2)  # weaker lines below: comments, teasers
    region.cut_at_stop_marker(lines, keep, probs)
    assert keep == [True] * 4 + [False] * 3
    lines, keep, probs = _marker_page(after_p=region.GOES_ON_P - 0.1, marker="comments")  # below comments: 0.8
    region.cut_at_stop_marker(lines, keep, probs)
    assert keep == [True] * 4 + [False] * 3
    lines, keep, probs = _marker_page(after_p=region.GOES_ON_P - 0.1)  # below a teaser box: 0.5 suffices
    region.cut_at_stop_marker(lines, keep, probs)
    assert keep == [True] * 4 + [False, True, True]
    lines, keep, probs = _marker_page(after_p=0.97)  # without probabilities the marker always cuts
    region.cut_at_stop_marker(lines, keep)
    assert keep == [True] * 4 + [False] * 3
    lines, keep, probs = _marker_page(after_p=0.97, name=True)  # a headline, then the article again
    region.cut_at_stop_marker(lines, keep, probs)
    assert keep == [True] * 4 + [False] + [True] * 3
    lines, keep, probs = _marker_page(after_p=0.97, name=True)  # furniture below a teaser marker does not count
    lines[5].reason, keep[5] = Reason.CAPTION, False
    region.cut_at_stop_marker(lines, keep, probs)
    assert keep == [True] * 4 + [False, False, True, True]
    lines, keep, probs = _marker_page(after_p=0.97, name=True)  # three unmarked lines before it: the list goes on
    lines[5:5] = [Line("Another headline", 5, True), Line("A third headline", 5, True)]
    keep[5:5], probs[5:5] = [False, False], [0.1, 0.1]
    region.cut_at_stop_marker(lines, keep, probs)
    assert not any(keep[5:])


def test_a_comments_marker_ends_the_body_unless_the_article_follows_right_below():
    from cleaners import region

    lines, keep, probs = _marker_page(after_p=0.97, marker="comments")  # a comment count above the article
    region.cut_at_stop_marker(lines, keep, probs)
    assert keep == [True] * 4 + [False, True, True]
    lines, keep, probs = _marker_page(after_p=0.97, marker="comments", name=True)  # the first commenter's name
    region.cut_at_stop_marker(lines, keep, probs)
    assert keep == [True] * 4 + [False] * 4


def test_a_comments_marker_below_a_short_article_ends_it_before_longer_comments():
    from cleaners import region
    from cleaners.document import Reason

    # a short article (two paragraphs), a comments marker, the first commenter, then comments
    # that are longer than the article: the marker follows less than half of the kept words
    article = "This is a full sentence of running article text that goes on for a good number of words. " * 3
    comment = "I think that this is a long reader comment that goes on and on about what the article said. "
    texts = [article, article, "Comments", "Maria K."] + [comment * 3] * 6
    lines = [Line(t.strip(), i, True) for i, t in enumerate(texts)]
    lines[2].reason = Reason.COMMENTS
    keep = [True, True, False, False] + [True] * 6
    probs = [0.95, 0.95, 0.3, 0.5] + [0.9] * 6
    article_words = 2 * lines[0].words
    assert region.COMMENTS_AFTER_WORDS <= article_words < region.STOP_AFTER_SHARE * sum(l.words for l in lines)
    region.cut_at_stop_marker(lines, keep, probs)
    assert keep == [True, True] + [False] * 8
    # a teaser marker there does not cut (the rest may be the article's second half)
    lines[2].reason = Reason.TEASER
    keep = [True, True, False, False] + [True] * 6
    region.cut_at_stop_marker(lines, keep, probs)
    assert keep == [True, True, False, False] + [True] * 6
    # nor does a comments marker below a standfirst (a comment count in the header)
    lines[1].retext("A standfirst of twelve words that sums the story up in one sentence.")
    lines[2].reason = Reason.COMMENTS
    keep = [False, True, False, False] + [True] * 6
    region.cut_at_stop_marker(lines, keep, probs)
    assert keep == [False, True, False, False] + [True] * 6


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
    from cleaners.linemodel import _base_matrix, _base_matrix_page, _base_matrix_slow, page_stopwords

    raw = page(ARTICLE_EN) + "\n\nÜber uns – «Kontakt» | https://example.com © 2024\n\"Quoted.\"\nWait:)\n12 345"
    lines = split_lines(raw)
    stop = page_stopwords(lines)
    assert np.allclose(_base_matrix_page(lines, stop), _base_matrix_slow(lines, stop))
    # the memoised rows (context-free part per line text) are the page computation's, bit for bit
    assert _base_matrix(lines, stop).tobytes() == _base_matrix_page(lines, stop).tobytes()
    assert _base_matrix(lines, stop).tobytes() == _base_matrix_page(lines, stop).tobytes()  # from the memo


# ---------------------------------------------------------------- the previous implementation, as reference
# Speed work must not change a single feature value or margin (the shipped model was trained on
# them): these are the straightforward versions the fast code replaced, compared bit for bit.


def _reference_window_means(a, windows):
    n = a.shape[0]
    c = np.zeros((n + 1, a.shape[1]))
    np.cumsum(a, axis=0, out=c[1:])
    idx = np.arange(n)
    out = []
    for w in windows:
        lo = np.maximum(idx - w, 0)
        hi = np.minimum(idx + w + 1, n)
        out.append((c[hi] - c[lo]) / (hi - lo)[:, None])
    return np.concatenate(out, axis=1)


def _reference_line_features(lines, language=None):
    import math

    from cleaners.linemodel import _BI, _NB_IDX, _NEIGHBOUR_BASE, _OFFSETS, _WIN_IDX, _WINDOWS
    from cleaners.linemodel import _base_matrix_page, page_stopwords

    n = len(lines)
    b = _base_matrix_page(lines, page_stopwords(lines, language))
    long_lines = b[:, _BI["log_words"]] >= math.log1p(10)
    ref = b[long_lines] if long_lines.any() else b
    k = _BI["cap_ratio"]
    b[:, k] -= float(np.median(ref[:, k]))
    stop_ref = max(float(np.median(ref[:, _BI["stop_ratio"]])), 0.05)
    cols = [b]
    nb = np.full((n + 4, len(_NEIGHBOUR_BASE)), -1.0)
    nb[2 : 2 + n] = b[:, _NB_IDX]
    for o in _OFFSETS:
        cols.append(nb[2 + o : 2 + o + n])
    cols.append(_reference_window_means(b[:, _WIN_IDX], _WINDOWS))
    idx = np.arange(n, dtype=np.float64)
    words = np.expm1(b[:, _BI["log_words"]])
    chars = np.expm1(b[:, _BI["log_chars"]])
    stops = np.expm1(b[:, _BI["log_stops"]])
    prose = (words >= 12) & (stops >= 3) & (b[:, _BI["ends_sentence"]] > 0)
    pw = np.where(prose, words, 0.0)
    total = pw.sum()
    cum = np.cumsum(pw)
    prose_before = (cum - pw) / total if total > 0 else np.zeros(n)
    prose_after = (total - cum) / total if total > 0 else np.zeros(n)
    pidx = np.flatnonzero(prose)
    if pidx.size:
        pos = np.searchsorted(pidx, idx, side="left")
        dnext = np.where(pos < pidx.size, pidx[np.minimum(pos, pidx.size - 1)] - idx, n)
        pos2 = np.searchsorted(pidx, idx, side="right") - 1
        dprev = np.where(pos2 >= 0, idx - pidx[np.maximum(pos2, 0)], n)
    else:
        dnext = dprev = np.full(n, float(n))
    longest = int(np.argmax(chars))
    ra, rb = max_region(np.sqrt(chars) * (prose - 0.5))
    inside = (idx >= ra) & (idx <= rb)
    gap = np.where(inside, 0.0, np.where(idx < ra, ra - idx, idx - rb))
    prose_f = prose.astype(np.float64)
    alt = prose_f.copy()
    alt[1:] *= 1.0 - prose_f[:-1]
    run_start = np.zeros(n, dtype=bool)
    if pidx.size:
        brk = np.ones(pidx.size, dtype=bool)
        brk[1:] = np.diff(pidx) > 2
        run_start[pidx[brk]] = True
    run_id = np.cumsum(run_start)
    run_mass = np.bincount(run_id, weights=pw, minlength=int(run_id[-1]) + 1)
    main_run = int(np.argmax(run_mass)) if run_mass.max() > 0 else -1
    starts = b[:, _BI["blank_before"]] > 0
    starts[0] = True
    bid = np.cumsum(starts) - 1
    bwords, blines = np.bincount(bid, weights=words), np.bincount(bid)
    bprose = np.bincount(bid, weights=prose.astype(np.float64))
    page_cols = np.stack([
        idx / n, np.full(n, math.log1p(n)), chars / chars.max(), prose_before, prose_after,
        np.log1p(dprev), np.log1p(dnext), (idx - longest) / n, np.log1p(bwords[bid]), np.log1p(blines[bid]),
        bprose[bid] / blines[bid], stops / max(stops.max(), 1.0), np.full(n, math.log1p(total)), inside,
        (idx - ra) / n, (rb - idx) / n, np.log1p(gap),
        *_reference_window_means(np.stack([prose_f, alt], axis=1), (5, 12)).T[[0, 2, 1, 3]],
        run_id == main_run,
        run_mass[run_id] / run_mass.max() if run_mass.max() > 0 else np.zeros(n),
        b[:, _BI["stop_ratio"]] / stop_ref,
    ], axis=1)
    cols.append(page_cols)
    return np.concatenate(cols, axis=1)


def _reference_margin(model, x):
    t, d = model.feat.shape
    n = x.shape[0]
    bits = (np.ascontiguousarray(x.T)[model.feat.reshape(-1)] > model.thr.reshape(-1, 1)).reshape(t, d, n)
    pow_ = (1 << np.arange(d - 1, -1, -1)).astype(np.uint8)
    leaf = np.einsum("d,tdn->tn", pow_, bits.view(np.uint8)).astype(np.intp) + (np.arange(t) * (1 << d))[:, None]
    return model.leaf.reshape(-1)[leaf].sum(axis=0) + model.bias


def _reference_guess_language(lines, max_words=400):
    from collections import Counter

    from cleaners.linemodel import _list_scripts, _script, _stoplists, _tokens

    names, sets, vocab, bits = _stoplists()
    longest = sorted(lines, key=lambda l: -len(l.text))[:20]
    words = _tokens(" ".join(l.text for l in longest).lower())[:max_words]
    if not words:
        return None
    rows = np.array([vocab.get(w, len(vocab)) for w in words], dtype=np.intp)
    counts = np.unpackbits(bits[rows], axis=1)[:, : len(names)].sum(axis=0)
    script = Counter(map(_script, words[::4])).most_common(1)[0][0]
    same = _list_scripts() == script
    if same.any():
        counts = np.where(same, counts, 0)
    best = int(counts.max())
    if best == 0:
        return None
    tol = 0.01 * len(words)
    return min((len(sets[k]), names[k]) for k in np.flatnonzero(counts >= best - tol))[1]


def _varied_pages():
    """Synthetic pages that exercise the features: both renditions, repeats, scripts, symbols."""
    odd = ["Über uns – «Kontakt» | https://example.com © 2024", "\"Quoted.\"", "Wait:)", "12 345", "))))))",
           "ΟΔΟΣ'Α ΟΔΟΣ. Σ", "\u212aind of the thing", "𝐀𝐁𝐂 𝟎𝟏 😀 words and more", "한국어 문장 입니다。", "a_b __init__",
           "It ended.)))))", "Closed.\"'”’»)]"]  # closers: at most 4 are stripped, as before
    yield split_lines(page(ARTICLE_EN))
    yield split_lines(page(ARTICLE_EN, browser=False))
    yield split_lines(page(ARTICLE_DE))
    yield split_lines(page(ARTICLE_EN) + "\n" + "\n".join(odd + odd[:3]))
    yield split_lines("\n\n".join(ARTICLE_EN[:2]))
    yield split_lines("Just one line.")
    yield split_lines("\n".join(MENU * 3))  # no prose at all, every line repeated


def _dev_pages(limit: int):
    for name in ("scraped-browser.jsonl", "scraped-bs4.jsonl"):
        path = SHARED / "benchmark" / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as f:
            for _, row in zip(range(limit), f):
                yield split_lines(json.loads(row)["text"])


@pytest.mark.parametrize("language", [None, "de"])
def test_features_and_margins_are_the_reference_bit_for_bit(language):
    model, _ = load_model()
    for lines in list(_varied_pages()) + list(_dev_pages(8)):
        for again in (False, True):  # the second time, the base rows come from the memo
            x = line_features(lines, language)
            ref = _reference_line_features(lines, language)
            assert x.shape == ref.shape and x.dtype == ref.dtype and x.flags.c_contiguous
            assert x.tobytes() == ref.tobytes(), [l.text for l in lines][:3]
            assert model.margin(x).tobytes() == _reference_margin(model, ref).tobytes()
            assert score_lines(lines, language) == (1.0 / (1.0 + np.exp(-_reference_margin(model, ref)))).tolist()


def test_a_line_row_does_not_depend_on_the_page_it_was_first_seen_on():
    """The memo holds only what depends on the line itself; blank lines, repeats and neighbours
    come from the page being scored."""
    from cleaners.linemodel import _memo

    lines = split_lines(page(ARTICLE_EN))
    _memo.clear()
    first = line_features(lines)
    shuffled = [lines[i] for i in np.random.default_rng(3).permutation(len(lines))] + lines[:4]
    for l in shuffled:
        l.blank_before = not l.blank_before
    assert line_features(shuffled).tobytes() == _reference_line_features(shuffled).tobytes()
    assert line_features(lines).tobytes() != first.tobytes()  # blank_before changed for these objects
    assert line_features(lines).tobytes() == _reference_line_features(lines).tobytes()


def test_pages_the_fast_path_leaves_to_the_reference():
    """An empty text or a character whose lower case is longer (İ) takes the page computation."""
    from cleaners.lines import Line

    for texts in (["İstanbul is a large city.", "The next line."], ["Some text.", "", "More text."]):
        lines = [Line(t, i, True) for i, t in enumerate(texts)]
        with np.errstate(invalid="ignore"):  # an empty line's character ratios are 0 / 0, as they were
            assert line_features(lines).tobytes() == _reference_line_features(lines).tobytes()


def test_the_row_memo_is_bounded():
    from cleaners.linemodel import _RowMemo

    memo = _RowMemo()
    memo.MAX_LISTS, memo.MAX_LINES, memo.MAX_CHARS = 2, 5, 40
    a, b, c = frozenset({"a"}), frozenset({"b"}), frozenset({"c"})
    memo.add(memo.table(a), {"one": b"1", "two": b"2"})
    memo.add(memo.table(b), {"three": b"3"})
    memo.table(a)  # a is used again: b is now the least recently used list
    memo.table(c)
    assert set(memo.tables) == {a, c} and memo.lines == 2 and memo.chars == 6
    memo.add(memo.table(c), {"x" * 10: b"4", "y" * 10: b"5", "z" * 10: b"6"})
    assert memo.lines == 5 and memo.chars == 36
    memo.add(memo.table(c), {"v": b"7"})  # one line too many: every row goes first
    assert memo.lines == 1 and memo.tables[a] == {} and memo.tables[c] == {"v": b"7"}
    memo.add(memo.table(c), {"w" * 41: b"7"})  # larger than the whole memo: not kept
    assert "w" * 41 not in memo.tables[c]
    with pytest.raises(TypeError):
        memo.table({"a"})  # a set is not hashable: score it without the memo


def test_an_unhashable_stop_set_is_scored_without_the_memo():
    from cleaners.linemodel import _base_matrix, _base_matrix_page

    lines = split_lines(page(ARTICLE_EN))
    stop = set(stoplist("en"))
    assert _base_matrix(lines, stop).tobytes() == _base_matrix_page(lines, frozenset(stop)).tobytes()


def test_guess_language_is_the_reference():
    from cleaners.linemodel import _GUESSED

    pages = list(_varied_pages()) + list(_dev_pages(30))
    pages.append(split_lines("\n".join(["word " * 30 + "end."] * 40)))  # past the first cut: read on
    for max_words in (400, 5):
        for lines in pages:
            _GUESSED.clear()
            want = _reference_guess_language(lines, max_words)
            assert guess_language(lines, max_words) == want
            assert guess_language(lines, max_words) == want  # remembered


def test_guess_language_remembers_the_text_it_read():
    from cleaners.linemodel import _GUESSED

    english = " ".join(["the cat sat on the mat and then it went to the house of the dog"] * 40)
    german = " ".join(["der Hund und die Katze sind in dem Haus mit der Maus und nicht bei uns"] * 40)
    # the same first 400 words, then other lines: the second guess is the first one, remembered
    pages = [split_lines(english + "\n\n" + german[:300]), split_lines(english + "\n\n" + german[:2000])]
    # the same first cut, too few words in it: each page reads on into its own language
    words = " ".join(["zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"] * 110)
    pages += [split_lines(words + " " + english), split_lines(words + " " + german)]
    _GUESSED.clear()
    for lines in pages:
        assert guess_language(lines) == _reference_guess_language(lines)
    assert [guess_language(lines) for lines in pages[2:]] == ["English", "German"]


def test_longest_lines_and_tokens():
    import random
    import re

    from cleaners.linemodel import _longest, _tokens

    rng = random.Random(5)
    alphabet = [chr(c) for c in list(range(32, 0x3000, 7)) + [0x1D7CE, 0x1F600, 0x10400, 0x3A3, 0x130, 0x5F]]
    for _ in range(300):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert _tokens(s) == re.findall(r"\w+", s)
        lines = split_lines("\n".join("x" * rng.randint(1, 9) + str(i) for i in range(rng.randint(0, 40))))
        texts = [l.text for l in lines]
        assert _longest(lines, 20) == sorted(texts, key=len, reverse=True)[:20]


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


def test_a_short_body_takes_in_the_long_paragraphs_next_to_it_across_ads_and_captions():
    from cleaners import linemodel
    from cleaners.document import Reason

    para = "The club opened its new workshop on Saturday, and members can now book the lift, the tools and a bench for two hours at a time."
    texts = ["Menu", para, "Advertisement", para.replace("club", "shop"), "Photo: Jane Doe", para.replace("club", "team"),
             "Related stories", para.replace("club", "band")]
    lines = [Line(t, i, True) for i, t in enumerate(texts)]
    for i, reason in ((0, Reason.NAVIGATION), (2, Reason.ADVERTISEMENT), (4, Reason.CAPTION), (6, Reason.TEASER)):
        lines[i].reason = reason
    probs = [0.0, 0.2, 0.0, 0.9, 0.0, 0.2, 0.0, 0.2]
    # the body is line 3; lines 1 and 5 are as likely as tau_in allows, across an ad and a caption;
    # the teaser heading is a wall
    assert select_body(lines, probs) == [False, True, False, True, False, True, False, False]
    # below tau_in, or too short to be a paragraph: not taken in
    assert select_body(lines, [0.0, 0.1, 0.0, 0.9, 0.0, 0.2, 0.0, 0.2])[1] is False
    lines[5] = Line("Members can book the lift.", 5, True)
    assert select_body(lines, probs)[5] is False
    # a body that is long already stays as the model chose it
    long_body = " ".join([para] * (linemodel.SHORT_BODY_WORDS // lines[3].words + 1))
    lines[3] = Line(long_body, 3, True)
    assert select_body(lines, probs) == [False, False, False, True, False, False, False, False]


def test_the_article_repeated_with_its_paragraphs_joined_is_kept_once():
    from cleaners import linemodel

    paras = [
        "The city council voted on Tuesday to extend the tram network to the northern districts.",
        "Construction is expected to start next spring and to take about three years in all.",
        "Residents had asked for a faster connection to the centre for more than a decade.",
    ]
    own = "A paragraph of its own that starts as the first one does not, and says other things."
    # the article, then the same article again with its paragraphs joined by twos (a second copy
    # of the text further down the page), then a line that only starts like the first paragraph
    texts = paras + [paras[0] + " " + paras[1], paras[2], paras[0][:40] + " " + own]
    lines = [Line(t, i, True) for i, t in enumerate(texts)]
    keep = select_body(lines, [0.95] * len(lines))
    assert keep == [True, True, True, False, False, True]
    assert linemodel.COPY_PROBE_CHARS <= 40 and lines[3].words >= linemodel.COPY_MIN_WORDS
    # a long line that shares less than COPY_SHARE of its 4-grams with the lines above stays
    texts[3] = paras[0] + " " + own
    lines = [Line(t, i, True) for i, t in enumerate(texts)]
    assert select_body(lines, [0.95] * len(lines))[3]


def test_max_region():
    assert max_region(np.array([-1.0, 2.0, -0.5, 3.0, -10.0, 1.0])) == (1, 3)
    assert max_region(np.array([-1.0, -2.0])) == (0, -1)


def test_shipped_model_is_small_and_round_trips():
    assert MODEL_PATH.exists()
    assert MODEL_PATH.stat().st_size < 1_000_000
    model, params = load_model()
    assert set(params) >= {"tau", "tau_in", "tau_out", "power"}
    again = TreeModel.from_dict(json.loads(json.dumps(model.to_dict())))
    assert np.array_equal(again.thr, model.thr)  # thresholds are feature values seen in training: exact
    x = line_features(split_lines(page(ARTICLE_EN)))
    assert np.allclose(model.predict(x), again.predict(x), atol=1e-4)


def test_a_line_on_a_threshold_falls_on_the_same_side_after_saving():
    thr = math.log1p(3)  # a feature value (log_words of a 3-word line) used as a split
    model = TreeModel(np.zeros((1, 1)), np.array([[thr]]), np.array([[-1.0, 1.0]]), 0.0, FEATURES)
    again = TreeModel.from_dict(json.loads(json.dumps(model.to_dict())))
    x = np.zeros((2, len(FEATURES)))
    x[:, 0] = [thr, np.nextafter(thr, np.inf)]
    assert model.margin(x).tolist() == again.margin(x).tolist() == [-1.0, 1.0]


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
    assert whole[:1500].tobytes() == _reference_margin(model, x[:1500]).tobytes()
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


def test_a_teaser_box_inside_the_article_does_not_end_the_region():
    from cleaners.document import Reason

    prose = "This is a full sentence of running article text that goes on for a good number of words."
    texts = [prose.replace("full", w) for w in ("full", "long", "whole")] + ["See also", "A headline", "Another headline"]
    texts += [prose.replace("This", "That"), "Copyright"]
    lines = [Line(t, i, True) for i, t in enumerate(texts)]
    for line in lines[3:6]:
        line.reason = Reason.TEASER
    lines[7].reason = Reason.LEGAL
    probs = [0.95] * 3 + [0.2, 0.2, 0.2] + [0.45, 0.0]
    assert select_body(lines, probs) == [True] * 3 + [False] * 3 + [True, False]
    for line in lines[3:6]:  # other furniture in the way still bounds it
        line.reason = Reason.NAVIGATION
    assert select_body(lines, probs) == [True] * 3 + [False] * 5
