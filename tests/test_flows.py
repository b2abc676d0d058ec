"""The Prefect flow: every document out once, report counts, resume, --force, failures, runners."""

from __future__ import annotations

import json
import shutil
import threading
from collections import Counter
from pathlib import Path

import pytest
from conftest import FLOWS_DATA

from flows import cleanup
from flows.cleanup import clean_batch_fn, clean_document, clean_flow, progress_listener, task_runner
from flows.sinks import read_jsonl
from flows.sources import RawDocument, ReadOptions, Reject, plan_batches

CORPUS = FLOWS_DATA / "corpus"
CORPUS_IDS = {"alpha", "beta", "empty", "latin1", "gamma", "rec-1", "records:3", "records:4", "rec-5", "records:6", "7", "rec-8"}
SURE_REJECTS = {"records:4": "bad-json", "rec-5": "bad-record", "records:6": "bad-json", "empty": "empty", "rec-8": "empty"}


def run(output: Path, inputs=(CORPUS,), workers: int = 1, **kwargs) -> dict:
    flow = clean_flow.with_options(task_runner=task_runner(workers, kwargs.pop("dask_address", None)))
    return flow(inputs=[str(p) for p in inputs], output=str(output), **kwargs)


def shards(output: Path) -> list[str]:
    return sorted(p.name for p in (output / "documents").glob("part-*.jsonl"))


def outputs(output: Path) -> tuple[list[dict], list[dict]]:
    docs = [r for p in sorted((output / "documents").glob("*.jsonl")) for r in read_jsonl(p)]
    return docs, list(read_jsonl(output / "rejects.jsonl"))


def assert_accounted(output: Path, report: dict, expected_ids=CORPUS_IDS) -> None:
    """Every input document is in documents/ or rejects.jsonl, exactly once; the report agrees."""
    docs, rejects = outputs(output)
    ids = [r["id"] for r in docs] + [r["id"] for r in rejects]
    assert sorted(ids) == sorted(expected_ids)
    d = report["documents"]
    assert (d["in"], d["out"], d["rejected"]) == (len(ids), len(docs), len(rejects))
    assert report["rejects"] == dict(Counter(r["reason"] for r in rejects))
    removed = Counter()
    for r in docs:
        removed.update(r["removed"])
    assert report["removed"] == dict(sorted(removed.items()))
    assert json.loads((output / "report.json").read_text()) == report


# --- without Prefect ---------------------------------------------------------------------------


def test_clean_document_turns_a_cleaner_crash_into_a_reject(monkeypatch):
    def explode(text, url=None, options=None, site_boilerplate=frozenset()):
        raise RuntimeError("boom")

    monkeypatch.setattr(cleanup, "clean_text", explode)
    raw = RawDocument("x", "some text", "text", {"path": "x.txt", "line": None, "format": "text"})
    result = clean_document(raw)
    assert isinstance(result, Reject) and result.reason == "clean-error" and "boom" in result.message


def test_clean_document_passes_fetched_time_and_url(monkeypatch):
    seen = {}

    def spy(text, url=None, options=None, site_boilerplate=frozenset()):
        seen.update(url=url, fetched=options.fetched)
        raise ValueError("stop here")

    monkeypatch.setattr(cleanup, "clean_html", spy)
    clean_document(RawDocument("x", "<p>x</p>", "html", {}, url="https://a.example/", fetched="2024-05-01T00:00:00Z"))
    assert seen == {"url": "https://a.example/", "fetched": "2024-05-01T00:00:00Z"}


def test_clean_batch_task_body_writes_shards_and_manifest(tmp_path):
    from flows.sinks import OutputDir

    plan = plan_batches([str(CORPUS)], batch_size=100)
    OutputDir(tmp_path).prepare([b.key for b in plan.batches])
    summary = clean_batch_fn(plan.batches[0], str(tmp_path), "testrun", ReadOptions())
    assert summary["documents_in"] == 12 == summary["documents_out"] + summary["rejected"]
    entry = json.loads((tmp_path / "manifest" / f"{plan.batches[0].key}.json").read_text())
    assert entry["summary"] == summary and entry["documents"] == "documents/part-testrun-00000.jsonl"
    assert len(list(read_jsonl(tmp_path / entry["documents"]))) == summary["documents_out"]
    rejects = {r["id"]: r["reason"] for r in read_jsonl(tmp_path / entry["rejects"])}
    assert SURE_REJECTS.items() <= rejects.items()


