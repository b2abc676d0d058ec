"""The one-off cleaning flow: plan batches -> one `clean_batch` task per batch -> report.

Tasks take a batch reference (paths and offsets, never text), read it, clean each document,
write their shards themselves and return a small summary; the flow only merges summaries.
Nothing is cached or persisted by Prefect: the output folder and its manifest are the state,
which is what makes a re-run resume.

    from flows.cleanup import clean_flow
    report = clean_flow(["examples"], "output")
"""

from __future__ import annotations

import secrets
import shutil
import time
from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict
from datetime import datetime, timezone
from typing import Protocol

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from cleaners import Options, clean_html, clean_text
from cleaners.version import __version__
from cleaners.corpus import SiteStats
from cleaners.dedup import signature
from cleaners.document import lower_words
from flows.dedup import mark_duplicates, write_signatures
from flows.sinks import OutputDir
from flows.sitestats import STATE, STORE_FILE, Boilerplate, SiteStore, boilerplate_table, count_batches_fn, sites_to_count, write_boilerplate
from flows.sources import DEFAULT_BATCH_SIZE, Batch, Plan, RawDocument, ReadOptions, Reject, plan_batches, read_batch

SPOOL = f"{STATE}/spool"  # plain copies of gzipped JSONL inputs, for the length of a run


def clean_document(raw: RawDocument, boilerplate: Boilerplate | None = None) -> dict | Reject:
    """One document -> its output record, or a Reject. Never raises for a bad document."""
    result = _clean(raw, boilerplate)
    return result if isinstance(result, Reject) else result[0]


def _clean(raw: RawDocument, boilerplate: Boilerplate | None) -> tuple[dict, list[str]] | Reject:
    """`clean_document`, with the record's `lower_words` (for its near-duplicate signature)."""
    options = Options(fetched=raw.fetched)
    try:
        if raw.kind == "html":
            doc = clean_html(raw.content, url=raw.url, options=options)
        else:
            site_keys = boilerplate.for_url(raw.url) if boilerplate else frozenset()
            doc = clean_text(raw.content, url=raw.url, options=options, site_boilerplate=site_keys)
        words = lower_words(doc.text)
        record = doc.to_record(id=raw.id, source=raw.source, words=words)
    except Exception as e:  # a cleaner bug must cost one document, not the run
        return Reject(raw.id, raw.source, "clean-error", f"{type(e).__name__}: {e}")
    if record["word_count"] < options.min_words:
        return Reject(raw.id, raw.source, "empty", "no article text left after cleaning")
    return record, words


def new_summary() -> dict:
    return {"documents_in": 0, "documents_out": 0, "rejected": 0, "words": 0, "removed": {}, "rejects": {}, "seconds": 0.0, "cpu_seconds": 0.0}


def clean_batch_fn(
    batch: Batch, output: str, run_id: str, read_options: ReadOptions, boilerplate_file: str | None = None
) -> dict:
    """Read, clean and write one batch; record it in the manifest; return its summary."""
    start, cpu = time.perf_counter(), time.process_time()
    out = OutputDir(output)
    boilerplate = Boilerplate(boilerplate_file)
    ids, signatures = [], []
    summary, removed, rejects = new_summary(), Counter(), Counter()
    with out.batch_writers(run_id, batch.number) as (docs, rejected, paths):
        for item in read_batch(batch, read_options):
            summary["documents_in"] += 1
            result = _clean(item, boilerplate) if isinstance(item, RawDocument) else item
            if isinstance(result, Reject):
                rejected.write(result.to_record())
                rejects[result.reason] += 1
            else:
                result, words = result
                result["duplicate_of"] = None  # set by the near-duplicate pass at the end of the run
                docs.write(result)
                ids.append(result["id"])
                signatures.append(signature(result["text"], words))
                removed.update(result["removed"])
                summary["words"] += result["word_count"]
    summary.update(
        documents_out=docs.count,
        rejected=rejected.count,
        removed=dict(sorted(removed.items())),
        rejects=dict(sorted(rejects.items())),
        seconds=round(time.perf_counter() - start, 3),
        cpu_seconds=round(time.process_time() - cpu, 3),
    )
    paths["signatures"] = write_signatures(out.root, paths["documents"], ids, signatures)
    out.finish_batch(batch.key, {"key": batch.key, "batch": batch.number, "run_id": run_id, **paths, "summary": summary})
    return summary


