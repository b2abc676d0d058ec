"""Regression guard for refactors meant to change nothing (speed work): save every record the
cleaners produce on the dev set, then compare a later run against it.

    python benchmarks/snapshot.py save /tmp/before.jsonl
    python benchmarks/snapshot.py compare /tmp/before.jsonl     # lists the pages that differ

Covers clean_text on both scraped renditions, a second clean of each output (idempotence), the
synthetic throughput pages, and clean_html on the HTML. The snapshot holds benchmark text: keep it
outside the repo.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._shared import read_jsonl, require_benchmark  # noqa: E402


def records(html: bool = True):
    from cleaners import clean_html, clean_text

    bench = require_benchmark()
    pages = {p["id"]: p for p in read_jsonl(bench / "pages.jsonl")}
    for rendition in ("browser", "bs4"):
        for page in read_jsonl(bench / f"scraped-{rendition}.jsonl"):
            doc = clean_text(page["text"], url=page["url"])
            yield f"{rendition}:{page['id']}", doc.to_record()
            yield f"{rendition}-twice:{page['id']}", clean_text(doc.text, url=page["url"]).to_record()
    from benchmarks.throughput import page as synthetic_page

    rng = random.Random(3)
    for i in range(200):
        p = synthetic_page(rng, i)
        yield f"synthetic:{i}", clean_text(p["text"], url=p["url"]).to_record()
    if html:
        for pid, p in sorted(pages.items()):
            doc = clean_html(gzip.decompress((bench / p["html_file"]).read_bytes()).decode("utf-8", "replace"),
                             url=p["url"])
            yield f"html:{pid}", doc.to_record()


def _strip(record: dict) -> dict:
    record = dict(record)
    record.pop("id", None)
    return record


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["save", "compare"])
    ap.add_argument("path", type=Path)
    ap.add_argument("--no-html", action="store_true", help="skip clean_html (faster)")
    args = ap.parse_args()
    if args.mode == "save":
        with open(args.path, "w", encoding="utf-8") as f:
            for key, record in records(html=not args.no_html):
                f.write(json.dumps({"key": key, "record": _strip(record)}, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"saved {args.path}")
        return
    before = {r["key"]: r["record"] for r in read_jsonl(args.path)}
    differ, seen = [], 0
    for key, record in records(html=not args.no_html):
        if key not in before:
            continue
        seen += 1
        if _strip(record) != before[key]:
            fields = sorted(k for k in set(before[key]) | set(record)
                            if k != "id" and before[key].get(k) != _strip(record).get(k))
            differ.append(f"{key} ({', '.join(fields)})")
    print(f"{len(differ)} of {seen} records differ")
    for line in differ[:50]:
        print("  ", line)
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
