"""Locating ../shared/benchmark and loading its scorers (standard-library scripts) for the benchmarks,
and the benchmark's per-page metric for where ../shared is absent (tests, fresh clones)."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = (REPO / ".." / "shared" / "benchmark").resolve()


def require_benchmark() -> Path:
    if not (BENCH / "gold.jsonl").exists():
        sys.exit(f"benchmark data not found at {BENCH} (it ships in ../shared, beside the repo)")
    return BENCH


def load_module(name: str):
    path = require_benchmark() / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


_TOKEN = re.compile(r"\w+")


def _shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < 4:  # a text shorter than a shingle is one
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(zip(tokens, tokens[1:], tokens[2:], tokens[3:]))


def page_scores(pred: str, gold: str) -> tuple[float | None, float | None]:
    """One page's precision and recall as ../shared/benchmark/score.py computes them (\\w+ tokens,
    multisets of 4-gram shingles); None where score.py leaves the page out of the mean (nothing
    predicted, or nothing to find)."""
    p, g = _shingles(pred), _shingles(gold)
    tp, fp, fn = sum((p & g).values()), sum((p - g).values()), sum((g - p).values())
    return (tp / (tp + fp) if tp + fp else None), (tp / (tp + fn) if tp + fn else None)


def shingle_f1(pred: str, gold: str) -> float:
    """One page's F1 by `page_scores` (0 where either is undefined)."""
    precision, recall = page_scores(pred, gold)
    precision, recall = precision or 0.0, recall or 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