# Hundreds of documents per task; the shards on disk are the result, so Prefect keeps nothing.
clean_batch = task(
    clean_batch_fn,
    name="clean_batch",
    cache_policy=NO_CACHE,
    persist_result=False,
    task_run_name="clean batch {batch.number}",
)


def _count_run_name() -> str:
    from prefect.runtime import task_run

    batches = task_run.parameters["batches"]
    return f"count site lines, batches {batches[0].number}-{batches[-1].number}"


count_batches = task(
    count_batches_fn,
    name="count_site_lines",
    cache_policy=NO_CACHE,
    persist_result=False,
    task_run_name=_count_run_name,
)

# The first pass is light (a sample of each site's pages per batch) and a task run costs ~80 ms of
# a worker's CPU whatever it does: so it runs as a few tasks over runs of batches, not one a batch.
COUNT_TASKS = 8


class ProgressListener(Protocol):
    def planned(self, documents: int, reused: int) -> None: ...  # once, after planning
    def batch_done(self, summary: dict) -> None: ...  # after each batch run by this run


# Not a flow parameter: parameters travel to worker processes and must pickle; a listener needn't.
_listener: ContextVar[ProgressListener | None] = ContextVar("scrapeclean_progress", default=None)


def _current_listener() -> ProgressListener | None:
    # The flow function is pickled by value for process workers (its module name is taken by the
    # Flow object), with the globals it uses: a ContextVar does not pickle, a module function does.
    return _listener.get()


@contextmanager
def progress_listener(listener: ProgressListener):
    """Within this block, clean_flow reports its progress to `listener` (in the flow's process)."""
    token = _listener.set(listener)
    try:
        yield listener
    finally:
        _listener.reset(token)


