"""End-to-end quality on the dev set: runs `scrapeclean clean` on the benchmark's HTML pages and its two
plain-text renditions, scores the output with the benchmark's own scorers, and prints a markdown
table next to the published baselines (../shared/benchmark/BASELINES.md).

    python benchmarks/quality.py [--workers N] [--keep DIR] [--only browser,bs4,html]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._shared import REPO, load_module, read_jsonl, require_benchmark  # noqa: E402

# Published figures from BASELINES.md (F1 / P / R), for the table.
BASELINES = {
    "html": ("trafilatura 2.3.1 (defaults)", 0.953, 0.928, 0.978),
    "browser": ("C4 line filter", 0.845, 0.806, 0.888),
    "bs4": ("C4 line filter", 0.748, 0.755, 0.742),
}
METADATA_FIELDS = ("title", "authors", "published", "language", "site")


def run_cli(inputs: list[Path], out: Path, workers: int) -> None:
    exe = Path(sys.executable).with_name("scrapeclean")
    cmd = [str(exe), "clean", *map(str, inputs), "--output", str(out), "--workers", str(workers), "--quiet", "--force"]
    subprocess.run(cmd, check=True, cwd=REPO)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", type=Path, help="write the outputs here instead of a temporary folder")
    ap.add_argument("--only", default="html,browser,bs4")
    args = ap.parse_args()
    bench = require_benchmark()
    score, score_meta = load_module("score"), load_module("score_metadata")
    gold = read_jsonl(bench / "gold.jsonl")
    root = args.keep or Path(tempfile.mkdtemp(prefix="scrapeclean-bench-"))
    inputs = {"html": bench / "html", "browser": bench / "scraped-browser.jsonl", "bs4": bench / "scraped-bs4.jsonl"}
    rows, meta_rows = [], []
    for rendition in args.only.split(","):
        out = root / rendition
        run_cli([inputs[rendition]], out, args.workers)
        records = [r for p in sorted((out / "documents").glob("*.jsonl")) for r in read_jsonl(p)]
        preds = {str(r["id"]): r["text"] for r in records}
        metrics, _ = score.evaluate(gold, preds)
        rows.append((rendition, metrics))
        meta = subprocess.run(
            [sys.executable, str(bench / "score_metadata.py"), str(bench / "metadata-gold.jsonl"), str(out / "documents"),
             "--rendition", rendition, "--json"],
            check=True, capture_output=True, text=True,
        )
        meta_rows.append((rendition, meta.stdout))
    print("| input | method | F1 | P | R | accuracy |")
    print("|---|---|---|---|---|---|")
    for rendition, m in rows:
        name, f1, p, r = BASELINES[rendition]
        print(f"| {rendition} | {name} (published baseline) | {f1:.3f} | {p:.3f} | {r:.3f} | |")
        print(f"| {rendition} | **scrapeclean** | **{m['f1']:.3f}** | {m['precision']:.3f} | {m['recall']:.3f} | {m['accuracy']:.3f} |")
    print()
    print("Metadata (score_metadata.py --json):")
    for rendition, js in meta_rows:
        print(f"- {rendition}: {js.strip()}")
    print(f"\noutputs in {root}")


if __name__ == "__main__":
    main()