def test_lone_surrogates_in_a_jsonl_record_cost_nothing(tmp_path):
    """orjson refuses a lone surrogate escape ("\\ud800"); the json fallback accepts it, and it
    must not reach a writer (which cannot encode it) in the id, the url or the text."""
    from flows.sinks import OutputDir

    body = " ".join(f"Sentence number {i} of a plain article tells what happened in the town." for i in range(12))
    dump = tmp_path / "in" / "dump.jsonl"
    dump.parent.mkdir()
    dump.write_text(
        '{"id": "odd\\ud800", "url": "https://a.example/\\udc00x", "text": "Title\\n\\n' + body + ' \\ud800"}\n'
        + json.dumps({"id": "plain", "url": "https://a.example/p", "text": "Title\n\n" + body}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    plan = plan_batches([str(dump)], batch_size=100)
    OutputDir(out).prepare([b.key for b in plan.batches])
    summary = clean_batch_fn(plan.batches[0], str(out), "testrun", ReadOptions())
    assert summary["documents_out"] == 2
    records = {r["id"]: r for r in read_jsonl(out / "documents" / "part-testrun-00000.jsonl")}
    assert set(records) == {"odd\ufffd", "plain"}
    assert records["odd\ufffd"]["url"] == "https://a.example/%EF%BF%BDx"  # U+FFFD, percent-encoded
    assert "\ufffd" in records["odd\ufffd"]["text"]


# --- the flow ----------------------------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path):
    """A private copy of the corpus: tests that edit inputs must not touch the repo's."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    return tmp_path / "corpus"


def test_flow_accounts_for_every_document_and_validates(prefect_harness, tmp_path, document_validator):
    out = tmp_path / "out"
    report = run(out, batch_size=5)
    assert_accounted(out, report)
    docs, rejects = outputs(out)
    for record in docs:
        document_validator.validate(record)
    assert SURE_REJECTS.items() <= {r["id"]: r["reason"] for r in rejects}.items()
    assert all(set(r) == {"id", "source", "reason", "message"} for r in rejects)
    assert report["batches"] == {"planned": 3, "done": 3, "reused": 0, "failed": 0, "failures": []}
    assert report["files"]["skipped"] == 1 and report["files"]["found"] == 6
    assert len(shards(out)) == 3


def test_flow_publishes_artifacts(prefect_harness, tmp_path):
    from prefect.artifacts import Artifact

    report = run(tmp_path / "out")
    summary, counts = Artifact.get("scrapeclean-run-summary"), Artifact.get("scrapeclean-run-counts")
    assert summary.type == "markdown" and report["run_id"] in summary.data
    assert counts.type == "table" and "documents in" in counts.data


def test_rerun_skips_finished_batches_and_force_redoes_them(prefect_harness, tmp_path):
    out = tmp_path / "out"
    first = run(out, batch_size=3)
    before = shards(out)
    assert len(before) == 4

    again = run(out, batch_size=3)
    assert again["batches"]["reused"] == 4 and again["batches"]["done"] == 4
    assert shards(out) == before
    assert_accounted(out, again)

    forced = run(out, batch_size=3, force=True)
    assert forced["batches"]["reused"] == 0
    assert len(shards(out)) == 4 and not set(shards(out)) & set(before)  # new names, old ones gone
    assert_accounted(out, forced)
    assert first["documents"] == again["documents"] == forced["documents"]


def test_rerun_after_losing_one_shard_redoes_only_that_batch(prefect_harness, tmp_path):
    out = tmp_path / "out"
    run(out, batch_size=3)
    before = shards(out)
    entry_path = sorted((out / "manifest").glob("*.json"))[1]
    entry = json.loads(entry_path.read_text())
    (out / entry["documents"]).unlink()
    entry_path.unlink()

    report = run(out, batch_size=3)
    assert report["batches"]["reused"] == 3 and report["batches"]["done"] == 4
    after = shards(out)
    new = set(after) - set(before)
    assert len(new) == 1 and set(before) - set(after) == {Path(entry["documents"]).name}
    assert new.pop().endswith(f"-{entry['batch']:05d}.jsonl")
    assert_accounted(out, report)


def test_changed_inputs_replace_stale_batches_without_duplicates(prefect_harness, tmp_path, corpus):
    out = tmp_path / "out"
    run(out, inputs=[corpus], batch_size=3)
    (corpus / "zeta.txt").write_text("Zeta gets a night bus. The line runs every hour from midnight until five.")
    report = run(out, inputs=[corpus], batch_size=3)
    assert report["stale_files_removed"] > 0 and 0 < report["batches"]["reused"] < report["batches"]["planned"]
    assert_accounted(out, report, CORPUS_IDS | {"zeta"})

    smaller = run(out, inputs=[corpus], batch_size=100)  # other batching: nothing reused, nothing doubled
    assert smaller["batches"]["reused"] == 0
    assert_accounted(out, smaller, CORPUS_IDS | {"zeta"})


def test_a_failing_batch_fails_alone_and_a_rerun_completes_it(prefect_harness, tmp_path, monkeypatch):
    from flows.sinks import OutputDir

    real = OutputDir.finish_batch

    def flaky(self, key, entry):
        if entry["batch"] == 1:
            raise OSError(28, "No space left on device")
        return real(self, key, entry)

    out = tmp_path / "out"
    monkeypatch.setattr(OutputDir, "finish_batch", flaky)
    report = run(out, batch_size=5)
    assert report["batches"]["failed"] == 1 and report["batches"]["done"] == 2
    assert "No space left" in report["batches"]["failures"][0]["error"]
    docs, rejects = outputs(out)
    assert report["documents"]["in"] == len(docs) + len(rejects) == 12 - 5  # the failed batch is not counted

    monkeypatch.setattr(OutputDir, "finish_batch", real)
    report = run(out, batch_size=5)
    assert report["batches"]["reused"] == 2 and report["batches"]["failed"] == 0
    assert_accounted(out, report)


class Listener:
    """A progress listener that cannot be pickled, like a real progress bar."""

    def __init__(self):
        self.lock, self.planned_docs, self.done = threading.Lock(), None, []

    def planned(self, documents, reused):
        self.planned_docs = (documents, reused)

    def batch_done(self, summary):
        with self.lock:
            self.done.append(summary["documents_in"])


def test_process_pool_gives_the_same_output_and_reports_progress(prefect_harness, tmp_path):
    threads, procs = tmp_path / "threads", tmp_path / "procs"
    run(threads, batch_size=4)
    with progress_listener(Listener()) as listener:
        report = run(procs, batch_size=4, workers=2)
    assert report["batches"]["done"] == 3 and report["batches"]["failed"] == 0
    assert_accounted(procs, report)
    strip = lambda docs: sorted(json.dumps(d, sort_keys=True) for d in docs)  # noqa: E731
    assert strip(outputs(procs)[0]) == strip(outputs(threads)[0])
    assert listener.planned_docs == (12, 0) and sorted(listener.done) == [4, 4, 4]


def test_dask_cluster_runs_the_batches(prefect_harness, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        report = run(tmp_path / "out", batch_size=4, dask_address=cluster.scheduler_address)
    assert report["batches"]["done"] == 3
    assert_accounted(tmp_path / "out", report)


def test_gzipped_jsonl_dump_in_many_batches(tmp_path):
    """A gzipped JSONL dump is decompressed once into state/spool for its batches to seek into;
    every document comes out once, and the copy is gone when the run ends."""
    import gzip
    import random

    from benchmarks.synthetic import article

    rng = random.Random(5)
    lines = []
    for i in range(12):
        title, paras = article(rng, (3, 4))
        lines.append(json.dumps({"id": f"g{i}", "url": f"https://gz.example/{i}", "text": "\n\n".join([title, *paras])}))
    dump = tmp_path / "dump.jsonl.gz"
    dump.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    report = run(tmp_path / "out", inputs=[dump], batch_size=5, site_boilerplate=False)
    docs, rejects = outputs(tmp_path / "out")
    assert report["batches"]["planned"] == 3
    assert sorted(d["id"] for d in docs) + sorted(r["id"] for r in rejects) == sorted(f"g{i}" for i in range(12))
    assert len(docs) >= 10
    assert not (tmp_path / "out" / "state" / "spool").exists()
