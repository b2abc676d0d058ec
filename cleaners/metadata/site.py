"""Site name from page text.

Fallbacks, in order:
1. a short header/footer line that is the host's name ("SlashGear" on slashgear.com,
   "The Hill" on thehill.com) or its initials ("The Wall Street Journal" on wsj.com);
2. the name in a copyright line ("© 2019 Site Name. All rights reserved.") when it names
   the host;
3. the site part of the page's `<title>` line (" - Site" after the headline) when it
   names the host;
4. the name in a copyright line of any kind;
5. the host without "www." (`site_from_url`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from cleaners.metadata.authors import compact
from cleaners.metadata.title import site_like
from cleaners.metadata.url import site_from_url

COPYRIGHT_RE = re.compile(
    r"(?:©|\(c\)|copyright|&copy;)\s*(?:©\s*)?(?:(?:19|20)\d{2}\s*(?:[-–—]\s*(?:19|20)\d{2})?\s*,?\s*)?"
    r"(?:by\s+)?(?P<name>[^.|•·,©\n]{2,60}?)"
    r"(?:\s*(?:(?:19|20)\d{2})\s*)?(?=\s*(?:[.|•·,]|all rights|alle rechte|tous droits|"
    r"todos los derechos|wszelkie prawa|$))",
    re.I,
)
# How many lines at each end of the page count as header / footer.
EDGE_LINES = 60
MAX_NAME_WORDS = 6


_COPYRIGHT_MARK = re.compile(r"(?i)©|copyright|\(c\)")  # a line without one has no copyright
# The same on lower-cased text (case-sensitive, much faster), good unless the text has a
# character whose lower case differs in length or that matches a letter only case-insensitively.
_COPYRIGHT_MARK_LOWER = re.compile(r"©|copyright|\(c\)")
_CASE_ODD = re.compile("[\u0130\u0131\u017f\u212a\u212b]")
_COPYRIGHT_WORD = re.compile(r"^(?:the\s+)?(?:copyright\s+)", re.I)
_DIGITS_SPACES = re.compile(r"[\d\s-]+")


def _copyright_names(lines) -> list[str]:
    out = []
    texts = [line.text for line in lines]
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:  # a text with a newline of its own
        marked = [i for i, t in enumerate(texts) if _COPYRIGHT_MARK.search(t)]
    else:  # the lines holding a mark, by counting the newlines before each mark
        marked, line, pos = [], 0, 0
        if not _CASE_ODD.search(joined):  # lower() keeps the places: search it literally
            joined = joined.lower()
            marks = _COPYRIGHT_MARK_LOWER.finditer(joined)
        else:
            marks = _COPYRIGHT_MARK.finditer(joined)
        for m in marks:
            line += joined.count("\n", pos, m.start())
            pos = m.start()
            if not marked or marked[-1] != line:
                marked.append(line)
    for i in marked:
        t = texts[i]
        m = COPYRIGHT_RE.search(t)
        if m:
            name = m["name"].strip(" -–—:")
            name = _COPYRIGHT_WORD.sub("", name)
            if name and not _DIGITS_SPACES.fullmatch(name) and len(name.split()) <= MAX_NAME_WORDS:
                out.append(name)
    return out


def _host_span(text: str, hkey: str, key: str | None = None) -> str | None:
    """The words of a short line that spell the host's name ("Search SlashGear" ->
    "SlashGear", "Originally published on Live Science." -> "Live Science") or its
    initials ("The Wall Street Journal" on wsj.com). `key`: `compact(text)` when known.

    A span's compact key is the concatenation of its words' keys (`compact` maps character by
    character and drops spaces), so a span can spell the host only when the line's key holds
    it; otherwise only the initials can match."""
    if len(text) > 80 or len(hkey) < 2:
        return None
    spelled = hkey in (compact(text) if key is None else key)
    initials = len(hkey) <= 5
    if not spelled and not initials:
        return None
    words = [w.strip(".,:;!?()\"'“”") for w in text.split()]
    words = [w for w in words if w]
    n = len(words)
    keys = [compact(w) for w in words] if spelled else None
    upper = [w[:1].isupper() for w in words]
    best = None
    for i in range(n):
        the = words[i].lower() == "the"
        for j in range(i + 1, min(n, i + MAX_NAME_WORDS) + 1):
            if spelled and ("".join(keys[i:j]) == hkey or the and "".join(keys[i + 1:j]) == hkey):
                cand = " ".join(words[i:j])
            elif initials and j - i >= 2 and all(upper[i:j]) and \
                    "".join(w[0] for w in words[i:j] if w.lower() not in ("the", "of", "and", "&")).lower() == hkey:
                cand = " ".join(words[i:j])
            else:
                continue
            if best is None or len(cand) > len(best):
                best = cand
    return best


_THE = re.compile(r"(?i)^the\s+")


def site_from_lines(lines, url: str | None = None, title_line: str | None = None,
                    keys: list[str] | None = None) -> str | None:
    """The publisher's name seen in the page's lines, else the host. `keys`: the lines'
    `compact` keys when the caller has them."""
    host = site_from_url(url)
    n = len(lines)
    edges = list(range(min(n, EDGE_LINES))) + list(range(max(EDGE_LINES, n - EDGE_LINES), n))
    names = None
    if host:
        hkey = _host_key(host)
        if keys is None:
            keys = [compact(line.text) for line in lines]
        found = _name_line(lines, keys, hkey)
        if found is not None:
            return found
        short = len(hkey) <= 5  # (the gates of _host_span, here to save calls)
        for i in edges:
            t = lines[i].text
            if len(t) > 80 or not short and hkey not in keys[i]:
                continue
            span = _host_span(t, hkey, keys[i])
            if span:
                return span
        names = _copyright_names(lines[max(0, n - EDGE_LINES):])
        for name in names:
            if site_like(name, (), host):
                return name
        if title_line:
            parts = _TITLE_SEP.split(title_line)
            if len(parts) >= 2 and site_like(parts[-1], (), host):
                return parts[-1].strip()
    if names is None:
        names = _copyright_names(lines[max(0, n - EDGE_LINES):])
    if names and not host:
        return names[0]
    return host


_TITLE_SEP = re.compile(r"\s+(?:\||-|–|—|·|•|::|»)\s+")
_TLD = re.compile(r"\.(?:[a-z]{2,3}\.)?[a-z]{2,6}$")


@lru_cache(maxsize=1024)
def _host_key(host: str) -> str:
    return compact(_TLD.sub("", host).split(".")[-1])


def _name_line(lines, keys, hkey) -> str | None:
    """The first short line that is the host's name, "The" in front or not. Its key is the
    host's key, or "the" + the host's key (compact("The X") == "the" + compact("X"))."""
    the_key = "the" + hkey
    hits = sorted(_indices(keys, hkey) + _indices(keys, the_key))
    for i in hits:
        t = lines[i].text
        if len(t) > 60 or len(t.split()) > MAX_NAME_WORDS:
            continue
        if keys[i] == hkey:
            return t.strip()
        bare = _THE.sub("", t)
        if bare is not t and bare != t and compact(bare) == hkey:
            return t.strip()
    return None


def _indices(items: list[str], value: str) -> list[int]:
    out, i = [], -1
    try:
        while True:
            i = items.index(value, i + 1)
            out.append(i)
    except ValueError:
        return out
