"""Writers: atomic files, the output folder's checks, lock, manifest and tidying for resume/--force."""

from __future__ import annotations

import json

import pytest

from flows.sinks import OutputDir, OutputError, atomic_file, read_jsonl


def test_atomic_file_appears_whole_or_not_at_all(tmp_path):
    target = tmp_path / "shard.jsonl"
    with pytest.raises(RuntimeError):
        with atomic_file(target) as fh:
            fh.write(b"half a shard")
            raise RuntimeError("crash while writing")
    assert list(tmp_path.iterdir()) == []  # neither the target nor a temporary file

    with atomic_file(target) as fh:
        fh.write(b"{}\n")
        assert not target.exists()  # not visible until complete
    assert target.read_bytes() == b"{}\n" and list(tmp_path.iterdir()) == [target]


def test_check_refuses_a_file_and_an_unwritable_place(tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(OutputError, match="not a folder"):
        OutputDir(tmp_path / "afile").check()
    with pytest.raises(OutputError, match="cannot write"):
        OutputDir(tmp_path / "afile" / "below").check()
    OutputDir(tmp_path / "new" / "deep").check()
    assert (tmp_path / "new" / "deep").is_dir()


def test_a_second_process_cannot_take_the_same_folder(tmp_path):
    import subprocess
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from flows.sinks import OutputDir\n"
         "with OutputDir(sys.argv[1]).locked():\n    print('held', flush=True); time.sleep(30)", str(tmp_path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline() == "held\n"
        with pytest.raises(OutputError, match="another scrapeclean run"):
            with OutputDir(tmp_path).locked():
                pass
    finally:
        holder.kill()
        holder.wait()
    with OutputDir(tmp_path).locked():  # free again once the holder is gone
        with OutputDir(tmp_path).locked():  # and re-entrant within a process (CLI, then flow)
            pass


def _finish(out: OutputDir, key: str, run_id: str, number: int, docs=({"id": "a"},), rejects=()):
    with out.batch_writers(run_id, number) as (d, r, paths):
        for rec in docs:
            d.write(rec)
        for rec in rejects:
            r.write(rec)
    out.finish_batch(key, {"key": key, "batch": number, "run_id": run_id, **paths, "summary": {}})
    return paths


def test_batch_shards_are_named_by_run_and_number(tmp_path):
    out = OutputDir(tmp_path)
    out.prepare([])
    paths = _finish(out, "a" * 32, "20240101T000000-abc123", 7, docs=[{"id": "../../etc/passwd"}])
    assert paths == {
        "documents": "documents/part-20240101T000000-abc123-00007.jsonl",
        "rejects": "rejects/part-20240101T000000-abc123-00007.jsonl",
    }
    assert list(read_jsonl(tmp_path / paths["documents"])) == [{"id": "../../etc/passwd"}]
    assert json.loads((tmp_path / "manifest" / ("a" * 32 + ".json")).read_text())["documents"] == paths["documents"]


def test_finish_batch_refuses_keys_that_are_not_hashes(tmp_path):
    out = OutputDir(tmp_path)
    out.prepare([])
    with pytest.raises(ValueError):
        out.finish_batch("../escape", {})


def test_prepare_keeps_finished_batches_and_removes_everything_else_of_ours(tmp_path):
    out = OutputDir(tmp_path)
    out.prepare([])
    k1, k2, stale = "1" * 32, "2" * 32, "3" * 32
    kept = _finish(out, k1, "run1", 0)
    lost = _finish(out, k2, "run1", 1)
    old = _finish(out, stale, "run0", 0)
    (tmp_path / lost["documents"]).unlink()  # a shard lost: its batch is not finished any more
    (tmp_path / "documents" / "part-run1-00002.jsonl").write_text("{}\n")  # crashed before its manifest entry
    (tmp_path / "documents" / ".tmp-abc-part-run1-00003.jsonl").write_text("{")  # crashed mid-write
    (tmp_path / "documents" / "mine.txt").write_text("a user's own file")  # not ours: never touched
    (tmp_path / "notes.md").write_text("also not ours")

    finished, removed = out.prepare([k1, k2])  # `stale` is not in this plan
    assert set(finished) == {k1}
    assert sorted(p.name for p in (tmp_path / "documents").iterdir()) == ["mine.txt", kept["documents"].split("/")[1]]
    assert sorted(p.name for p in (tmp_path / "rejects").iterdir()) == [kept["rejects"].split("/")[1]]
    assert sorted(p.name for p in (tmp_path / "manifest").iterdir()) == [k1 + ".json"]
    assert (tmp_path / "notes.md").exists()
    assert removed == 6  # k2's rejects shard and entry, the orphan shard, stale's two shards and entry
    assert not (tmp_path / old["documents"]).exists()


def test_prepare_with_force_starts_over(tmp_path):
    out = OutputDir(tmp_path)
    out.prepare([])
    k1 = "1" * 32
    _finish(out, k1, "run1", 0)
    out.merge_rejects([])
    out.write_report({"x": 1})
    finished, _ = out.prepare([k1], force=True)
    assert finished == {}
    assert [p for p in tmp_path.rglob("*") if p.is_file() and p.name != ".scrapeclean.lock"] == []


def test_merge_rejects_concatenates_batch_shards_in_order(tmp_path):
    out = OutputDir(tmp_path)
    out.prepare([])
    e1 = _finish(out, "1" * 32, "r", 0, rejects=[{"id": "x"}, {"id": "y"}])
    e2 = _finish(out, "2" * 32, "r", 1, rejects=[{"id": "z"}])
    assert out.merge_rejects([e2, e1]) == 3
    assert [r["id"] for r in read_jsonl(tmp_path / "rejects.jsonl")] == ["z", "x", "y"]
