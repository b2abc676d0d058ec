"""HTML -> CleanDocument: trafilatura finds the article, the furniture rules clean what it kept.

The pipeline, one step each:
1. parse the page once with lxml (`htmltext.parse_html`: no network, bounded trees); the tree
   feeds the metadata extractor (JSON-LD, meta tags, `<time>`: `cleaners.metadata.from_html`),
   then loses its scripts and styles and feeds trafilatura, the figure scan and the fallback;
2. extract the main content with trafilatura in precision mode, comments off (the best of its
   modes on the dev set, measured with benchmarks/dev_html.py); its fast mode first, the full
   comparison with readability/jusText only when the fast result is short (the only case where
   that comparison changes the result); an article split over sibling containers of one class
   gets its other chunks back; a result of fewer than `options.html_min_words` words is retried
   in trafilatura's balanced mode;
3. second pass over the extracted lines with the plain-text furniture rules (one set of rules
   for both paths), honouring the marks that hold inside a clean body: share lines, subscription
   and newsletter prompts, cookie and ad markers, teaser headings and the headline lists they
   open; comment widgets (and all after them), legal lines and promos only in the tail. Then
   rules that need the page: captions that slipped through (the page's `<figcaption>`s), runs
   of lines that are each a whole link (teaser lists), the headline, byline and dateline at the
   top, contributor/contact credits and tag lists at the end;
4. when the extraction is still too short, the page's rendered text (`htmltext.inner_text`) goes
   through the plain-text pipeline instead (`extractor="html-fallback"`);
5. images come from `<figure>`/`<figcaption>` in the article; the language from the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from cleaners.document import CleanDocument, Image, Metadata, Reason
from cleaners.furniture import mark_furniture, teasers
from cleaners.htmltext import decode_html, inner_text, parse_html, strip_non_content
from cleaners.lines import Line, split_lines
from cleaners.options import DEFAULT, Options
from cleaners.text import assemble, clean_text

try:  # the metadata package (issue 5)
    from cleaners.metadata import detect_language, from_html, parse_credit
except ImportError:  # pragma: no cover - only while the package is being written
    from cleaners.furniture.captions import parse_credit

    from_html = None
    detect_language = None

_WORD = re.compile(r"\w+")

# trafilatura settings, chosen by measurement on the dev set (benchmarks/dev_html.py).
TRAFILATURA_PRECISION = dict(favor_precision=True, include_comments=False, include_tables=True)
TRAFILATURA_BALANCED = dict(include_comments=False, include_tables=True)
# trafilatura's `fast` mode skips its comparison with readability and jusText, which only
# overrides its own result when that is short or much shorter than the alternatives'. So the
# fast result is kept unless it is short in characters or as a share of the page's text, and
# then the full comparison runs (same dev-set F1, a third less time).
TRAFILATURA_FAST = dict(TRAFILATURA_PRECISION, fast=True)
FULL_BELOW_CHARS = 2000
FULL_BELOW_SHARE = 0.2

# Marks of the furniture rules honoured inside an extracted body. The others (navigation runs,
# legal lines, captions found by shape) misfire on the short lines a clean body has.
HONOURED = frozenset(
    {
        Reason.SHARE,
        Reason.SUBSCRIPTION,
        Reason.NEWSLETTER,
        Reason.TEASER,
        Reason.COOKIE,
        Reason.ADVERTISEMENT,
    }
)
# Honoured only in the tail of the body (after this share of its words).
TAIL_ONLY = frozenset({Reason.COMMENTS, Reason.LEGAL, Reason.PROMO})
TAIL_SHARE = 0.6
# A comment widget line in the tail ends the article.
CUT_AFTER = frozenset({Reason.COMMENTS})
# After a teaser heading, the following lines are its headline list while they are not prose.
TEASER_LIST_MAX_WORDS = 25
# A too-short extraction gives way to the text path when that keeps at least this share of its words.
FALLBACK_SHARE = 0.8


def clean_html(html: str | bytes, url: str | None = None, options: Options = DEFAULT) -> CleanDocument:
    """Clean one HTML page. Never raises on str or bytes input."""
    if isinstance(html, bytes):
        html = decode_html(html[: options.max_chars * 4])
    if not isinstance(html, str):
        raise TypeError(f"clean_html expects str or bytes, got {type(html).__name__}")
    html = html[: options.max_chars]
    tree = parse_html(html)
    metadata = _metadata(html, url, tree)
    if tree is None:
        doc = clean_text(_strip_tags(html), url=url, options=options)
        return _finish(doc, metadata, "html-fallback")
    strip_non_content(tree)  # after the metadata, which reads scripts other than JSON-LD too

    blocks = _extract(tree, url, TRAFILATURA_FAST)
    if _needs_full(blocks, tree):
        blocks = _extract(tree, url, TRAFILATURA_PRECISION)
    if RULES["siblings"]:
        blocks = _add_sibling_chunks(tree, blocks)
    words = _words(blocks)
    if words < options.html_min_words:
        retry = _extract(tree, url, TRAFILATURA_BALANCED)
        if _words(retry) > words:
            blocks, words = retry, _words(retry)

    if words < options.html_min_words:
        fallback = clean_text(inner_text(tree), url=url, options=options)
        # Near-equal counts favour the text path: its rules were made for whole short pages.
        if fallback.word_count and fallback.word_count >= FALLBACK_SHARE * words:
            if not fallback.images:
                fallback.images = figures(tree)
            return _finish(fallback, metadata, "html-fallback")

    text, removed = second_pass(blocks, page_context(tree, metadata), options)
    doc = CleanDocument(text=text, metadata=metadata, images=figures(tree), removed=removed, extractor="html")
    return _finish(doc, metadata, "html")


# ---------------------------------------------------------------- extraction


def _extract(tree: HtmlElement, url: str | None, settings: dict) -> list[str]:
    """Run trafilatura on the parsed tree; the body's lines (one per paragraph, item or row)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, **settings)
    except Exception:  # trafilatura is robust, but a hostile page must not take us down
        return []
    if doc is None or not doc.text:
        return []
    return [line for line in doc.text.split("\n") if line.strip()]


