"""Near-duplicate articles (issue 9): MinHash-LSH over the clean text; the record carries
duplicate_of, the report counts them, drop_duplicates drops them."""

from __future__ import annotations

import json
import random
import re

from benchmarks.synthetic import article
from cleaners.dedup import NearDuplicates, signature
from cleaners.document import lower_words
from flows.cleanup import clean_flow


def body(seed: int) -> str:
    return "\n\n".join(article(random.Random(seed), (6, 6))[1])


def test_signature_is_deterministic():
    assert (signature(body(1)) == signature(body(1))).all()


def _reference_signature(text: str):
    """The scheme-3 signature computed word by word, without the word-hash cache, one hash function
    at a time in Python integers (multiply-add-shift of each distinct 5-gram hash)."""
    import zlib

    import numpy as np

    from cleaners import dedup

    words = re.findall(r"\w+", text.lower())
    h = np.array([zlib.crc32(w.encode("utf-8")) for w in words], dtype=np.uint64)
    n = max(1, len(h) - dedup.SHINGLE + 1)
    shingles = h[:n].copy()
    with np.errstate(over="ignore"):
        for k in range(1, min(dedup.SHINGLE, len(h))):
            shingles = shingles * dedup._MIX + h[k : k + n]
        shingles = set((shingles >> np.uint64(32)).tolist())
    mask = (1 << 64) - 1
    return np.array([min(((int(a) * s + int(b)) & mask) >> 32 for s in shingles)
                     for a, b in zip(dedup._A, dedup._B)], dtype=np.uint32)


def test_signature_word_cache_changes_nothing(monkeypatch):
    from cleaners import dedup

    monkeypatch.setattr(dedup, "WORD_CACHE_SIZE", 50)  # the cache fills and starts again many times
    dedup._word_hash.clear()
    texts = [body(seed) for seed in range(5)] + ["Ünïcødé wörds, 日本語 and naïve café — twice: café café"]
    for text in texts + texts:
        assert (signature(text) == _reference_signature(text)).all()
        assert (signature(text, lower_words(text)) == _reference_signature(text)).all()
    assert len(dedup._word_hash) <= 50


def test_first_copy_wins_and_small_edits_still_match():
    nd = NearDuplicates()
    original = body(1)
    assert nd.add("a", signature(original)) is None
    assert nd.add("b", signature(body(2))) is None
    edited = original.replace("The ", "A ", 1) + " This story has been updated."
    assert nd.add("c", signature(edited)) == "a"
    assert nd.add("d", signature(original)) == "a"


def test_flow_marks_and_drops_duplicates(tmp_path, prefect_harness):
    menu = "Home\nNews\nSport\nBusiness\n\n"
    docs = [
        {"id": "orig", "url": "https://one.example/a", "text": menu + "Story headline here\n\n" + body(1)},
        {"id": "other", "url": "https://one.example/b", "text": menu + "Another headline\n\n" + body(2)},
        {"id": "copy", "url": "https://two.example/c", "text": "Menu\nWorld\nLocal\nTech\n\nStory headline here\n\n" + body(1)},
    ]
    src = tmp_path / "dump.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in docs))

    def records(out):
        return {r["id"]: r for p in sorted((out / "documents").glob("*.jsonl")) for r in map(json.loads, p.open())}

    report = clean_flow([str(src)], str(tmp_path / "keep"))
    recs = records(tmp_path / "keep")
    assert recs["copy"]["duplicate_of"] == "orig"
    assert recs["orig"]["duplicate_of"] is None and recs["other"]["duplicate_of"] is None
    assert report["duplicates"] == {"found": 1, "dropped": 0}

    report = clean_flow([str(src)], str(tmp_path / "drop"), drop_duplicates=True)
    assert set(records(tmp_path / "drop")) == {"orig", "other"}
    assert report["duplicates"] == {"found": 1, "dropped": 1}
    assert report["documents"]["out"] == 2


def test_signatures_of_another_scheme_are_not_compared(tmp_path):
    """A shard kept from an older version (append mode) has signatures made another way: they are
    skipped rather than compared with the new ones."""
    import numpy as np

    from flows.dedup import mark_duplicates, write_signatures

    text = body(3)
    (tmp_path / "documents").mkdir()
    for name in ("old", "new"):
        (tmp_path / "documents" / f"{name}.jsonl").write_text(json.dumps({"id": name, "text": text}) + "\n")
    old = write_signatures(tmp_path, "documents/old.jsonl", ["old"], [signature(text)])
    new = write_signatures(tmp_path, "documents/new.jsonl", ["new"], [signature(text)])
    entries = [{"documents": "documents/old.jsonl", "signatures": old},
               {"documents": "documents/new.jsonl", "signatures": new}]
    assert mark_duplicates(tmp_path, entries)["found"] == 1  # same scheme: the copy is found
    with np.load(tmp_path / old, allow_pickle=True) as data:
        ids, sigs = data["ids"], data["signatures"]
    np.savez(tmp_path / old, ids=ids, signatures=sigs)  # as written before schemes were recorded
    (tmp_path / "documents" / "new.jsonl").write_text(json.dumps({"id": "new", "text": text}) + "\n")
    assert mark_duplicates(tmp_path, entries)["found"] == 0


def test_signature_estimates_jaccard_similarity():
    """The share of equal signature values estimates the Jaccard similarity of the 5-gram sets
    (64 hash functions: standard error at most 1/16); checked on pairs from identical to disjoint."""
    import numpy as np

    rng = random.Random(11)
    errors = []
    for seed in range(60):
        words = lower_words(body(seed))[: rng.choice([30, 80, 300])]
        changed = [w if rng.random() > rng.random() * 0.6 else f"zz{rng.randrange(10**6)}" for w in words]
        grams = [{" ".join(ws[i : i + 5]) for i in range(len(ws) - 4)} for ws in (words, changed)]
        true = len(grams[0] & grams[1]) / len(grams[0] | grams[1])
        a, b = signature("", words), signature("", changed)
        errors.append(float((a == b).mean()) - true)
    errors = np.array(errors)
    assert abs(errors.mean()) < 0.03
    assert np.sqrt((errors**2).mean()) < 0.07
