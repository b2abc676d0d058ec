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


def site_from_lines(lines, url: str | None = None, title_line: str | None = None) -> str | None:
    """The publisher's name seen in the page's lines, else the host."""
    host = site_from_url(url)
    n = len(lines)
    edges = list(lines[:EDGE_LINES]) + list(lines[max(EDGE_LINES, n - EDGE_LINES):])
    if host:
        hkey = compact(re.sub(r"\.(?:[a-z]{2,3}\.)?[a-z]{2,6}$", "", host).split(".")[-1])
        for line in edges:
            t = line.text
            if len(t) > 60 or len(t.split()) > MAX_NAME_WORDS:
                continue
            if compact(t) == hkey or compact(re.sub(r"(?i)^the\s+", "", t)) == hkey:
                return t.strip()
        for line in edges:
            t = line.text
            if 2 <= len(t.split()) <= MAX_NAME_WORDS and len(t) <= 60 and t[0].isupper() and \
                    site_like(t, (), host) and not re.search(r"[@/:]|\.\w{2,3}$", t) and \
                    len(compact(t)) <= 3 * max(4, len(hkey)):
                return t.strip()
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
