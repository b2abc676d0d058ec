"""Site boilerplate learned across a dump (issue 9): chrome that reads like prose is removed when it
repeats across a site's pages, never because of repetition across sites."""

from __future__ import annotations

from benchmarks._shared import shingle_f1
from benchmarks.synthetic import SITE_CHROME_PROSE, one_site_dump
from cleaners import clean_text
from cleaners.corpus import SiteStats, line_key, site_of


def test_line_key_ignores_case_digits_and_punctuation():
    assert line_key("Call us on 555-1234!") == line_key("call us on 555 9999")
    assert line_key("Call us today") != line_key("Call them today")


def test_line_keys_never_change_and_their_cache_changes_nothing(monkeypatch):
    """Keys are persisted (the site statistics kept between runs): their values are pinned. The
    cache of keys per line text gives the same keys, also when it fills and starts again."""
    from cleaners import corpus

    pinned = {"Call us on 555-1234!": -4495190712058183160, "Ünïcødé — Straße 12": 7143843751515017948}
    monkeypatch.setattr(corpus, "KEY_CACHE_SIZE", 3)
    corpus._keys.clear()
    lines = list(pinned) + [f"Menu item {c}" for c in "abcdefg"] + ["call US on 000 0000"]
    for line in lines + lines:
        assert line_key(line) == corpus._compute_key(line)
        assert len(corpus._keys) <= 3
    for line, key in pinned.items():
        assert line_key(line) == key
    assert line_key("call US on 000 0000") == pinned["Call us on 555-1234!"]


def _reference_key(text: str) -> int:
    """The key as first defined, with regular expressions (the fast path must equal it)."""
    import hashlib
    import re

    norm = re.sub(r"\d+", "0", re.sub(r"[\W_]+", " ", text.casefold())).strip()
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def test_line_key_equals_its_regex_definition():
    import random

    from cleaners import corpus

    rng = random.Random(4)
    alphabet = "aZq09 _-,.!\t\u00a0\u0085\u2019\u2014\u00e9\u00c9\u00df\u1e9e\u0130\u0307\u03a3\u0660\u00b2\u00bd\u2163\u4e00\U0001d7d8"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(14))) for _ in range(20000)]
    texts += ["Straße 12 — „Zitat“", "ÉTÉ 2024: 1,000 № ٣٤", "  Ｆｕｌｌ　ｗｉｄｔｈ１２  ", "a__b--c  00 7"]
    for text in texts:
        assert corpus._compute_key(text) == _reference_key(text), repr(text)


def test_site_of():
    assert site_of("https://www.Example.org/a?b=1") == "example.org"
    assert site_of(None) is None and site_of("") is None


def test_one_site_dump_chrome_removed():
    dump = one_site_dump(150)
    stats = SiteStats()
    for rec in dump:
        stats.observe(rec["url"], rec["text"])
    scores = []
    for rec in dump:
        doc = clean_text(rec["text"], url=rec["url"], site_boilerplate=stats.boilerplate(rec["url"]))
        for chrome in SITE_CHROME_PROSE:
            assert chrome not in doc.text
        assert doc.removed.get("site-boilerplate", 0) >= 3
        scores.append(shingle_f1(doc.text, rec["body"]))
    assert sum(scores) / len(scores) >= 0.97


def test_without_stats_the_prose_chrome_stays():
    rec = one_site_dump(1)[0]
    doc = clean_text(rec["text"], url=rec["url"])
    assert any(chrome in doc.text for chrome in SITE_CHROME_PROSE)


def test_repetition_across_sites_is_not_boilerplate():
    stats = SiteStats()
    dump = one_site_dump(20)
    for i, rec in enumerate(dump):  # the same chrome, but every page on another site
        stats.observe(f"https://site{i}.example/a", rec["text"])
    assert stats.boilerplate("https://site3.example/a") == frozenset()


def test_rare_repetition_is_not_boilerplate():
    stats = SiteStats()
    quote = "“We will not give up on this town,” the mayor told a crowd of several hundred people on Friday."
    for rec in one_site_dump(40):
        stats.observe(rec["url"], rec["text"])
    stats.observe("https://www.valley-gazette.example/news/x1", quote)
    stats.observe("https://www.valley-gazette.example/news/x2", quote)
    assert line_key(quote) not in stats.boilerplate("https://www.valley-gazette.example/news/x3")


def test_rows_round_trip():
    stats = SiteStats()
    for rec in one_site_dump(12):
        stats.observe(rec["url"], rec["text"])
    again = SiteStats()
    again.load_rows(stats.rows())
    url = "https://www.valley-gazette.example/news/1"
    assert again.boilerplate(url) == stats.boilerplate(url) != frozenset()
