"""Quality on the multilingual golden pages (tests/data/pages): cleans each `<name>.txt` with
`clean_text` and scores it against `<name>.body.txt` with the benchmark's metric (4-gram token
shingles, ../shared/benchmark/score.py `evaluate`); prints per-page and per-language P/R/F1.

    python benchmarks/multilingual.py [--show NAME]

Without ../shared the script computes the same metric itself (`benchmarks._shared.page_scores`:
\\w+ tokens, multisets of 4-gram shingles, per-document P and R averaged, F1 of the means).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._shared import BENCH, REPO, page_scores  # noqa: E402
from cleaners import clean_text  # noqa: E402

PAGES = REPO / "tests" / "data" / "pages"


def _fallback_evaluate(gold: list[dict], preds: dict[str, str]) -> tuple[dict, list[dict]]:
    """score.py's `evaluate` (metrics only) by `page_scores`: the means of the defined per-page
    precisions and recalls, and their harmonic mean."""
    scores = [page_scores(preds.get(g["id"], ""), g["body"]) for g in gold]
    ps, rs = [p for p, _ in scores if p is not None], [r for _, r in scores if r is not None]
    mp, mr = (sum(ps) / len(ps) if ps else 0.0), (sum(rs) / len(rs) if rs else 0.0)
    return {"precision": mp, "recall": mr, "f1": 2 * mp * mr / (mp + mr) if mp + mr else 0.0}, []


def load_evaluate():
    if (BENCH / "score.py").exists():
        from benchmarks._shared import load_module

        return load_module("score").evaluate, "score.py"
    return _fallback_evaluate, "fallback shingle F1"


def _per_page(evaluate, page_id: str, body: str, pred: str) -> tuple[float, float, float]:
    m, _ = evaluate([{"id": page_id, "url": "", "body": body}], {page_id: pred})
    return m["precision"], m["recall"], m["f1"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", help="print the cleaned text and removal counts of this page")
    args = ap.parse_args()
    evaluate, source = load_evaluate()
    names = sorted(p.name[: -len(".body.txt")] for p in PAGES.glob("*.body.txt"))
    gold, preds, by_lang = [], {}, defaultdict(list)
    print(f"metric: {source}\n")
    print(f"{'page':32} {'P':>6} {'R':>6} {'F1':>6}  title")
    for name in names:
        raw = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
        body = (PAGES / f"{name}.body.txt").read_text(encoding="utf-8")
        doc = clean_text(raw)
        gold.append({"id": name, "url": "", "body": body})
        preds[name] = doc.text
        p, r, f = _per_page(evaluate, name, body, doc.text)
        by_lang[name.split("_", 1)[0]].append((p, r, f))
        print(f"{name:32} {p:6.3f} {r:6.3f} {f:6.3f}  {doc.title!r}")
        if args.show == name:
            print(doc.text, "\n", doc.removed, doc.metadata)
    metrics, _ = evaluate(gold, preds)
    print()
    for lang, rows in sorted(by_lang.items()):
        n = len(rows)
        print(f"{lang}: n={n} mean P {sum(r[0] for r in rows) / n:.3f} R {sum(r[1] for r in rows) / n:.3f} "
              f"F1 {sum(r[2] for r in rows) / n:.3f}")
    print(f"\nall {len(names)} pages: F1 {metrics['f1']:.3f} (P {metrics['precision']:.3f} R {metrics['recall']:.3f}); "
          f"mean per-page F1 {sum(f for rows in by_lang.values() for *_, f in rows) / len(names):.3f}")


if __name__ == "__main__":
    main()
