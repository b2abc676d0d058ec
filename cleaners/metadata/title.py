"""Titles: the headline without the site's name around it.

HTML fallbacks, in order: JSON-LD `headline` (else `name`) -> `og:title` ->
`twitter:title` -> the first `<h1>` -> `<title>`. A candidate from `og:title` /
`twitter:title` / `<title>` that shares less than half of its words with the `<h1>` or
the `<title>` is the site's or the section's title and is skipped.

`strip_site(title, names, host)` removes a leading "Site | " or trailing " | Site" /
" - Site" / " – Site" / " :: Site" part that names the site (its name, its host, or the
host's initials: "WSJ").
"""

from __future__ import annotations

import re

from cleaners.metadata.authors import compact, fold

# Separators between a headline and the site name.
SEPARATORS = r"\s+(?:\||-|–|—|·|•|::|»|›|~|/)\s+|\s*[|｜]\s*"
_SEP_RE = re.compile(f"({SEPARATORS})")
# Generic tails that name no site but are never part of a headline.
GENERIC_TAILS = re.compile(r"^(?:home|homepage|news|latest news|breaking news|blog|"
                           r"startseite|nachrichten|actualités|noticias|wiadomości)$", re.I)


def _host_keys(host: str | None) -> set[str]:
    if not host:
        return set()
    labels = host.lower().split(".")
    keys = {compact(host)}
    # the registrable label: "edition.cnn.com" -> "cnn", "bbc.co.uk" -> "bbc"
    core = [lab for lab in labels[:-1] if lab not in ("www", "m", "amp", "co", "com", "org",
                                                        "net", "ac", "gov", "edu")]
    if core:
        keys.add(compact(core[-1]))
    keys.discard("")
    return keys


def site_like(segment: str, names=(), host: str | None = None) -> bool:
    """Whether a title segment names the site: its name, its host, or their initials."""
    c = compact(segment)
    if not c or len(segment) > 80:
        return False
    keys = {compact(n) for n in names if n} | _host_keys(host)
    keys.discard("")
    for k in keys:
        if c == k:
            return True
        if len(k) >= 4 and len(c) >= 4 and (k in c or c in k):
            return True
    words = re.findall(r"[^\W\d_]+", segment)
    if 2 <= len(words) <= 6:
        initials = "".join(w[0] for w in words if w.lower() not in ("the", "of", "and", "&")).lower()
        if initials and initials in keys:
            return True
    return False


def strip_site(title: str | None, names=(), host: str | None = None, any_pipe: bool = False) -> str | None:
    """Remove the site's name in front of or after the headline.

    `any_pipe`: also drop any trailing " | ..." part (for `<title>`, whose pipe tails are
    sections and sites)."""
    if not title:
        return title
    t = re.sub(r"\s+", " ", title).strip()
    for _ in range(3):
        parts = _SEP_RE.split(t)
        if len(parts) < 3:
            break
        last, first = parts[-1], parts[0]
        if site_like(last, names, host) or GENERIC_TAILS.match(last.strip()) or (
                any_pipe and "|" in parts[-2] and len(last.split()) <= 5):
            t = "".join(parts[:-2]).strip()
        elif site_like(first, names, host) and len("".join(parts[2:]).split()) >= 2:
            t = "".join(parts[2:]).strip()
        else:
            break
    return t or title.strip()


def shares_words(a: str, b: str, share: float = 0.5) -> bool:
    """Whether at least `share` of a's words occur in b."""
    wa = fold(a).split()
    wb = set(fold(b).split())
    if not wa:
        return False
    return sum(w in wb for w in wa) / len(wa) >= share


def title_tokens(s: str) -> list[str]:
    return fold(s).split()


def token_f1(a: str, b: str) -> float:
    from collections import Counter

    ca, cb = Counter(title_tokens(a)), Counter(title_tokens(b))
    tp = sum((ca & cb).values())
    if not tp:
        return 0.0
    p, r = tp / sum(ca.values()), tp / sum(cb.values())
    return 2 * p * r / (p + r)
