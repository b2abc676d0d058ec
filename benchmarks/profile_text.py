"""Where `clean_text`'s time goes: one cold pass over the dev set's browser text under cProfile.

    .venv/bin/python benchmarks/profile_text.py            # split + the 25 costliest functions
    .venv/bin/python benchmarks/profile_text.py --top 60

Prints the profiled time split three ways: inside scrapeclean's own Python functions (what a
compiler of Python such as mypyc or Cython could speed up), inside built-in and C functions
(regular expressions, str methods, numpy: already compiled), and inside other Python libraries.
cProfile adds a fixed cost to every Python call, so the first share is an overestimate: if the
Python share were made free, the pass would be at most 1 / (1 - C share) times faster.
Warm-up on a synthetic page first, as `benchmarks/speed.py` does.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._shared import read_jsonl, require_benchmark  # noqa: E402


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--top", type=int, default=25, help="functions to list (by own time)")
    args = ap.parse_args(argv)
    bench = require_benchmark()
    from benchmarks.synthetic import article
    from cleaners import clean_text

    urls = {p["id"]: p["url"] for p in read_jsonl(bench / "pages.jsonl")}
    pages = [(p["text"], urls.get(p["id"])) for p in read_jsonl(bench / "scraped-browser.jsonl")]
    title, paras = article(random.Random(12345))
    clean_text(f"{title}\n\n" + "\n\n".join(paras), url="https://warm.example/a")
    profile = cProfile.Profile()
    profile.enable()
    for text, url in pages:
        clean_text(text, url=url)
    profile.disable()
    stats = pstats.Stats(profile)
    own = {"scrapeclean Python": 0.0, "built-in / C": 0.0, "other Python libraries": 0.0}
    package = str(ROOT / "cleaners")
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():
        if filename == "~" or filename.startswith("<"):
            own["built-in / C"] += tottime
        elif filename.startswith(package):
            own["scrapeclean Python"] += tottime
        else:
            own["other Python libraries"] += tottime
    total = sum(own.values())
    print(f"{len(pages)} pages, {total:.2f} s profiled ({len(pages) / total:.0f} docs/s under cProfile)")
    for name, seconds in own.items():
        print(f"  {name:24s} {seconds:6.2f} s  {seconds / total:6.1%}")
    print(f"  bound if scrapeclean's Python cost nothing: {total / (total - own['scrapeclean Python']):.1f}x")
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
