"""The last step of a run: near-duplicate articles across all its batches (issue 9).

Each cleaning task stores its documents' MinHash signatures beside its shard
(`signatures/<shard>.npz`: ids, signatures and the signature scheme). At the end of the run they are read in batch
order; a document that repeats an earlier one gets `duplicate_of` (the earlier id), or, when
asked, leaves the shard. Shards are rewritten atomically, so a re-run gives the same result.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import orjson

from cleaners.dedup import NUM_PERM, SCHEME, NearDuplicates
from flows.sinks import atomic_file

SIGNATURES = "signatures"


def write_signatures(root: Path, shard: str, ids: list[str], signatures: list[np.ndarray]) -> str:
    """Store a shard's signatures atomically; returns their path relative to the output folder."""
    rel = f"{SIGNATURES}/{Path(shard).stem}.npz"
    (root / SIGNATURES).mkdir(exist_ok=True)
    sig = np.stack(signatures) if signatures else np.zeros((0, NUM_PERM), dtype=np.uint32)
    with atomic_file(root / rel) as fh:
        np.savez(fh, ids=np.array(ids, dtype=object), signatures=sig, scheme=np.int64(SCHEME))
    return rel


def mark_duplicates(root: Path, entries: list[dict], drop: bool = False) -> dict:
    """Find near-duplicates over the entries' documents in order; mark or drop them in the shards."""
    index = NearDuplicates()
    found: dict[str, dict[str, str]] = {}  # shard -> {id: duplicate_of}
    for entry in entries:
        path = entry.get("signatures")
        if not path or not (root / path).is_file():
            continue
        with np.load(root / path, allow_pickle=True) as data:
            if (int(data["scheme"]) if "scheme" in data.files else 1) != SCHEME:
                continue  # signatures of an older version (kept by append mode) are not comparable
            for doc_id, sig in zip(data["ids"], data["signatures"]):
                first = index.add(str(doc_id), sig)
                if first is not None:
                    found.setdefault(entry["documents"], {})[str(doc_id)] = first
    dropped = 0
    for shard, dups in found.items():
        dropped += _rewrite(root / shard, dups, drop)
    return {"found": sum(len(d) for d in found.values()), "dropped": dropped}


def _rewrite(path: Path, dups: dict[str, str], drop: bool) -> int:
    dropped = 0
    lines = path.read_bytes().splitlines()
    with atomic_file(path) as out:
        for line in lines:
            record = orjson.loads(line)
            first = dups.get(str(record.get("id")))
            if first is not None:
                if drop:
                    dropped += 1
                    continue
                record["duplicate_of"] = first
            out.write(orjson.dumps(record) + b"\n")
    return dropped
