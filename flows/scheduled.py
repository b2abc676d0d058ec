"""Scheduled pipeline runs: a Prefect deployment that cleans the dumps arriving in an inbox folder.

Each run of `inbox_flow`:
1. lists the files in the inbox that are ready: not hidden, not `*.part` / `*.tmp` / `*.crdownload`,
   and with a size and modification time that did not change over `settle_seconds`;
2. cleans them into the output folder with the one-off flow (`clean_flow`) in append mode, so the
   output keeps the layout of `scrapeclean clean` (documents/, rejects.jsonl, report.json) and
   grows run by run; site statistics persist in the output's state folder and keep learning;
3. writes this run's report to `reports/<run id>.json`, moves each cleaned file to
   `<inbox>/processed/` and records it in `state/inbox-processed.jsonl`.

A file is never cleaned twice: once done it leaves the inbox, and if a run dies between cleaning
and moving, the next run finds the file's batches finished in the manifest (same path, size and
modification time) and only moves it. Bad documents become rejects and never fail the run; a run
that fails anyway is retried by Prefect.

Prefect schedules need a real API server (the ephemeral one does not schedule): see `serve()`.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone
from pathlib import Path

import orjson
from prefect import flow
from prefect.task_runners import ThreadPoolTaskRunner

from flows.cleanup import DEFAULT_BATCH_SIZE, clean_flow, task_runner
from flows.sinks import OutputDir, OutputError, read_jsonl, write_json
from flows.sources import ReadOptions

PROCESSED = "processed"
PARTIAL_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", ".lock")
STATE_LOG = "state/inbox-processed.jsonl"
REPORTS = "reports"
DEPLOYMENT_NAME = "scrapeclean-inbox"


def ready_files(inbox: Path, settle_seconds: float) -> list[Path]:
    """Files in the inbox (recursively, outside processed/) that are complete, in sorted order."""
    def candidates() -> dict[Path, tuple[int, int]]:
        found = {}
        for path in sorted(inbox.rglob("*")):
            rel = path.relative_to(inbox)
            if rel.parts[0] == PROCESSED or any(p.startswith(".") for p in rel.parts):
                continue
            if not path.is_file() or path.is_symlink() or path.name.lower().endswith(PARTIAL_SUFFIXES):
                continue
            st = path.stat()
            found[path] = (st.st_size, st.st_mtime_ns)
        return found

    first = candidates()
    if not first:
        return []
    if settle_seconds > 0:
        time.sleep(settle_seconds)
    second = candidates()
    return [p for p, sig in first.items() if second.get(p) == sig]


def _move_processed(path: Path, inbox: Path) -> Path:
    """Move a cleaned file under inbox/processed/, keeping its relative path; never overwrite."""
    target = inbox / PROCESSED / path.relative_to(inbox)
    target.parent.mkdir(parents=True, exist_ok=True)
    n = 1
    while target.exists():
        target = target.with_name(f"{path.stem.split('.')[0]}.{n}{''.join(path.suffixes)}")
        n += 1
    os.replace(path, target)
    return target


@flow(name="scrapeclean-inbox", retries=2, retry_delay_seconds=30, persist_result=False, log_prints=True)
def inbox_flow(
    inbox: str,
    output: str,
    settle_seconds: float = 2.0,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    site_boilerplate: bool = True,
) -> dict:
    """Clean the files that arrived in `inbox` since the last run into `output`."""
    inbox_dir, out_dir = Path(inbox).absolute(), Path(output).absolute()
    inbox_dir.mkdir(parents=True, exist_ok=True)
    try:
        with OutputDir(out_dir).locked():  # held from listing the inbox to moving the files
            return _process_inbox(inbox_dir, out_dir, settle_seconds, workers, batch_size, site_boilerplate)
    except OutputError:
        print(f"another scrapeclean run is writing to {out_dir}; its files wait for the next run")
        return {"files": 0, "skipped": "output folder busy"}


def _process_inbox(inbox_dir: Path, out_dir: Path, settle_seconds: float, workers: int, batch_size: int,
                   site_boilerplate: bool) -> dict:
    files = ready_files(inbox_dir, settle_seconds)
    if not files:
        print(f"no new files in {inbox_dir}")
        _publish([], {}, None)
        return {"files": 0}
    runner = ThreadPoolTaskRunner(max_workers=1) if workers <= 1 else task_runner(workers)
    report = clean_flow.with_options(task_runner=runner)(
        inputs=[str(p) for p in files], output=str(out_dir), read_options=ReadOptions(),
        batch_size=batch_size, site_boilerplate=site_boilerplate, keep_site_stats=True, append=True,
    )
    (out_dir / REPORTS).mkdir(exist_ok=True)
    write_json(out_dir / REPORTS / f"{report['run_id']}.json", report)
    per_file = _documents_per_file(out_dir, report["run_id"])
    moved = []
    (out_dir / STATE_LOG).parent.mkdir(parents=True, exist_ok=True)
    with open(out_dir / STATE_LOG, "ab") as log:
        for path in files:
            target = _move_processed(path, inbox_dir)
            entry = {"file": str(path), "moved_to": str(target), "run_id": report["run_id"],
                     "documents": per_file.get(str(path), 0), "at": _now()}
            log.write(orjson.dumps(entry) + b"\n")
            moved.append(entry)
    print(f"{len(files)} files: {report['documents']['out']} documents, {report['documents']['rejected']} rejected")
    _publish(moved, report["rejects"], report)
    return {"files": len(files), "run_id": report["run_id"], "documents": report["documents"]}


def _documents_per_file(out_dir: Path, run_id: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in OutputDir(out_dir).finished().values():
        if entry.get("run_id") != run_id:
            continue
        for record in read_jsonl(out_dir / entry["documents"]):
            path = (record.get("source") or {}).get("path")
            counts[path] = counts.get(path, 0) + 1
    return counts


def _publish(moved: list[dict], rejects: dict, report: dict | None) -> None:
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    try:
        create_table_artifact(
            [{"file": m["file"], "documents": m["documents"], "moved to": m["moved_to"]} for m in moved]
            or [{"file": "(no new files)", "documents": 0, "moved to": ""}],
            key="scrapeclean-inbox-files", description="files cleaned by this run",
        )
        if report is not None:
            lines = [f"# scrapeclean inbox run {report['run_id']}", "",
                     f"{len(moved)} files, {report['documents']['out']} documents written, "
                     f"{report['documents']['rejected']} rejected.", "", "| reject reason | count |", "|---|---|"]
            lines += [f"| {k} | {v} |" for k, v in rejects.items()] or ["| (none) | 0 |"]
            create_markdown_artifact("\n".join(lines), key="scrapeclean-inbox-summary", description="inbox run summary")
    except Exception:  # artifacts are a convenience; the files on disk are the record
        pass


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def serve(inbox: str, output: str, *, cron: str | None = None, interval: float | None = None,
          name: str = DEPLOYMENT_NAME, workers: int = 1, settle_seconds: float = 2.0) -> None:
    """Serve the inbox deployment on the Prefect server at PREFECT_API_URL (blocks until stopped)."""
    from prefect.deployments.runner import EntrypointType

    parameters = {"inbox": str(Path(inbox).absolute()), "output": str(Path(output).absolute()),
                  "workers": workers, "settle_seconds": settle_seconds}
    inbox_flow.serve(
        name=name,
        cron=cron,
        interval=None if cron else (interval or 300),
        parameters=parameters,
        description="Clean the scrape dumps that arrive in the inbox into clean JSON records.",
        tags=["scrapeclean"],
        limit=1,  # one run at a time: a run takes the whole inbox
        entrypoint_type=EntrypointType.MODULE_PATH,
        print_starting_message=True,
    )


__all__ = ["inbox_flow", "ready_files", "serve"]
