"""Synthetic news pages for tests and benchmarks: deterministic, distinct, no real text.

`article(rng)` makes an article of plain prose; `site_page(...)` wraps it in a site's chrome, some
of which reads like body text (an "About us" paragraph, a mission statement) so that only
repetition across the site's pages can tell it from the article.
"""

from __future__ import annotations

import random

SUBJECTS = [
    "The city council", "Local farmers", "The regional hospital", "A group of engineers", "The school board",
    "Residents of the old quarter", "The transport authority", "Volunteers from the harbour club",
    "The university's research team", "Small business owners", "The fire brigade", "The museum director",
]
VERBS = [
    "announced plans to expand", "raised concerns about", "voted to review", "presented a study on",
    "called for more funding for", "celebrated the opening of", "warned of delays to", "began work on",
    "published new figures on", "asked the government to reconsider",
]
OBJECTS = [
    "the northern bus routes", "the flood defences along the river", "a new community library",
    "the price of drinking water", "the summer festival programme", "the renovation of the town hall",
    "childcare places in the district", "the cycle lanes near the station", "the recycling centre",
    "the emergency ward", "housing for young families", "the forest trail network",
]
TAILS = [
    "after months of public debate", "despite objections from several neighbours",
    "according to documents seen by reporters", "in a meeting that lasted late into the evening",
    "following a survey of more than two thousand households", "ahead of next year's budget talks",
    "with support from all the major parties", "although the final cost remains unclear",
]
QUOTES = [
    "We have listened carefully and we think this is the right decision for everyone",
    "Nobody expected the numbers to be this high, and we need to act quickly",
    "It is a good start, but there is still a lot of work ahead of us",
    "People here deserve better services and they deserve them soon",
]
TOWNS = ["Riverton", "Eastbrook", "Millford", "Oakdale", "Stonebridge", "Westhaven", "Ashcombe", "Northfield"]
NAMES = ["Anna Berg", "Luis Ortega", "Marta Nowak", "Peter Holm", "Sofia Rossi", "David Chen", "Ines Moreau"]


def sentence(rng: random.Random) -> str:
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    if rng.random() < 0.3:
        s += f", and officials said a decision would follow within {rng.randint(2, 11)} weeks"
    return s + "."


def paragraph(rng: random.Random) -> str:
    parts = [sentence(rng) for _ in range(rng.randint(2, 4))]
    if rng.random() < 0.4:
        parts.append(f"“{rng.choice(QUOTES)},” said {rng.choice(NAMES)}, who has followed the issue for {rng.randint(2, 20)} years.")
    return " ".join(parts)


def article(rng: random.Random, paragraphs: tuple[int, int] = (4, 9)) -> tuple[str, list[str]]:
    """(headline, paragraphs)."""
    title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS).split(' ', 1)[0]} {rng.choice(OBJECTS)} in {rng.choice(TOWNS)}"
    return title, [paragraph(rng) for _ in range(rng.randint(*paragraphs))]


SITE_CHROME_TOP = ["Home", "Local", "Politics", "Business", "Culture", "Sport", "Opinion"]
SITE_CHROME_PROSE = [
    "The Valley Gazette has reported on the towns of the upper valley since 1887, covering local politics, "
    "business and culture with independence and care for our readers.",
    "Our newsroom is funded by readers like you, and every contribution helps us keep our reporting free "
    "for everyone who lives and works in the region.",
    "Valley Gazette, 12 Mill Street, Riverton. Our editorial offices are open from Monday to Friday, "
    "and visitors are welcome to call ahead to arrange a meeting.",
]


def site_page(rng: random.Random, url: str) -> tuple[str, str]:
    """(page text, gold body) of one page of the synthetic one-site dump."""
    title, paras = article(rng)
    body = "\n\n".join(paras)
    more = [article(rng, (1, 1))[0] for _ in range(4)]
    text = "\n".join(SITE_CHROME_TOP) + f"\n\n{title}\n\nBy {rng.choice(NAMES)}\n\n{body}\n\n"
    text += "\n\n".join(SITE_CHROME_PROSE[:2]) + "\n\nMore from the Valley Gazette\n" + "\n".join(more)
    text += "\n\n" + SITE_CHROME_PROSE[2] + "\n"
    return text, body


def one_site_dump(n: int = 150, seed: int = 7) -> list[dict]:
    """`n` records {id, url, text, body} from one site."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        url = f"https://www.valley-gazette.example/news/{i:05d}"
        text, body = site_page(rng, url)
        out.append({"id": f"vg-{i:05d}", "url": url, "text": text, "body": body})
    return out