# ---------------------------------------------------------------- split bodies

# Block elements whose text makes up a chunk of article body.
_CHUNK_BLOCKS = ("p", "h2", "h3", "h4", "li", "blockquote")
_NOT_IN_CHUNK = frozenset(("figure", "figcaption", "aside", "nav", "footer", "form", "button"))
SIBLING_LEVELS = 4  # how far up the chunks' common ancestor may be
CHUNK_MIN_PARAGRAPHS = 3  # a chunk needs this many paragraphs of CHUNK_MIN_WORDS words
CHUNK_MIN_WORDS = 15
MATCH_MIN_WORDS = 8  # extracted lines this long locate the extraction in the page


def _add_sibling_chunks(tree: HtmlElement, blocks: list[str]) -> list[str]:
    """Some sites split the article body into several containers of one class (with ads between);
    trafilatura keeps one. Add the text of the others, in page order."""
    # Cheap keys (lower case, single spaces): enough of the long lines match to place the extraction.
    wanted = {" ".join(line.lower().split()) for line in blocks if line.count(" ") >= MATCH_MIN_WORDS - 1}
    if not wanted:
        return blocks
    shortest = min(len(key) for key in wanted)
    found = []
    for p in tree.iter("p"):
        text = p.text_content()
        if len(text) >= shortest and " ".join(text.lower().split()) in wanted:
            found.append(p)
    if not found:
        return blocks
    container = _common_ancestor(found)
    if container is None or not container.get("class") or container.tag in ("body", "html"):
        return blocks
    cls, tag = container.get("class"), container.tag
    related = set(container.iterancestors())
    scope = container
    for _ in range(SIBLING_LEVELS):
        parent = scope.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        scope = parent
    chunks: list[HtmlElement] = []
    for el in scope.iter(tag):
        if el is container or el.get("class") != cls or el in related:
            continue
        if any(a is container for a in el.iterancestors()):
            continue
        chunks.append(el)
    if not chunks:
        return blocks
    # Chunks of one article share its <article> element (the next article of an endless page does not).
    home = next(container.iterancestors("article"), None)
    if home is not None:
        chunks = [c for c in chunks if next(c.iterancestors("article"), None) is home]
        if not chunks:
            return blocks
    order = {el: i for i, el in enumerate(scope.iter())}
    before: list[str] = []
    after: list[str] = []
    for chunk in chunks:
        if next(chunk.iter("h1"), None) is not None:  # a new article, not a chunk of this one
            continue
        texts = _chunk_texts(chunk)
        if sum(1 for t in texts if len(_WORD.findall(t)) >= CHUNK_MIN_WORDS) < CHUNK_MIN_PARAGRAPHS:
            continue
        (before if order[chunk] < order[container] else after).extend(texts)
    return before + blocks + after if before or after else blocks


