"""HTML -> CleanDocument. (first cut; being replaced by the trafilatura-based extractor)"""

from __future__ import annotations

from cleaners.document import CleanDocument
from cleaners.options import DEFAULT, Options


def clean_html(html: str, url: str | None = None, options: Options = DEFAULT) -> CleanDocument:
    import trafilatura

    text = trafilatura.extract(html, url=url, include_comments=False) or ""
    from cleaners.text import clean_text

    return clean_text(text, url=url, options=options)
