"""Plain scraped text -> CleanDocument. (first cut; being replaced by the full pipeline)"""

from __future__ import annotations

from cleaners.document import CleanDocument, Metadata
from cleaners.lines import split_lines
from cleaners.options import DEFAULT, Options


def clean_text(text: str, url: str | None = None, options: Options = DEFAULT) -> CleanDocument:
    lines = split_lines(text[: options.max_chars])
    body = "\n\n".join(l.text for l in lines)
    return CleanDocument(text=body, metadata=Metadata(url=url))
