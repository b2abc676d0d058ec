"""Metadata from HTML: structured data first, then meta tags, then the visible page.

Fallbacks per field, in order:

- title: JSON-LD headline/name -> og:title -> twitter:title -> first <h1> -> <title>
  (og/twitter/<title> must share half their words with the <h1> or <title>); the site
  name before or after the headline is removed.
- subtitle: JSON-LD description -> og:description -> meta description (only when it is
  not the start of the body; the lead may ignore it).
- authors: JSON-LD author (else creator) persons -> meta author / article:author /
  dc.creator / byl / parsely-author / sailthru.author -> visible byline elements
  (rel=author, itemprop=author, class "byline" / "author") -> none.
- published: JSON-LD datePublished (else dateCreated) -> publication meta tags ->
  <time pubdate> / itemprop datePublished -> htmldate (original date, no extensive search).
- modified: JSON-LD dateModified -> article:modified_time / og:updated_time -> none.
- language (declared): <html lang> -> content-language -> og:locale -> JSON-LD inLanguage.
- site: og:site_name -> JSON-LD publisher.name -> JSON-LD WebSite name ->
  application-name -> the host without "www.".
- url: the given url, else <link rel=canonical>, else og:url; canonicalised.
"""

from __future__ import annotations

import re

from cleaners.document import Metadata
from cleaners.metadata.authors import clean_authors, compact, is_org
from cleaners.metadata.dates import parse_date
from cleaners.metadata.jsonld import JsonLd, parse_block
from cleaners.metadata.language import normalize_language
from cleaners.metadata.title import shares_words, strip_site
from cleaners.metadata.url import canonical_url, host_of, site_from_url

# Meta tag keys (name / property / itemprop, lowercase), per field, in order.
META_TITLE = ("og:title", "twitter:title")
META_DESCRIPTION = ("og:description", "description", "twitter:description")
META_AUTHORS = ("author", "article:author", "og:article:author", "dc.creator", "dc:creator",
                "dcterms.creator", "byl", "parsely-author", "sailthru.author", "citation_author",
                "twitter:creator:name", "cxenseparse:author", "dc.contributor")
META_PUBLISHED = ("article:published_time", "og:article:published_time", "og:published_time",
                  "article:published", "datepublished", "pubdate", "publishdate",
                  "publish-date", "publish_date", "publication_date", "date", "dc.date",
                  "dc.date.issued", "dc.date.created", "dcterms.created", "dcterms.date",
                  "dcterms.issued", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime",
                  "citation_publication_date", "citation_date", "article.published",
                  "originalpublicationdate", "dc:date", "date_published", "publication-date")
META_MODIFIED = ("article:modified_time", "og:article:modified_time", "og:updated_time",
                 "datemodified", "last-modified", "dcterms.modified", "dc.date.modified",
                 "article:modified", "lastmod", "article.updated")
META_SITE = ("og:site_name", "application-name", "twitter:app:name:iphone", "al:ios:app_name",
             "publisher", "dc.publisher", "cxenseparse:site")
META_LANGUAGE = ("content-language", "dc.language", "language", "og:locale", "inlanguage")
# Visible byline elements (XPath), in order.
BYLINE_XPATHS = (
    "//*[@rel='author']",
    "//*[@itemprop='author']//*[@itemprop='name']",
    "//*[@itemprop='author' and not(.//*[@itemprop='name'])]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' byline ')]",
    "//*[contains(@class, 'author-name') or contains(@class, 'author__name') or "
    "contains(@class, 'authorName') or contains(@class, 'byline__name') or "
    "contains(@class, 'byline-name')]",
)
MAX_BYLINE_CHARS = 120


def _parse(html: str):
    import lxml.html

    if not html or not html.strip():
        return None
    try:
        return lxml.html.fromstring(html.encode("utf-8", "surrogatepass") if
                                    html.lstrip().startswith("<?xml") else html)
    except Exception:
        try:
            return lxml.html.fromstring(html.encode("utf-8", "replace"))
        except Exception:
            return None


def _text(el) -> str:
    return re.sub(r"\s+", " ", el.text_content() or "").strip()


def _meta(tree) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in tree.iter("meta"):
        content = m.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            k = m.get(attr)
            if k:
                out.setdefault(k.strip().lower(), []).append(content.strip())
    return out


def _first(meta: dict, keys) -> str | None:
    for k in keys:
        for v in meta.get(k, ()):
            if v:
                return v
    return None


def _jsonld(tree, url) -> JsonLd:
    blocks = []
    for s in tree.iter("script"):
        if (s.get("type") or "").strip().lower() == "application/ld+json":
            blocks.extend(parse_block(s.text or ""))
    return JsonLd(blocks, url)


