"""Quick in-process check of the plain-text cleaner on the dev set (no Prefect, no files written).

    python benchmarks/dev_text.py [--rendition browser|bs4|both] [--worst K]
"""

from __future__ import annotations

import argparse
import sys
import time

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1]))

from benchmarks._shared import load_module, read_jsonl, require_benchmark  # noqa: E402
from cleaners import clean_text  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rendition", default="both", choices=["browser", "bs4", "both"])
    ap.add_argument("--worst", type=int, default=0)
    args = ap.parse_args()
    bench = require_benchmark()
    score = load_module("score")
    gold = read_jsonl(bench / "gold.jsonl")
    for rendition in (["browser", "bs4"] if args.rendition == "both" else [args.rendition]):
        pages = read_jsonl(bench / f"scraped-{rendition}.jsonl")
        t0 = time.perf_counter()
        preds = {p["id"]: clean_text(p["text"], url=p.get("url")).text for p in pages}
        dt = time.perf_counter() - t0
        metrics, per_doc = score.evaluate(gold, preds)
        print(f"{rendition:8s} F1 {metrics['f1']:.3f}  P {metrics['precision']:.3f}  R {metrics['recall']:.3f}  "
              f"{len(pages) / dt:.0f} docs/s")
        if args.worst:
            for d in sorted(per_doc, key=lambda d: d["f1"])[: args.worst]:
                print(f"   {d['f1']:.3f} P {d['precision']:.3f} R {d['recall']:.3f} {d['id'][:16]}")


if __name__ == "__main__":
    main()
