"""Hostile input, end to end (issue 8): "nothing lost, nothing escapes, no network".

The tests build a hostile corpus in tmp_path (empty, binary, legacy encodings, odd newlines, huge
lines, regex bait, malformed JSONL, broken gzip, deep HTML, entity bombs, hostile ids and file
names, a symlink pointing outside), run the real `scrapeclean` command on it once, and check that
the run finishes in bounded time, every input document is in documents/ or rejects.jsonl exactly
once, legacy encodings decode to the right characters, nothing is written outside the output
folder, and no network connection is ever attempted (a local listener counts connections).

Slow (one CLI run: Prefect's start-up alone is 10-25 s): deselect with `-m "not slow"`.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).parent / "scrapeclean"

pytestmark = pytest.mark.slow  # registered in pyproject.toml; `make test` runs it

# A paragraph long enough for the cleaners to keep: each document below has real article text,
# so that "clean or reject" is decided by the hostile part, not by a too-short body.
PROSE = (
    "The city council voted on Tuesday to reopen the old railway line to the harbour, after a debate "
    "that lasted more than ten years and divided the neighbourhoods along the river."
)
LATIN1 = "Le conseil municipal a voté mardi la réouverture de l'ancienne ligne, après un débat très animé à Orléans."
CP1252 = "“We’re not done yet,” said the mayor – who’d waited a decade – at the meeting in Zürich."
UTF16 = "Der Stadtrat hat am Dienstag beschlossen, die alte Bahnstrecke wieder zu eröffnen: Größe, Übermut, Straße."


def article(*extra: str, paragraphs: int = 4) -> str:
    return "\n\n".join([*extra, *([PROSE] * 1), *(f"{PROSE} Paragraph {i} adds detail." for i in range(paragraphs))])


def legacy(sentence: str) -> str:
    """Every paragraph holds `sentence`: whichever the cleaner keeps shows how it was decoded."""
    return "\n\n".join(f"{PROSE} {sentence} Paragraph {i} adds detail." for i in range(5))


class Corpus:
    """Files written into a folder, with the documents each one holds (by source path and line)."""

    def __init__(self, root: Path):
        self.root = root
        self.expected: Counter = Counter()  # (display path, line) -> documents expected there

    def write(self, name: str, data: bytes | str, docs: int | list[int | None] = 1) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        display = os.path.join(str(self.root), name)
        for line in docs if isinstance(docs, list) else [None] * docs:
            self.expected[(display, line)] += 1
        return path

    def jsonl(self, name: str, lines: list[bytes | str | dict]) -> Path:
        raw = [ln if isinstance(ln, bytes) else (ln if isinstance(ln, str) else json.dumps(ln)).encode() for ln in lines]
        docs = [i + 1 for i, ln in enumerate(raw) if ln.strip()]
        return self.write(name, b"\n".join(raw) + b"\n", docs)


def build_corpus(root: Path, outside: Path, port: int) -> Corpus:
    c = Corpus(root)
    # empty, blank, binary
    c.write("empty.txt", b"")
    c.write("blank.txt", b"  \n\n\t \r\n   ")
    c.write("binary.txt", bytes(range(256)) * 64)
    c.write("binary.html", b"\x89PNG\r\n\x1a\n" + os.urandom(4096))
    # legacy encodings (checked below: the right characters come out)
    c.write("latin1.txt", legacy(LATIN1).encode("latin-1"))
    c.write("cp1252.txt", legacy(CP1252).encode("cp1252"))
    c.write("utf16.txt", legacy(UTF16).encode("utf-16"))  # with its byte-order mark
    # newlines: mixed, and old Mac (CR only)
    c.write("mixed-newlines.txt", article().replace("\n\n", "\r\n\r\n", 2).replace("\n\n", "\r\r", 1))
    c.write("old-mac.txt", article().replace("\n", "\r"))
    # sizes: a 5 MB line with no newline, 200,000 short lines
    c.write("one-5mb-line.txt", "word " * 1_000_000)
    c.write("200k-lines.txt", "Home\n" * 200_000 + article())
    # regex bait (cf. tests/test_hostile_text.py: the same shapes through the whole pipeline)
    c.write("bait-separators.txt", " > ".join(["a"] * 5000) + ".\n\n" + article())
    c.write("bait-credits.txt", ("Photo " * 20 + ": ") * 3000 + "\n\n" + article())
    c.write("bait-parens.txt", "(" * 50_000 + "click here" + ")" * 50_000 + "\n\n" + article())
    c.write("bait-colons.html", "<html><body><p>" + ":" * 100_000 + "</p><p>" + PROSE + "</p></body></html>")
    c.write("bait-attrs.html", "<html><body>" + "<div class='a " + "x " * 50_000 + "'>" + PROSE * 3 + "</div></body></html>")
    # JSONL: good, malformed, hostile ids, HTML in a text field, a 10 MB record
    c.jsonl("records.jsonl", [
        {"id": "good-1", "url": "https://example.org/1", "text": article()},
        b"{not json at all",
        b"[1, 2, 3]",
        b"42",
        {"id": "text-not-string", "text": 12345},
        {"id": "text-is-list", "text": ["a", "b"]},
        {"id": "no-text", "url": "https://example.org/x"},
        {"id": "../../x", "text": article()},
        {"id": "/etc/passwd", "text": article()},
        {"id": "a\x00b", "text": article()},
        {"id": "line\nbreak\r\nid", "text": article()},
        {"id": "html-in-text", "text": "<html><head><title>T</title></head><body><nav><a href='/'>Home</a></nav>"
                                       f"<article><p>{PROSE}</p><p>{PROSE} Again.</p><p>{PROSE} More.</p></article></body></html>"},
        {"id": "good-1", "text": article("A second record with the id of the first.")},  # duplicate id
        "   ",  # a blank line is no document
        {"id": "big", "text": "word " * 2_100_000},  # 10.5 MB: over --max-bytes below
        b"\xff\xfe garbage \x00\x01",
        {"id": "bomb-in-json", "html": "<!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
                                      "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>]>"
                                      f"<html><body><p>&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;</p><p>{PROSE}</p></body></html>"},
    ])
    # gzip: truncated, and a `.gz` that is not gzip
    page = f"<html><body><article><p>{PROSE}</p><p>{PROSE} Two.</p><p>{PROSE} Three.</p></article></body></html>"
    c.write("not-really.gz", page)
    noise = os.urandom(30_000).hex()  # incompressible: cutting the gzip in half loses real data
    c.write("truncated.html.gz", gzip.compress((page + f"<p>{noise}</p>").encode())[:20_000])
    c.write("truncated.jsonl.gz", gzip.compress(b"".join(
        json.dumps({"id": f"tz-{i}", "text": article(), "noise": os.urandom(2000).hex()}).encode() + b"\n"
        for i in range(50)))[:60_000], [])
    # HTML: 100,000 nested elements, entity bombs (internal and external), network bait
    c.write("deep.html", "<html><body>" + "<div>" * 100_000 + PROSE + "</div>" * 100_000 + f"<p>{PROSE}</p></body></html>")
    c.write("deep-inline.html", "<html><body><p>" + "<b><i>" * 50_000 + PROSE + "</i></b>" * 50_000 + "</p></body></html>")
    laughs = "".join(f"<!ENTITY l{i} '" + f"&l{i - 1};" * 10 + "'>" for i in range(1, 10))
    c.write("billion-laughs.xhtml", f"<?xml version='1.0'?><!DOCTYPE html [<!ENTITY l0 'lol'>{laughs}]>"
                                    f"<html><body><p>&l9;</p><p>{PROSE}</p></body></html>")
    c.write("network-bait.html", (
        f"<!DOCTYPE html [<!ENTITY ext SYSTEM 'http://127.0.0.1:{port}/entity'>]>"
        f"<html><head><link rel='stylesheet' href='http://127.0.0.1:{port}/x.css'>"
        f"<script src='http://127.0.0.1:{port}/x.js'></script>"
        f"<meta http-equiv='refresh' content='0; url=http://127.0.0.1:{port}/refresh'>"
        f"<base href='http://127.0.0.1:{port}/'></head>"
        f"<body><article><h1>Bait &ext;</h1><p>{PROSE}</p>"
        f"<figure><img src='http://127.0.0.1:{port}/a.jpg' srcset='http://127.0.0.1:{port}/b.jpg 2x'>"
        f"<figcaption>A caption. Photo: Jane Roe</figcaption></figure>"
        f"<iframe src='http://127.0.0.1:{port}/frame'></iframe><p>{PROSE} Two.</p>"
        f"<object data='http://127.0.0.1:{port}/obj'></object><p>{PROSE} Three.</p></article></body></html>"
    ))
    secret = outside / "secret.txt"
    c.write("file-entity.xhtml", f"<?xml version='1.0'?><!DOCTYPE html [<!ENTITY s SYSTEM 'file://{secret}'>]>"
                                 f"<html><body><p>&s;</p><p>{PROSE}</p><p>{PROSE} Two.</p></body></html>")
    c.write("file-entity.html", f"<!DOCTYPE html [<!ENTITY s SYSTEM '{secret}'>]>"
                                f"<html><body><p>&s;</p><p>{PROSE}</p><p>{PROSE} Two.</p></body></html>")
    # names: a newline, unicode, a dot-dot look-alike; a symlink pointing outside the input
    c.write("new\nline.txt", article())
    c.write("ünïcødé 記事 🚀.txt", article())
    c.write("odd..name...txt", article())
    c.write("sub/dir/nested.txt", article())
    (outside / "secret.txt").write_text("SECRET outside the input folder. " + article())
    os.symlink(outside / "secret.txt", root / "link-outside.txt")
    os.symlink(outside, root / "dir-link-outside")
    return c


# --- a listener that counts connection attempts ------------------------------------------------


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection; stops itself after `seconds`."""

    def __init__(self, seconds: float = 600):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections: list[bytes] = []
        self._deadline = time.monotonic() + seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set() and time.monotonic() < self._deadline and len(self.connections) < 100:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                break
            with conn:
                conn.settimeout(0.5)
                try:
                    self.connections.append(conn.recv(200) or b"(no data)")
                except OSError:
                    self.connections.append(b"(connected)")
        self.sock.close()

    def stop(self):
        self._stop.set()
        self._thread.join(5)


