"""Plain scraped text -> CleanDocument.

The pipeline, one step each:
1. split the text into lines (`lines.split_lines`);
2. mark the lines that are known kinds of furniture (`furniture.mark_furniture`), collecting
   photo captions as images;
3. find the article body: the run of lines that is mostly prose (`region.find_body`);
4. read the metadata from the lines around the body's start (title, standfirst, byline,
   dateline), which marks the lines it consumes;
5. give every other line outside the body a reason, cut inline promos out of the kept lines,
   and join the kept lines into paragraphs.
"""

from __future__ import annotations

from collections import Counter

from cleaners import region
from cleaners.corpus import line_key
from cleaners.document import CleanDocument, Reason
from cleaners.furniture import mark_furniture, promo
from cleaners.lines import Line, split_lines
from cleaners.metadata import canonical_url, detect_language, from_text, site_from_url
from cleaners.options import DEFAULT, Options


def clean_text(
    text: str,
    url: str | None = None,
    options: Options = DEFAULT,
    site_boilerplate: frozenset[int] = frozenset(),
) -> CleanDocument:
    """Clean one page of scraped plain text. Never raises on a string input.

    `site_boilerplate` holds the keys (`corpus.line_key`) of lines learned to be this page's
    site chrome across a dump (`corpus.SiteStats.boilerplate(url)`); they are removed unless a
    furniture rule already claimed them.
    """
    if not isinstance(text, str):
        raise TypeError(f"clean_text expects str, got {type(text).__name__}")
    lines = split_lines(text[: options.max_chars], max_line_chars=options.max_line_chars)
    found = mark_furniture(lines)
    if site_boilerplate:
        for line in lines:
            if line.reason is None and line_key(line.text) in site_boilerplate:
                line.reason = Reason.SITE_BOILERPLATE
    start, end = region.find_body(lines)
    metadata = from_text(lines, start, end, url=url, fetched=options.fetched)
    _drop_header_after_prose(lines, start, metadata)
    if metadata.title and metadata.subtitle is None:
        metadata.subtitle = _standfirst(lines, start, end)
    start, end = region.trim(lines, start, end)  # the header may have consumed the first lines
    region.label_outside(lines, start, end)
    paragraphs, removed = assemble(lines)
    images = [image for index, image in found if index < end]  # later captions belong to teasers
    text = "\n\n".join(paragraphs)
    metadata.url = canonical_url(url)
    metadata.language = detect_language(text, declared=options.language_hint) if text else options.language_hint
    metadata.site = metadata.site or site_from_url(url)
    return CleanDocument(
        text=text,
        metadata=metadata,
        images=images,
        removed=removed,
        extractor="text",
    )


_HEADER = (Reason.TITLE, Reason.SUBTITLE, Reason.BYLINE, Reason.DATELINE)


def _drop_header_after_prose(lines: list[Line], start: int, metadata) -> None:
    """The header (title, standfirst, byline, dateline) never follows article prose, and a title
    is never a long sentence inside the body: such lines go back to the body (their authors and
    dates stay in the metadata). This also keeps cleaning idempotent: the header found in a page
    is never found again in its clean text."""
    seen_prose = False
    for line in lines[start:]:
        sentence_title = line.reason is Reason.TITLE and region.is_prose(line)
        if sentence_title or (line.reason in _HEADER and seen_prose):
            if line.reason is Reason.TITLE and metadata.title and metadata.title in line.text:
                metadata.title = None
            if line.reason is Reason.SUBTITLE and metadata.subtitle == line.text:
                metadata.subtitle = None
            line.reason = line.role = None
        if line.reason is None and region.is_prose(line):
            seen_prose = True
        if line.index > start + 8:
            break


# Furniture that separates a standfirst from the body below it in a browser copy.
_HEADER_FURNITURE = frozenset({Reason.SHARE, Reason.CAPTION, Reason.BYLINE, Reason.DATELINE, Reason.PROMO})


def _standfirst(lines: list[Line], start: int, end: int) -> str | None:
    """The body's first line is a standfirst when the title is right above it and share buttons,
    a photo or a byline separate it from the rest of the body."""
    if not (0 < start < end - 1) or lines[start - 1].reason is not Reason.TITLE:
        return None
    if lines[start + 1].reason not in _HEADER_FURNITURE:
        return None
    lines[start].reason, lines[start].role = Reason.SUBTITLE, "subtitle"
    return lines[start].text


def assemble(lines: list[Line]) -> tuple[list[str], dict[str, int]]:
    """Kept lines become paragraphs (inline promos cut); returns them with the removal counts."""
    removed: Counter[str] = Counter()
    paragraphs: list[str] = []
    for line in lines:
        if line.reason is not None:
            removed[line.reason.value] += 1
            continue
        text, cut = promo.strip_inline(line.text)
        if cut:
            removed[Reason.PROMO.value] += cut
        if text:
            paragraphs.append(text)
    return paragraphs, dict(removed)


__all__ = ["clean_text", "assemble"]
