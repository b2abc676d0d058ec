"""Cleaning is idempotent on real pages: clean every dev-set rendition, clean the result again, and
count the pages whose text changes (should be 0).

    python benchmarks/idempotence.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._shared import read_jsonl, require_benchmark  # noqa: E402
from cleaners import clean_text  # noqa: E402


def main() -> None:
    bench = require_benchmark()
    changed, total = [], 0
    for rendition in ("browser", "bs4"):
        for page in read_jsonl(bench / f"scraped-{rendition}.jsonl"):
            once = clean_text(page["text"], url=page["url"]).text
            twice = clean_text(once, url=page["url"]).text
            total += 1
            if once != twice:
                changed.append(f"{rendition}:{page['id'][:12]}")
    print(f"{len(changed)} of {total} renditions change when cleaned twice {changed if changed else ''}")


if __name__ == "__main__":
    main()