# --- the run -----------------------------------------------------------------------------------


def listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    corpus_dir, outside, out = base / "in", base / "outside", base / "out"
    corpus_dir.mkdir()
    outside.mkdir()
    listener = Listener()
    with socket.create_connection(("127.0.0.1", listener.port), timeout=5) as probe:  # it does listen
        probe.sendall(b"probe")
    deadline = time.monotonic() + 5
    while not listener.connections and time.monotonic() < deadline:
        time.sleep(0.05)
    assert listener.connections == [b"probe"]
    listener.connections.clear()
    try:
        corpus = build_corpus(corpus_dir, outside, listener.port)
        env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PREFECT_LOGGING_LEVEL")}
        env["PREFECT_HOME"] = str(tmp_path_factory.mktemp("prefect-home"))
        before_base, before_parent = listing(base), sorted(os.listdir(base.parent))
        # Any proxy would be a way out: none. (No request must be made at all: the listener checks.)
        for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
            env.pop(k, None)
        start = time.monotonic()
        result = subprocess.run(
            [str(SCRIPT), "clean", str(corpus_dir), "--output", str(out), "--workers", "2", "--batch-size", "8",
             "--max-bytes", "6000000"],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=420, stdin=subprocess.DEVNULL,
        )
        seconds = time.monotonic() - start
    finally:
        listener.stop()
    return {
        "base": base, "in": corpus_dir, "out": out, "outside": outside, "corpus": corpus, "result": result,
        "seconds": seconds, "connections": listener.connections, "before_base": before_base,
        "before_parent": before_parent,
    }


