"""Throughput and memory of `scrapeclean clean` against the bare cleaner (issue 6).

    .venv/bin/python benchmarks/throughput.py --pages 20000          # N = 20,000 and 2N = 40,000
    .venv/bin/python benchmarks/throughput.py --pages 2000 --quick   # a quick check

Generates dumps of N and 2N distinct synthetic news pages (~6 KB of scraped text each: menu,
share line, headline, byline, body with a captioned photo and its credit, a newsletter pitch,
teasers, footer) and reports, in one run:

- bare loop: `clean_text` over the N pages in this one process (docs/s, one core);
- the CLI end to end on N and 2N pages (`--workers 2`): docs/s including Prefect's start-up,
  and excluding it (the flow's own wall time, from report.json), plus where the flow's time went;
- peak memory of the CLI's whole process tree (the sum of the RSS of every process in its
  process group, polled every 0.2 s), and, for comparison, getrusage(RUSAGE_CHILDREN).ru_maxrss,
  which is the peak of the single largest process only: it misses the sum over the workers,
  Prefect's server and the main process, so the polled sum is the figure that matters;
- the count check: documents + rejects == pages, for each CLI run;
- trafilatura on an HTML rendering of a sample of other pages (not cleaned before in this
  process) against `clean_text` on their text (pages/s ratio), and `clean_html` on the same HTML.

A 3-page CLI run comes first, so that Prefect's database exists (its schema migrations cost about
5 s on a machine's first run ever), as it does for every run after a user's first.

Prints a markdown table. Needs nothing beside the repo.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.synthetic import NAMES, TOWNS, article  # noqa: E402

SCRIPT = Path(sys.executable).parent / "scrapeclean"
SITES = ["valley-gazette", "harbour-times", "hill-post", "river-courier", "coast-herald"]
MENU = ["Home", "News", "Local", "Politics", "Business", "Culture", "Sport", "Opinion", "Weather", "Podcasts"]
FOOTER = [
    "About us", "Contact", "Careers", "Advertise with us", "Privacy policy", "Cookie settings", "Terms of use",
    "© 2024 {site}. All rights reserved.",
]


def page(rng: random.Random, i: int) -> dict:
    """One synthetic page: the scraped text, its parts (for the HTML rendering), its id and url."""
    site = SITES[i % len(SITES)]
    title, paras = article(rng, (9, 14))
    teasers = [article(rng, (1, 1))[0] for _ in range(6)]
    town, author = rng.choice(TOWNS), rng.choice(NAMES)
    caption = f"Residents gathered outside the town hall in {town} on Monday. Photo: {rng.choice(NAMES)} / Reuters"
    date = f"{rng.randint(1, 28)} {rng.choice(['March', 'April', 'May', 'June'])} 2024"
    parts = {
        "menu": MENU,
        "share": ["Share", "Tweet", "Email", "Copy link"],
        "title": title,
        "byline": f"By {author}, {town}",
        "date": f"Published {date}",
        "caption": caption,
        "body": paras,
        "pitch": "Sign up for our morning newsletter and get the day's top stories in your inbox.",
        "teasers": teasers,
        "footer": [f.format(site=site.replace("-", " ").title()) for f in FOOTER],
    }
    lines = [*MENU, "", title, "", parts["byline"], parts["date"], " | ".join(parts["share"]), "", paras[0], "",
             caption, ""]
    for p in paras[1:]:
        lines += [p, ""]
    lines += [parts["pitch"], "", "Read more", *teasers, "", *parts["footer"]]
    return {"id": f"{site}-{i:06d}", "url": f"https://www.{site}.example/news/{i:06d}", "text": "\n".join(lines),
            "parts": parts}


def html_of(p: dict) -> str:
    q = p["parts"]
    li = "".join(f"<li><a href='/{m.lower()}'>{m}</a></li>" for m in q["menu"])
    share = "".join(f"<a class='share' href='#'>{s}</a>" for s in q["share"])
    body = "".join(f"<p>{x}</p>" for x in q["body"][1:])
    teasers = "".join(f"<li><a href='/t'>{t}</a></li>" for t in q["teasers"])
    footer = "".join(f"<li>{f}</li>" for f in q["footer"])
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{q['title']}</title></head><body>"
        f"<header><nav><ul>{li}</ul></nav></header><main><article><h1>{q['title']}</h1>"
        f"<p class='byline'>{q['byline']}</p><time>{q['date']}</time><div class='share'>{share}</div>"
        f"<p>{q['body'][0]}</p><figure><img src='a.jpg' alt=''><figcaption>{q['caption']}</figcaption></figure>"
        f"{body}<aside class='newsletter'><p>{q['pitch']}</p></aside></article>"
        f"<section class='related'><h2>Read more</h2><ul>{teasers}</ul></section></main>"
        f"<footer><ul>{footer}</ul></footer></body></html>"
    )


def write_dump(path: Path, n: int, seed: int = 6) -> int:
    rng = random.Random(seed)
    size = 0
    with path.open("wb") as fh:
        for i in range(n):
            p = page(rng, i)
            line = json.dumps({"id": p["id"], "url": p["url"], "text": p["text"]}).encode() + b"\n"
            fh.write(line)
            size += len(line)
    return size


def pages_of(n: int, seed: int = 6) -> list[dict]:
    rng = random.Random(seed)
    return [page(rng, i) for i in range(n)]


# --- measurements ------------------------------------------------------------------------------


def bare_loop(pages: list[dict]) -> tuple[float, float]:
    """(docs/s, CPU seconds a doc) of clean_text in this process."""
    from cleaners import clean_text

    for p in pages[:20]:  # warm up (models, caches)
        clean_text(p["text"], url=p["url"])
    start, cpu = time.perf_counter(), time.process_time()
    for p in pages:
        clean_text(p["text"], url=p["url"])
    return len(pages) / (time.perf_counter() - start), (time.process_time() - cpu) / len(pages)


def html_ratio(pages: list[dict]) -> dict:
    import trafilatura

    from cleaners import clean_html, clean_text

    html = [html_of(p) for p in pages]
    for h in html[:5]:
        trafilatura.extract(h)
        clean_html(h)

    def rate(fn, items) -> float:
        start = time.perf_counter()
        for x in items:
            fn(x)
        return len(items) / (time.perf_counter() - start)

    return {
        "clean_text": rate(lambda p: clean_text(p["text"], url=p["url"]), pages),
        "trafilatura": rate(lambda h: trafilatura.extract(h), html),
        "clean_html": rate(lambda h: clean_html(h), html),
    }


class TreeMemory:
    """Peak of the summed RSS of every process in a process group, polled every `interval` s."""

    def __init__(self, pgid: int, interval: float = 0.2):
        self.pgid, self.interval, self.peak, self.peak_procs = pgid, interval, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self):
        page_size = os.sysconf("SC_PAGE_SIZE")
        while not self._stop.is_set():
            total = procs = 0
            for entry in os.scandir("/proc"):
                if not entry.name.isdigit():
                    continue
                try:
                    with open(f"/proc/{entry.name}/stat", "rb") as fh:
                        fields = fh.read().rsplit(b")", 1)[1].split()
                    if int(fields[2]) != self.pgid:  # field 5 (pgrp), after the command name
                        continue
                    with open(f"/proc/{entry.name}/statm", "rb") as fh:
                        total += int(fh.read().split()[1]) * page_size
                    procs += 1
                except (OSError, IndexError, ValueError):
                    continue
            if total > self.peak:
                self.peak, self.peak_procs = total, procs
            self._stop.wait(self.interval)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def cli_run(dump: Path, out: Path, workers: int, batch_size: int | None, extra: list[str],
            command: list[str] | None = None) -> dict:
    env = dict(os.environ)
    env.setdefault("PREFECT_HOME", str(out.parent / "prefect-home"))
    cmd = [*(command or [str(SCRIPT)]), "clean", str(dump), "--output", str(out), "--workers", str(workers), "--quiet", *extra]
    if batch_size:
        cmd += ["--batch-size", str(batch_size)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    memory = TreeMemory(proc.pid)
    _, stderr = proc.communicate()
    wall = time.perf_counter() - start
    peak = memory.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"scrapeclean failed ({proc.returncode}): {stderr.decode()[-2000:]}")
    report = json.loads((out / "report.json").read_text())
    docs = sum(1 for shard in (out / "documents").glob("*.jsonl") for line in shard.open("rb") if line.strip())
    rejects = sum(1 for line in (out / "rejects.jsonl").open("rb") if line.strip())
    return {
        "wall": wall,
        "flow_wall": report["timings"]["wall_seconds"],
        "timings": report["timings"],
        "peak_tree": peak,
        "peak_procs": memory.peak_procs,
        "ru_maxrss": after.ru_maxrss * 1024,  # KiB on Linux; the largest process of any run so far
        # CPU of the CLI and every descendant it waited for (workers, Prefect's server): robust to
        # other load on the machine, unlike wall time
        "cpu": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
        "load": (load + os.getloadavg()[0]) / 2,
        "documents": docs,
        "rejects": rejects,
        "report_in": report["documents"]["in"],
        "reject_reasons": report["rejects"],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=20000, help="N: the CLI also runs on 2N (default 20000)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=None, help="passed to the CLI (default: its own)")
    ap.add_argument("--bare-pages", type=int, default=None, help="pages for the bare loop (default: N)")
    ap.add_argument("--html-sample", type=int, default=300, help="pages for the trafilatura comparison")
    ap.add_argument("--cli-arg", action="append", default=[], help="an extra CLI argument (repeatable)")
    ap.add_argument("--quick", action="store_true", help="N only, no 2N run")
    ap.add_argument("--command", help="run this instead of the scrapeclean script (a variant to compare), "
                                      "e.g. '.venv/bin/python wrapper.py'")
    ap.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temporary folder)")
    args = ap.parse_args(argv)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="sc-throughput-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        sizes = {}
        runs = {}
        # Prefect creates its database (schema migrations, ~5 s) on the first run on a machine;
        # a 3-page run does that first, so that the runs below are timed as every later run is.
        warm = work / "warm-up.jsonl"
        write_dump(warm, 3, seed=99)
        cli_run(warm, work / "out-warm-up", 1, None, [], args.command.split() if args.command else None)
        shutil.rmtree(work / "out-warm-up", ignore_errors=True)
        for n in [args.pages] if args.quick else [args.pages, 2 * args.pages]:
            dump = work / f"dump-{n}.jsonl"
            sizes[n] = write_dump(dump, n)
            out = work / f"out-{n}"
            shutil.rmtree(out, ignore_errors=True)
            print(f"CLI on {n} pages ({sizes[n] / 1e6:.0f} MB)...", file=sys.stderr, flush=True)
            runs[n] = cli_run(dump, out, args.workers, args.batch_size, args.cli_arg,
                              args.command.split() if args.command else None)
            shutil.rmtree(out, ignore_errors=True)
            dump.unlink()
        n = args.pages
        bare_n = args.bare_pages or n
        print(f"bare loop on {bare_n} pages...", file=sys.stderr, flush=True)
        # the bare loop gets the CLI's first bare_n pages; the HTML comparison gets pages after them,
        # which this process has not cleaned yet (clean_text remembers verdicts per line text)
        pages = pages_of(bare_n + args.html_sample)
        load = os.getloadavg()[0]
        bare, bare_cpu = bare_loop(pages[:bare_n])
        load = (load + os.getloadavg()[0]) / 2
        print(f"trafilatura on {args.html_sample} pages...", file=sys.stderr, flush=True)
        ratio = html_ratio(pages[bare_n:])
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    mb = 1024 * 1024
    print(f"\n## Throughput on this machine ({os.cpu_count()} cores, --workers {args.workers})\n")
    print("| measure | value |\n|---|---|")
    print(f"| pages (N) | {n:,} ({sizes[n] / 1e6:.0f} MB of JSONL, {sizes[n] / n / 1000:.1f} KB a page) |")
    print(f"| bare `clean_text` loop, one process | {bare:,.0f} docs/s ({bare_cpu * 1000:.2f} ms CPU a doc; "
          f"load average {load:.1f}) |")
    for m, r in runs.items():
        t = r["timings"]
        print(f"| CLI on {m:,} pages, end to end (with Prefect start-up) | {m / r['wall']:,.0f} docs/s "
              f"({r['wall']:.1f} s; {m / r['wall'] / bare:.2f}x the bare loop) |")
        print(f"| CLI on {m:,} pages, flow only (report wall_seconds) | {m / r['flow_wall']:,.0f} docs/s "
              f"({r['flow_wall']:.1f} s; {m / r['flow_wall'] / bare:.2f}x the bare loop; start-up "
              f"{r['wall'] - r['flow_wall']:.1f} s; plan {t['plan_seconds']:.1f} s, batch time summed "
              f"{t['clean_seconds']:.1f} s) |")
        print(f"| CLI on {m:,} pages, the flow's phases | first pass (site statistics) {t.get('site_stats_seconds', 0):.1f} s, "
              f"batches {t.get('batches_seconds', 0):.1f} s (CPU of the batches summed {t.get('clean_cpu_seconds', 0):.1f} s), "
              f"finish {t.get('finish_seconds', 0):.1f} s |")
        print(f"| CLI on {m:,} pages, CPU of the process tree | {r['cpu'] / m * 1000:.2f} ms a doc "
              f"({r['cpu'] / m / bare_cpu:.2f}x the bare loop's; {r['cpu']:.0f} s in all; load average "
              f"{r['load']:.1f}) |")
        print(f"| CLI on {m:,} pages, peak RSS of the process tree | {r['peak_tree'] / mb:,.0f} MiB "
              f"({r['peak_procs']} processes; largest single process by getrusage: {r['ru_maxrss'] / mb:,.0f} MiB) |")
        ok = r["documents"] + r["rejects"] == m == r["report_in"]
        print(f"| CLI on {m:,} pages, documents + rejects | {r['documents']:,} + {r['rejects']:,} = "
              f"{r['documents'] + r['rejects']:,} {'== N, OK' if ok else '!= N: LOST OR DOUBLED'} "
              f"{r['reject_reasons'] or ''} |")
    if len(runs) == 2:
        a, b = runs[n], runs[2 * n]
        print(f"| peak memory 2N / N | {b['peak_tree'] / a['peak_tree']:.2f} |")
    print(f"| in-process `clean_text` on {args.html_sample} pages | {ratio['clean_text']:,.0f} pages/s |")
    print(f"| trafilatura.extract on their HTML | {ratio['trafilatura']:,.0f} pages/s "
          f"(clean_text is {ratio['clean_text'] / ratio['trafilatura']:.2f}x) |")
    print(f"| `clean_html` on their HTML | {ratio['clean_html']:,.0f} pages/s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