def task_runner(workers: int, dask_address: str | None = None) -> TaskRunner:
    """Processes on this machine (threads for one worker), or an existing Dask cluster."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    if workers <= 1:
        return ThreadPoolTaskRunner(max_workers=1)
    return ProcessPoolTaskRunner(max_workers=workers)


@flow(name="scrapeclean-clean", persist_result=False, log_prints=False, validate_parameters=False)
def clean_flow(
    inputs: list[str],
    output: str,
    read_options: ReadOptions = ReadOptions(),
    batch_size: int = DEFAULT_BATCH_SIZE,
    force: bool = False,
    site_boilerplate: bool = True,
    keep_site_stats: bool = False,
    append: bool = False,
    drop_duplicates: bool = False,
) -> dict:
    """Clean `inputs` into the folder `output`; returns the report (also written to report.json).

    Batches finished by an earlier run with the same inputs and options are skipped unless
    `force`. A progress display can listen with `progress_listener()`.

    - `site_boilerplate`: a first pass learns each site's repeated lines across the inputs and
      the cleaning pass removes them (sites with too few pages are left alone);
    - `keep_site_stats`: the site statistics are also loaded from and saved to the output's
      state folder, so they keep learning across runs (scheduled mode);
    - `append`: keep the results of earlier runs over other inputs in the folder (scheduled mode
      adds each run's new files); otherwise the folder holds exactly this run's inputs;
    - near-duplicate articles get `duplicate_of` (the id of the first copy, in input order), and
      with `drop_duplicates` they are removed from documents/; the report counts them.
    """
    listener = _current_listener()
    started, t0 = _now(), time.perf_counter()
    out = OutputDir(output)
    with out.locked():
        salt = f"{__version__}|site-boilerplate={int(site_boilerplate)}"  # options that change the output
        plan = plan_batches(inputs, batch_size, read_options, exclude=out.root, salt=salt, spool=out.root / SPOOL)
        planned = time.perf_counter()
        keep = [b.key for b in plan.batches] + (list(out.finished()) if append and not force else [])
        finished, removed_files = out.prepare(keep, force=force)
        todo = [b for b in plan.batches if b.key not in finished]
        boilerplate_file, sites = _learn_sites(plan, out, read_options, keep_site_stats) if (
            site_boilerplate and todo
        ) else (None, 0)
        learned = time.perf_counter()
        if listener:
            listener.planned(plan.documents, sum(b.size for b in plan.batches if b.key in finished))

        run_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)
        failed = []
        for batch, result in _run_batches(todo, str(out.root), run_id, read_options, boilerplate_file):
            if isinstance(result, Exception):  # the batch is not in the manifest: a re-run does it again
                failed.append({"batch": batch.number, "error": f"{type(result).__name__}: {result}"})
            elif listener:
                listener.batch_done(result)

        shutil.rmtree(out.root / SPOOL, ignore_errors=True)  # the batches have read their copies
        cleaned = time.perf_counter()

        # The manifest is the truth: a batch whose entry is there is done, whatever its future said;
        # shards of failed batches go, so that the folder holds exactly what the report counts.
        entries, unfinished = out.tidy(keep)
        done = [entries[b.key] for b in plan.batches if b.key in entries]
        failed = [f for f in failed if plan.batches[f["batch"]].key not in entries]
        in_output = sorted(entries.values(), key=_entry_order) if append else done  # what the folder holds
        out.merge_rejects(in_output)
        duplicates = mark_duplicates(out.root, in_output, drop=drop_duplicates)
        report = _report(
            inputs, out, read_options, batch_size, plan, done, failed,
            reused=len(finished), removed_files=removed_files + unfinished, run_id=run_id, started=started,
            plan_seconds=planned - t0, wall_seconds=time.perf_counter() - t0,
        )
        report["timings"].update(
            site_stats_seconds=round(learned - planned, 3),  # the first pass (site boilerplate)
            batches_seconds=round(cleaned - learned, 3),  # the cleaning tasks, wall time
            finish_seconds=round(time.perf_counter() - cleaned, 3),  # manifest, rejects, duplicates, report
        )
        report["site_boilerplate"] = {"enabled": site_boilerplate, "sites_with_boilerplate": sites}
        report["duplicates"] = duplicates
        if drop_duplicates:
            report["documents"]["out"] -= duplicates["dropped"]
        out.write_report(report)
    _publish_artifacts(report)
    return report


def _learn_sites(plan: Plan, out: OutputDir, read_options: ReadOptions, keep: bool) -> tuple[str, int]:
    """The first pass: count lines per site over all batches, merge, write the boilerplate table.

    Without kept statistics, only the pages of sites with enough pages in this run are counted,
    and with no such site there is no pass at all (a dump of many sites with a few pages each)."""
    stats = SiteStore(out.root / STORE_FILE).load(SiteStats()) if keep else SiteStats()
    sites = None if keep else sites_to_count(plan.site_pages, stats.min_site_pages)
    batches = plan.batches if sites is None or sites else []
    n, k = len(batches), min(COUNT_TASKS, len(batches))
    groups = [batches[j * n // k : (j + 1) * n // k] for j in range(k)]  # runs of consecutive batches
    if len(groups) == 1:
        stats.merge(count_batches(groups[0], read_options, sites))
    else:
        for future in as_completed([count_batches.submit(group, read_options, sites) for group in groups]):
            stats.merge(future.result())
    if keep:
        SiteStore(out.root / STORE_FILE).save(stats)
    table = boilerplate_table(stats)
    return write_boilerplate(out.root, table), len(table)


def _entry_order(entry: dict) -> tuple[str, int]:
    return entry.get("run_id", ""), entry.get("batch", 0)


def _run_batches(todo: list[Batch], output: str, run_id: str, read_options: ReadOptions, boilerplate_file: str | None):
    """(batch, summary or exception) as each batch finishes, on the flow's task runner.

    A single batch runs in the flow's own process: starting a pool of workers for it costs more
    than it saves.
    """
    if len(todo) == 1:
        try:
            yield todo[0], clean_batch(todo[0], output, run_id, read_options, boilerplate_file)
        except Exception as e:
            yield todo[0], e
        return
    futures = {clean_batch.submit(b, output, run_id, read_options, boilerplate_file): b for b in todo}
    for future in as_completed(list(futures)):
        try:
            yield futures[future], future.result()
        except Exception as e:
            yield futures[future], e


def _report(inputs, out, read_options, batch_size, plan, done, failed, *, reused, removed_files,
            run_id, started, plan_seconds, wall_seconds) -> dict:
    totals, removed, rejects = Counter(), Counter(), Counter()
    for entry in done:
        s = entry["summary"]
        totals.update({k: s.get(k, 0) for k in ("documents_in", "documents_out", "rejected", "words", "seconds", "cpu_seconds")})
        removed.update(s["removed"])
        rejects.update(s["rejects"])
    return {
        "scrapeclean_version": __version__,
        "run_id": run_id,
        "started": started,
        "finished": _now(),
        "inputs": list(inputs),
        "output": str(out.root),
        "options": {"batch_size": batch_size, **asdict(read_options)},
        "files": {"found": plan.files, "skipped": len(plan.skipped_files), "skipped_paths": plan.skipped_files[:100]},
        "warc_records_skipped": plan.skipped_records,
        "batches": {
            "planned": len(plan.batches),
            "done": len(done),
            "reused": reused,
            "failed": len(failed),
            "failures": failed,
        },
        "documents": {
            "planned": plan.documents,
            "in": totals["documents_in"],
            "out": totals["documents_out"],
            "rejected": totals["rejected"],
        },
        "words_out": totals["words"],
        "removed": dict(sorted(removed.items())),
        "rejects": dict(sorted(rejects.items())),
        "stale_files_removed": removed_files,
        "timings": {
            "plan_seconds": round(plan_seconds, 3),
            "clean_seconds": round(totals["seconds"], 3),  # batch times summed: worker time, not wall time
            "clean_cpu_seconds": round(totals["cpu_seconds"], 3),  # the CPU time of those batches, summed
            "wall_seconds": round(wall_seconds, 3),
        },
    }


def _publish_artifacts(report: dict) -> None:
    """A table and a markdown summary in the Prefect UI. Cheap, and never fails the run."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    d = report["documents"]
    rows = [{"what": k, "count": v} for k, v in (("documents in", d["in"]), ("documents out", d["out"]), ("rejected", d["rejected"]))]
    rows += [{"what": f"removed: {k}", "count": v} for k, v in report["removed"].items()]
    rows += [{"what": f"rejected: {k}", "count": v} for k, v in report["rejects"].items()]
    b = report["batches"]
    markdown = (
        f"# scrapeclean run {report['run_id']}\n\n"
        f"{d['in']} documents in, **{d['out']} out**, {d['rejected']} rejected, "
        f"in {report['timings']['wall_seconds']} s.\n\n"
        f"Batches: {b['done']} of {b['planned']} done ({b['reused']} from an earlier run, {b['failed']} failed).\n\n"
        f"Output: `{report['output']}`\n"
    )
    try:
        create_table_artifact(rows, key="scrapeclean-run-counts", description="scrapeclean: documents and removals")
        create_markdown_artifact(markdown, key="scrapeclean-run-summary", description="scrapeclean run summary")
    except Exception:  # an artifact is a convenience, the report on disk is the record
        pass


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


__all__ = ["clean_flow", "progress_listener", "clean_batch", "clean_batch_fn", "clean_document", "task_runner", "DEFAULT_BATCH_SIZE"]