def _common_ancestor(elements: list[HtmlElement]) -> HtmlElement | None:
    if len(elements) == 1:
        return elements[0].getparent()
    paths = [list(reversed([e, *e.iterancestors()])) for e in elements]
    common = None
    for level in zip(*paths):
        if all(x is level[0] for x in level):
            common = level[0]
        else:
            break
    if common is not None and common in elements:  # one found element inside another
        common = common.getparent()
    return common


def _chunk_texts(chunk: HtmlElement) -> list[str]:
    texts = []
    taken: set[HtmlElement] = set()
    for el in chunk.iter(*_CHUNK_BLOCKS):
        ancestors = []
        skip = False
        for a in el.iterancestors():
            if a is chunk:
                break
            if a in taken or a.tag in _NOT_IN_CHUNK:
                skip = True
                break
            ancestors.append(a)
        if skip:
            continue
        taken.add(el)
        text = _clean(el.text_content())
        if text:
            texts.append(text)
    return texts


def _needs_full(blocks: list[str], tree: HtmlElement) -> bool:
    """Whether the fast extraction is short enough that trafilatura's comparison could change it."""
    chars = sum(len(line) + 1 for line in blocks)
    if chars < FULL_BELOW_CHARS:
        return True
    page = tree.xpath("string-length(normalize-space(/*/body))")  # in C: no Python copy of the page
    return chars < FULL_BELOW_SHARE * page


def _words(blocks: list[str]) -> int:
    return sum(len(_WORD.findall(text)) for text in blocks)


# ---------------------------------------------------------------- second pass


@dataclass(slots=True)
class PageContext:
    """What the second pass knows about the page beyond the extracted text (all normalised)."""

    captions: set[str] = field(default_factory=set)  # <figcaption> texts (and their caption parts)
    titles: set[str] = field(default_factory=set)  # the headline: metadata title, <h1>, og:title
    tree: HtmlElement | None = None  # the page, for the link texts (computed when first needed)
    _anchors: set[str] | None = None

    @property
    def anchors(self) -> set[str]:
        """Texts of the page's links of 3+ words."""
        if self._anchors is None:
            self._anchors = set()
            if self.tree is not None:
                for link in self.tree.iter("a"):
                    norm = _norm(link.text_content())
                    if norm.count(" ") >= 2:
                        self._anchors.add(norm)
        return self._anchors


# The second-pass rules by name (benchmarks toggle them to measure each one).
RULES = {
    "title": True,  # the headline repeated at the top of the body
    "header": True,  # byline and dateline lines at the top of the body
    "credits": True,  # contributor and contact lines at the end ("Reporting by ...")
    "links": True,  # runs of lines that are each a whole link: teaser lists
    "tags": True,  # "Tags: ..." / "Filed under: ..." lines at the end
    "siblings": True,  # the article split over sibling containers of one class: the other chunks
}
HEADER_LINES = 4  # the top lines searched for title, byline, dateline
CREDIT_LINES = 4  # the last lines searched for contributor credits
HEADER_MAX_WORDS = 14

