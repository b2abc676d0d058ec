"""Speed of the plain-text pipeline and of the metadata step on the shared benchmark.

    .venv/bin/python benchmarks/metadata_speed.py [--rendition browser] [--repeat 3]

Prints, per run, `clean_text` pages/s over all pages of `scraped-<rendition>.jsonl`
(warm: the language model is loaded first), then the median; and the median time per
call of `metadata.from_text` and `metadata.detect_language` as the pipeline calls them.
CPU time is shown beside wall time (the machine may be shared).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cleaners  # noqa: E402
import cleaners.text as pipeline  # noqa: E402

BENCH = ROOT / ".." / "shared" / "benchmark"


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--rendition", choices=("browser", "bs4"), default="browser")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    with open(BENCH / f"scraped-{args.rendition}.jsonl", encoding="utf-8") as f:
        pages = [json.loads(line) for line in f if line.strip()]
    cleaners.clean_text(pages[0]["text"], url=pages[0]["url"])  # warm-up: model, tables

    spent = {"from_text": 0.0, "detect_language": 0.0}
    calls = {"from_text": 0, "detect_language": 0}

    def timed(name, fn):
        def wrapper(*a, **kw):
            t0 = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                spent[name] += time.perf_counter() - t0
                calls[name] += 1
        return wrapper

    walls, cpus = [], []
    for run in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for p in pages:
            cleaners.clean_text(p["text"], url=p["url"])
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        walls.append(wall)
        cpus.append(cpu)
        print(f"run {run + 1}: {len(pages) / wall:7.1f} pages/s wall ({len(pages) / cpu:7.1f} by CPU time)")
    print(f"median: {len(pages) / statistics.median(walls):.1f} pages/s wall, "
          f"{len(pages) / statistics.median(cpus):.1f} by CPU time ({len(pages)} {args.rendition} pages)")

    orig = pipeline.from_text, pipeline.detect_language
    pipeline.from_text = timed("from_text", orig[0])
    pipeline.detect_language = timed("detect_language", orig[1])
    try:
        for p in pages:
            cleaners.clean_text(p["text"], url=p["url"])
    finally:
        pipeline.from_text, pipeline.detect_language = orig
    for name in spent:
        print(f"{name}: {1000 * spent[name] / max(1, calls[name]):.2f} ms/call ({calls[name]} calls)")


if __name__ == "__main__":
    main()
