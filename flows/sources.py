"""Readers: input paths -> planned batches -> a stream of raw documents (or rejects).

Planning streams the inputs once and describes each batch by small references (a file, or a
byte offset and a number of lines/records in a JSONL or WARC file), never by document text.
`read_batch()` turns such a reference back into documents, wherever it runs.

Nothing here cleans or writes: data flows one way, read -> clean -> write.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import os
import re
import stat
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import orjson

FORMATS = ("text", "html", "jsonl", "warc")

# Extension -> format. A trailing `.gz` is looked through: `a.jsonl.gz` is JSONL, `a.gz` is HTML.
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".warc": "warc",
}
_GZIP_MAGIC = b"\x1f\x8b"
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
# Documents per batch (a task and a shard): a thousand keeps Prefect's cost per task run (~0.1 s of
# CPU) under 1% of the batch's cleaning, and a crash loses at most a batch per worker.
DEFAULT_BATCH_SIZE = 1000
_READ_ERRORS = (OSError, EOFError, zlib.error)


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read. Part of every batch key: changing one of these redoes the batches."""

    format: str = "auto"  # "auto" or one of FORMATS, forced for every file
    id_field: str = "id"
    url_field: str = "url"
    text_field: str = "text"
    html_field: str = "html"
    fetched_field: str = "fetched"
    # A document larger than this (bytes of a file, characters of a JSONL field) is rejected
    # as `too-large` without being cleaned; it bounds a worker's memory.
    max_bytes: int = DEFAULT_MAX_BYTES

    def __post_init__(self):
        if self.format != "auto" and self.format not in FORMATS:
            raise ValueError(f"unknown format {self.format!r}")
        if self.max_bytes < 1:
            raise ValueError("max_bytes must be positive")


@dataclass(slots=True)
class RawDocument:
    """One page to clean: its text or HTML, where it came from, and what the input says about it."""

    id: str
    content: str
    kind: str  # "text" or "html": which cleaner gets it
    source: dict  # {"path", "line", "format"} as in the output record
    url: str | None = None
    fetched: str | None = None  # ISO 8601 fetch time, when the input has one


@dataclass(slots=True)
class Reject:
    """An input document that could not be cleaned, and why. One line of rejects.jsonl."""

    id: str
    source: dict
    # a short code: unreadable, undecodable, bad-json, bad-record, too-large, duplicate-id (read here),
    # empty, clean-error (after cleaning)
    reason: str
    message: str

    def to_record(self) -> dict:
        return {"id": self.id, "source": self.source, "reason": self.reason, "message": self.message}


@dataclass(frozen=True, slots=True)
class InputFile:
    path: str  # absolute: batches may run in another process or on another machine
    display: str  # as the user named it (the input argument joined with the path below it)
    format: str
    size: int
    mtime_ns: int
    copy: str | None = None  # a plain copy to read instead (a gzipped JSONL file, see `plan_batches`)


