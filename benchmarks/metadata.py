"""Metadata benchmark (issue 5): run `cleaners.metadata` on the 181 benchmark pages and
score with /work/shared/benchmark/score_metadata.py.

    .venv/bin/python benchmarks/metadata.py                      # all three renditions
    .venv/bin/python benchmarks/metadata.py --rendition browser --errors 10
    .venv/bin/python benchmarks/metadata.py --show <id-prefix> --rendition browser

html: `from_html(html, url)`, language = `detect_language(gold body, declared)`.
browser / bs4: `from_text(lines, body_start, body_end, url)` with the body region found
by aligning the lines with the gold body (`align_body`, a dev helper standing in for
the pipeline's region finder), language = `detect_language(body region text)`.
Predictions go to output/metadata-bench/<rendition>.jsonl.

Measured (181 pages; browser/bs4 score only values visible in that text):

| input (command)                                          | title | authors P/R/F1        | published | language | site  |
|----------------------------------------------------------|-------|-----------------------|-----------|----------|-------|
| html    (`benchmarks/metadata.py --rendition html`)      | 1.000 | 1.000 / 1.000 / 1.000 | 1.000     | 1.000    | 1.000 |
| browser (`benchmarks/metadata.py --rendition browser`)   | 0.936 | 0.953 / 0.965 / 0.959 | 0.949     | 1.000    | 0.877 |
| bs4     (`benchmarks/metadata.py --rendition bs4`)       | 0.930 | 0.874 / 0.884 / 0.879 | 0.902     | 1.000    | 0.839 |

The HTML gold is read from the same JSON-LD / meta tags, so the html row mostly measures
agreement with structured data; the text rows are the informative ones. The text rows
use the gold-aligned body region, an upper bound for the pipeline's own region finder.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cleaners.lines import Line, split_lines  # noqa: E402
from cleaners.metadata import detect_language, from_html, from_text  # noqa: E402

BENCH = ROOT / ".." / "shared" / "benchmark"
OUT = ROOT / "output" / "metadata-bench"
_TOK = re.compile(r"\w+")


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def decode_html(raw: bytes) -> str:
    """Declared charset (BOM, meta), else UTF-8, else charset-normalizer."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace")
    m = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", raw[:4096], re.I)
    if m:
        try:
            return raw.decode(m.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        return str(best) if best else raw.decode("utf-8", "replace")


def _toks(s: str) -> list[str]:
    return [t.lower() for t in _TOK.findall(s)]


def align_body(lines: list[Line], gold_body: str) -> tuple[int, int]:
    """Dev helper: [start, end) of the lines that hold the gold body (first and last gold
    paragraph located by their leading / trailing tokens)."""
    paras = [p for p in re.split(r"\n+", gold_body) if _toks(p)]
    if not paras or not lines:
        return 0, len(lines)
    toks = [_toks(l.text) for l in lines]

    def starts(lt, gt):
        k = min(len(lt), len(gt), 8)
        return k >= min(3, len(gt)) and k > 0 and lt[:k] == gt[:k]

    def ends(lt, gt):
        k = min(len(lt), len(gt), 8)
        return k >= min(3, len(gt)) and k > 0 and lt[-k:] == gt[-k:]

    start = None
    for p in paras[:3]:
        gt = _toks(p)
        start = next((i for i, lt in enumerate(toks) if starts(lt, gt)), None)
        if start is not None:
            break
    if start is None:
        start = 0
    end = None
    for p in reversed(paras[-3:]):
        gt = _toks(p)
        end = next((i + 1 for i in range(len(toks) - 1, start - 1, -1) if ends(toks[i], gt)), None)
        if end is not None:
            break
    if end is None or end <= start:
        end = min(len(lines), start + len(paras))
    return start, end


def _record(pid, md, extra=None) -> dict:
    rec = {"id": pid, "title": md.title, "subtitle": md.subtitle, "authors": md.authors,
           "published": md.published, "modified": md.modified, "language": md.language,
           "site": md.site, "url": md.url, "publisher": md.publisher}
    rec.update(extra or {})
    return rec


def run_html(pages, gold_bodies) -> tuple[list[dict], float]:
    recs, spent = [], 0.0
    for p in pages:
        html = decode_html(gzip.decompress((BENCH / p["html_file"]).read_bytes()))
        t0 = time.perf_counter()
        md = from_html(html, p["url"])
        spent += time.perf_counter() - t0
        declared = md.language
        md.language = detect_language(gold_bodies.get(p["id"], ""), declared)
        recs.append(_record(p["id"], md, {"language_declared": declared}))
    return recs, spent


def run_text(rendition, gold_bodies) -> tuple[list[dict], float]:
    recs, spent = [], 0.0
    for r in load_jsonl(BENCH / f"scraped-{rendition}.jsonl"):
        lines = split_lines(r["text"])
        start, end = align_body(lines, gold_bodies.get(r["id"], ""))
        t0 = time.perf_counter()
        md = from_text(lines, start, end, r["url"])
        md.language = detect_language("\n".join(l.text for l in lines[start:end]))
        spent += time.perf_counter() - t0
        recs.append(_record(r["id"], md, {"body": [start, end]}))
    return recs, spent


def score(rendition: str, pred: Path, errors: int = 0) -> str:
    cmd = [sys.executable, str(BENCH / "score_metadata.py"), str(BENCH / "metadata-gold.jsonl"),
           str(pred), "--rendition", rendition]
    if errors:
        cmd += ["--errors", str(errors)]
    res = subprocess.run(cmd, capture_output=True, text=True)
    return res.stdout + res.stderr


def show(pid: str, rendition: str, window: int = 30):
    gold = {g["id"]: g for g in load_jsonl(BENCH / "metadata-gold.jsonl")}
    bodies = {g["id"]: g["body"] for g in load_jsonl(BENCH / "gold.jsonl")}
    for r in load_jsonl(BENCH / f"scraped-{rendition}.jsonl"):
        if not r["id"].startswith(pid):
            continue
        lines = split_lines(r["text"])
        start, end = align_body(lines, bodies[r["id"]])
        md = from_text(lines, start, end, r["url"])
        g = gold[r["id"]]
        print("url  ", r["url"])
        print("gold ", {k: g[k] for k in ("title", "authors", "published_ts", "site")})
        print("pred ", {k: getattr(md, k) for k in ("title", "subtitle", "authors", "published",
                                                     "modified", "site")})
        for l in lines[max(0, start - window): start + 6]:
            mark = ">" if l.index == start else " "
            print(f"{mark}{l.index:4d} {str(l.reason.value if l.reason else ''):9s} {l.text[:110]}")


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--rendition", choices=("html", "browser", "bs4", "all"), default="all")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--show")
    args = ap.parse_args(argv)
    if not BENCH.exists():
        sys.exit(f"benchmark not found at {BENCH}")
    if args.show:
        show(args.show, "browser" if args.rendition == "all" else args.rendition)
        return
    OUT.mkdir(parents=True, exist_ok=True)
    pages = load_jsonl(BENCH / "pages.jsonl")
    bodies = {g["id"]: g["body"] for g in load_jsonl(BENCH / "gold.jsonl")}
    rends = ("html", "browser", "bs4") if args.rendition == "all" else (args.rendition,)
    for rend in rends:
        recs, spent = run_html(pages, bodies) if rend == "html" else run_text(rend, bodies)
        path = OUT / f"{rend}.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for rec in recs:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        print(f"== {rend}: {len(recs)} pages, {spent:.2f}s in the extractor "
              f"({1000 * spent / max(1, len(recs)):.1f} ms/page)")
        print(score(rend, path, args.errors), end="")


if __name__ == "__main__":
    main()
