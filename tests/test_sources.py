"""Readers and the batch planner: formats, ids, decoding, gzip, WARC, bad input -> rejects."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest
from _paths import BENCHMARK, needs_benchmark
from conftest import FLOWS_DATA

from flows.sources import (
    DecodeError,
    RawDocument,
    ReadOptions,
    Reject,
    decode,
    find_files,
    format_of,
    plan_batches,
    read_batch,
    stem,
)

CORPUS = FLOWS_DATA / "corpus"


def read_all(inputs, batch_size=500, spool=None, **options):
    plan = plan_batches([str(p) for p in inputs], batch_size, ReadOptions(**options), spool=spool)
    return plan, [item for b in plan.batches for item in read_batch(b, ReadOptions(**options))]


def by_id(items):
    return {item.id: item for item in items}


# --- names and formats -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, fmt",
    [
        ("a.txt", "text"), ("a.TXT", "text"), ("a.html", "html"), ("a.htm", "html"), ("a.html.gz", "html"),
        ("a.gz", "html"), ("a.jsonl", "jsonl"), ("a.jsonl.gz", "jsonl"), ("a.json", "jsonl"),
        ("a.warc", "warc"), ("a.warc.gz", "warc"), ("a.txt.gz", "text"), ("a.pdf", None), ("README", None),
    ],
)
def test_format_by_extension(name, fmt):
    assert format_of(name) == fmt


@pytest.mark.parametrize(
    "name, expected",
    [
        ("000_6ede1cfad2d66323.txt", "000_6ede1cfad2d66323"),
        ("abc.html.gz", "abc"),
        ("dir/x.2024.txt", "x.2024"),
        ("page.jsonl.gz", "page"),
        ("noext", "noext"),
    ],
)
def test_stem_drops_known_extensions_only(name, expected):
    assert stem(name) == expected


def test_find_files_is_sorted_recursive_and_skips_unknown_and_hidden():
    files, skipped = find_files([str(CORPUS)])
    names = [Path(f.display).relative_to(CORPUS).as_posix() for f in files]
    assert names == ["alpha.txt", "beta.html", "empty.txt", "latin1.txt", "records.jsonl", "sub/gamma.txt"]
    assert [Path(p).name for p in skipped] == ["notes.pdf"]
    assert all(Path(f.path).is_absolute() for f in files)


def test_find_files_excludes_the_output_folder(tmp_path):
    (tmp_path / "in.txt").write_text("some words here")
    (tmp_path / "out" / "documents").mkdir(parents=True)
    (tmp_path / "out" / "documents" / "part-1.jsonl").write_text("{}\n")
    files, _ = find_files([str(tmp_path)], exclude=tmp_path / "out")
    assert [Path(f.path).name for f in files] == ["in.txt"]


def test_explicit_file_with_unknown_extension_is_sniffed(tmp_path):
    (tmp_path / "page.dat").write_text("<html><body><p>hello</p></body></html>")
    (tmp_path / "dump.data").write_text('{"id": "x", "text": "hello"}\n')
    files, skipped = find_files([str(tmp_path / "page.dat"), str(tmp_path / "dump.data")])
    assert [f.format for f in files] == ["html", "jsonl"] and skipped == []


def test_forced_format_applies_to_every_file(tmp_path):
    (tmp_path / "a.html").write_text("<p>not parsed as html</p>")
    (tmp_path / "b.pdf").write_text("plain words")
    files, skipped = find_files([str(tmp_path)], fmt="text")
    assert [f.format for f in files] == ["text", "text"] and skipped == []


# --- decoding ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        "Grüße aus Köln".encode("utf-8"),
        b"\xef\xbb\xbf" + "Grüße aus Köln".encode("utf-8"),
        "Grüße aus Köln".encode("utf-16"),  # with its BOM
        "Grüße aus Köln".encode("utf-32"),
    ],
)
def test_decode_boms_and_utf8(data):
    assert decode(data) == "Grüße aus Köln"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_decode_falls_back_to_a_guess_for_legacy_encodings(encoding):
    # Guessing needs some text to go on: a paragraph, as on a real page.
    text = (
        "Die Bäckerei am Marktplatz feiert ihren fünfzigsten Geburtstag. Für jeden Kunden gibt es am "
        "Samstag ein kostenloses Brötchen, und die Schlange reichte schon um acht Uhr bis zur Kirche. "
        "Die Inhaberin erzählt, dass ihr Großvater den Laden nach dem Krieg eröffnet hat."
    )
    assert decode(text.encode(encoding)) == text


def test_html_meta_charset_is_used_for_short_legacy_pages(tmp_path):
    page = '<html><head><meta charset="windows-1252"></head><body><p>Après l\'hiver</p></body></html>'
    (tmp_path / "p.html").write_bytes(page.encode("cp1252"))
    _, [doc] = read_all([tmp_path / "p.html"])
    assert "Après l'hiver" in doc.content


def test_decode_uses_declared_charset_before_guessing():
    assert decode("naïve".encode("latin-1"), "latin-1") == "naïve"


def test_decode_rejects_binary():
    with pytest.raises(DecodeError):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)))


# --- files -------------------------------------------------------------------------------------


def test_corpus_documents_ids_sources_and_rejects():
    plan, items = read_all([CORPUS])
    docs = by_id(items)
    assert plan.documents == len(items) == len(docs) == 12
    assert set(docs) == {
        "alpha", "beta", "empty", "latin1", "gamma",
        "rec-1", "records:3", "records:4", "rec-5", "records:6", "7", "rec-8",
    }
    assert docs["alpha"].source == {"path": str(CORPUS / "alpha.txt"), "line": None, "format": "text"}
    assert docs["beta"].kind == "html" and docs["alpha"].kind == "text"
    assert "Größe" in docs["latin1"].content
    assert docs["rec-1"].url == "https://delta.example/a" and docs["rec-1"].source["line"] == 1
    assert docs["records:3"].kind == "text" and docs["records:3"].source["line"] == 3  # line 2 is blank
    assert docs["7"].kind == "html"
    rejects = {i.id: i.reason for i in items if isinstance(i, Reject)}
    assert rejects == {"records:4": "bad-json", "rec-5": "bad-record", "records:6": "bad-json"}


def test_gzip_files_are_read_transparently(tmp_path):
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(b"<html><body><p>Gzipped page.</p></body></html>"))
    (tmp_path / "odd.txt").write_bytes(gzip.compress("gzipped text, whatever the name says".encode()))
    _, items = read_all([tmp_path])
    docs = by_id(items)
    assert docs["page"].kind == "html" and "Gzipped page." in docs["page"].content
    assert docs["odd"].content == "gzipped text, whatever the name says"


def test_unreadable_undecodable_and_too_large_files_become_rejects(tmp_path):
    (tmp_path / "broken.html.gz").write_bytes(b"\x1f\x8b" + b"not really gzip")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 25)
    (tmp_path / "big.txt").write_text("word " * 100)
    (tmp_path / "ok.txt").write_text("fine")
    _, items = read_all([tmp_path], max_bytes=300)
    reasons = {i.id: i.reason for i in items if isinstance(i, Reject)}
    assert reasons == {"broken": "unreadable", "binary": "undecodable", "big": "too-large"}
    assert [i.id for i in items if isinstance(i, RawDocument)] == ["ok"]


def test_missing_file_is_a_reject_not_an_exception(tmp_path):
    f = tmp_path / "gone.txt"
    f.write_text("here at planning time")
    plan = plan_batches([str(f)])
    f.unlink()
    [item] = read_batch(plan.batches[0])
    assert isinstance(item, Reject) and item.reason == "unreadable" and item.id == "gone"


# --- JSONL -------------------------------------------------------------------------------------


def _jsonl(n: int) -> bytes:
    return b"".join(json.dumps({"id": f"r{i}", "text": f"document number {i}"}).encode() + b"\n" for i in range(n))


@pytest.mark.parametrize("gz,spool", [(False, False), (True, False), (True, True)])
@pytest.mark.parametrize("batch_size", [1, 3, 7, 100])
def test_jsonl_batches_cover_every_line_exactly_once(tmp_path, gz, spool, batch_size):
    data = _jsonl(10).replace(b'\n{"id": "r5"', b'\n\n{"id": "r5"')  # a blank line in the middle
    path = tmp_path / ("d.jsonl.gz" if gz else "d.jsonl")
    path.write_bytes(gzip.compress(data) if gz else data)
    (tmp_path / "after.txt").write_text("another file after the dump")
    plan, items = read_all([tmp_path / "after.txt", path], batch_size=batch_size,
                           spool=tmp_path / "spool" if spool else None)
    assert [i.id for i in items] == ["after"] + [f"r{i}" for i in range(10)]
    assert all(b.size <= batch_size for b in plan.batches)
    assert len(plan.batches) == -(-11 // batch_size)
    assert [i.source["line"] for i in items[1:]] == [1, 2, 3, 4, 5, 7, 8, 9, 10, 11]


def test_jsonl_field_options(tmp_path):
    path = tmp_path / "custom.jsonl"
    path.write_text(json.dumps({"key": "k1", "link": "https://x.example/1", "body": "the body", "when": "2024-01-02T03:04:05Z"}) + "\n")
    _, [doc] = read_all([path], id_field="key", url_field="link", text_field="body", fetched_field="when")
    assert (doc.id, doc.url, doc.content, doc.fetched) == ("k1", "https://x.example/1", "the body", "2024-01-02T03:04:05Z")


def test_jsonl_overlong_line_is_rejected_and_the_next_line_still_read(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"id": "huge", "text": "x" * 5000}) + "\n" + json.dumps({"id": "small", "text": "ok"}) + "\n")
    _, items = read_all([path], max_bytes=1000)
    assert [(type(i).__name__, i.id) for i in items] == [("Reject", "long:1"), ("RawDocument", "small")]
    assert items[0].reason == "too-large"


@pytest.mark.parametrize("spool", [False, True])
def test_truncated_jsonl_gz_keeps_what_can_be_read(tmp_path, spool):
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(_jsonl(2000))
    path.write_bytes(data[: len(data) // 2])
    plan, items = read_all([path], batch_size=500, spool=tmp_path / "spool" if spool else None)
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert len(docs) > 100 and [d.id for d in docs] == [f"r{i}" for i in range(len(docs))]
    assert len(rejects) == 1 and rejects[0].reason == "unreadable"
    assert plan.documents == len(items)


def test_gzipped_jsonl_is_decompressed_once_into_the_spool(tmp_path):
    """With a spool folder, batches seek into a plain copy made while planning: they never read the
    gzip stream again (here it is gone), and the ids and line numbers are those of the original."""
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(gzip.compress(_jsonl(25)))
    plan = plan_batches([str(path)], 10, spool=tmp_path / "spool")
    slices = [s for b in plan.batches for s in b.slices]
    assert all(s.offset is not None and s.file.copy for s in slices)
    assert [p.name for p in (tmp_path / "spool").iterdir()] == [Path(slices[0].file.copy).name]
    path.unlink()
    items = [item for b in reversed(plan.batches) for item in read_batch(b)]  # any order: they seek
    assert sorted(i.id for i in items) == sorted(f"r{i}" for i in range(25))
    assert {i.source["path"] for i in items} == {str(path)}


# --- WARC --------------------------------------------------------------------------------------


def _warc(path: Path, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)

        def response(uri, ctype, body):
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))

        response("https://w.example/a", "text/html; charset=utf-8", "<html><body><p>Première page.</p></body></html>".encode())
        response("https://w.example/logo.png", "image/png", b"\x89PNG....")
        writer.write_record(writer.create_warc_record("https://w.example/b", "request", payload=io.BytesIO(b"GET /b HTTP/1.1\r\n\r\n")))
        response("https://w.example/b", "text/html; charset=iso-8859-1", "<html><body><p>Deuxième page.</p></body></html>".encode("latin-1"))


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_become_documents(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(path, gz)
    plan, items = read_all([path], batch_size=1)
    assert plan.skipped_records == 2 and len(plan.batches) == 2
    assert [d.url for d in items] == ["https://w.example/a", "https://w.example/b"]
    assert all(d.kind == "html" and d.id.startswith("urn:uuid:") and d.fetched for d in items)
    assert "Première page." in items[0].content and "Deuxième page." in items[1].content
    assert items[0].source == {"path": str(path), "line": None, "format": "warc"}


# --- the shared benchmark ----------------------------------------------------------------------


@needs_benchmark
def test_benchmark_dump_reads_every_page_once():
    path = BENCHMARK / "scraped-browser.jsonl"
    expected = [json.loads(line)["id"] for line in path.open()]
    plan, items = read_all([path], batch_size=50)
    assert [i.id for i in items] == expected and len(expected) == 181
    assert len(plan.batches) == 4 and all(isinstance(i, RawDocument) for i in items)


def test_reading_never_writes(tmp_path):
    shutil.copytree(CORPUS, tmp_path / "c")
    before = sorted(p.name for p in (tmp_path / "c").rglob("*"))
    read_all([tmp_path / "c"])
    assert sorted(p.name for p in (tmp_path / "c").rglob("*")) == before


# --- hostile inputs (issue 8): links, special files, ids, HTML as text, legacy encodings ---------


def test_folder_walk_skips_links_out_of_the_folder_and_special_files(tmp_path):
    import os

    inside, outside = tmp_path / "in", tmp_path / "out"
    (inside / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    (inside / "a.txt").write_text("a")
    os.symlink(outside / "secret.txt", inside / "escape.txt")
    os.symlink(inside / "a.txt", inside / "sub" / "again.txt")  # inside, but the same file as a.txt
    os.symlink(outside, inside / "dirlink")  # folder links are not followed
    os.mkfifo(inside / "pipe.txt")  # reading it would block the run
    files, skipped = find_files([str(inside)])
    assert [Path(f.path).name for f in files] == ["a.txt"]
    assert sorted(Path(p).name for p in skipped) == ["escape.txt", "pipe.txt"]
    # a file named twice is read once; a link named explicitly is the user's choice
    files, _ = find_files([str(inside / "a.txt"), str(inside / "a.txt"), str(inside / "escape.txt")])
    assert [Path(f.path).name for f in files] == ["a.txt", "escape.txt"]


def test_duplicate_given_ids_are_kept_once_and_rejected_after(tmp_path):
    rows = [{"id": "x", "text": "first"}, {"id": "y", "text": "other"}, {"id": "x", "text": "second"},
            {"id": "x"}, {"id": "x", "text": "third"}]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "x", "text": "in another file"}) + "\n")
    for batch_size in (1, 2, 100):  # across batches as within one
        plan, items = read_all([tmp_path], batch_size=batch_size)
        docs = [i for i in items if isinstance(i, RawDocument)]
        assert [(d.id, d.content) for d in docs] == [("x", "first"), ("y", "other")]
        rejects = [(r.id, r.reason, r.source["line"]) for r in items if isinstance(r, Reject)]
        assert rejects == [("x", "duplicate-id", 3), ("x", "bad-record", 4), ("x", "duplicate-id", 5), ("x", "duplicate-id", 1)]
        assert all("a.jsonl line 1" in r.message for r in items if isinstance(r, Reject) and r.reason == "duplicate-id")


def test_derived_ids_are_made_unique(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.html").write_text("<p>page</p>")
        (tmp_path / folder / "d.jsonl").write_text('{"text": "no id"}\n')
    (tmp_path / "c.jsonl").write_text('{"id": "index", "text": "given id, after the derived one"}\n')
    plan, items = read_all([tmp_path], batch_size=2)
    ids = [(i.id, type(i).__name__) for i in items]
    # c.jsonl comes first (a folder's files before its subfolders): its given id is kept
    assert ids == [("index", "RawDocument"), ("d:1", "RawDocument"), ("index~2", "RawDocument"),
                   ("d:1~2", "RawDocument"), ("index~3", "RawDocument")]


def test_ids_from_the_input_are_never_paths(tmp_path):
    rows = [{"id": i, "text": "t"} for i in ("../../x", "/etc/passwd", "a\x00b", "a\nb")]
    (tmp_path / "r.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    _, items = read_all([tmp_path / "r.jsonl"])
    assert [i.id for i in items] == ["../../x", "/etc/passwd", "a\x00b", "a\nb"]


@pytest.mark.parametrize(
    "text, html",
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        ("\n  <html lang='en'><p>x</p>", True),
        ("<?xml version='1.0'?>\n<html><body/></html>", True),
        ("<div>" + "<p>a</p>" * 6 + "</div>", True),
        ("<b>Bold</b> start of a plain text article.", False),
        ("Plain text that mentions <html> tags.", False),
        ("", False),
    ],
)
def test_html_in_a_text_field_goes_to_the_html_cleaner(tmp_path, text, html):
    (tmp_path / "r.jsonl").write_text(json.dumps({"id": "r", "text": text}) + "\n")
    (tmp_path / "p.txt").write_text(text)
    _, items = read_all([tmp_path])
    assert [i.kind for i in items] == ["html" if html else "text"] * 2


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Le conseil municipal a voté mardi la réouverture de la ligne, après un débat très animé à Orléans.", "latin-1"),
        ("“We’re not done yet,” said the mayor – who’d waited a decade – in Zürich.", "cp1252"),
        ("Größe und Übermut auf der Straße, sagte Jürgen.", "latin-1"),
        ("Городской совет во вторник проголосовал за возобновление работы старой железной дороги.", "cp1251"),
        ("Zażółć gęślą jaźń. Rada miasta zdecydowała we wtorek o ponownym otwarciu linii, łódź.", "cp1250"),
    ],
)
def test_legacy_encodings_guess(text, encoding):
    assert decode((text + "\n" + "The council met on Tuesday. " * 10).encode(encoding)).startswith(text)