# A capitalised name of up to four words (case-sensitive inside the case-insensitive patterns).
_NAME = r"(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})"
CREDIT_LINE = re.compile(
    # "Reporting by ...; Editing by ...", "Additional reporting by ...", "Contributing: ..."
    r"^\(?(?:(?:additional|further|with) )?(?:reporting|writing|editing|research|contributing) (?:by|from)\b"
    r"|^\(?(?:reporting|editing|contributing|contributors?|mitarbeit|redaktion|bearbeitung)\s*:"
    r"|\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b|\bcontributed reporting\b"
    # contact lines: "Write to Jane Doe at ...", "X may be reached at ...", "Have a tip? ..."
    r"|^(?:write|e-?mail|reach|contact) (?:to )?(?:the )?(?:reporters?|writers?|authors?|" + _NAME + ")"
    r" (?:at|on|via)\b"
    r"|\b(?:may|can) be (?:reached|contacted) (?:at|by|via|on)\b|^have a (?:news )?tip\b"
    r"|^follow (?:him|her|them|the author|" + _NAME + r") on\b"
    # agency material: "Mit Material von dpa", "(avec AFP)", "Con información de EFE"
    r"|^\(?mit (?:material|informationen) (?:von|der|des)\b|^\(?avec (?:l')?(?:afp|reuters|ap)\b"
    r"|^\(?con (?:información|informaciones) de\b|^\(?(?:źródło|opracowanie)\s*:",
    re.I,
)
TAGS_LINE = re.compile(
    r"^(?:tags?|tagged|tagged with|filed under|topics?|keywords?|schlagwörter|schlagworte|themen|"
    r"étiquettes|mots-clés|etiquetas|temas|tagi|słowa kluczowe)\s*(?:[:|]|$)",
    re.I,
)
_NEWSLETTER_WORD = re.compile(r"newsletter|inbox|e-?mail|infolettre|lettre d'information|boletín|biuletyn", re.I)


def second_pass(
    blocks: list[str], context: PageContext | None = None, options: Options = DEFAULT
) -> tuple[str, dict[str, int]]:
    """Furniture rules over the extracted blocks; returns the body text and the removal counts."""
    context = context or PageContext()
    lines = split_lines("\n".join(blocks), max_line_chars=options.max_line_chars)
    if not lines:
        return "", {}
    mark_furniture(lines)
    total = sum(line.words for line in lines) or 1
    seen = 0
    tail_from = None
    for line in lines:
        in_tail = seen >= TAIL_SHARE * total
        seen += line.words
        reason = line.reason
        if reason is None:
            if context.captions and _norm(line.text) in context.captions:
                line.reason = Reason.CAPTION
            elif in_tail and RULES["tags"] and TAGS_LINE.match(line.text):
                line.reason = Reason.NAVIGATION
            continue
        if reason is Reason.NEWSLETTER and not in_tail and not _NEWSLETTER_WORD.search(line.text):
            line.reason = None  # "Sign up for the bundle" inside a body is not a newsletter pitch
            continue
        if reason in HONOURED or (reason in TAIL_ONLY and in_tail):
            if reason in CUT_AFTER and tail_from is None:
                tail_from = line.index
            continue
        line.reason = None
    if RULES["tags"]:
        _tag_lists(lines)
    if tail_from is not None:
        for line in lines[tail_from + 1 :]:
            if line.reason is None:
                line.reason = lines[tail_from].reason
    _drop_teaser_lists(lines)
    if RULES["links"]:
        _drop_link_runs(lines, context)
    _mark_header(lines, context)
    if RULES["credits"]:
        _mark_credits(lines)
    paragraphs, removed = assemble(lines)
    return "\n\n".join(paragraphs), removed


def _tag_lists(lines: list[Line]) -> None:
    """A bare "Tags" heading marked in the tail takes the comma-separated list after it along."""
    for i, line in enumerate(lines[:-1]):
        if line.reason is Reason.NAVIGATION and line.words <= 3 and TAGS_LINE.match(line.text):
            nxt = lines[i + 1]
            if nxt.reason is None and nxt.text.count(",") >= 2 and not nxt.text.endswith((".", "!", "?")):
                nxt.reason = Reason.NAVIGATION


def _kept(lines: list[Line]) -> list[Line]:
    return [line for line in lines if line.reason is None]


