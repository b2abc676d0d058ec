"""Plain scraped text -> CleanDocument.

The pipeline, one step each:
1. split the text into lines (`lines.split_lines`) and join the fragments a scraper broke at
   links and emphasis back into paragraphs (`joiner.join_fragments`);
2. mark the lines that are known kinds of furniture (`furniture.mark_furniture`), collecting
   photo captions as images;
3. find the article body: a learned line model scores each line, and the body is the best
   contiguous run of likely lines, minus its weak lines (`linemodel.score_lines`, `select_body`);
   (inline click-promos are cut out of the lines before they are judged);
4. read the metadata from the lines as scraped around the body's start (title, standfirst,
   byline, dateline), which marks the lines it consumes;
5. give every line that is not kept a reason, judge the kept lines again as they will stand in
   the output (so that cleaning clean text changes nothing), and join them into paragraphs.
"""

from __future__ import annotations

from collections import Counter

from cleaners import region
from cleaners.corpus import line_key
from cleaners.document import CleanDocument, Metadata, Reason
from cleaners.furniture import mark_furniture, promo
from cleaners.joiner import join_decisions, join_fragments
from cleaners.linemodel import guess_language, score_lines, select_body
from cleaners.lines import Line, split_lines, without_lone_surrogates
from cleaners.metadata import canonical_url, detect_language, from_text, site_from_url
from cleaners.metadata.authors import compact, compact_lines
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
    text = without_lone_surrogates(text)
    lines = split_lines(text[: options.max_chars], max_line_chars=options.max_line_chars)
    truncated = max(0, len(lines) - options.max_lines)
    lines = lines[: options.max_lines]
    language = options.language_hint or guess_language(lines)  # a stop-word list for the page
    # as scraped, for the header (Line's arguments by position: keywords make each call slower)
    raw = [Line(l.text, l.index, l.blank_before, None, None, l.words) for l in lines]
    decisions = join_decisions(lines, language=language)
    groups = _groups(decisions)
    lines = join_fragments(lines, language=language, decisions=decisions)
    lines, groups, inline_promos = _cut_inline_promos(lines, groups)
    found = mark_furniture(lines)
    if site_boilerplate:
        for line in lines:
            if line.reason is None and line_key(line.text) in site_boilerplate:
                line.reason = Reason.SITE_BOILERPLATE
    probs = score_lines(lines, language=language)
    keep = select_body(lines, probs)
    region.cut_at_stop_marker(lines, keep, probs)
    start, end = region.span(keep)
    metadata, keys = _header(lines, raw, groups, start, end, url, options.fetched)
    _drop_header_after_prose(lines, start, metadata)
    if metadata.title and metadata.subtitle is None:
        metadata.subtitle = _standfirst(lines, keep, start, end)
    region.label_removed(lines, keep, start, end)
    _settle(lines, [len(group) == 1 for group in groups], options.language_hint, url, keys)
    paragraphs, removed = assemble(lines)
    if inline_promos:
        removed[Reason.PROMO.value] = removed.get(Reason.PROMO.value, 0) + inline_promos
    if truncated:
        removed[Reason.TRUNCATED.value] = truncated
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


def _standfirst(lines: list[Line], keep: list[bool], start: int, end: int) -> str | None:
    """The body's first line is a standfirst when the title is right above it and share buttons,
    a photo or a byline separate it from the rest of the body."""
    if not (0 < start < end - 1) or lines[start - 1].reason is not Reason.TITLE or not keep[start]:
        return None
    if lines[start + 1].reason not in _HEADER_FURNITURE:
        return None
    lines[start].reason, lines[start].role = Reason.SUBTITLE, "subtitle"
    return lines[start].text


SETTLE_ROUNDS = 10


