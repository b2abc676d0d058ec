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
from cleaners.document import CleanDocument, Image, Metadata, Reason
from cleaners.furniture import mark_furniture, promo
from cleaners.lines import Line, split_lines
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
    metadata = _header_metadata(lines, start, end, url)
    start, end = region.trim(lines, start, end)  # the header may have consumed the first lines
    region.label_outside(lines, start, end)
    paragraphs, removed = assemble(lines)
    images = [image for index, image in found if index < end]  # later captions belong to teasers
    return CleanDocument(
        text="\n\n".join(paragraphs),
        metadata=metadata,
        images=images,
        removed=removed,
        extractor="text",
    )


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


def _header_metadata(lines: list[Line], start: int, end: int, url: str | None) -> Metadata:
    """Title and standfirst next to the body's start (placeholder until the metadata package)."""
    meta = Metadata(url=url)
    title_at = None
    for i in range(start - 1, max(-1, start - 15), -1):
        line = lines[i]
        if line.reason is None and 3 <= line.words <= 30 and not line.text.endswith("."):
            title_at = i
            break
    if title_at is None:
        return meta
    lines[title_at].reason, lines[title_at].role = Reason.TITLE, "title"
    meta.title = lines[title_at].text
    if start < end and title_at == start - 1 and start + 1 < end and not region.is_prose(lines[start + 1]):
        lines[start].reason, lines[start].role = Reason.SUBTITLE, "subtitle"
        meta.subtitle = lines[start].text
    else:
        for line in lines[title_at + 1 : start]:
            if line.reason is None and line.words >= 8:
                line.reason, line.role = Reason.SUBTITLE, "subtitle"
                meta.subtitle = line.text
                break
    return meta


__all__ = ["clean_text", "assemble", "Metadata"]
