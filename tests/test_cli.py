"""The `scrapeclean` console script, run as a user would: exit codes, messages, the output folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import REPO

SCRIPT = Path(sys.executable).parent / "scrapeclean"
EXAMPLE_IDS = {
    "county-budget", "harbor-ferry-news", "library-reopens", "sourdough-blog", "stadtrat-radwege-de",
    "dump-0001", "dump-0002", "dump-0003",
}


@pytest.fixture(scope="session")
def cli_env(tmp_path_factory):
    """The user's environment, but a fresh PREFECT_HOME (as on a new machine) and no Prefect server."""
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PREFECT_LOGGING_LEVEL")}
    env["PREFECT_HOME"] = str(tmp_path_factory.mktemp("prefect-home"))
    return env


def scrapeclean(*args, env=None, timeout=300) -> subprocess.CompletedProcess:
    assert SCRIPT.exists(), f"console script missing: {SCRIPT} (run `make dev`)"
    return subprocess.run(
        [str(SCRIPT), *map(str, args)], cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def test_help_lists_the_options():
    result = scrapeclean("clean", "--help")
    assert result.returncode == 0
    for option in ("--output", "--format", "--workers", "--batch-size", "--force", "--dask-address", "--quiet", "--id-field"):
        assert option in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["clean", "no/such/input", "--output", "{tmp}/out"], "input not found: no/such/input"),
        (["clean", "examples", "--output", "{tmp}/afile"], "is not a folder"),
        (["clean", "examples", "--output", "{tmp}/afile/below"], "cannot write to output folder"),
        (["clean", "examples"], "the following arguments are required: -o/--output"),
        (["clean", "examples", "--output", "{tmp}/out", "--batch-size", "0"], "must be at least 1"),
        (["clean", "examples", "--output", "{tmp}/out", "--format", "pdf"], "invalid choice"),
    ],
)
def test_unusable_arguments_fail_with_one_line(tmp_path, args, message):
    (tmp_path / "afile").write_text("a file, not a folder")
    result = scrapeclean(*[a.format(tmp=tmp_path) for a in args])
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_clean_examples_end_to_end(tmp_path, cli_env, document_validator):
    out = tmp_path / "out"
    result = scrapeclean("clean", "examples", "--output", out, env=cli_env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    # stderr is not a terminal: no progress bar, only the one-line summary
    assert result.stderr.count("\n") == 1 and "8 documents" in result.stderr, result.stderr

    docs = [json.loads(line) for shard in sorted((out / "documents").glob("part-*.jsonl")) for line in shard.open()]
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").open()]
    for record in docs:
        document_validator.validate(record)
    assert sorted(r["id"] for r in docs + rejects) == sorted(EXAMPLE_IDS)  # each once
    assert {r["source"]["format"] for r in docs} == {"text", "html", "jsonl"}

    report = json.loads((out / "report.json").read_text())
    assert report["documents"] == {"planned": 8, "in": 8, "out": len(docs), "rejected": len(rejects)}
    assert report["files"] == {"found": 6, "skipped": 1, "skipped_paths": ["examples/README.md"]}
    assert report["rejects"] == dict(Counter(r["reason"] for r in rejects))
    assert report["inputs"] == ["examples"] and report["scrapeclean_version"]
    assert list((out / "manifest").glob("*.json"))

    # The same command again: nothing to do, nothing doubled; --quiet prints nothing.
    shards = sorted(p.name for p in (out / "documents").iterdir())
    again = scrapeclean("clean", "examples", "--output", out, "--quiet", env=cli_env)
    assert again.returncode == 0 and again.stderr == "" and again.stdout == ""
    report = json.loads((out / "report.json").read_text())
    assert report["batches"]["reused"] == report["batches"]["planned"] == 1
    assert sorted(p.name for p in (out / "documents").iterdir()) == shards


@pytest.mark.parametrize("preset, expected", [(None, "1 false"), ("0", "0 false")])
def test_telemetry_is_off_unless_the_user_set_it(preset, expected):
    env = {k: v for k, v in os.environ.items() if k not in ("DO_NOT_TRACK", "PREFECT_SERVER_ANALYTICS_ENABLED")}
    if preset is not None:
        env["DO_NOT_TRACK"] = preset
    code = "import flows, os; print(os.environ['DO_NOT_TRACK'], os.environ['PREFECT_SERVER_ANALYTICS_ENABLED'])"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True)
    assert result.stdout.strip() == expected
