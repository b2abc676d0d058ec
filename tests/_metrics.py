"""The benchmark's 4-gram shingle F1 (multisets, as in ../shared/benchmark/score.py), for tests."""

from __future__ import annotations

from collections import Counter


def shingle_f1(pred: str, gold: str) -> float:
    p, g = pred.split(), gold.split()
    ps, gs = Counter(zip(p, p[1:], p[2:], p[3:])), Counter(zip(g, g[1:], g[2:], g[3:]))
    tp = sum((ps & gs).values())
    if not tp:
        return 0.0
    prec, rec = tp / sum(ps.values()), tp / sum(gs.values())
    return 2 * prec * rec / (prec + rec)