def _mark_header(lines: list[Line], context: PageContext) -> None:
    """Headline, byline and dateline lines at the top of the body move to metadata."""
    from cleaners.metadata.authors import byline
    from cleaners.metadata.dates import dateline

    for line in _kept(lines)[:HEADER_LINES]:
        if line.words > HEADER_MAX_WORDS and not (RULES["title"] and context.titles):
            break
        norm = _norm(line.text)
        if RULES["title"] and norm in context.titles:
            line.reason, line.role = Reason.TITLE, "title"
        elif RULES["header"] and line.words <= HEADER_MAX_WORDS and byline(line.text) is not None:
            line.reason, line.role = Reason.BYLINE, "byline"
        elif RULES["header"] and line.words <= HEADER_MAX_WORDS and dateline(line.text) is not None:
            line.reason, line.role = Reason.DATELINE, "dateline"


def _mark_credits(lines: list[Line]) -> None:
    """Contributor, editor and contact lines at the very end ("Reporting by ...", "Write to X at ...")."""
    for line in reversed(_kept(lines)[-CREDIT_LINES:]):
        if line.words <= 60 and CREDIT_LINE.search(line.text):
            line.reason, line.role = Reason.BYLINE, "credit"


def _drop_link_runs(lines: list[Line], context: PageContext) -> None:
    """Two or more consecutive headline-like lines that are each the whole text of a link: a teaser list."""

    def candidate(line: Line) -> bool:
        return line.reason is None and 3 <= line.words <= TEASER_LIST_MAX_WORDS and _headline_like(line)

    # Cheap pre-check: the page's link texts are collected only when a run of candidates exists.
    prev = False
    for line in lines:
        if line.reason is not None:
            continue
        cur = candidate(line)
        if cur and prev:
            break
        prev = cur
    else:
        return
    run: list[Line] = []
    for line in lines + [None]:
        if line is not None and candidate(line) and _norm(_LIST_MARK.sub("", line.text)) in context.anchors:
            run.append(line)
            continue
        if line is not None and line.reason is not None and run:
            continue  # a marked line (e.g. the teaser heading) does not break a run
        if len(run) >= 2:
            for item in run:
                item.reason = Reason.TEASER
        run = []


_LIST_MARK = re.compile(r"^(?:[-*•·–]|\d{1,2}[.)])\s+")


