"""Canonical URL and the host-derived site name.

Fallbacks for `canonical_url`: courlan's `normalize_url` (lowercase scheme and host,
default port, tracking parameters removed, sorted query) -> a plain urllib rebuild.
The fragment is always dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track the visitor (on top of courlan's own list).
TRACKING_PARAMS = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|yclid|mc_cid|mc_eid|_ga|_gl|igshid|ocid|cmpid|smid)$",
    re.I,
)
# Host prefixes that are not part of a site's name.
HOST_PREFIXES = re.compile(r"^(?:www\d*|m|amp|mobile)\.", re.I)


# Urls remembered by canonical_url and host_of (the pipeline asks about a page's url several
# times; courlan's normalisation is the slow part).
URL_CACHE_SIZE = 4096
URL_CACHE_MAX_CHARS = 2048  # longer urls are not remembered


def canonical_url(url: str | None) -> str | None:
    """Lowercase host, no tracking parameters, no fragment. None for a non-http(s) url."""
    if not url or not isinstance(url, str):
        return None
    return _canonical_url(url) if len(url) <= URL_CACHE_MAX_CHARS else _canonical_url.__wrapped__(url)


@lru_cache(maxsize=URL_CACHE_SIZE)
def _canonical_url(url: str) -> str | None:
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not TRACKING_PARAMS.match(k)])
    rebuilt = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))
    try:
        from courlan import normalize_url

        out = normalize_url(rebuilt, strict=False)
    except Exception:  # courlan rejects some odd urls; keep the plain rebuild
        out = rebuilt
    return out.split("#", 1)[0]


def host_of(url: str | None) -> str | None:
    """The lowercase host name without port and without a leading "www."."""
    if not url or not isinstance(url, str):
        return None
    return _host_of(url) if len(url) <= URL_CACHE_MAX_CHARS else _host_of.__wrapped__(url)


@lru_cache(maxsize=URL_CACHE_SIZE)
def _host_of(url: str) -> str | None:
    try:
        host = urlsplit(url.strip() if "//" in url else "//" + url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return HOST_PREFIXES.sub("", host.lower().rstrip("."))


def site_from_url(url: str | None) -> str | None:
    """The site as its host without "www." (the last fallback for `site`)."""
    return host_of(url)
