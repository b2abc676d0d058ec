"""Locating ../shared/benchmark and loading its scorers (standard-library scripts) for the benchmarks."""

from __future__ import annotations

import importlib.util
import json
import sys
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