def _drop_teaser_lists(lines: list[Line]) -> None:
    """A teaser heading ("Related", "More stories") opens a list of headlines: drop it with it."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.reason is Reason.TEASER and teasers.is_marker(line.text):
            j = i + 1
            while j < len(lines) and lines[j].reason in (None, Reason.TEASER) and _headline_like(lines[j]):
                lines[j].reason = Reason.TEASER
                j += 1
            i = j
        else:
            i += 1


def _headline_like(line: Line) -> bool:
    return line.words <= TEASER_LIST_MAX_WORDS and not line.text.rstrip("\"'”’»)").endswith((".", "!", "?", ":"))


def page_context(tree: HtmlElement, metadata: Metadata) -> PageContext:
    """Captions, link texts and headline candidates of a parsed page."""
    context = PageContext(captions=_figcaption_texts(tree), tree=tree)
    titles = {metadata.title}
    for el in tree.iter("h1"):
        titles.add(_clean(el.text_content()))
    for el in tree.iter("meta"):
        if (el.get("property") or el.get("name") or "").lower() in ("og:title", "twitter:title"):
            titles.add(el.get("content"))
    context.titles = {n for n in (_norm(t) for t in titles if t) if n}
    return context


# ---------------------------------------------------------------- images


_ARTICLE_XPATH = "//article | //main | //*[@itemprop='articleBody']"
_OUTSIDE = frozenset(("nav", "aside", "footer", "header"))
_CREDIT_CLASS = re.compile(r"credit|copyright|source|author|byline|photographer", re.I)


def figures(tree: HtmlElement) -> list[Image]:
    """Caption and credit of each `<figure>` in the article (the first `<article>`/`<main>`, else the page)."""
    scopes = tree.xpath(_ARTICLE_XPATH)
    scope = scopes[0] if scopes else tree
    images: list[Image] = []
    seen: set[tuple[str | None, str | None]] = set()
    for fig in scope.iter("figure"):
        if any(a.tag in _OUTSIDE for a in fig.iterancestors()):
            continue
        image = _figure_image(fig)
        if image is None:
            continue
        key = (image.caption, image.credit)
        if key not in seen:
            seen.add(key)
            images.append(image)
    return images


def _figure_image(fig: HtmlElement) -> Image | None:
    caps = fig.findall(".//figcaption")
    if not caps:
        return None
    cap = caps[0]
    credit = None
    # A credit in its own element (class "credit", "copyright", ...) inside the caption.
    for el in cap.iter():
        if el is cap or not isinstance(el.tag, str):
            continue
        if _CREDIT_CLASS.search(el.get("class", "") or ""):
            credit = _clean(el.text_content()) or None
            break
    text = _clean(cap.text_content())
    if credit and text.endswith(credit):
        text = text[: -len(credit)].strip()
    if credit:
        credit = _clean_credit(credit)
    elif text:
        parsed = parse_credit(text)
        if parsed is not None:
            caption, credit = parsed
            text = caption or ""
    if not credit and text:
        bracket = _BRACKET_CREDIT.search(text)  # "... the Moon [SpaceX via Nasa]"
        if bracket:
            credit, text = bracket.group(1).strip(), text[: bracket.start()].strip()
    if not text and not credit:
        return None
    return Image(caption=text or None, credit=credit or None)


_BRACKET_CREDIT = re.compile(r"\s*\[([^\[\]]{2,60})\]$")


_CREDIT_PREFIX = re.compile(
    r"^(?:(?:image|photo|picture|pic|foto|bild|zdjęcie|fot)\.?\s+)?"
    r"(?:credits?|crédits?|crédito|quelle|source|by)?\s*[:|]?\s*",
    re.I,
)


def _clean_credit(credit: str) -> str | None:
    """"(Image credit: NASA)" -> "NASA"; "Photo: Jane Doe" -> "Jane Doe"."""
    credit = credit.strip().strip("()[]").strip()
    parsed = parse_credit(credit)
    if parsed is not None and not parsed[0]:
        return parsed[1]
    return _CREDIT_PREFIX.sub("", credit, count=1).strip() or None


def _figcaption_texts(tree: HtmlElement) -> set[str]:
    out = set()
    for cap in tree.iter("figcaption"):
        text = _norm(cap.text_content())
        if text:
            out.add(text)
            parsed = parse_credit(_clean(cap.text_content()))
            if parsed and parsed[0]:
                out.add(_norm(parsed[0]))
    return out


def _clean(text: str) -> str:
    return " ".join(text.split())


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


# ---------------------------------------------------------------- metadata


def _metadata(html: str, url: str | None, tree: HtmlElement | None) -> Metadata:
    if from_html is not None:
        try:
            return from_html(html, url=url, tree=tree)
        except Exception:  # metadata is best effort: never lose the body over it
            pass
    return Metadata(url=url)


def _finish(doc: CleanDocument, metadata: Metadata, extractor: str) -> CleanDocument:
    """Merge the page's metadata into the document (HTML metadata first) and set the language."""
    text_meta = doc.metadata
    for name in Metadata.__slots__:
        value = getattr(metadata, name)
        if value in (None, [], ""):
            setattr(metadata, name, getattr(text_meta, name))
    if detect_language is not None:
        try:
            sample = doc.text[:LANGUAGE_SAMPLE]
            metadata.language = detect_language(sample, declared=metadata.language) or metadata.language
        except Exception:
            pass
    doc.metadata = metadata
    doc.extractor = extractor
    return doc


# The start of the body is enough for the language (and keeps the classifier's cost bounded).
LANGUAGE_SAMPLE = 1200
_TAGS = re.compile(r"<[^>]*>")


def _strip_tags(html: str) -> str:
    return _TAGS.sub(" ", html)


__all__ = ["clean_html", "second_pass", "figures"]
