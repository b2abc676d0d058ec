"""scrapeclean's cleaning library: raw scraped text or HTML in, a clean article document out.

Pure: no Prefect, no file or network I/O, deterministic.

    >>> from cleaners import clean_text
    >>> doc = clean_text(raw_text, url="https://example.com/a")
    >>> doc.text, doc.title, doc.authors, doc.images, doc.removed
"""

from cleaners.document import CleanDocument, Image, Metadata, Reason
from cleaners.options import Options
from cleaners.text import clean_text
from cleaners.html import clean_html
from cleaners.version import __version__

__all__ = ["clean_text", "clean_html", "CleanDocument", "Image", "Metadata", "Options", "Reason", "__version__"]
