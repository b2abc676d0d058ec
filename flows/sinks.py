"""Writers: the output folder, its JSONL shards, the manifest of finished batches, the report.

    DIR/documents/part-<run>-<batch>.jsonl   clean records, one shard per batch
    DIR/rejects/part-<run>-<batch>.jsonl     rejects of that batch (merged into DIR/rejects.jsonl)
    DIR/manifest/<batch key>.json            one entry per finished batch: its shards and summary
    DIR/rejects.jsonl, DIR/report.json       written at the end of a run

Every file is written to a temporary name and renamed into place (`os.replace`), so a reader
or a crash never sees half a file. A batch is finished when its manifest entry exists, and the
entry is written last, after both shards. File names come from run ids, batch numbers and
hashes: nothing from the input decides where a file goes.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson

DOCUMENTS, REJECTS, MANIFEST = "documents", "rejects", "manifest"
REJECTS_FILE, REPORT_FILE, LOCK_FILE = "rejects.jsonl", "report.json", ".scrapeclean.lock"
_SHARD = re.compile(r"part-[0-9A-Za-z-]+\.jsonl")
_KEY = re.compile(r"[0-9a-f]{32}")
_TEMP_PREFIX = ".tmp-"


_LOCKS: dict[Path, list] = {}  # output folder -> [locked file, depth], for this process


class OutputError(Exception):
    """The output folder cannot be used (a file, unwritable, in use by another run)."""


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike) -> Iterator:
    """A binary file that appears at `path` complete, or not at all."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_TEMP_PREFIX, suffix="-" + path.name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class JsonlWriter:
    """Writes one JSON object a line; counts the lines."""

    def __init__(self, fh):
        self._fh, self.count = fh, 0

    def write(self, record: dict) -> None:
        self._fh.write(orjson.dumps(record) + b"\n")
        self.count += 1


def write_json(path: str | os.PathLike, data) -> None:
    with atomic_file(path) as fh:
        fh.write(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")


def read_jsonl(path: str | os.PathLike) -> Iterator[dict]:
    with open(path, "rb") as fh:
        for line in fh:
            if line.strip():
                yield orjson.loads(line)


def shard_name(run_id: str, batch_number: int) -> str:
    return f"part-{run_id}-{batch_number:05d}.jsonl"


class OutputDir:
    """The output folder of a run. Knows its layout; the flow decides what goes in it."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root).absolute()
        self.documents = self.root / DOCUMENTS
        self.rejects = self.root / REJECTS
        self.manifest = self.root / MANIFEST
        self.rejects_file = self.root / REJECTS_FILE
        self.report_file = self.root / REPORT_FILE

    # -- setting up ----------------------------------------------------------------------------

    def check(self) -> None:
        """Raise OutputError unless the folder exists or can be made, and is writable."""
        if self.root.exists() and not self.root.is_dir():
            raise OutputError(f"output path {self.root} exists and is not a folder")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=self.root):
                pass
        except OSError as e:
            raise OutputError(f"cannot write to output folder {self.root}: {e.strerror or e}") from None

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the folder for this process: another process's run on it fails at once.

        Re-entrant within a process, so the CLI can take it before starting the flow that takes
        it again.
        """
        held = _LOCKS.get(self.root)
        if held is None:
            self.check()
            fh = open(self.root / LOCK_FILE, "a")
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                fh.close()
                raise OutputError(f"another scrapeclean run is writing to {self.root}") from None
            held = _LOCKS[self.root] = [fh, 0]
        held[1] += 1
        try:
            yield
        finally:
            held[1] -= 1
            if held[1] == 0:
                del _LOCKS[self.root]
                held[0].close()  # closing releases the lock

    def prepare(self, keys: Iterable[str], force: bool = False) -> tuple[dict[str, dict], int]:
        """Make the folders and tidy them for a run over the batches `keys` (see `tidy`).

        With `force` nothing counts as finished: every earlier result is removed.
        """
        for folder in (self.documents, self.rejects, self.manifest):
            folder.mkdir(parents=True, exist_ok=True)
        if force:
            for path in (self.rejects_file, self.report_file):
                path.unlink(missing_ok=True)
        return self.tidy(() if force else keys)

    def tidy(self, keys: Iterable[str]) -> tuple[dict[str, dict], int]:
        """Keep the finished batches among `keys`; remove every other shard and entry of ours.

        Returns the kept manifest entries (key -> entry) and the number of files removed: shards
        of batches that did not finish (a crash, a failed task) and of batches not in this plan (a
        run over other inputs or options), so that every input document is in the output once.
        Files that scrapeclean did not write are never touched.
        """
        wanted = set(keys)
        finished = {k: e for k, e in self.finished().items() if k in wanted}
        keep = {p for e in finished.values() for p in (e["documents"], e["rejects"])}
        removed = 0
        for folder, pattern in ((self.manifest, _KEY), (self.documents, _SHARD), (self.rejects, _SHARD)):
            for path in folder.iterdir():
                name = path.name
                ours = name.startswith(_TEMP_PREFIX) or pattern.fullmatch(name.removesuffix(".json"))
                if not ours or not path.is_file():
                    continue
                owned = name.removesuffix(".json") in finished if folder == self.manifest else (
                    f"{folder.name}/{name}" in keep
                )
                if not owned:
                    path.unlink()
                    removed += not name.startswith(_TEMP_PREFIX)
        return finished, removed

    def finished(self) -> dict[str, dict]:
        """The manifest: key -> entry, for each batch whose entry and shards are all there."""
        entries = {}
        if not self.manifest.is_dir():
            return entries
        for path in sorted(self.manifest.glob("*.json")):
            if not _KEY.fullmatch(path.stem):
                continue
            try:
                entry = orjson.loads(path.read_bytes())
            except (OSError, orjson.JSONDecodeError):
                continue  # unreadable: the batch is redone
            if all((self.root / entry.get(k, "")).is_file() for k in ("documents", "rejects")):
                entries[path.stem] = entry
        return entries

    # -- one batch (runs in a worker) ----------------------------------------------------------

    @contextlib.contextmanager
    def batch_writers(self, run_id: str, batch_number: int) -> Iterator[tuple[JsonlWriter, JsonlWriter, dict]]:
        """Writers for a batch's documents and rejects shards, and the paths they will have."""
        name = shard_name(run_id, batch_number)
        paths = {"documents": f"{DOCUMENTS}/{name}", "rejects": f"{REJECTS}/{name}"}
        with atomic_file(self.root / paths["documents"]) as docs, atomic_file(self.root / paths["rejects"]) as rej:
            yield JsonlWriter(docs), JsonlWriter(rej), paths

    def finish_batch(self, key: str, entry: dict) -> None:
        """Record a batch as finished: the commit point, written after its shards."""
        if not _KEY.fullmatch(key):
            raise ValueError(f"not a batch key: {key!r}")
        write_json(self.manifest / f"{key}.json", entry)

    # -- end of a run --------------------------------------------------------------------------

    def merge_rejects(self, entries: Iterable[dict]) -> int:
        """Write rejects.jsonl from the rejects shards of `entries`, in order. Returns the line count."""
        n = 0
        with atomic_file(self.rejects_file) as out:
            for entry in entries:
                with open(self.root / entry["rejects"], "rb") as fh:
                    for line in fh:
                        out.write(line)
                        n += 1
        return n

    def write_report(self, report: dict) -> None:
        write_json(self.report_file, report)
