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


def _copyright_names(lines) -> list[str]:
    out = []
    for line in lines:
        t = line.text
        if "©" not in t and not re.search(r"(?i)copyright|\(c\)", t):
            continue
        m = COPYRIGHT_RE.search(t)
        if m:
            name = m["name"].strip(" -–—:")
            name = re.sub(r"^(?:the\s+)?(?:copyright\s+)", "", name, flags=re.I)
            if name and not re.fullmatch(r"[\d\s-]+", name) and len(name.split()) <= MAX_NAME_WORDS:
                out.append(name)
    return out


def _host_span(text: str, hkey: str) -> str | None:
    """The words of a short line that spell the host's name ("Search SlashGear" ->
    "SlashGear", "Originally published on Live Science." -> "Live Science") or its
    initials ("The Wall Street Journal" on wsj.com)."""
    if len(text) > 80 or len(hkey) < 2 or hkey not in compact(text) and len(hkey) > 5:
        return None
    words = [w.strip(".,:;!?()\"'“”") for w in text.split()]
    words = [w for w in words if w]
    best = None
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + MAX_NAME_WORDS) + 1):
            span = words[i:j]
            c = compact(" ".join(span))
            c_nothe = compact(" ".join(span[1:])) if span[0].lower() == "the" else None
            if c == hkey or c_nothe == hkey:
                cand = " ".join(span)
            elif len(span) >= 2 and all(w[:1].isupper() for w in span) and len(hkey) <= 5 and \
                    "".join(w[0] for w in span if w.lower() not in ("the", "of", "and", "&")).lower() == hkey:
                cand = " ".join(span)
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
    edges = list(lines[:EDGE_LINES]) + list(lines[max(EDGE_LINES, n - EDGE_LINES):])
    if host:
        hkey = compact(re.sub(r"\.(?:[a-z]{2,3}\.)?[a-z]{2,6}$", "", host).split(".")[-1])
        for i, line in enumerate(lines):
            t = line.text
            if len(t) > 60 or len(t.split()) > MAX_NAME_WORDS:
                continue
            if (keys[i] if keys is not None else compact(t)) == hkey:
                return t.strip()
            bare = _THE.sub("", t)
            if bare is not t and bare != t and compact(bare) == hkey:
                return t.strip()
        for line in edges:
            span = _host_span(line.text, hkey)
            if span:
                return span
        for name in _copyright_names(lines[max(0, n - EDGE_LINES):]):
            if site_like(name, (), host):
                return name
        if title_line:
            parts = re.split(r"\s+(?:\||-|–|—|·|•|::|»)\s+", title_line)
            if len(parts) >= 2 and site_like(parts[-1], (), host):
                return parts[-1].strip()
    names = _copyright_names(lines[max(0, n - EDGE_LINES):])
    if names and not host:
        return names[0]
    return host