def load(out: Path) -> tuple[list[dict], list[dict]]:
    docs = []
    for shard in sorted((out / "documents").glob("*.jsonl")):
        for line in shard.read_bytes().splitlines():
            docs.append(json.loads(line))  # every line parses
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").read_bytes().splitlines()]
    return docs, rejects


def test_run_completes_in_bounded_time(hostile_run):
    r = hostile_run["result"]
    assert r.returncode == 0, r.stderr[-3000:]
    assert "Traceback" not in r.stderr
    assert hostile_run["seconds"] < 300, hostile_run["seconds"]


def test_every_document_is_accounted_for_exactly_once(hostile_run):
    docs, rejects = load(hostile_run["out"])
    seen = Counter((r["source"]["path"], r["source"]["line"]) for r in docs + rejects)
    expected = hostile_run["corpus"].expected
    # the truncated JSONL.gz holds an unknown number of complete lines: whatever was read, plus one
    # reject for the rest
    tz = [k for k in seen if k[0].endswith("truncated.jsonl.gz")]
    assert tz and all(seen[k] == 1 for k in tz)
    for k in tz:
        expected[k] = 1
    assert {k: v for k, v in seen.items() if v != 1} == {}
    assert set(seen) == set(expected), (set(seen) ^ set(expected))
    report = json.loads((hostile_run["out"] / "report.json").read_text())
    assert report["documents"]["in"] == len(docs) + len(rejects) == sum(expected.values())
    assert report["documents"]["out"] == len(docs) and report["documents"]["rejected"] == len(rejects)


