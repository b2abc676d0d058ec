"""Normalised article metadata from HTML and from plain text (issue 5).

One module per field, each listing its fallbacks in order:

- `title.py`     headline without the site name
- `authors.py`   person names from bylines and structured data
- `dates.py`     published / modified in ISO 8601, many languages
- `language.py`  py3langid on the body, the declared language as a tie-breaker
- `url.py`       canonical url, site from the host
- `site.py`      the publisher's name in page text
- `credits.py`   photo caption / credit pairs
- `jsonld.py`    lenient JSON-LD and the article node
- `html.py`      `from_html`: structured data, meta tags, the visible page
- `text.py`      `from_text`: the header lines around the article body

Pure functions: no I/O, no network, deterministic.
"""

from cleaners.metadata.credits import parse_credit
from cleaners.metadata.html import from_html
from cleaners.metadata.language import detect_language
from cleaners.metadata.text import from_text
from cleaners.metadata.url import canonical_url, site_from_url

__all__ = ["from_html", "from_text", "detect_language", "canonical_url", "site_from_url",
           "parse_credit"]
