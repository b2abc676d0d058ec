"""Metadata from plain text: the header lines around the article body.

`from_text(lines, body_start, body_end, url, fetched)` looks at a window of lines before
the body (and the first lines of the body) and finds, in order:

1. title: the best-scoring headline-shaped line (3-40 words, not a sentence, not a menu
   item), scored by its length, its distance to the body, a byline / dateline /
   standfirst right after it, its overlap with the url's slug, and a repeated copy
   (breadcrumb + headline);
2. subtitle: the standfirst line right under the title (a sentence-like line of 6+
   words before any byline or dateline);
3. authors: bylines with a prefix ("By", "Von", "Par", "Por", ...), the names beside a
   dateline ("Jane Doe - Nov 19, 2019"), and bare name lines next to the title, a
   dateline, a role line ("Staff Writer"), an @handle or repeated (an author box);
4. published / modified: the datelines nearest the title ("Updated:" labels give
   `modified`; with only an update date it is also `published`); never a date in a
   sentence (captions, the story);
5. site: `site.site_from_lines` (header/footer name, copyright line, host);
6. language: `detect_language` on the body lines.

Consumed lines near the body get `reason` TITLE / SUBTITLE / BYLINE / DATELINE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cleaners.document import Metadata, Reason
from cleaners.lines import has_odd_case
from cleaners.metadata._regex import trie
from cleaners.metadata.authors import (JOIN_RE, NOT_NAME_WORDS, PARTICLES, PREFIX_ONLY_RE, ROLE_RE, byline,
                                       clean_authors, compact, compact_lines, fold, is_name, is_org)
from cleaners.metadata.authors import _NOT_NAME_EXTRA as NOT_NAME_EXTRA, _TOKEN
from cleaners.metadata.credits import parse_credit
from cleaners.metadata.dates import dateline
from cleaners.metadata.language import detect_language
from cleaners.metadata.title import strip_site
from cleaners.metadata.site import site_from_lines
from cleaners.metadata.url import canonical_url, host_of

# How far from the body start the header is searched (lines before / into the body).
WINDOW_BEFORE = 60
WINDOW_AFTER = 6
# Title shape.
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 3, 40
TITLE_MIN_CHARS_CJK = 8
# Hosts whose numeric dates are month first (01/02/2019 = January 2).
MONTH_FIRST_TLDS = (".com", ".us", ".net", ".org", ".gov", ".edu")
# Lines that are never a title (UI text), matched on the whole line.
_NOT_TITLE_UI = (
    r"skip to (?:main )?content|continue reading.*|advertisement|sponsored|share|"
    r"share (?:this|on).*|sign (?:in|up)|log ?in|subscribe.*|menu|search.*|home|"
    r"read more|more|comments?|related.*|newsletter.*|you are (?:at|here).*|"
    r"breaking(?: news)?|trending.*|most (?:popular|read).*|follow us.*|"
    r"cookie.*|privacy.*|terms.*|all rights reserved.*"
)
_COOKIE_CONSENT = r".*\bcookies?\b.*consent.*"
NOT_TITLE_RE = re.compile(rf"^(?:{_NOT_TITLE_UI}|{_COOKIE_CONSENT})$", re.I)
# NOT_TITLE_RE in two (it matches when one of them does): the consent shape is tried only on a
# line that holds "cookie" and "consent" lower-cased, or one of `lines.ODD_CASE`.
_NOT_TITLE_UI_RE = re.compile(rf"^(?:{_NOT_TITLE_UI})$", re.I)
_COOKIE_CONSENT_RE = re.compile(rf"^(?:{_COOKIE_CONSENT})$", re.I)


def _not_title(text: str) -> bool:
    """`NOT_TITLE_RE.match(text)` found a match."""
    if _NOT_TITLE_UI_RE.match(text):
        return True
    if not has_odd_case(text):
        low = text.lower()
        if "cookie" not in low or "consent" not in low:
            return False
    return _COOKIE_CONSENT_RE.match(text) is not None


_URL_STOP = {"html", "htm", "php", "aspx", "amp", "index", "www", "com", "article", "articles",
             "news", "story", "the", "a", "an", "of", "to", "in", "and", "for", "on", "is"}
_HANDLE_LINE = re.compile(r"^@\w{2,30}$")
_TAIL_OK = re.compile(r"^(?:\d+\s*(?:min|mins|minutes?|h|hrs?|hours?|d|days?|w|weeks?)(?:\s+ago)?|"
                      r"just now|yesterday|today)$", re.I)
# A date without a year ("Updated Nov 19, 6:55 AM"): header furniture, not a title.
_YEARLESS_LABELS = ("updated", "posted", "published", "aktualisiert", "veröffentlicht", "publié", "publicado")
_YEARLESS_DATE = re.compile(  # (no label is a prefix of another: the tree tries them in any order)
    rf"(?:^|\b){trie(_YEARLESS_LABELS)}\b.{{0,12}}"
    r"(?:\d{1,2}:\d{2}|\b[A-Z][a-z]{2,8}\.? \d{1,2}\b)", re.I)
_BREADCRUMB = re.compile(r"(?:\s[>»›/]\s.*){2,}")
_BREADCRUMB_SEPARATORS = tuple(">»›/")  # a breadcrumb holds one (a line without any is searched no further)
_OPENING_QUOTE = tuple("“\"„«‘'")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SENT_END = (".", "!", "?", "…", ":", ";")


@dataclass(slots=True)
class _Info:
    dl: object = None  # Dateline
    names: list | None = None  # names of a byline (prefix or beside a date)
    prefix_byline: bool = False  # "By ..." (also "By Reuters": names == [])
    bare_name: str | None = None  # a line that is just a person's name
    role: bool = False
    handle: bool = False
    credit: bool = False
    yearless: bool = False  # a dateline without a year
    prefix_only: bool = False  # only a byline prefix ("By"): the name is on the next line


# "(?<![\d/.])(\d{1,2})[/.-](\d{1,2})[/.-](?:\d{4}|\d{2})(?!\d)" with the look-behind moved past the
# first digit: a pattern that starts with a digit class lets sre skip ahead to the digits.
_NUMERIC_DATE = re.compile(r"(\d(?<![\d/.]\d)\d?)[/.-](\d{1,2})[/.-](?:\d{4}|\d{2})(?!\d)")


def _dayfirst(lines, host) -> bool | None:
    # one pass over the joined lines finds the same dates in the same order: a match never
    # spans a newline, and a newline is neither a digit, "/" nor "." for the look-arounds
    for m in _NUMERIC_DATE.finditer("\n".join([l.text for l in lines])):
        a, b = int(m[1]), int(m[2])
        if a > 12 >= b:
            return True
        if b > 12 >= a:
            return False
    if host and host.endswith(MONTH_FIRST_TLDS):
        return False
    return True


_HANDLE = re.compile(r"(?<!\w)@\w+")
_SEGMENTS = re.compile(r"(?=[\s,])(?:\s+[/|•·]\s+|\s+[-–—]\s+|\s*,\s*)")
# Characters that no name has (`is_name`) and that splitting a segment into names keeps.
_NEVER_IN_NAME = re.compile(r"[\d@#\\:!?()\[\]{}=+*<>\"“”]")
_SPACE = re.compile(r"\s")
_NAME_SPLIT = re.compile(r"\s*[,/|]\s*|\s[-–—]\s")


_FIRST_PART_END = re.compile(r"[,;/|]")


def _may_start_name(word: str) -> bool:
    """False when `is_name` fails on a name whose first word is `word` (its word test alone).
    The first part of a line's first segment starts with the segment's first word, cut at a
    separator (or without its full stop: the same test)."""
    bare = word.strip(".,'’")
    if not bare:
        return False
    low = bare.lower()
    if low in PARTICLES:
        return True
    if low in NOT_NAME_WORDS or low in NOT_NAME_EXTRA:
        return False
    return _TOKEN.fullmatch(word) is not None and bare[0].isupper()


def _may_be_names(seg: str) -> bool:
    """False when the first segment of a line cannot be split into names (see below)."""
    if _NEVER_IN_NAME.search(seg):
        return False
    if " " not in seg and not _SPACE.search(seg) and seg.strip(",;/|"):
        return False  # one word (a name has two): its parts would be single words
    if seg[0] not in ",;/|" and not _may_start_name(_FIRST_PART_END.split(seg.split(None, 1)[0], 1)[0]):
        return False  # the first name would fail on its first word
    return True


def _names_of_line(text: str) -> list[str] | None:
    """A line that is only a byline without a prefix: "Jane Doe", "Jane Doe @jdoe / 2 days",
    "Jane Doe and John Roe, Associated Press", "JANE DOE, OUTLET". None otherwise."""
    t = (_HANDLE.sub(" ", text) if "@" in text else text).strip()
    if not t or len(t) > 120:
        return None
    # the first segment must be names only (checked before splitting the rest)
    m = _SEGMENTS.search(t)
    seg = (t[:m.start()] if m else t).strip()
    if seg and not _may_be_names(seg):
        return None
    segs = [x.strip() for x in _SEGMENTS.split(t) if x.strip()]
    if not segs or not seg and not _may_be_names(segs[0]):
        return None
    names: list[str] = []
    for k, seg in enumerate(segs):
        parts = [p for p in JOIN_RE.split(seg) if p.strip()] if k == 0 else [seg]
        if k == 0:
            if not all(is_name(p, 2, 4) and not is_org(p) for p in parts):
                return None
            names += parts
        elif is_name(seg, 2, 4) and not is_org(seg):
            names.append(seg)
        elif _TAIL_OK.match(seg) or ROLE_RE.match(seg) or is_org(seg) or (
                len(seg.split()) <= 4 and all(w[:1].isupper() for w in seg.split())):
            continue
        else:
            return None
    out = clean_authors(names)
    return out or None


# Lines longer than this are never header lines (their analysis is empty).
MAX_HEADER_LINE_CHARS = 250
# How many line analyses are remembered: the settle step reads the kept lines again, and a
# site's header lines (menus, bylines, datelines) recur from page to page.
ANALYSIS_CACHE_SIZE = 8192
# Analyses are shared and never changed: from_text replaces an info, it never mutates one.
_NOTHING = _Info()
_ONLY_PREFIX = _Info(prefix_only=True)


def _analyse(line, dayfirst, fetched) -> _Info:
    text = line.text
    if len(text) > MAX_HEADER_LINE_CHARS:
        return _ONLY_PREFIX if PREFIX_ONLY_RE.match(text) else _NOTHING
    return _analyse_text(text, dayfirst, fetched)


@lru_cache(maxsize=ANALYSIS_CACHE_SIZE)
def _analyse_text(text: str, dayfirst, fetched) -> _Info:
    """What one line is (a dateline, a byline, a name, a role, a credit...); a pure function
    of its text, so the result is cached and shared (never mutate it)."""
    info = _Info(prefix_only=PREFIX_ONLY_RE.match(text) is not None)
    dl = dateline(text, dayfirst=dayfirst, fetched=fetched)
    if dl is not None and (dl.published or dl.modified):
        info.dl = dl
        rest = dl.rest
        if rest:
            names = byline(rest)
            if names is not None:
                info.names, info.prefix_byline = names, True
            else:
                info.names = _names_of_line(rest)
        return info
    names = byline(text)
    if names is not None:
        info.names, info.prefix_byline = names, True
        return info
    words = len(text.split())
    if words <= 12 and _YEARLESS_DATE.search(text):
        info.yearless = True
        return info
    cr = parse_credit(text)
    if cr and (cr[0] is None or words <= 12):
        info.credit = True
        return info
    if _HANDLE_LINE.match(text):
        info.handle = True
        return info
    if words <= 5 and ROLE_RE.match(text.strip(" .")):
        info.role = True
        return info
    names = _names_of_line(text)
    if names:
        if len(names) == 1 and _NAME_SPLIT.search(text) is None:
            info.bare_name = names[0]
        else:
            info.names = names
        return info
    return info


_SCHEME_HOST = re.compile(r"^[a-z]+://[^/]+")
_WORD2 = re.compile(r"[^\W\d_]{2,}")
_ASCII_WORD2 = re.compile(r"[a-z]{2,}")  # _WORD2 on lower-case ASCII text (its only letters)


def _words2(low: str) -> list[str]:
    """`_WORD2.findall(low)` of a lower-cased text (by a plain class when it is ASCII)."""
    return (_ASCII_WORD2 if low.isascii() else _WORD2).findall(low)


_WORD = re.compile(r"[^\W\d_]+")


def _slug_tokens(url: str | None) -> set[str]:
    if not url:
        return set()
    path = _SCHEME_HOST.sub("", url.lower()).split("?")[0]
    toks = set(_words2(path)) - _URL_STOP
    return toks


TITLE_CACHE_SIZE = 4096  # texts whose title shape and slug tokens are remembered


def _title_shape(text: str) -> bool:
    return len(text) <= 300 and _title_shape_of(text)


@lru_cache(maxsize=TITLE_CACHE_SIZE)
def _title_shape_of(text: str) -> bool:
    cjk = _CJK.search(text) is not None
    if not cjk and not TITLE_MIN_WORDS <= len(text.split()) <= TITLE_MAX_WORDS:
        return False  # (the word count first: it rules out most lines at once)
    if _not_title(text) or (any(map(text.__contains__, _BREADCRUMB_SEPARATORS))
                                    and _BREADCRUMB.search(text)):
        return False
    if cjk:
        return len(text) >= TITLE_MIN_CHARS_CJK
    # two words or more (`len(_WORD.findall(text)) >= 2`): the second is sought after the first
    first = _WORD.search(text)
    return first is not None and _WORD.search(text, first.end()) is not None


@lru_cache(maxsize=TITLE_CACHE_SIZE)
def _title_tokens(text: str) -> frozenset[str]:
    return frozenset(_words2(text.lower())) - _URL_STOP


def _title_score(i, lines, infos, body_start, slug, lo, hi, keys, keys_joined) -> float:
    text = lines[i].text
    words = len(text.split())
    s = 0.0
    if 5 <= words <= 20:
        s += 2.0
    elif 3 <= words <= 30:
        s += 1.0
    else:
        s -= 0.5
    d = body_start - i
    if d <= 0:
        s -= 2.0 + 0.3 * -d
    else:
        s += max(0.0, 2.5 - 0.1 * d)
    if text.endswith((".", ";", ",")) and words > 6:
        s -= 2.5 if words > 15 else 1.0
    elif text.endswith(":"):
        s -= 2.0
    if text.isupper() and words <= 4:
        s -= 1.0
    if text[:1].islower():
        s -= 1.0
    if text.startswith(_OPENING_QUOTE) and words > 8:
        s -= 2.0
    if words > 25:
        s -= 1.0
    # what follows: a standfirst, a byline, a dateline
    for k, j in enumerate(range(i + 1, min(hi, i + 5))):
        inf = infos.get(j)
        if inf is None:
            continue
        if inf.dl is not None or inf.names is not None or inf.yearless:
            s += 3.5 - 0.5 * k
            break
        if inf.bare_name:
            s += 1.5 - 0.5 * k
            break
    # a standfirst right under the title
    if i + 1 < hi and infos.get(i + 1) is not None:
        nxt = lines[i + 1].text
        if 12 <= len(nxt.split()) <= 60 and nxt.endswith((".", "…")) and not infos[i + 1].credit:
            s += 1.0
    if i == 0 or lines[i].blank_before and i + 1 < len(lines) and lines[i + 1].blank_before:
        s += 0.5  # a paragraph of its own
    # what precedes: a byline/dateline just above the title is common too
    for j in range(max(lo, i - 3), i):
        inf = infos.get(j)
        if inf and (inf.dl is not None or inf.names):
            s += 1.0
            break
    if slug:
        toks = _title_tokens(text)
        if toks:
            overlap = len(toks & slug) / len(toks)
            s += 5.0 * overlap
    key = keys[i]
    if key in keys[max(lo, i - 3):i] or key in keys[i + 1:min(hi, i + 4)]:  # (a copy next to it)
        s += 1.0
    elif len(key) >= 12 and keys_joined.text.count(key) >= 2:
        s += 1.5  # the headline is repeated elsewhere (share text, gallery, <title>)
    return s


def from_text(lines, body_start: int, body_end: int, url: str | None = None,
              fetched: str | None = None, language: bool = True, marks_only: bool = False,
              keys: list[str] | None = None) -> Metadata:
    """Metadata of a text page; marks the consumed header lines near the body.

    With `language=False` the body's language is not detected (a caller that detects it on the
    final text itself saves the work). With `marks_only=True` only the marks are made: the
    metadata returned lacks the url, site and language, and its title is the line as it stands
    (a caller that only wants the lines marked, as `text._settle`, saves that work).
    `keys`: the lines' `authors.compact` keys (as `authors.compact_lines` gives them), when the
    caller has them."""
    md = Metadata(url=None if marks_only else canonical_url(url))
    n = len(lines)
    host = host_of(url)
    if n == 0:
        md.site = host
        return md
    body_start = max(0, min(body_start, n))
    body_end = max(body_start, min(body_end, n))
    lo = max(0, body_start - WINDOW_BEFORE)
    hi = min(n, body_start + WINDOW_AFTER)
    dayfirst = _dayfirst(lines[lo:hi], host)
    infos = {i: _analyse(lines[i], dayfirst, fetched) for i in range(lo, hi)}
    prefix_lines = set()
    # "By" on its own line, the name on the next (bs4 renditions)
    # (the lines are picked before any info is replaced: the text decides, as it always did)
    for i in [i for i in range(lo, hi - 1) if infos[i].prefix_only]:
        nxt = infos[i + 1]
        names = nxt.names or ([nxt.bare_name] if nxt.bare_name else None)
        if names:
            infos[i + 1] = _Info(dl=nxt.dl, names=names, prefix_byline=True)
            prefix_lines.add(i)
    slug = _slug_tokens(url)
    if keys is None:
        keys = compact_lines([l.text for l in lines])
    keys_joined = _Joined(keys)

    # author boxes (a name line repeated with the same line above it: photo alt text) and
    # captions (a line repeated with a credit glued to it) are never the title
    boxed = _box_lines(lines, infos, lo, hi, keys)

    # 1. title
    best, best_s = None, 0.5
    for i in range(lo, hi):
        inf = infos[i]
        if lines[i].reason is not None:  # furniture (a caption, a share row...) is never the title
            continue
        if i in boxed or inf.dl is not None or inf.names is not None or inf.role or \
                inf.handle or inf.credit or inf.yearless or not _title_shape(lines[i].text):
            continue
        sc = _title_score(i, lines, infos, body_start, slug, lo, hi, keys, keys_joined)
        if inf.bare_name:
            sc -= 2.5
        if sc > best_s:
            best, best_s = i, sc
    t = best
    marks: dict[int, Reason] = {}
    if t is not None:
        md.title = lines[t].text if marks_only else strip_site(lines[t].text, (), host)
        marks[t] = Reason.TITLE
        key = keys[t]
        for j in (t - 1, t + 1):
            if lo <= j < hi and keys[j] == key:
                marks[j] = Reason.TITLE

    # 2. subtitle
    if t is not None:
        for j in range(t + 1, min(hi, t + 4)):
            if j in marks:
                continue
            inf = infos[j]
            text = lines[j].text
            if inf.dl is not None or inf.names is not None or inf.bare_name or inf.credit or \
                    inf.yearless:
                break
            if inf.role or inf.handle:
                break
            words = len(text.split())
            if words >= 6 and len(text) <= 400 and not parse_credit(text) and (j < body_start or _header_after(j, infos, hi)):
                md.subtitle = text
                marks[j] = Reason.SUBTITLE
            break

    # 3. authors and 4. dates: the zone around the title, else before the body
    if t is not None:
        zlo, zhi = max(lo, t - 4), min(hi, max(t + 8, body_start + 4))
    else:
        zlo, zhi = max(lo, body_start - 10), min(hi, body_start + 4)
    authors: list[str] = []
    texts = _Folded(lines, lo, hi)
    prefixed = any(infos[i].prefix_byline and infos[i].names for i in range(zlo, zhi))
    date_anchors = {i for i in range(zlo, zhi) if infos[i].dl is not None or infos[i].names
                    or infos[i].yearless}
    for i in range(zlo, zhi):
        inf = infos[i]
        if inf.names is not None:
            if inf.names or inf.prefix_byline:
                authors += inf.names
                marks.setdefault(i, Reason.BYLINE if inf.dl is None else Reason.DATELINE)
        elif inf.bare_name and i != t:
            caps = lines[i].text.isupper()
            reach = 1 if caps else 2
            near = any(0 < abs(i - a) <= reach for a in date_anchors) or (
                t is not None and 0 < i - t <= (2 if caps else 4))
            nxt = infos.get(i + 1)
            # (equal folds have equal keys: the keys pick the lines worth folding)
            repeated = sum(1 for j in range(lo, hi) if keys[j] == keys[i] and texts[j] == texts[i]) >= 2
            if (near and not prefixed) or repeated or (nxt and (nxt.role or nxt.handle)):
                authors.append(inf.bare_name)
                marks.setdefault(i, Reason.BYLINE)
                if nxt and (nxt.role or nxt.handle) and i + 1 < hi:
                    marks.setdefault(i + 1, Reason.BYLINE)
    for i in prefix_lines:
        if i + 1 in marks:
            marks.setdefault(i, Reason.BYLINE)
    md.authors = clean_authors(authors, [host] if host else [])
    if md.authors:
        _mark_author_boxes(lines, infos, texts, lo, hi, md.authors, marks)

    published = modified = None
    order = sorted(range(zlo, zhi), key=lambda i: (abs(i - t) if t is not None else body_start - i,
                                                   0 if t is None or i > t else 1))
    for i in order:
        dl = infos[i].dl
        if dl is None or i in marks and marks[i] in (Reason.TITLE, Reason.SUBTITLE):
            continue
        if dl.published and published is None:
            published = dl.published
            marks.setdefault(i, Reason.DATELINE)
        if dl.modified and modified is None:
            modified = dl.modified
            marks.setdefault(i, Reason.DATELINE)
        if published and modified:
            break
    md.published = published or modified
    md.modified = modified

    # 5. site, 6. language
    if not marks_only:
        md.site = site_from_lines(lines, url, lines[0].text, keys=keys)
    if language and not marks_only:
        body = "\n".join(l.text for l in lines[body_start:body_end])
        md.language = detect_language(body) if body else None

    for i, reason in marks.items():
        if lines[i].reason is None:
            lines[i].reason = reason
            lines[i].role = reason.value
    return md


class _Joined:
    """The lines' keys joined by newlines, joined when first needed."""

    __slots__ = ("keys", "_text")

    def __init__(self, keys):
        self.keys, self._text = keys, None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "\n".join(self.keys)
        return self._text