def test_rejects_have_reasons(hostile_run):
    docs, rejects = load(hostile_run["out"])
    by_id = {r["id"]: r for r in rejects}
    assert all(r["reason"] and r["message"] for r in rejects)
    for doc_id, reason in {"empty": "empty", "blank": "empty", "binary": "undecodable", "no-text": "bad-record",
                           "text-not-string": "bad-record", "text-is-list": "bad-record"}.items():
        assert by_id[doc_id]["reason"] == reason, by_id[doc_id]
    reasons = Counter(r["reason"] for r in rejects)
    assert reasons["bad-json"] >= 4  # not JSON, a list, a number, garbage bytes
    assert reasons["too-large"] >= 1  # the 10 MB record
    assert reasons["unreadable"] >= 2  # the truncated gzips


def test_legacy_encodings_decode_to_the_right_characters(hostile_run):
    docs, _ = load(hostile_run["out"])
    text = {d["id"]: d["text"] for d in docs}
    assert LATIN1 in text["latin1"]
    assert CP1252 in text["cp1252"]
    assert UTF16 in text["utf16"]


def test_hostile_ids_are_data_not_paths(hostile_run):
    docs, rejects = load(hostile_run["out"])
    ids = {d["id"] for d in docs}
    assert {"../../x", "/etc/passwd", "a\x00b", "line\nbreak\r\nid"} <= ids
    # output files are only the ones scrapeclean names itself
    out = hostile_run["out"]
    for p in out.rglob("*"):
        assert p.resolve().is_relative_to(out.resolve()), p
        assert not p.is_symlink()
    # every name in the output is scrapeclean's own: plain ASCII, nothing from an id or a file name
    for p in out.rglob("*"):
        assert re.fullmatch(r"\.?[A-Za-z0-9_-][A-Za-z0-9._-]*", p.name), p
        assert "passwd" not in p.name and "good-1" not in p.name and not p.name.startswith("..")
    assert all(p.name.startswith("part-") for p in (out / "documents").iterdir())


def test_nothing_written_outside_the_output_folder(hostile_run):
    base = hostile_run["base"]
    after = {p for p in listing(base) if not p.startswith("out")}
    assert after == {p for p in hostile_run["before_base"] if not p.startswith("out")}
    assert sorted(os.listdir(base.parent)) == hostile_run["before_parent"]
    assert listing(hostile_run["outside"]) == {"secret.txt"}


def test_symlinks_and_entities_never_pull_in_files_from_outside(hostile_run):
    out = hostile_run["out"]
    assert not any(b"SECRET" in p.read_bytes() for p in out.rglob("*") if p.is_file())
    report = json.loads((hostile_run["out"] / "report.json").read_text())
    assert any("link-outside" in p for p in report["files"]["skipped_paths"])


def test_no_network_connection_is_attempted(hostile_run):
    assert hostile_run["connections"] == []
    docs, _ = load(hostile_run["out"])
    bait = next(d for d in docs if d["id"] == "network-bait")
    assert "Three." in bait["text"]


def test_html_pasted_into_a_text_field_is_cleaned_as_html(hostile_run):
    docs, _ = load(hostile_run["out"])
    doc = next(d for d in docs if d["id"] == "html-in-text")
    assert "<" not in doc["text"] and "Home" not in doc["text"] and PROSE in doc["text"]


def test_duplicate_ids_are_kept_once_and_reported(hostile_run):
    docs, rejects = load(hostile_run["out"])
    assert [d["id"] for d in docs].count("good-1") == 1
    dup = [r for r in rejects if r["id"] == "good-1"]
    assert len(dup) == 1 and dup[0]["reason"] == "duplicate-id" and "line 1" in dup[0]["message"]