def _settle(lines: list[Line], unjoined: list[bool], options_language: str | None, url: str | None,
            keys: dict[str, str]) -> None:
    """Cleaning the clean text must change nothing (idempotence). The kept lines are judged again
    as they will stand in the output, one paragraph each, and what that judgement drops goes now;
    repeated until nothing more goes (usually one or two rounds, at most SETTLE_ROUNDS). The language is
    guessed again on the output, as a second cleaning would.

    `unjoined[i]` says that line i is a scraped line as it was split (or retexted): its word count
    is the one its text gives, and the judgement reuses it. A joined line's count is the sum of its
    fragments' counts, which can differ (Chinese and Japanese are counted by characters): it is
    counted again on its text, as a second cleaning would.

    `keys` holds the `compact` keys of the page's scraped lines by text (`_header`): most kept
    lines are one of them, and the header is read again with their keys."""
    for _ in range(SETTLE_ROUNDS):
        kept = [(line, same) for line, same in zip(lines, unjoined, strict=True) if line.reason is None]
        if not kept:
            return
        view = [Line(line.text, i, True, None, None, line.words if same else -1) for i, (line, same) in enumerate(kept)]
        kept = [line for line, _ in kept]
        mark_furniture(view)
        probs = score_lines(view, language=options_language or guess_language(view))
        keep = select_body(view, probs)
        region.cut_at_stop_marker(view, keep, probs)
        start, end = region.span(keep)
        view_keys = [keys.get(line.text) for line in view]
        if None in view_keys:  # (joined or retexted lines)
            view_keys = [compact(line.text) if k is None else k for line, k in zip(view, view_keys)]
        from_text(view, start, end, url=url, language=False, marks_only=True, keys=view_keys)  # only its marks count
        _drop_header_after_prose(view, start, Metadata())
        changed = False
        for line, seen, k in zip(kept, view, keep):
            if not k or seen.reason is not None:
                line.reason = seen.reason or Reason.BOILERPLATE
                changed = True
        if not changed:
            return


def _groups(continues: list[bool]) -> list[list[int]]:
    """For each joined line, the indices of the scraped lines it is made of."""
    groups: list[list[int]] = []
    for i, c in enumerate(continues):
        if c and groups:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _header(lines: list[Line], raw: list[Line], groups: list[list[int]], start: int, end: int,
            url: str | None, fetched: str | None) -> tuple[Metadata, dict[str, str]]:
    """Metadata from the lines as scraped (a headline must not be read glued to the menu item or
    the byline beside it): the joined lines' furniture marks go to their fragments, the header
    lines found come back to the joined lines they are part of, unless that line is a prose
    paragraph joined from several fragments (a date or name at the start of a paragraph that a
    scraper broke at its links is not the page's dateline or byline). Returns the metadata and the
    scraped lines' `compact` keys by text."""
    for line, group in zip(lines, groups):
        if line.reason is not None:
            for i in group:
                raw[i].reason = line.reason
    raw_start = groups[start][0] if start < len(groups) else len(raw)
    raw_end = groups[end - 1][-1] + 1 if 0 < end <= len(groups) else raw_start
    texts = [line.text for line in raw]
    keys = compact_lines(texts)
    metadata = from_text(raw, raw_start, raw_end, url=url, fetched=fetched, language=False, keys=keys)
    for line, group in zip(lines, groups):
        if line.reason is None:
            if len(group) == 1:  # (most lines: without making a generator)
                found = raw[group[0]]
                if found.reason in _HEADER:
                    line.reason, line.role = found.reason, found.role
                continue
            found = next((raw[i] for i in group if raw[i].reason in _HEADER), None)
            if found is not None and not region.is_prose(line):  # (joined from several fragments)
                line.reason, line.role = found.reason, found.role
    return metadata, dict(zip(texts, keys))


def _cut_inline_promos(lines: list[Line], groups: list[list[int]]) -> tuple[list[Line], list[list[int]], int]:
    """Cut inline click-promos out of their paragraphs before the lines are judged (a line that
    was nothing but a promo goes); returns the lines, re-indexed, their groups, and how many
    promos were cut."""
    cut = 0
    for line in lines:
        text, n = promo.strip_inline(line.text)
        if n:
            line.retext(text)
            cut += n
    if cut:
        kept = [(line, group) for line, group in zip(lines, groups) if line.text]
        lines, groups = [line for line, _ in kept], [group for _, group in kept]
        for i, line in enumerate(lines):
            line.index = i
    return lines, groups, cut


def assemble(lines: list[Line]) -> tuple[list[str], dict[str, int]]:
    """Kept lines become paragraphs; returns them with the removal counts per reason (in the
    order the reasons first occur)."""
    paragraphs = [line.text for line in lines if line.reason is None and line.text]
    # counted by member and named once per reason: an Enum member's `.value` is a slow descriptor
    removed = Counter([line.reason for line in lines if line.reason is not None])
    return paragraphs, {reason.value: n for reason, n in removed.items()}


__all__ = ["clean_text", "assemble"]
