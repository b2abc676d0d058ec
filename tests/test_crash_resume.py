"""Crash safety (issue 8): SIGKILL a real `scrapeclean clean` run mid-way, run the same command
again, and every page is in the output exactly once, every output line parses.

The run (in its own process group) is killed at a random-ish moment after some batches have
finished: its main process with SIGKILL, as the OOM killer would, which orphans its worker
processes and Prefect's temporary API server. Whatever is still alive is left running during the
second run, which must not mind it (same PREFECT_HOME, same output folder), and is stopped at the
end by pid.

Slow (two CLI runs, about a minute): deselect with `-m "not slow"`.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).parent / "scrapeclean"
sys.path.insert(0, str(REPO))
from benchmarks.synthetic import site_page  # noqa: E402

pytestmark = pytest.mark.slow

PAGES = 2000
KILL_ONLY_MAIN = True  # False: kill the whole process group at once


def _dump(path: Path, n: int) -> None:
    rng = random.Random(8)
    with path.open("w") as fh:
        for i in range(n):
            sites = ("valley-gazette", "harbour-times", "hill-post")
            url = f"https://www.{sites[i % 3]}.example/news/{i:05d}"
            text, _ = site_page(rng, url)
            if i % 97 == 5:
                text = "Home\nShare"  # a few rejects too
            fh.write(json.dumps({"id": f"p-{i:05d}", "url": url, "text": text}) + "\n")


def _processes_with(marker: str) -> list[int]:
    """Pids of live processes whose environment holds `marker` (our PREFECT_HOME)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() in (entry / "environ").read_bytes():
                pids.append(int(entry.name))
        except OSError:
            continue
    return pids


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]  # raises if a line is cut


def test_sigkill_then_rerun_gives_every_page_exactly_once(tmp_path):
    dump, out, home = tmp_path / "dump.jsonl", tmp_path / "out", tmp_path / "prefect-home"
    _dump(dump, PAGES)
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PREFECT_LOGGING_LEVEL")}
    env["PREFECT_HOME"] = str(home)
    cmd = [str(SCRIPT), "clean", str(dump), "--output", str(out), "--workers", "2", "--batch-size", "50", "--quiet"]

    # 1. start, wait for a few finished batches (plus a random moment), kill the whole group
    started = time.monotonic()
    run = subprocess.Popen(cmd, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, start_new_session=True)
    manifest = out / "manifest"
    wanted = random.Random().randint(3, 12)
    try:
        while time.monotonic() - started < 120:
            if run.poll() is not None:
                break
            if manifest.is_dir() and len(list(manifest.glob("*.json"))) >= wanted:
                time.sleep(random.random())  # between batch commits, or in the middle of one
                break
            time.sleep(0.05)
        assert run.poll() is None, f"the run ended before it could be killed: {run.communicate()[1][-2000:]}"
        group = _processes_with(str(home))
        # The CLI's process first, as the OOM killer would: its workers and Prefect's server are
        # orphaned; then, unless KILL_ONLY_MAIN, the rest of the group.
        os.kill(run.pid, signal.SIGKILL)
        if not KILL_ONLY_MAIN:
            os.killpg(run.pid, signal.SIGKILL)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
        run.wait(30)
    finished_before = len(list(manifest.glob("*.json")))
    assert 0 < finished_before < PAGES // 50
    orphans = _processes_with(str(home))  # workers, Prefect's server: left running into the second run
    killed_at = time.monotonic() - started

    # 2. the same command again: it completes, and reuses the batches finished before the kill
    try:
        again = subprocess.run(cmd, cwd=REPO, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                               text=True, timeout=240)
    finally:
        for pid in orphans:  # stop what the killed run left behind (by pid, ours only)
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    print(f"killed after {killed_at:.1f} s with {finished_before} batches done; group: {group}, orphans: {orphans}; "
          f"second run {time.monotonic() - started - killed_at:.1f} s")
    assert again.returncode == 0, again.stderr[-3000:]
    report = json.loads((out / "report.json").read_text())
    assert report["batches"]["failed"] == 0
    assert report["batches"]["reused"] >= finished_before - 2  # (a batch mid-commit may be redone)

    # 3. every page exactly once, every line parses, nothing half-written left behind
    docs = [r for shard in sorted((out / "documents").glob("*.jsonl")) for r in _lines(shard)]
    rejects = _lines(out / "rejects.jsonl")
    for shard in (out / "rejects").glob("*.jsonl"):
        _lines(shard)
    ids = sorted(r["id"] for r in docs + rejects)
    assert ids == [f"p-{i:05d}" for i in range(PAGES)]
    assert report["documents"] == {"planned": PAGES, "in": PAGES, "out": len(docs), "rejected": len(rejects)}
    assert not [p for p in out.rglob("*") if p.name.startswith(".tmp-")]
    # every shard belongs to a finished batch: none from the killed run's unfinished ones
    entries = [json.loads(p.read_text()) for p in manifest.glob("*.json")]
    assert sorted(e["documents"] for e in entries) == sorted(f"documents/{p.name}" for p in (out / "documents").iterdir())
    assert time.monotonic() - started < 200
