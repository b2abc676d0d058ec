"""JSON-LD: a lenient parser and the article node of a page.

Parsing fallbacks, in order: `json.loads` -> the same after repairs (HTML comments and
CDATA, JS comments, raw newlines and tabs inside strings, trailing commas) -> several
objects one after another (`raw_decode` loop) -> nothing.

`article_node(blocks, url)` walks top-level items, lists, `@graph` and `mainEntity`,
and takes the first node whose `@type` is Article or a schema.org subtype of it,
preferring one whose `url` / `@id` / `mainEntityOfPage` matches the page url. `@id`
references are resolved against all nodes of the page.
"""

from __future__ import annotations

import json
import re

# schema.org Article and its subtypes (and the few posting types news sites use).
ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle",
    "askpublicnewsarticle", "satiricalarticle", "scholarlyarticle",
    "medicalscholarlyarticle", "techarticle", "apireference", "report",
    "socialmediaposting", "liveblogposting", "discussionforumposting",
    "advertisercontentarticle", "posting", "blogpost", "newsarticlepage",
}
# Page types whose headline/name may serve when there is no article node.
PAGE_TYPES = {"webpage", "itempage", "collectionpage"}
PERSON_TYPES = {"person"}
ORG_TYPES = {"organization", "newsmediaorganization", "corporation", "organisation",
             "educationalorganization", "governmentorganization", "localbusiness",
             "ngo", "brand", "website"}

_COMMENTS = re.compile(r"<!--|-->|<!\[CDATA\[|\]\]>|^\s*//[^\n]*$|/\*.*?\*/", re.M | re.S)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x1f]")


def _repair(text: str) -> str:
    text = _COMMENTS.sub(" ", text)
    text = _CONTROL.sub(" ", text)
    return _TRAILING_COMMA.sub(r"\1", text)


def parse_block(text: str) -> list:
    """One `<script type="application/ld+json">` text -> the JSON values in it."""
    text = (text or "").strip()
    if not text:
        return []
    for candidate in (text, _repair(text)):
        try:
            return [json.loads(candidate)]
        except ValueError:
            pass
    # several objects in one block, or junk after the first
    dec = json.JSONDecoder()
    text = _repair(text)
    out, pos = [], 0
    while pos < len(text):
        while pos < len(text) and text[pos] not in "{[":
            pos += 1
        if pos >= len(text):
            break
        try:
            val, end = dec.raw_decode(text, pos)
        except ValueError:
            pos += 1
            continue
        out.append(val)
        pos = end
    return out


def type_names(node: dict) -> set[str]:
    t = node.get("@type")
    ts = t if isinstance(t, list) else [t]
    out = set()
    for x in ts:
        if isinstance(x, str):
            out.add(x.rsplit("/", 1)[-1].split(":")[-1].lower())
    return out


def _walk(value, out: list):
    """Top-level items, lists, @graph and mainEntity, depth first, in document order."""
    if isinstance(value, list):
        for v in value:
            _walk(v, out)
    elif isinstance(value, dict):
        out.append(value)
        for key in ("@graph", "mainEntity"):
            sub = value.get(key)
            if isinstance(sub, (dict, list)):
                _walk(sub, out)


def _all_nodes(value, out: dict, depth=0):
    if depth > 12:
        return
    if isinstance(value, list):
        for v in value:
            _all_nodes(v, out, depth + 1)
    elif isinstance(value, dict):
        i = value.get("@id")
        if isinstance(i, str) and len(value) > 1 and i not in out:
            out[i] = value
        for v in value.values():
            if isinstance(v, (dict, list)):
                _all_nodes(v, out, depth + 1)


class JsonLd:
    """The JSON-LD of one page: its nodes, the article node and the @id index."""

    def __init__(self, blocks: list, url: str | None = None):
        self.nodes: list[dict] = []
        self.index: dict[str, dict] = {}
        for b in blocks:
            _walk(b, self.nodes)
            _all_nodes(b, self.index)
        self.article = self._pick(url, ARTICLE_TYPES)
        self.page = self._pick(url, PAGE_TYPES) if self.article is None else None

    def resolve(self, value):
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str):
            return self.index.get(value["@id"], value)
        return value

    def _pick(self, url, types) -> dict | None:
        cands = [n for n in self.nodes if type_names(n) & types]
        if not cands:
            return None
        if url and len(cands) > 1:
            key = _url_key(url)
            for n in cands:
                for k in ("url", "@id", "mainEntityOfPage"):
                    v = self.resolve(n.get(k))
                    if isinstance(v, dict):
                        v = v.get("@id") or v.get("url")
                    if isinstance(v, str) and _url_key(v) == key:
                        return n
        return cands[0]

    def get(self, *keys):
        node = self.article or self.page
        if node is None:
            return None
        for k in keys:
            v = node.get(k)
            if v not in (None, "", [], {}):
                return self.resolve(v)
        return None

    def people(self) -> tuple[list[str], list[str]]:
        """(person names, organisation names) of the article's author (else creator)."""
        raw = self.get("author")
        if raw is None:
            raw = self.get("creator")
        persons, orgs = [], []
        for a in raw if isinstance(raw, list) else [raw]:
            a = self.resolve(a)
            if isinstance(a, str):
                persons.append(a)
            elif isinstance(a, dict):
                name = a.get("name")
                if isinstance(name, list):
                    name = " ".join(x for x in name if isinstance(x, str))
                if not isinstance(name, str):
                    gn, fn = a.get("givenName"), a.get("familyName")
                    name = " ".join(x for x in (gn, fn) if isinstance(x, str)) or None
                if not name:
                    continue
                if type_names(a) & ORG_TYPES:
                    orgs.append(name)
                else:
                    persons.append(name)
        return persons, orgs

    def publisher(self) -> str | None:
        p = self.get("publisher")
        if isinstance(p, list):
            p = p[0] if p else None
        p = self.resolve(p)
        if isinstance(p, dict):
            n = p.get("name")
            return n.strip() if isinstance(n, str) and n.strip() else None
        return p.strip() if isinstance(p, str) and p.strip() else None

    def website_name(self) -> str | None:
        for n in self.nodes:
            if "website" in type_names(n) and isinstance(n.get("name"), str):
                return n["name"].strip() or None
        return None


def _url_key(u: str) -> str:
    u = re.sub(r"^https?://(?:www\.)?", "", u.strip().lower())
    return u.split("#")[0].split("?")[0].rstrip("/")