def _str(v) -> str | None:
    if isinstance(v, list):
        v = next((x for x in v if isinstance(x, str) and x.strip()), None)
    if isinstance(v, str):
        import html as _h

        v = re.sub(r"\s+", " ", _h.unescape(v)).strip()
        return v or None
    return None


def from_html(html: str, url: str | None = None, tree=None) -> Metadata:
    """Metadata of an HTML page. `language` is the declared one (the lead detects it on
    the body with `detect_language(body, declared)`). `tree` is an already parsed lxml
    tree of the same page (saves a parse)."""
    md = Metadata()
    if tree is None:
        tree = _parse(html)
    if tree is None:
        md.url = canonical_url(url)
        md.site = site_from_url(url)
        return md
    meta = _meta(tree)
    ld = _jsonld(tree, url)

    # url
    canon = None
    for link in tree.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical" and link.get("href"):
            canon = link.get("href").strip()
            break
    md.url = canonical_url(url) or canonical_url(canon) or canonical_url(_first(meta, ("og:url",)))
    host = host_of(md.url or url)

    # site and publisher
    md.publisher = _str(ld.publisher())
    og_site = _str(_first(meta, META_SITE))
    site = og_site or md.publisher or _str(ld.website_name())
    md.site = site or site_from_url(md.url or url)
    names = [n for n in (og_site, md.publisher, _str(ld.website_name())) if n]

    # title
    title_el = next(tree.iter("title"), None)
    title_tag = _text(title_el) if title_el is not None else None
    h1 = None
    for el in tree.iter("h1"):
        t = _text(el)
        if t:
            h1 = t
            break
    cands = [(_str(ld.get("headline")), False)]
    if ld.article is not None:
        cands.append((_str(ld.get("name")), False))
    cands += [(_str(meta.get(k)), True) for k in META_TITLE]
    cands += [(h1, False), (title_tag, None)]
    for cand, check in cands:
        if not cand:
            continue
        if check is True and (h1 or title_tag) and not any(
                shares_words(cand, ref) for ref in (h1, title_tag) if ref):
            continue
        stripped = strip_site(cand, names, host, any_pipe=check is None)
        if stripped and len(stripped) >= 3:
            md.title = stripped
            break

    # subtitle
    desc = _str(ld.get("description")) or _str(_first(meta, META_DESCRIPTION))
    if desc and md.title and compact(desc) != compact(md.title):
        md.subtitle = desc

    # authors
    not_persons = names + ([host] if host else [])
    persons, _orgs = ld.people()
    authors = clean_authors([p for p in persons if isinstance(p, str)], not_persons)
    if not authors and not persons:
        raw = []
        for k in META_AUTHORS:
            for v in meta.get(k, ()):
                if not re.match(r"https?://", v):
                    raw.append(v)
            if raw:
                break
        authors = clean_authors(raw, not_persons)
        if not authors and not raw and not _orgs:
            authors = _visible_bylines(tree, not_persons)
    md.authors = authors

    # dates
    md.published = parse_date(_str(ld.get("datePublished", "dateCreated"))) or \
        parse_date(_first(meta, META_PUBLISHED)) or _time_element(tree)
    md.modified = parse_date(_str(ld.get("dateModified"))) or parse_date(_first(meta, META_MODIFIED))
    if md.published is None:
        md.published = _htmldate(tree, url)

    # declared language
    lang = tree.get("lang") or tree.get("xml:lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    md.language = normalize_language(lang) or normalize_language(_first(meta, META_LANGUAGE)) or \
        normalize_language(_str(ld.get("inLanguage")))
    return md


def _visible_bylines(tree, not_persons) -> list[str]:
    for xp in BYLINE_XPATHS:
        try:
            els = tree.xpath(xp)
        except Exception:
            continue
        raw = []
        for el in els[:6]:
            t = _text(el)
            if t and len(t) <= MAX_BYLINE_CHARS:
                raw.append(t)
        names = clean_authors(raw, not_persons)
        if names:
            return names[:4]
    return []


def _time_element(tree) -> str | None:
    for xp in ("//time[@pubdate]", "//*[@itemprop='datePublished']"):
        try:
            els = tree.xpath(xp)
        except Exception:
            continue
        for el in els[:2]:
            v = el.get("datetime") or el.get("content") or _text(el)
            d = parse_date(v)
            if d:
                return d
    return None


def _htmldate(tree, url) -> str | None:
    try:
        from htmldate import find_date

        return find_date(tree, extensive_search=False, original_date=True, url=url)
    except Exception:
        return None


__all__ = ["from_html", "is_org"]
