"""In-process check of the HTML cleaner on the dev set, against bare trafilatura in the same run.

    python benchmarks/dev_html.py [--passes 3] [--worst K] [--out preds.jsonl] [--no-baseline]

Pages are decoded once (BOM, declared charset, UTF-8, then a guess), outside the timing.
Each timed pass runs every page through one method; passes of the methods alternate so that
load from other processes hits both alike; the median pass gives docs/s (wall clock, and CPU time of this process,
which is steadier on a shared machine). Scores come from the
benchmark's own `score.py` (4-gram shingle P/R/F1).

Baselines: `trafilatura` = `trafilatura.extract(html, url=url, include_comments=False)` (library
defaults otherwise), `trafilatura-precision` = the same with `favor_precision=True`,
`trafilatura-defaults` = `trafilatura.extract(html, url=url)` (comments on, as in BASELINES.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._shared import load_module, read_jsonl, require_benchmark  # noqa: E402
from cleaners.html import clean_html  # noqa: E402
from cleaners.htmltext import decode_html  # noqa: E402


def _trafilatura(**settings):
    import trafilatura

    settings.setdefault("include_comments", False)

    def run(html: str, url: str | None) -> str:
        return trafilatura.extract(html, url=url, **settings) or ""

    return run


def _ours(html: str, url: str | None) -> str:
    return clean_html(html, url=url).text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--passes", type=int, default=3, help="timed passes per method (median)")
    ap.add_argument("--worst", type=int, default=0, help="list the K lowest-F1 pages of clean_html")
    ap.add_argument("--out", help="write clean_html's records {id, url, text} as JSONL here")
    ap.add_argument("--no-baseline", action="store_true", help="only clean_html")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = ap.parse_args()

    bench = require_benchmark()
    score = load_module("score")
    gold = read_jsonl(bench / "gold.jsonl")
    pages = read_jsonl(bench / "pages.jsonl")
    if args.limit:
        pages = pages[: args.limit]
        ids = {p["id"] for p in pages}
        gold = [g for g in gold if g["id"] in ids]
    docs = [(p["id"], p["url"], decode_html(gzip.open(bench / p["html_file"]).read())) for p in pages]

    methods = {"clean_html": _ours}
    if not args.no_baseline:
        methods["trafilatura"] = _trafilatura()
        methods["trafilatura-precision"] = _trafilatura(favor_precision=True)
        methods["trafilatura-defaults"] = _trafilatura(include_comments=True)  # as in BASELINES.md

    for run in methods.values():  # warm-up: imports, compiled patterns, caches
        run(docs[0][2], docs[0][1])

    preds: dict[str, dict[str, str]] = {name: {} for name in methods}
    times: dict[str, list[float]] = {name: [] for name in methods}
    cpu: dict[str, list[float]] = {name: [] for name in methods}
    for _ in range(max(1, args.passes)):
        for name, run in methods.items():
            out = preds[name]
            t0, c0 = time.perf_counter(), time.process_time()
            for pid, url, html in docs:
                out[pid] = run(html, url)
            times[name].append(time.perf_counter() - t0)
            cpu[name].append(time.process_time() - c0)

    print(f"{len(docs)} pages, {args.passes} timed passes per method (median)")
    rows = {}
    for name in methods:
        metrics, per_doc = score.evaluate(gold, preds[name])
        rows[name] = per_doc
        dps = len(docs) / statistics.median(times[name])
        cps = len(docs) / statistics.median(cpu[name])
        print(
            f"{name:22s} F1 {metrics['f1']:.4f}  P {metrics['precision']:.4f}  R {metrics['recall']:.4f}  "
            f"accuracy {metrics['accuracy']:.3f}  {dps:6.1f} docs/s  ({cps:6.1f} docs/s of CPU time)"
        )
    for base in ("trafilatura", "trafilatura-precision", "trafilatura-defaults"):
        if base in methods:
            wall = statistics.median(times[base]) / statistics.median(times["clean_html"])
            cpu_ratio = statistics.median(cpu[base]) / statistics.median(cpu["clean_html"])
            print(f"speed clean_html / {base}: {wall:.2f}x wall, {cpu_ratio:.2f}x CPU")
    if args.worst:
        for d in sorted(rows["clean_html"], key=lambda d: d["f1"])[: args.worst]:
            print(f"   {d['f1']:.3f} P {d['precision']:.3f} R {d['recall']:.3f} {d['id'][:16]} {d['url'][:70]}")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            for pid, url, _html in docs:
                f.write(json.dumps({"id": pid, "url": url, "text": preds["clean_html"][pid]}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
