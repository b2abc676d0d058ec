"""Speed on the dev set, everything measured in one run on the same 181 pages (median of passes):

- clean_text on each page's scraped text (browser rendition) vs trafilatura.extract on its HTML
  (issue 3 asks for >= 10x);
- clean_html vs trafilatura.extract on the HTML (issue 4 asks for >= 0.8x).

    python benchmarks/speed.py [--passes 3]

Every pass of every method runs in a fresh process and sees each page once, as a user's run
does: the cleaners remember verdicts per line text (a dump repeats its sites' chrome), and a
second pass over the same 181 pages would find most lines already judged. Each process first
warms up (imports, models, tables) on a synthetic page that shares no line with the dev set,
then times one pass over the pages (CPU time of that process).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._shared import read_jsonl, require_benchmark  # noqa: E402

METHODS = {
    "trafilatura": "trafilatura.extract (HTML, comments off)",
    "clean_html": "scrapeclean clean_html (HTML)",
    "clean_text": "scrapeclean clean_text (browser text)",
}


def one_pass(method: str) -> tuple[float, int]:
    """CPU seconds of one cold pass of `method` over the dev pages, in this (fresh) process."""
    bench = require_benchmark()
    import trafilatura

    from benchmarks.synthetic import article
    from cleaners import clean_html, clean_text

    pages = {p["id"]: p for p in read_jsonl(bench / "pages.jsonl")}
    html = {i: gzip.decompress((bench / p["html_file"]).read_bytes()).decode("utf-8", "replace") for i, p in pages.items()}
    text = {p["id"]: p["text"] for p in read_jsonl(bench / "scraped-browser.jsonl")}
    ids = sorted(set(html) & set(text))
    url = {i: pages[i]["url"] for i in ids}
    fn = {
        "trafilatura": lambda i: trafilatura.extract(html[i], url=url[i], include_comments=False),
        "clean_html": lambda i: clean_html(html[i], url=url[i]),
        "clean_text": lambda i: clean_text(text[i], url=url[i]),
    }[method]
    title, paras = article(random.Random(12345))  # warm-up on a page that is not in the dev set
    warm_text = f"{title}\n\n" + "\n\n".join(paras)
    warm_html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>" + "".join(
        f"<p>{p}</p>" for p in paras) + "</article></body></html>"
    {"trafilatura": lambda: trafilatura.extract(warm_html, include_comments=False),
     "clean_html": lambda: clean_html(warm_html, url="https://warm.example/a"),
     "clean_text": lambda: clean_text(warm_text, url="https://warm.example/a")}[method]()
    start = time.process_time()
    for i in ids:
        fn(i)
    return time.process_time() - start, len(ids)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--one", choices=sorted(METHODS), help=argparse.SUPPRESS)  # internal: one pass, print JSON
    args = ap.parse_args()
    if args.one:
        seconds, pages = one_pass(args.one)
        print(json.dumps({"seconds": seconds, "pages": pages}))
        return
    require_benchmark()
    times: dict[str, list[float]] = {m: [] for m in METHODS}
    pages = 0
    for _ in range(args.passes):
        for method in METHODS:  # interleaved, so that a change in the machine's load hits all alike
            out = subprocess.run([sys.executable, __file__, "--one", method], check=True, capture_output=True, text=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            times[method].append(result["seconds"])
            pages = result["pages"]
    rate = {m: pages / statistics.median(ts) for m, ts in times.items()}
    base = rate["trafilatura"]
    print(f"{pages} pages, median of {args.passes} cold passes (each in a fresh process), CPU time\n")
    print("| method | docs/s | vs trafilatura on HTML |")
    print("|---|---|---|")
    for m, r in rate.items():
        print(f"| {METHODS[m]} | {r:.1f} | {r / base:.2f}x |")


if __name__ == "__main__":
    main()
