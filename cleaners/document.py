"""The data model of the cleaning library: what goes in, what comes out, and why things were removed.

Nothing here does I/O. `CleanDocument.to_record()` produces the published output record
(see `cleaners/schema/document.schema.json`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from enum import Enum

from cleaners.version import __version__


class Reason(str, Enum):
    """Why a piece of the input is not in the article text. One code per kind of furniture.

    The value is the code counted in the output record's `removed` and in the run report.
    """

    TITLE = "title"  # the headline: moved to metadata
    SUBTITLE = "subtitle"  # the standfirst: moved to metadata
    BYLINE = "byline"  # author lines and author boxes: moved to metadata
    DATELINE = "dateline"  # publication/update dates: moved to metadata
    CAPTION = "caption"  # photo captions and their credit lines: moved to `images`
    SHARE = "share"  # share / follow / social widgets
    SUBSCRIPTION = "subscription"  # subscribe, log in, paywall and account prompts
    NEWSLETTER = "newsletter"  # newsletter sign-up pitches
    PROMO = "promo"  # podcast, video, app and inline "click here" promos
    TEASER = "teaser"  # related / recommended / most-read headline lists
    NAVIGATION = "navigation"  # menus, breadcrumbs, section lists, runs of short lines
    COMMENTS = "comments"  # comment widgets and the comments themselves
    COOKIE = "cookie"  # cookie and consent notices
    ADVERTISEMENT = "advertisement"  # "Advertisement", "Sponsored" markers
    LEGAL = "legal"  # copyright, terms, footer legal text
    DUPLICATE = "duplicate"  # a line repeated within the page
    BOILERPLATE = "boilerplate"  # other page chrome outside the article (low prose score)
    SITE_BOILERPLATE = "site-boilerplate"  # repeated across pages of one site
    MARKUP = "markup"  # code, CSS or JavaScript left in the text, and script notices ("requires JavaScript")
    TRUNCATED = "truncated"  # lines beyond the per-document budget (Options.max_lines)


@dataclass(slots=True)
class Image:
    caption: str | None = None
    credit: str | None = None

    def to_dict(self) -> dict:
        return {"caption": self.caption, "credit": self.credit}


@dataclass(slots=True)
class Metadata:
    """Normalised metadata of one article. Every field may be unknown (None / empty)."""

    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601
    modified: str | None = None  # ISO 8601
    language: str | None = None  # ISO 639-1
    site: str | None = None
    url: str | None = None  # canonical
    publisher: str | None = None


@dataclass(slots=True)
class CleanDocument:
    """The result of cleaning one page: the article body, its metadata and the removal counts."""

    text: str
    metadata: Metadata = field(default_factory=Metadata)
    images: list[Image] = field(default_factory=list)
    removed: dict[str, int] = field(default_factory=dict)
    id: str | None = None
    extractor: str = "text"  # "text" or "html" (or "html-fallback")

    @property
    def title(self) -> str | None:
        return self.metadata.title

    @property
    def subtitle(self) -> str | None:
        return self.metadata.subtitle

    @property
    def authors(self) -> list[str]:
        return self.metadata.authors

    @property
    def published(self) -> str | None:
        return self.metadata.published

    @property
    def language(self) -> str | None:
        return self.metadata.language

    @property
    def url(self) -> str | None:
        return self.metadata.url

    @property
    def site(self) -> str | None:
        return self.metadata.site

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p]

    @property
    def word_count(self) -> int:
        return word_count(self.text)

    @property
    def content_hash(self) -> str:
        """Hash of the normalised body: equal for texts that differ only in case and spacing."""
        return content_hash(lower_words(self.text))

    def to_record(self, id: str | None = None, source: dict | None = None, words: list[str] | None = None) -> dict:
        """The published JSON record (see the JSON Schema in cleaners/schema/). `words`, when
        given, are `lower_words(self.text)` computed by the caller (who needs them too)."""
        m = self.metadata
        return {
            "id": id if id is not None else self.id,
            "url": m.url,
            "site": m.site,
            "title": m.title,
            "subtitle": m.subtitle,
            "authors": list(m.authors),
            "published": m.published,
            "modified": m.modified,
            "language": m.language,
            "text": self.text,
            "images": [i.to_dict() for i in self.images],
            "word_count": word_count(self.text, words),
            "content_hash": content_hash(words if words is not None else lower_words(self.text)),
            "source": source,
            "removed": dict(sorted(self.removed.items())),
            "extractor": self.extractor,
            "scrapeclean_version": __version__,
        }


_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(r"\w*[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]\w*")


def lower_words(text: str) -> list[str]:
    """The words of the lower-cased text: what the content hash and the near-duplicate signature
    (`cleaners.dedup`) are made of."""
    return _WORD.findall(text.lower())


def content_hash(words: list[str]) -> str:
    """Hash of a text's `lower_words`: equal for texts that differ only in case, spacing and punctuation."""
    return "sha256:" + hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


# The one character whose lower case splits a word in two ("İ" -> "i" + a combining dot, which
# is no word character): without it, `lower_words(text)` has exactly the words of `text`.
LOWER_SPLITS_WORDS = "\u0130"


def word_count(text: str, words: list[str] | None = None) -> int:
    """Words in `text`; Chinese and Japanese, written without spaces, count one word per two characters.
    `words`, when given, are `lower_words(text)`, which spares splitting the text again."""
    if words is not None and LOWER_SPLITS_WORDS not in text:
        n = len(words)
    else:
        n = len(_WORD.findall(text))
    if _CJK.search(text):
        n += (len(_CJK.findall(text)) + 1) // 2 - len(_CJK_RUN.findall(text))
    return n