class _Folded:
    """`fold` of the texts of lines lo..hi-1, by line index, folded when first asked for."""

    __slots__ = ("lines", "lo", "hi", "_folded")

    def __init__(self, lines, lo: int, hi: int):
        self.lines, self.lo, self.hi, self._folded = lines, lo, hi, {}

    def __getitem__(self, i: int) -> str:
        if not self.lo <= i < self.hi:
            raise KeyError(i)
        f = self._folded.get(i)
        if f is None:
            f = self._folded[i] = fold(self.lines[i].text)
        return f

    def get(self, i: int) -> str | None:
        return self[i] if self.lo <= i < self.hi else None


def _box_lines(lines, infos, lo, hi, keys) -> set[int]:
    out: set[int] = set()
    for i in range(lo, hi):
        inf = infos[i]
        if inf.bare_name and i - 1 >= lo:
            same = [j for j in range(lo, hi) if j != i and keys[j] == keys[i]]
            if any(j - 1 >= lo and keys[j - 1] == keys[i - 1] for j in same):
                out.add(i - 1)
        if i + 1 < hi and len(lines[i + 1].text) <= 400 and keys[i] and keys[i + 1].startswith(keys[i]):
            cr = parse_credit(lines[i + 1].text)
            if cr and cr[0] and compact(cr[0]) == keys[i]:
                out.add(i)
    return out


def _header_after(j, infos, hi) -> bool:
    """Whether a byline or dateline follows line j closely (it is still header)."""
    for k in range(j + 1, min(hi, j + 3)):
        inf = infos.get(k)
        if inf and (inf.dl is not None or inf.names is not None or inf.bare_name):
            return True
    return False


def _mark_author_boxes(lines, infos, texts, lo, hi, authors, marks):
    """Mark every copy of an author's name line in the window, and the short line just
    above each copy when it repeats with it (the photo's alt text)."""
    keys = {fold(a) for a in authors}
    copies = [i for i in range(lo, hi) if infos[i].bare_name and fold(infos[i].bare_name) in keys]
    if len(copies) < 2:
        return
    for i in copies:
        marks.setdefault(i, Reason.BYLINE)
    above = [texts.get(i - 1) for i in copies]
    if above[0] and all(a == above[0] for a in above):
        for i in copies:
            prev = lines[i - 1].text
            if i - 1 >= lo and len(prev.split()) <= 6 and not prev.endswith(_SENT_END):
                marks.setdefault(i - 1, Reason.BYLINE)
