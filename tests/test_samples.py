"""The two raw scrapes in ../shared/samples come out right (issue 2, part 6).

The samples are real articles: they are read at test time, never copied into the repo.
"""

from __future__ import annotations

import pytest

from cleaners import clean_text
from tests._paths import SAMPLES, needs_samples

pytestmark = needs_samples

FURNITURE = [
    "Send in e-mail",
    "Click the alert icon to follow topics:",
    "Automatic approval of subscriber comments.",
    "Subscribe today and save 40%",
    "Already signed up? LOG IN",
    "Credit:",
    "Episode 38",
]


def load(name: str) -> str:
    return (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")


def raw_paragraphs(name: str) -> list[str]:
    return [p.strip() for p in load(name).split("\n\n") if p.strip()]


@pytest.fixture(scope="module", params=["000_6ede1cfad2d66323", "004_040951d1b5d1f11f"])
def sample(request):
    return request.param, clean_text(load(request.param))


def test_title_and_subtitle_are_the_first_two_paragraphs(sample):
    name, doc = sample
    first, second = raw_paragraphs(name)[:2]
    assert doc.title == first
    assert doc.subtitle == second
    assert first not in doc.text and second not in doc.text


def test_no_furniture_in_text(sample):
    _, doc = sample
    for needle in FURNITURE:
        assert needle not in doc.text, needle


def test_text_is_the_article_paragraphs_only(sample):
    name, doc = sample
    raw = raw_paragraphs(name)
    # Every output paragraph is a paragraph of the input (inline promos cut), in input order.
    positions = []
    for para in doc.paragraphs:
        hits = [i for i, p in enumerate(raw) if p.startswith(para[:60])]
        assert hits, para[:80]
        positions.append(hits[0])
    assert positions == sorted(positions)
    # The body is one contiguous stretch of the input: nothing from the teaser tail.
    last = raw.index(next(p for p in raw if p.startswith("Click the alert icon")))
    assert max(positions) < last
    assert len(doc.paragraphs) == {"000_6ede1cfad2d66323": 18, "004_040951d1b5d1f11f": 16}[name]


def test_inline_poll_promo_is_cut_out_of_its_paragraph():
    doc = clean_text(load("000_6ede1cfad2d66323"))
    first = doc.paragraphs[0]
    assert first.endswith("win the Israeli election on September 17.")
    assert "click here" not in doc.text
    assert "Haaretz Weekly" not in doc.text


def test_caption_and_credit_go_to_images(sample):
    name, doc = sample
    assert len(doc.images) == 1
    image = doc.images[0]
    assert image.credit == {"000_6ede1cfad2d66323": "Marc Israel Sellem/Pool", "004_040951d1b5d1f11f": "Bloomberg"}[name]
    assert image.caption and image.caption not in doc.text


def test_authors():
    assert clean_text(load("000_6ede1cfad2d66323")).authors == []
    doc = clean_text(load("004_040951d1b5d1f11f"))
    assert doc.authors == ["Barak Ravid"]
    assert "Barak Ravid" not in doc.text
    assert not any("\u0590" <= ch <= "\u05ff" for ch in doc.text), "Hebrew alt text left in the body"


def test_removals_are_counted_by_reason(sample):
    _, doc = sample
    for reason in ("share", "caption", "subscription", "comments", "teaser"):
        assert doc.removed.get(reason, 0) >= 1, reason
