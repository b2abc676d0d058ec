"""Where the shared data lives (beside the repo), and a skip marker for when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
SAMPLES = SHARED / "samples"
BENCHMARK = SHARED / "benchmark"

needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"shared samples not found at {SAMPLES}")
needs_benchmark = pytest.mark.skipif(
    not (BENCHMARK / "gold.jsonl").exists(), reason=f"shared benchmark not found at {BENCHMARK}"
)
