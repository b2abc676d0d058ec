"""What is learned across the pages of a dump: each site's repeated chrome (site boilerplate).

A site repeats its chrome on every page: menus, "More from X" lists, newsletter pitches, "About us"
paragraphs, addresses. Some of it is long, well-punctuated prose that no per-page rule can tell from
an article. `SiteStats` counts, per site (host), on how many pages each normalised line occurs,
keeping 8-byte hashes only. A line seen on at least `min_pages` pages and on at least `min_share`
of the site's pages is that site's boilerplate. Only repetition within one site counts: a
syndicated paragraph that appears on other sites is never boilerplate.

Pure: the caller feeds texts and persists `rows()` where it likes (see flows/).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from cleaners.lines import normalize_text

_NON_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


KEY_CACHE_SIZE = 200_000  # line texts whose key is remembered (then the cache starts again)
_keys: dict[str, int] = {}


def line_key(text: str) -> int:
    """Signed 8-byte key of a line (fits SQLite's INTEGER), equal for lines that differ only in case, digits, spacing or punctuation."""
    key = _keys.get(text)  # a site repeats its chrome on every page: most of a page's lines were keyed before
    if key is None:
        if len(_keys) >= KEY_CACHE_SIZE:
            _keys.clear()
        key = _keys[text] = _compute_key(text)
    return key


def _compute_key(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(_normalized(text), digest_size=8).digest(), "big", signed=True)


# The normal form of a line: case-folded, each run of non-word characters (`[\W_]+`) one space,
# each run of digits (`\d+`) one "0", no space at either end; as UTF-8. It is made with byte
# translation rather than regular expressions (several times cheaper on a long line): ASCII
# letters are lowered, ASCII digits become "0" and other ASCII characters a space, bytes of
# multi-byte characters (>= 0x80) stay; non-ASCII characters are first replaced by " " or "0"
# when the same regular expressions say they are non-word characters or digits.
_ASCII_TABLE = bytes(
    c + 32 if 65 <= c <= 90 else 48 if 48 <= c <= 57 else c if 97 <= c <= 122 or c >= 128 else 32 for c in range(256)
)
_replacements: dict[str, str] = {}  # non-ASCII character -> " ", "0" or itself


def _replacement(char: str) -> str:
    found = _replacements.get(char)
    if found is None:
        found = _replacements[char] = " " if _NON_WORD.match(char) else "0" if _DIGITS.match(char) else char
    return found


def _normalized(text: str) -> bytes:
    if not text.isascii():
        text = text.casefold()
        if not text.isascii():
            for char in set(text):
                if char > "\x7f" and (new := _replacement(char)) != char:
                    text = text.replace(char, new)
    norm = text.encode("utf-8").translate(_ASCII_TABLE)
    while b"  " in norm:
        norm = norm.replace(b"  ", b" ")
    while b"00" in norm:
        norm = norm.replace(b"00", b"0")
    return norm.strip(b" ")


def page_keys(text: str, min_chars: int = 2) -> set[int]:
    """The distinct line keys of one page (each counted once per page)."""
    return {line_key(s) for raw in normalize_text(text).split("\n") if len(s := raw.strip()) >= min_chars}


def site_of(url: str | None) -> str | None:
    """The site a page belongs to: its host, lower-case, without "www."."""
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return None
    return host.removeprefix("www.") or None


@dataclass(slots=True)
class SiteProfile:
    pages: int = 0
    counts: Counter = field(default_factory=Counter)


@dataclass(slots=True)
class SiteStats:
    """Per-site line counts with bounded memory.

    - `min_pages`: a line must occur on at least so many pages of the site...
    - `min_share`: ...and on at least this share of them (widespread, not a quote used twice);
    - `min_site_pages`: sites with fewer pages in the statistics are not judged at all;
    - `max_keys`: per site; beyond it the rarest keys are dropped (they cannot become boilerplate
      soon), so memory stays flat whatever the dump size.
    """

    min_pages: int = 4
    min_share: float = 0.3
    min_site_pages: int = 8
    max_keys: int = 200_000
    sites: dict[str, SiteProfile] = field(default_factory=dict)

    def observe(self, url: str | None, text: str) -> None:
        site = site_of(url)
        if site is None:
            return
        profile = self.sites.setdefault(site, SiteProfile())
        profile.pages += 1
        profile.counts.update(page_keys(text))
        if len(profile.counts) > self.max_keys:
            self._prune(profile)

    def _prune(self, profile: SiteProfile) -> None:
        keep = profile.counts.most_common(self.max_keys // 2)
        profile.counts = Counter(dict(keep))

    def boilerplate(self, url: str | None) -> frozenset[int]:
        """The keys of the lines that are boilerplate on this page's site (empty when unknown)."""
        profile = self.sites.get(site_of(url) or "")
        if profile is None or profile.pages < self.min_site_pages:
            return frozenset()
        need = max(self.min_pages, self.min_share * profile.pages)
        return frozenset(k for k, c in profile.counts.items() if c >= need)

    def merge(self, other: SiteStats) -> None:
        for site, prof in other.sites.items():
            mine = self.sites.setdefault(site, SiteProfile())
            mine.pages += prof.pages
            mine.counts.update(prof.counts)
            if len(mine.counts) > self.max_keys:
                self._prune(mine)

    def rows(self) -> Iterable[tuple[str, int, int]]:
        """(site, key, count) rows, with key 0 holding the page count: for persistence."""
        for site, prof in self.sites.items():
            yield site, 0, prof.pages
            for key, count in prof.counts.items():
                yield site, key, count

    def load_rows(self, rows: Iterable[tuple[str, int, int]]) -> None:
        for site, key, count in rows:
            prof = self.sites.setdefault(site, SiteProfile())
            if key == 0:
                prof.pages += count
            else:
                prof.counts[key] += count
