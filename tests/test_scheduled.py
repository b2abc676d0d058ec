"""Scheduled runs against a real Prefect server (issue 7): start `prefect server` on 127.0.0.1 on a
free port with a temporary PREFECT_HOME, serve the inbox deployment with a short interval, drop
files into the inbox and see their output appear; drop another and see only it processed by a
later run; then stop both processes by pid."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from flows.scheduled import ready_files

BIN = Path(sys.executable).parent
PAGE = (
    "Home\nNews\nSport\nWeather\n\n{title}\n\n"
    "The harbour authority said on {day} that the ferry timetable would change next month, after a "
    "review of passenger numbers found that the early boats were often nearly empty.\n\n"
    "Passengers who rely on the late crossing welcomed the decision, while the union said it would "
    "study the plan carefully before the consultation ends.\n\nShare on Facebook\n"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}")


def records(out: Path) -> list[dict]:
    docs = out / "documents"
    if not docs.is_dir():
        return []
    return [json.loads(l) for p in sorted(docs.glob("*.jsonl")) for l in p.open()]


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def test_ready_files_skips_partial_hidden_and_processed(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.txt.part").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "processed").mkdir()
    (tmp_path / "processed" / "c.txt").write_text("x")
    assert ready_files(tmp_path, settle_seconds=0) == [tmp_path / "a.txt"]


def test_serve_picks_up_new_files(tmp_path):
    port = free_port()
    env = dict(os.environ)
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect-home"),
        PREFECT_API_URL=f"http://127.0.0.1:{port}/api",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_LOGGING_LEVEL="WARNING",
    )
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    logs = tmp_path / "logs"
    logs.mkdir()
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=open(logs / "server.log", "wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    served = None
    try:
        def healthy() -> bool:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as r:
                    return r.status == 200
            except OSError:
                return False

        wait_for(healthy, 120, "the Prefect server")
        (inbox / "first.txt").write_text(PAGE.format(title="Ferry timetable to change", day="Monday"))
        (inbox / "second.jsonl").write_text(
            json.dumps({"id": "j1", "url": "https://example.org/a", "text": PAGE.format(title="Union studies plan", day="Tuesday")})
            + "\n"
        )
        (inbox / "growing.txt.part").write_text("still being written")
        served = subprocess.Popen(
            [str(BIN / "scrapeclean"), "serve", "--inbox", str(inbox), "--output", str(out), "--interval", "5",
             "--settle", "0.5"],
            env=env, stdout=open(logs / "serve.log", "wb"), stderr=subprocess.STDOUT, start_new_session=True,
        )
        wait_for(lambda: len(records(out)) == 2 and not (inbox / "first.txt").exists()
                 and not (inbox / "second.jsonl").exists(), 180, "the first two files")
        assert {r["id"] for r in records(out)} == {"first", "j1"}
        assert (inbox / "growing.txt.part").exists(), "a partial file must be left alone"
        assert (inbox / "processed" / "first.txt").exists()

        (inbox / "third.txt").write_text(PAGE.format(title="Early boats to be cut", day="Wednesday"))
        wait_for(lambda: len(records(out)) == 3 and not (inbox / "third.txt").exists(), 120, "the third file")
        time.sleep(6)  # at least one more run with nothing new
        recs = records(out)
        assert sorted(r["id"] for r in recs) == ["first", "j1", "third"], "a file was cleaned twice"
        runs = [json.loads(l) for l in (out / "state" / "inbox-processed.jsonl").open()]
        assert [Path(r["file"]).name for r in runs] == ["first.txt", "second.jsonl", "third.txt"]
        assert runs[0]["run_id"] == runs[1]["run_id"] != runs[2]["run_id"]
        assert len(list((out / "reports").glob("*.json"))) == 2
    finally:
        if served is not None:
            stop(served)
        stop(server)
    assert server.poll() is not None and (served is None or served.poll() is not None)
