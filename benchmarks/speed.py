"""Speed on the dev set, everything measured in one run on the same 181 pages (median of passes):

- clean_text on each page's scraped text (browser rendition) vs trafilatura.extract on its HTML
  (issue 3 asks for >= 10x);
- clean_html vs trafilatura.extract on the HTML (issue 4 asks for >= 0.8x).

    python benchmarks/speed.py [--passes 3]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._shared import read_jsonl, require_benchmark  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--passes", type=int, default=3)
    args = ap.parse_args()
    bench = require_benchmark()
    import trafilatura

    from cleaners import clean_html, clean_text

    pages = {p["id"]: p for p in read_jsonl(bench / "pages.jsonl")}
    html = {i: gzip.decompress((bench / p["html_file"]).read_bytes()).decode("utf-8", "replace") for i, p in pages.items()}
    text = {p["id"]: p["text"] for p in read_jsonl(bench / "scraped-browser.jsonl")}
    ids = sorted(set(html) & set(text))
    url = {i: pages[i]["url"] for i in ids}
    methods = {
        "trafilatura.extract (HTML, comments off)": lambda i: trafilatura.extract(html[i], url=url[i], include_comments=False),
        "scrapeclean clean_html (HTML)": lambda i: clean_html(html[i], url=url[i]),
        "scrapeclean clean_text (browser text)": lambda i: clean_text(text[i], url=url[i]),
    }
    for fn in methods.values():  # warm-up: imports, model and tables
        fn(ids[0])
    times = {name: [] for name in methods}
    for _ in range(args.passes):
        for name, fn in methods.items():
            t0 = time.process_time()
            for i in ids:
                fn(i)
            times[name].append(time.process_time() - t0)
    rate = {name: len(ids) / statistics.median(ts) for name, ts in times.items()}
    base = rate["trafilatura.extract (HTML, comments off)"]
    print(f"{len(ids)} pages, median of {args.passes} passes, CPU time of this process\n")
    print("| method | docs/s | vs trafilatura on HTML |")
    print("|---|---|---|")
    for name, r in rate.items():
        print(f"| {name} | {r:.1f} | {r / base:.2f}x |")


if __name__ == "__main__":
    main()
