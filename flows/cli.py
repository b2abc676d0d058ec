"""`scrapeclean clean INPUT... --output DIR`: raw scrapes in, clean JSON records out.

Arguments are checked before Prefect is imported, so mistakes and `--help` are answered at once.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from flows.sources import DEFAULT_BATCH_SIZE, DEFAULT_MAX_BYTES, FORMATS, ReadOptions

PROG = "scrapeclean"
EPILOG = """\
input formats (by extension, in folders searched recursively in sorted order):
  .txt                   scraped text, one page a file
  .html .htm .gz         HTML, one page a file (.html.gz too)
  .jsonl .json (.gz)     one record a line: id, url, and text or html (see the --*-field options)
  .warc .warc.gz         WARC: HTML response records; other records are skipped
  other extensions in a folder are skipped and counted; hidden files are ignored

output folder:
  documents/part-*.jsonl  clean records, one JSON object a line, one shard per batch
  rejects.jsonl           documents that could not be cleaned: id, source, reason, message
  report.json             counts (in, out, rejected, removals and rejects per reason), timings
  manifest/               finished batches: running the same command again resumes

exit status: 0 when the run completed (with or without rejects), 1 when batches failed
(run again to retry them), 2 for unusable arguments.
"""


class _Parser(argparse.ArgumentParser):
    """argparse, but an error is one line on stderr."""

    def error(self, message: str):  # noqa: D102 - argparse API
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Turn raw web scrapes into clean JSON article records.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    clean = commands.add_parser(
        "clean",
        help="clean files or folders of scrapes into an output folder",
        description="Clean raw scrapes (text, HTML, JSONL, WARC) into JSON Lines article records.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    clean.add_argument("inputs", nargs="+", metavar="INPUT", help="a file, or a folder searched recursively")
    clean.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder (created if missing)")
    clean.add_argument(
        "--format", choices=("auto", *FORMATS), default="auto",
        help="read every input file as this format instead of going by extension (default: auto)",
    )
    fields = clean.add_argument_group("JSONL fields")
    for name, default, what in (
        ("id", "id", "the document id (default: file stem and line number)"),
        ("url", "url", "the page URL"),
        ("text", "text", "the scraped text"),
        ("html", "html", "the page HTML (used before the text when both are there)"),
        ("fetched", "fetched", "the fetch time, ISO 8601 (resolves relative dates)"),
    ):
        fields.add_argument(f"--{name}-field", default=default, metavar="NAME", help=f"field holding {what}; default: {default}")
    run = clean.add_argument_group("running")
    run.add_argument("--workers", type=_positive, default=os.cpu_count() or 1, metavar="N",
                     help="worker processes on this machine (default: number of cores; 1 runs in-process)")
    run.add_argument("--batch-size", type=_positive, default=DEFAULT_BATCH_SIZE, metavar="N",
                     help=f"documents per batch, i.e. per task and per output shard (default: {DEFAULT_BATCH_SIZE})")
    run.add_argument("--max-bytes", type=_positive, default=DEFAULT_MAX_BYTES, metavar="N",
                     help="reject documents larger than this as too-large (default: %(default)s)")
    run.add_argument("--force", action="store_true", help="redo every batch, discarding earlier results in DIR")
    run.add_argument("--drop-duplicates", action="store_true",
                     help="leave near-duplicate articles out of documents/ (by default they are kept, "
                          "with duplicate_of naming the first copy)")
    run.add_argument("--no-site-boilerplate", dest="site_boilerplate", action="store_false",
                     help="do not learn and remove lines that repeat across a site's pages (on by default; "
                          "applies to text pages of sites with at least 8 pages in the run)")
    run.add_argument("--dask-address", metavar="ADDRESS",
                     help="run the batches on an existing Dask cluster, e.g. tcp://host:8786 (instead of --workers)")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary line")
    serve = commands.add_parser(
        "serve",
        help="serve a scheduled deployment that cleans the files arriving in an inbox folder",
        description=(
            "Serve the inbox deployment on a Prefect server: every run cleans the files that arrived in "
            "INBOX since the last run into OUTPUT (same layout as `clean`), then moves them to "
            "INBOX/processed/. Needs a Prefect API server: start one with `prefect server start` and set "
            "PREFECT_API_URL (e.g. http://127.0.0.1:4200/api). Stops on Ctrl-C."
        ),
    )
    serve.add_argument("--inbox", required=True, metavar="DIR", help="folder where new dumps arrive")
    serve.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder")
    when = serve.add_mutually_exclusive_group()
    when.add_argument("--cron", metavar="EXPR", help='cron schedule, e.g. "0 * * * *" (every hour)')
    when.add_argument("--interval", type=_positive, metavar="SECONDS", help="run every SECONDS (default: 300)")
    serve.add_argument("--workers", type=_positive, default=1, metavar="N", help="worker processes per run (default: 1)")
    serve.add_argument("--settle", type=float, default=2.0, metavar="SECONDS",
                       help="a file whose size changes within this time is still being written (default: 2)")
    serve.add_argument("--name", default="scrapeclean-inbox", help="deployment name (default: scrapeclean-inbox)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command not in ("clean", "serve"):
        parser.print_help(sys.stderr)
        return 2
    try:
        return _serve(args) if args.command == "serve" else _clean(args)
    except _Usage as e:
        return _fail(str(e), 2)
    except KeyboardInterrupt:
        return _fail("interrupted; run the same command again to resume", 130)
    except Exception as e:  # no traceback for users; report.json and the Prefect UI have the details
        return _fail(f"{type(e).__name__}: {e}", 1)


class _Usage(Exception):
    pass


def _serve(args: argparse.Namespace) -> int:
    if not os.environ.get("PREFECT_API_URL"):
        raise _Usage(
            "serve needs a Prefect API server: run `prefect server start --host 127.0.0.1` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api (or use `make serve`)"
        )
    from flows.sinks import OutputDir, OutputError

    try:
        OutputDir(args.output).check()
    except OutputError as e:
        raise _Usage(str(e)) from None
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    from flows.scheduled import serve

    serve(args.inbox, args.output, cron=args.cron, interval=args.interval, name=args.name,
          workers=args.workers, settle_seconds=args.settle)
    return 0


def _fail(message: str, status: int) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return status


def _clean(args: argparse.Namespace) -> int:
    for path in args.inputs:
        if not os.path.exists(path):
            raise _Usage(f"input not found: {path}")
    from flows.sinks import OutputDir, OutputError

    read_options = ReadOptions(
        format=args.format, id_field=args.id_field, url_field=args.url_field, text_field=args.text_field,
        html_field=args.html_field, fetched_field=args.fetched_field, max_bytes=args.max_bytes,
    )
    with contextlib.ExitStack() as stack:
        try:  # fail now, before Prefect starts, if the folder is unusable or in use
            stack.enter_context(OutputDir(args.output).locked())
        except OutputError as e:
            raise _Usage(str(e)) from None
        report = _run_flow(args, read_options)
    d, b = report["documents"], report["batches"]
    if not args.quiet:
        reasons = ", ".join(f"{k}: {v}" for k, v in report["rejects"].items())
        print(
            f"{d['in']} documents: {d['out']} clean, {d['rejected']} rejected{f' ({reasons})' if reasons else ''}"
            f"; {b['reused']} of {b['planned']} batches reused; {report['timings']['wall_seconds']:.1f} s"
            f" -> {Path(args.output) / 'documents'}",
            file=sys.stderr,
        )
    if b["failed"]:
        return _fail(f"{b['failed']} of {b['planned']} batches failed (see report.json); run again to retry them", 1)
    return 0


def _run_flow(args: argparse.Namespace, read_options: ReadOptions) -> dict:
    # Before prefect is imported: Prefect's own logs at WARNING, other libraries' (one warning per
    # odd page from an HTML parser) at ERROR. rejects.jsonl and report.json are the record.
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_ROOT_LEVEL", "ERROR")
    with _api_server(args) as server:  # started first: its start-up overlaps the imports below
        from flows.cleanup import clean_flow, progress_listener, task_runner

        flow = clean_flow.with_options(task_runner=task_runner(args.workers, args.dask_address))
        if server is not None:
            server.wait()
        with _Progress(disabled=args.quiet or not sys.stderr.isatty()) as progress, progress_listener(progress):
            return flow(
                inputs=list(args.inputs), output=args.output, read_options=read_options,
                batch_size=args.batch_size, force=args.force, site_boilerplate=args.site_boilerplate,
                drop_duplicates=args.drop_duplicates,
            )


@contextlib.contextmanager
def _api_server(args: argparse.Namespace):
    """One temporary local Prefect API server (Prefect's ephemeral server, see flows/apiserver.py)
    for the flow and its worker processes, which inherit PREFECT_API_URL.

    Not when PREFECT_API_URL already names a server, nor for a Dask cluster, whose workers may be
    on other machines (they use the API their own environment names): then it yields None.
    """
    if args.dask_address or os.environ.get("PREFECT_API_URL"):
        yield None
        return
    from flows.apiserver import LocalAPIServer

    server = LocalAPIServer().start()
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        yield server
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        server.stop()


class _Progress:
    """A rich progress bar on stderr: documents, docs/s, ETA, rejects. Silent when disabled."""

    def __init__(self, disabled: bool):
        self.disabled, self._bar, self._task, self._rejected = disabled, None, None, 0

    def __enter__(self):
        if not self.disabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(
                TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"), TimeRemainingColumn(), TextColumn("rejects: {task.fields[rejected]}"),
                console=Console(stderr=True), transient=False,
            )
            self._bar.__enter__()
        return self

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def planned(self, documents: int, reused: int) -> None:
        if self._bar is not None:
            self._task = self._bar.add_task("cleaning", total=documents, rate="", rejected=0)
            self._bar.update(self._task, completed=reused)

    def batch_done(self, summary: dict) -> None:
        if self._bar is None or self._task is None:
            return
        self._rejected += summary["rejected"]
        self._bar.advance(self._task, summary["documents_in"])
        speed = self._bar.tasks[0].speed
        self._bar.update(self._task, rejected=self._rejected, rate=f"{speed:.0f} docs/s" if speed else "")


if __name__ == "__main__":
    sys.exit(main())