@dataclass(frozen=True, slots=True)
class Slice:
    """A run of documents in one file: the whole file, or `count` JSONL lines / WARC records.

    `offset` is the byte offset of the first one (None for gzipped JSONL, which is read from the
    start), `line` the 1-based line number of the first JSONL line. `error` marks a file whose
    planning failed at this point: reading it yields one reject. `ids` are the planner's decisions
    on repeated ids, `(index in the slice, "duplicate" or "rename", message or new id)`.
    """

    file: InputFile
    offset: int | None = 0
    line: int | None = None
    count: int = 1
    error: str | None = None
    ids: tuple[tuple[int, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Batch:
    number: int  # position in the plan, from 0
    key: str  # deterministic: the same slices of the same files with the same options
    slices: tuple[Slice, ...]

    @property
    def size(self) -> int:
        return sum(s.count for s in self.slices)


@dataclass(slots=True)
class Plan:
    batches: list[Batch]
    files: int = 0  # input files found
    skipped_files: list[str] = field(default_factory=list)  # unknown extensions, as displayed
    skipped_records: int = 0  # WARC records that are not HTML responses
    # text pages with a URL per site (`cleaners.corpus.site_of`), as seen while planning: the site
    # statistics need a site's pages only when it has enough of them
    site_pages: Counter = field(default_factory=Counter)

    @property
    def documents(self) -> int:
        return sum(b.size for b in self.batches)


# --- finding files -----------------------------------------------------------------------------


def format_of(path: str | os.PathLike) -> str | None:
    """The input format told by a file's extensions, or None when they mean nothing to us."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
        if not suffixes or suffixes[-1] not in _EXTENSIONS:
            return "html"  # a bare `.gz`: compressed HTML, as crawlers store pages
    return _EXTENSIONS.get(suffixes[-1]) if suffixes else None


def stem(path: str | os.PathLike) -> str:
    """The file name without the extensions we know: `abc.html.gz` -> `abc`, `x.2024.txt` -> `x.2024`."""
    name = Path(path).name
    for _ in range(2):
        base, dot, ext = name.rpartition(".")
        if base and dot and ("." + ext.lower() in _EXTENSIONS or ext.lower() == "gz"):
            name = base
    return name


def sniff_format(path: str | os.PathLike) -> str:
    """Guess the format of a file named explicitly whose extension tells nothing."""
    try:
        with _open(path) as f:
            head = f.read(512).lstrip()
    except _READ_ERRORS:
        return "text"  # reading it fails again later, as a reject
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"{"):
        return "jsonl"
    if head[:1] == b"<":
        return "html"
    return "text"


def find_files(
    inputs: Iterable[str], fmt: str = "auto", exclude: str | os.PathLike | None = None
) -> tuple[list[InputFile], list[str]]:
    """The input files in a deterministic order, and the skipped ones.

    A folder is searched recursively in sorted order; hidden files and folders (`.name`) are
    ignored, files with an unknown extension are skipped (and returned). A file named explicitly
    is always read: its format is sniffed when its extension tells nothing. `exclude` is a folder
    never to read (the output folder, when it lies inside an input folder).
    """
    excluded = Path(exclude).resolve() if exclude is not None else None
    files: list[InputFile] = []
    skipped: list[str] = []
    seen: set[str] = set()  # real paths: a file reached twice (named twice, a link) is read once

    def add(path: Path, display: str, explicit: bool, root: Path | None = None) -> None:
        try:
            real = path.resolve()
        except (OSError, RuntimeError):  # a link loop
            real = None
        if not explicit:
            # In a folder only regular files below the folder itself are read: a link out of it
            # (to /etc/passwd, to a private folder) or a FIFO that would block the run is skipped.
            try:
                regular = real is not None and stat.S_ISREG(os.stat(real).st_mode)
            except OSError:
                regular = False
            if not regular or root is None or not _is_under(real, root):
                skipped.append(display)
                return
        if real is not None:
            if str(real) in seen:
                return
            seen.add(str(real))
        kind = fmt if fmt != "auto" else format_of(path)
        if kind is None:
            if not explicit:
                skipped.append(display)
                return
            kind = sniff_format(path)
        try:
            st = path.stat()
            size, mtime = st.st_size, st.st_mtime_ns
        except OSError:
            size, mtime = -1, 0  # unreadable: becomes a reject when the batch reads it
        files.append(InputFile(str(path.absolute()), display, kind, size, mtime))

    for given in inputs:
        root = Path(given)
        if _is_under(root, excluded):
            continue
        if not root.is_dir():
            add(root, given, explicit=True)
            continue
        real_root = root.resolve()
        for dirpath, dirnames, filenames in os.walk(root):  # links to folders are not followed
            here = Path(dirpath)
            dirnames[:] = sorted(
                d for d in dirnames if not d.startswith(".") and not _is_under(here / d, excluded)
            )
            for name in sorted(filenames):
                if not name.startswith("."):
                    add(here / name, os.path.join(given, os.path.relpath(here / name, root)), False, real_root)
    return files, skipped


def _is_under(path: Path, folder: Path | None) -> bool:
    if folder is None:
        return False
    p = path.resolve()
    return p == folder or folder in p.parents


# --- planning ----------------------------------------------------------------------------------


def plan_batches(
    inputs: Iterable[str],
    batch_size: int = DEFAULT_BATCH_SIZE,
    options: ReadOptions = ReadOptions(),
    exclude: str | os.PathLike | None = None,
    salt: str = "",
    spool: str | os.PathLike | None = None,
) -> Plan:
    """Stream the inputs once and cut them into batches of at most `batch_size` documents.

    `salt` is mixed into every batch key: the version of the cleaning code and its options.

    A gzip stream cannot be seeked into, so with a `spool` folder a gzipped JSONL file is
    decompressed into it once, while it is scanned, and its batches read the plain copy at their
    offsets (without one, every batch of such a file decompresses it from the start). The caller
    removes the folder when the run ends.

    Ids are settled here, over the whole plan (see `IdRegistry`): a repeated id that the input
    gives is a `duplicate-id` reject, a repeated id that scrapeclean makes up gets a suffix.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    files, skipped = find_files(inputs, options.format, exclude)
    plan = Plan(batches=[], files=len(files), skipped_files=skipped)
    fingerprint = json.dumps([salt, asdict(options)], sort_keys=True)
    runs: list[list] = []  # [file, offset, line, count, error, ids]: slices being built
    count = 0
    registry = IdRegistry()

    for f in files:
        target = _spool_target(f, spool) if spool is not None else None
        positions = _positions(f, plan, options, target)
        f = target or f
        for offset, line, error, doc_id, given in positions:
            last = runs[-1] if runs else None
            if last and last[0] is f and f.format in ("jsonl", "warc") and last[4] is None and error is None:
                index = last[3]
                last[3] += 1  # the next document of the same file: the run goes on
            else:
                index = 0
                runs.append([f, offset, line, 1, error, []])
            if doc_id is not None:
                mark = registry.claim(doc_id, given, f.display, line)
                if mark is not None:
                    runs[-1][5].append((index, *mark))
            count += 1
            if count == batch_size:
                plan.batches.append(_batch(len(plan.batches), fingerprint, runs))
                runs, count = [], 0
    if runs:
        plan.batches.append(_batch(len(plan.batches), fingerprint, runs))
    return plan


def _batch(number: int, fingerprint: str, runs: list[list]) -> Batch:
    slices = tuple(Slice(*run[:5], ids=tuple(run[5])) for run in runs)
    h = hashlib.sha256(fingerprint.encode())
    for s in slices:
        f = s.file
        h.update(json.dumps([f.path, f.format, f.size, f.mtime_ns, s.offset, s.line, s.count, s.error, s.ids]).encode())
    return Batch(number, h.hexdigest()[:32], slices)


class IdRegistry:
    """Every document's id is used once in a run's output; what happens to a repeat depends on who made it.

    - An id the input gives (a JSONL record's id field, a WARC-Record-ID) names the document: the
      first document with it (in plan order: files in sorted order, then line) keeps it, and every
      later one is rejected as `duplicate-id`, its message naming where the id was first used.
    - An id scrapeclean derives (a file stem, `<file stem>:<line>`, a WARC record's URL) is made
      unique with a suffix: `index` from a/index.html and b/index.html becomes `index` and `index~2`.

    Only documents that will be cleaned claim ids (a record rejected as bad-json or bad-record
    keeps its id in rejects.jsonl and takes none away). Memory: one 16-byte digest per document.
    """

    def __init__(self):
        self._seen: dict[bytes, tuple[str, int | None]] = {}

    @staticmethod
    def _key(doc_id: str) -> bytes:
        return hashlib.blake2b(doc_id.encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def claim(self, doc_id: str, given: bool, display: str, line: int | None) -> tuple[str, str] | None:
        """None when `doc_id` is free (it is now taken), else ("duplicate", message) or ("rename", new id)."""
        key = self._key(doc_id)
        first = self._seen.get(key)
        if first is None:
            self._seen[key] = (display, line)
            return None
        if given:
            path, first_line = first
            where = f"{path} line {first_line}" if first_line is not None else path
            return "duplicate", f"id already used by the document at {where}"
        n = 2
        while (key := self._key(new := f"{doc_id}~{n}")) in self._seen:
            n += 1
        self._seen[key] = (display, line)
        return "rename", new


def _spool_target(f: InputFile, spool: str | os.PathLike) -> InputFile | None:
    """The file with the plain copy a gzipped JSONL file is decompressed to, named after the
    file's path, size and time (so batch keys stay the same across re-runs)."""
    if f.format != "jsonl":
        return None
    try:
        with open(f.path, "rb") as fh:
            if fh.read(2) != _GZIP_MAGIC:
                return None
    except OSError:
        return None  # planning reports it
    tag = hashlib.sha256(f"{f.path}|{f.size}|{f.mtime_ns}".encode()).hexdigest()[:24]
    return InputFile(f.path, f.display, f.format, f.size, f.mtime_ns, copy=str(Path(spool).resolve() / f"{tag}.jsonl"))


class _Tee:
    """A file read line by line whose bytes are also written, as read, to another file."""

    def __init__(self, fh, copy):
        self.fh, self.copy = fh, copy

    def tell(self) -> int:
        return self.fh.tell()

    def readline(self, size: int = -1) -> bytes:
        line = self.fh.readline(size)
        self.copy.write(line)
        return line


def _positions(
    f: InputFile, plan: Plan, options: ReadOptions, spool: InputFile | None = None
) -> Iterator[tuple[int | None, int | None, str | None, str | None, bool]]:
    """(byte offset, line number, error, id, id given by the input) of each document in a file.

    The id is None for a document that will be rejected whatever its id (not JSON, no text).
    A file that fails to read part-way yields what it had, then one position carrying the error.
    """
    if f.format in ("text", "html"):
        yield 0, None, None, stem(f.path), False
        return
    try:
        if spool is not None:
            scan = _spooled_positions(f, plan, options, spool)
        else:
            scan = (_jsonl_positions if f.format == "jsonl" else _warc_positions)(f, plan, options)
        for offset, line, doc_id, given in scan:
            yield offset, line, None, doc_id, given
    except _READ_ERRORS + (ValueError,) as e:
        yield None, None, _describe(e), None, False


def _spooled_positions(f: InputFile, plan: Plan, options: ReadOptions, spool: InputFile):
    """Positions of a gzipped JSONL file in its plain copy, written while it is scanned (the copy
    is complete up to the last position yielded, even when reading fails part-way)."""
    path = Path(spool.copy)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    try:
        with open(part, "wb") as copy:
            yield from _jsonl_positions(f, plan, options, tee=copy)
    finally:
        os.replace(part, path)


def _jsonl_positions(f: InputFile, plan: Plan, options: ReadOptions, tee=None):
    from cleaners.corpus import site_of  # (not at import: the CLI imports this module before Prefect starts)

    with _open(f.path) as fh:
        gz = isinstance(fh, gzip.GzipFile) and tee is None  # offsets in a gzip stream can't be seeked to
        for offset, lineno, line in _lines(_Tee(fh, tee) if tee is not None else fh, options.max_bytes):
            if line is None or line.strip():
                item, given = _json_item(line, lineno, f, options)
                doc_id = item.id if isinstance(item, RawDocument) else None
                if doc_id is not None and item.kind == "text" and item.url:
                    plan.site_pages[site_of(item.url)] += 1
                yield (None if gz else offset), lineno, doc_id, given


def _warc_positions(f: InputFile, plan: Plan, options: ReadOptions):
    from warcio.archiveiterator import ArchiveIterator

    with open(f.path, "rb") as fh:
        records = ArchiveIterator(fh)
        for record in records:
            if _is_html_response(record):
                doc_id, given = _warc_id(record, f)
                yield records.get_record_offset(), None, doc_id, given
            else:
                plan.skipped_records += 1


# --- reading -----------------------------------------------------------------------------------


def read_batch(batch: Batch, options: ReadOptions = ReadOptions()) -> Iterator[RawDocument | Reject]:
    """The documents of a batch, in order; what cannot be read becomes a Reject, never an exception."""
    for s in batch.slices:
        yield from read_slice(s, options)


def read_slice(s: Slice, options: ReadOptions = ReadOptions()) -> Iterator[RawDocument | Reject]:
    f = s.file
    if s.error is not None:
        yield Reject(stem(f.path), _source(f, None), "unreadable", s.error)
        return
    if f.format in ("text", "html"):
        items = iter([_read_page(f, options)])
    elif f.format == "jsonl":
        items = _read_jsonl(s, options)
    else:
        items = _read_warc(s, options)
    if not s.ids:
        yield from items
        return
    marks = {index: (kind, value) for index, kind, value in s.ids}
    for index, item in enumerate(items):
        mark = marks.get(index)
        if mark is None or (isinstance(item, Reject) and item.reason == "unreadable"):
            yield item  # (an unreadable rest of a slice is not the document at this index)
        elif mark[0] == "rename":
            item.id = mark[1]
            yield item
        elif isinstance(item, RawDocument):
            yield Reject(item.id, item.source, "duplicate-id", mark[1])
        else:
            yield item


def _source(f: InputFile, line: int | None) -> dict:
    return {"path": f.display, "line": line, "format": f.format}


def _read_page(f: InputFile, options: ReadOptions) -> RawDocument | Reject:
    doc_id, source = stem(f.path), _source(f, None)
    try:
        data = _read_limited(f.path, options.max_bytes)
    except _READ_ERRORS as e:
        return Reject(doc_id, source, "unreadable", _describe(e))
    if data is None:
        return Reject(doc_id, source, "too-large", f"more than {options.max_bytes} bytes")
    try:
        content = decode(data, _meta_charset(data) if f.format == "html" else None)
    except DecodeError as e:
        return Reject(doc_id, source, "undecodable", str(e))
    kind = "html" if f.format == "html" or looks_like_html(content) else "text"
    return RawDocument(doc_id, content, kind, source)


def _read_jsonl(s: Slice, options: ReadOptions) -> Iterator[RawDocument | Reject]:
    f, left, first = s.file, s.count, s.line or 1
    missing = first  # the line number of the first document not read yet
    try:
        with _open(f.copy or f.path) as fh:
            if s.offset is not None:  # a plain file: jump to the first line; gzip: read up to it
                fh.seek(s.offset)
            for _, lineno, line in _lines(fh, options.max_bytes, first_line=first if s.offset is not None else 1):
                if lineno < first or (line is not None and not line.strip()):
                    continue
                yield _json_document(line, lineno, f, options)
                left, missing = left - 1, lineno + 1
                if left == 0:
                    return
    except _READ_ERRORS as e:
        message = _describe(e)
    else:
        message = "the file ended early (it changed after planning?)"
    # The rest of the slice is lost: one reject says so, under the id of the first missing line.
    yield Reject(f"{stem(f.path)}:{missing}", _source(f, missing), "unreadable", f"{message}; {left} document(s) not read")


def _json_document(line: bytes | None, lineno: int, f: InputFile, options: ReadOptions) -> RawDocument | Reject:
    return _json_item(line, lineno, f, options)[0]


def _json_item(line: bytes | None, lineno: int, f: InputFile, options: ReadOptions) -> tuple[RawDocument | Reject, bool]:
    """A JSONL line -> a document or a reject, and whether its id is the record's own."""
    source = _source(f, lineno)
    fallback_id = f"{stem(f.path)}:{lineno}"
    if line is None:
        return Reject(fallback_id, source, "too-large", f"line longer than {options.max_bytes} bytes"), False
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError as e:
        try:  # JSON must be UTF-8, but dumps in other encodings exist
            record = _without_lone_surrogates(json.loads(decode(line)))
        except (ValueError, DecodeError):
            return Reject(fallback_id, source, "bad-json", str(e)), False
    if not isinstance(record, dict):
        return Reject(fallback_id, source, "bad-json", f"a JSON {type(record).__name__}, not an object"), False
    raw_id = record.get(options.id_field)
    given = not (raw_id is None or raw_id == "")
    doc_id = str(raw_id) if given else fallback_id
    html, text = record.get(options.html_field), record.get(options.text_field)
    if isinstance(html, str) and html.strip():
        content, kind = html, "html"
    elif isinstance(text, str):
        content, kind = text, "html" if looks_like_html(text) else "text"
    else:
        reject = Reject(doc_id, source, "bad-record", f"no string field {options.text_field!r} or {options.html_field!r}")
        return reject, given
    if len(content) > options.max_bytes:
        return Reject(doc_id, source, "too-large", f"more than {options.max_bytes} characters"), given
    url, fetched = record.get(options.url_field), record.get(options.fetched_field)
    doc = RawDocument(
        doc_id,
        content,
        kind,
        source,
        url=url if isinstance(url, str) and url else None,
        fetched=fetched if isinstance(fetched, str) and fetched else None,
    )
    return doc, given


def _without_lone_surrogates(value):
    """`json.loads` (unlike orjson) accepts escapes of lone surrogates ("\\ud800"): every string of
    the record goes through `cleaners.lines.without_lone_surrogates`."""
    from cleaners.lines import without_lone_surrogates  # (not at import: the CLI imports this module before Prefect starts)

    if isinstance(value, str):
        return without_lone_surrogates(value)
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_lone_surrogates(v) for v in value]
    return value


# A whole HTML page where text was expected (a crawler's `text` field holding the raw page, a
# `.txt` file that is a saved page): it starts with a tag, and is a document or full of markup.
_HTML_START = re.compile(r"\s*(?:<\?xml[^>]{0,200}>\s*)?<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_HTML_CLOSE = re.compile(r"</(?:p|div|span|a|li|td|article|section|h[1-6]|table|ul)\s*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Is this "text" really an HTML page? (Then the HTML cleaner gets it.)"""
    head = text[:65536].lstrip("\ufeff \t\r\n")
    if not head.startswith("<"):
        return False
    if _HTML_START.match(head):
        return True
    return len(_HTML_CLOSE.findall(head, 0, 16384)) >= 5


def _read_warc(s: Slice, options: ReadOptions) -> Iterator[RawDocument | Reject]:
    from warcio.archiveiterator import ArchiveIterator

    f, left = s.file, s.count
    try:
        with open(f.path, "rb") as fh:
            fh.seek(s.offset or 0)
            for record in ArchiveIterator(fh):
                if not _is_html_response(record):
                    continue
                yield _warc_document(record, f, options)
                left -= 1
                if left == 0:
                    return
    except _READ_ERRORS + (ValueError,) as e:
        message = _describe(e)
    else:
        message = "the file ended early (it changed after planning?)"
    yield Reject(f"{stem(f.path)}@{s.offset}", _source(f, None), "unreadable", f"{message}; {left} record(s) not read")


def _warc_id(record, f: InputFile) -> tuple[str, bool]:
    """A WARC record's id (its WARC-Record-ID, else its URL, else `file@?`), and whether it is its own."""
    headers = record.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>")
    if record_id:
        return record_id, True
    return headers.get_header("WARC-Target-URI") or f"{stem(f.path)}@?", False


def _warc_document(record, f: InputFile, options: ReadOptions) -> RawDocument | Reject:
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI") or None
    doc_id = _warc_id(record, f)[0]
    source = _source(f, None)
    try:
        data = record.content_stream().read(options.max_bytes + 1)
    except _READ_ERRORS as e:
        return Reject(doc_id, source, "unreadable", _describe(e))
    if len(data) > options.max_bytes:
        return Reject(doc_id, source, "too-large", f"more than {options.max_bytes} bytes")
    try:
        content = decode(data, _charset(record.http_headers.get_header("Content-Type")))
    except DecodeError as e:
        return Reject(doc_id, source, "undecodable", str(e))
    return RawDocument(doc_id, content, "html", source, url=url, fetched=headers.get_header("WARC-Date"))


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    return "html" in ctype


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _meta_charset(html: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag near its start."""
    m = _META_CHARSET.search(html[:4096])
    return m.group(1).decode("ascii") if m else None


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


# --- bytes -------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes -> str: a byte-order mark wins, then UTF-8, then the declared charset, then a guess.

    Raises DecodeError for data that is not text (NUL characters, or no encoding fits).
    """
    text = _decode(data, declared)
    if "\x00" in text:
        raise DecodeError("binary data, not text (NUL characters)")
    return text


def _decode(data: bytes, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as e:
                raise DecodeError(f"invalid {encoding} after its byte-order mark: {e.reason}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return _guess(data)


# Single-byte code pages for Latin-script text that charset-normalizer may pick on a near tie with
# windows-1252 (it cannot tell them apart on mostly-ASCII text: Latin-1 French came out as the
# Baltic DOS code page, "voté" as "votķ").
_LATIN_LOOKALIKES = frozenset(
    "cp1250 cp1254 cp1257 cp437 cp775 cp850 cp852 cp858 cp860 cp861 cp863 cp865 hp_roman8 latin_1 "
    "iso8859_2 iso8859_3 iso8859_4 iso8859_9 iso8859_10 iso8859_13 iso8859_14 iso8859_15 iso8859_16 "
    "mac_roman mac_latin2 mac_iceland mac_turkish".split()
)


def _guess(data: bytes) -> str:
    """charset-normalizer's guess, but windows-1252 on a tie with another Latin code page.

    windows-1252 is what browsers decode undeclared legacy Western pages (and ISO-8859-1) as, and
    the most common legacy encoding on the web; a page in another Latin code page (Czech in
    windows-1250) usually declares it, and a declared charset is tried before this guess.
    """
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("not text in any encoding charset-normalizer knows")
    if best.encoding in _LATIN_LOOKALIKES:
        try:
            western = data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            if mess_ratio(western, 1.0) <= best.chaos + 0.01:
                return western
    return str(best)


def _open(path: str | os.PathLike):
    """A binary file object, gunzipped when the content is gzip (whatever the extension says)."""
    fh = open(path, "rb")
    try:
        magic = fh.read(2)
        fh.seek(0)
    except OSError:
        fh.close()
        raise
    return gzip.GzipFile(fileobj=fh, mode="rb") if magic == _GZIP_MAGIC else fh


def _read_limited(path: str, limit: int) -> bytes | None:
    """The whole (gunzipped) content, or None when it is longer than `limit` bytes."""
    with _open(path) as fh:
        data = fh.read(limit + 1)
    return None if len(data) > limit else data


def _lines(fh, limit: int, first_line: int = 1) -> Iterator[tuple[int, int, bytes | None]]:
    """(byte offset, line number, line) for each line from here; None for a line longer than `limit`.

    A long line is read through in chunks and dropped, so it never sits in memory whole.
    """
    offset, lineno = fh.tell(), first_line
    while True:
        line = fh.readline(limit + 2)  # room for "\r\n"
        if not line:
            return
        start = offset
        offset += len(line)
        if not line.endswith(b"\n") and len(line) == limit + 2:
            while (more := fh.readline(1 << 20)):
                offset += len(more)
                if more.endswith(b"\n"):
                    break
            line = None
        elif len(line.rstrip(b"\r\n")) > limit:
            line = None
        yield start, lineno, line
        lineno += 1


def _describe(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}"
