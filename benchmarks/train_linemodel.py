"""Train the line model (cleaners/linemodel.py) on the dev set and report 5-fold cross-validated scores.

    .venv/bin/python benchmarks/train_linemodel.py               # CV report + write cleaners/data/linemodel.json
    .venv/bin/python benchmarks/train_linemodel.py --no-write    # CV report only
    .venv/bin/python benchmarks/train_linemodel.py --jobs 1      # one process (default: 2, one fold each)

Steps:
1. Both renditions (browser, bs4) of every page: split_lines -> guess_language -> join_fragments.
2. Labels: the page's tokens are aligned with the gold body's tokens (difflib, in order, matching
   blocks of >= 3 tokens, so repeated lines are handled); a line is body when >= half of its
   tokens are aligned (keeping exactly the labelled lines scores F1 0.998 / 0.9996).
3. Features: cleaners.linemodel.line_features (no site, URL or string-specific features).
   Model: gradient-boosted oblivious trees (numpy histograms), logistic loss, every page weighted
   equally, lines within a page by sqrt(words + 1); 400 trees of depth 5 (200 until commit
   7dc21cc; line-level CV browser/bs4 F1 0.927/0.904 with 200 trees, 0.930/0.908 with 400; the
   pipeline CV is in benchmarks/cv_pipeline.py). Thresholds are saved exactly (they are feature values seen in
   training; rounded to 6 digits, a line on a threshold could fall on the other side than in
   training).
4. 5-fold CV grouped by page id: a page's two renditions are always in the same fold (fixed
   seed). The held-out pages are cleaned with `select_body` (fixed parameters
   `linemodel.DEFAULT_SELECT`) and scored with the benchmark metric (score.py: 4-gram shingle
   P/R/F1 of the assembled text, kept lines joined by blank lines, against the gold body), per
   rendition and for both. With --tune-select the parameters for held-out fold f are instead
   tuned (coordinate ascent) on the other folds' out-of-fold probabilities (nested; measured
   no better than the fixed values, which vary less).
5. Clean-page augmentation (`--augment`, default "both"): besides the scraped pages, the model
   trains on each gold body as the pipeline outputs it (one paragraph per line, blank lines
   between; every line body) and on the same with the page's title line on top (title labelled
   not body), so a page that is already clean stays whole when the pipeline re-judges its own
   output (`text._settle`, idempotence). An augmented page belongs to its page's CV fold and is
   never scored. Pipeline CV (benchmarks/cv_pipeline.py) browser/bs4 F1 0.923/0.898 -> 0.933/0.906
   (200 trees).

Measured (400 trees, `.venv/bin/python benchmarks/train_linemodel.py --jobs 2`, ~15 min on 2
shared cores), line-level CV (select_body alone on the held-out pages):
    browser F1 0.930 (P 0.905 R 0.956)   bs4 F1 0.908 (P 0.894 R 0.922)
    (with the same models and select_body dropping a repeat of the kept text whose paragraphs are
    joined otherwise: bs4 F1 0.910 (P 0.898 R 0.922), browser unchanged; cv_pipeline.py --models)
6. The shipped model is trained on all pages. Scores on a model's own training pages are never
   reported; the honest end-to-end number is benchmarks/cv_pipeline.py (the whole clean_text
   pipeline with each fold's model).
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import multiprocessing as mp
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).absolute().parents[1]
sys.path.insert(0, str(ROOT))

from cleaners.joiner import join_fragments  # noqa: E402
from cleaners.linemodel import (  # noqa: E402
    DEFAULT_SELECT, FEATURES, MODEL_PATH, TreeModel, guess_language, line_features, select_body,
)
from cleaners.lines import split_lines  # noqa: E402

BENCH = ROOT / ".." / "shared" / "benchmark"
RENDITIONS = ("browser", "bs4")
TOK = re.compile(r"\w+")


def load_score(bench: Path):
    spec = importlib.util.spec_from_file_location("bench_score", bench / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ---------------------------------------------------------------- data


def label_lines(lines, body: str, min_block: int = 3) -> list[float]:
    """Share of each line's tokens aligned (in order) with the gold body's tokens."""
    gold = TOK.findall(body)
    toks, owner = [], []
    for i, l in enumerate(lines):
        t = TOK.findall(l.text)
        toks += t
        owner += [i] * len(t)
    matched = [0] * len(toks)
    sm = difflib.SequenceMatcher(None, toks, gold, autojunk=False)
    for a, _b, n in sm.get_matching_blocks():
        if n >= min_block:
            matched[a:a + n] = [1] * n
    hit = [0] * len(lines)
    tot = [0] * len(lines)
    for k, o in enumerate(owner):
        tot[o] += 1
        hit[o] += matched[k]
    return [h / t if t else 0.0 for h, t in zip(hit, tot)]


def make_page(pid: str, rend: str, text: str, gold: str, labels=None) -> dict | None:
    """One training page: lines as the pipeline sees them, labels, features (None: no lines).

    `labels(lines) -> list[float]` overrides the alignment labels (augmented pages)."""
    # the recommended call sequence: guess the language once, on the split lines
    lines = split_lines(text)
    lang = guess_language(lines)
    lines = join_fragments(lines, language=lang)
    if not lines:
        return None
    frac = labels(lines) if labels else label_lines(lines, gold)
    return {
        "id": pid, "rend": rend, "lines": lines, "gold": gold,
        "y": np.array([f >= 0.5 for f in frac], dtype=np.float64), "x": line_features(lines, lang),
        "words": np.array([len(TOK.findall(l.text)) for l in lines], dtype=np.float64),
    }


def read_gold(bench: Path) -> dict[str, str]:
    with open(bench / "gold.jsonl", encoding="utf-8") as f:
        return {r["id"]: r["body"] for r in map(json.loads, f) if r}


def load_pages(bench: Path) -> list[dict]:
    gold = read_gold(bench)
    pages = []
    for rend in RENDITIONS:
        with open(bench / f"scraped-{rend}.jsonl", encoding="utf-8") as f:
            for row in f:
                r = json.loads(row)
                pg = make_page(r["id"], rend, r["text"], gold[r["id"]])
                if pg is not None:
                    pages.append(pg)
    return pages


AUGMENT = ("none", "clean", "title", "both")


def clean_pages(bench: Path, variants: str = "both") -> list[dict]:
    """Pages that are already clean: each gold body as the pipeline outputs it (one paragraph per
    line, blank lines between), every line body; "title": the same with the page's title line on
    top (labelled not body); "both": both variants. An augmented page keeps its page's id, so it
    falls in that page's CV fold; its rendition is "clean" (never scored as a rendition)."""
    if variants == "none":
        return []
    gold = read_gold(bench)
    titles = {}
    meta = bench / "metadata-gold.jsonl"
    if meta.exists():
        with open(meta, encoding="utf-8") as f:
            titles = {r["id"]: r.get("title") for r in map(json.loads, f)}
    out = []
    for pid, body in gold.items():
        text = "\n\n".join(p for p in (q.strip() for q in body.split("\n")) if p)
        if variants in ("clean", "both"):
            pg = make_page(pid, "clean", text, body, labels=lambda lines: [1.0] * len(lines))
            if pg is not None:
                out.append(pg)
        title = (titles.get(pid) or "").strip()
        if variants in ("title", "both") and title:
            pg = make_page(pid, "clean", title + "\n\n" + text, body,
                           labels=lambda lines: [0.0] + [1.0] * (len(lines) - 1))
            if pg is not None:
                out.append(pg)
    return out


# ---------------------------------------------------------------- model


def make_bins(x: np.ndarray, max_bins: int = 32) -> list[np.ndarray]:
    thr = []
    qs = np.linspace(0, 1, max_bins + 1)[1:-1]
    for j in range(x.shape[1]):
        u = np.unique(np.quantile(x[:, j], qs))
        thr.append(u)
    return thr


def train_trees(x, y, w, features, n_trees=150, depth=4, lr=0.1, lam=1.0, min_leaf_h=1e-3, seed=0, colsample=0.8,
                subsample=0.7):
    """Gradient-boosted oblivious trees with logistic loss (numpy histograms)."""
    rng = np.random.default_rng(seed)
    n, nf = x.shape
    thr = make_bins(x)
    nb = max(len(t) for t in thr) + 1
    xb = np.zeros((n, nf), dtype=np.int64)
    for j in range(nf):
        xb[:, j] = np.searchsorted(thr[j], x[:, j], side="left")  # bin k <=> x <= thr[k]; x > thr[k] <=> bin > k
    p0 = np.clip(np.average(y, weights=w), 1e-4, 1 - 1e-4)
    bias = float(np.log(p0 / (1 - p0)))
    f = np.full(n, bias)
    feats = np.zeros((n_trees, depth), dtype=np.int64)
    thrs = np.zeros((n_trees, depth))
    leaves = np.zeros((n_trees, 1 << depth))
    for t in range(n_trees):
        p = 1 / (1 + np.exp(-f))
        g = (p - y) * w
        h = np.maximum(p * (1 - p), 1e-6) * w
        rows = rng.random(n) < subsample
        g_s, h_s = np.where(rows, g, 0.0), np.where(rows, h, 0.0)
        leaf = np.zeros(n, dtype=np.int64)
        cols = np.flatnonzero(rng.random(nf) < colsample)
        if cols.size == 0:
            cols = np.arange(nf)
        for d in range(depth):
            nl = 1 << d
            best = (-np.inf, 0, 0)
            for j in cols:
                if len(thr[j]) == 0:
                    continue
                key = leaf * nb + xb[:, j]
                G = np.bincount(key, weights=g_s, minlength=nl * nb).reshape(nl, nb)
                H = np.bincount(key, weights=h_s, minlength=nl * nb).reshape(nl, nb)
                GL = np.cumsum(G, axis=1)[:, :-1]
                HL = np.cumsum(H, axis=1)[:, :-1]
                GT = G.sum(axis=1, keepdims=True)
                HT = H.sum(axis=1, keepdims=True)
                GR, HR = GT - GL, HT - HL
                gain = (GL ** 2 / (HL + lam) + GR ** 2 / (HR + lam) - GT ** 2 / (HT + lam))
                gain = np.where((HL < min_leaf_h) | (HR < min_leaf_h), 0.0, gain).sum(axis=0)
                k = int(np.argmax(gain[: len(thr[j])]))
                if gain[k] > best[0]:
                    best = (gain[k], j, k)
            _, j, k = best
            feats[t, d] = j
            thrs[t, d] = thr[j][k] if len(thr[j]) else 0.0
            leaf = leaf * 2 + (xb[:, j] > k)
        G = np.bincount(leaf, weights=g, minlength=1 << depth)
        H = np.bincount(leaf, weights=h, minlength=1 << depth)
        vals = -G / (H + lam) * lr
        leaves[t] = vals
        f += vals[leaf]
    return TreeModel(feats, thrs, leaves, bias, features)


WEIGHTING = {"sqrt": lambda w: np.sqrt(w + 1.0), "linear": lambda w: w + 1.0, "log": lambda w: np.log1p(w) + 0.5,
             "one": lambda w: np.ones_like(w)}
LINE_WEIGHT = "sqrt"


def weights(pages) -> np.ndarray:
    """Every page has the same total weight (the metric averages pages; times its "weight", default 1);
    lines by LINE_WEIGHT of words."""
    f = WEIGHTING[LINE_WEIGHT]
    ws = []
    for pg in pages:
        w = f(pg["words"])
        ws.append(w / w.sum() * pg.get("weight", 1.0))
    return np.concatenate(ws) * 100.0


def fit(pages, **kw) -> TreeModel:
    x = np.concatenate([p["x"] for p in pages])
    y = np.concatenate([p["y"] for p in pages])
    return train_trees(x, y, weights(pages), FEATURES, **kw)


_JOB: dict = {}


def _fold_job(f):
    pages, fold, k, seed, kw = _JOB["pages"], _JOB["fold"], _JOB["k"], _JOB["seed"], _JOB["kw"]
    tr = [p for p, q in zip(pages, fold) if q != f] + [p for p in _JOB["extra"] if _JOB["fold_of"][p["id"]] != f]
    te = [i for i, q in enumerate(fold) if q == f]
    model = fit(tr, seed=seed + f, **kw)
    return te, [model.predict(pages[i]["x"]) for i in te]


def cross_validate(pages, fold, k, seed, jobs, extra=(), **kw):
    """Out-of-fold probabilities for every page. `extra`: more training pages (augmentation), each
    used only by the folds that do not hold its page id."""
    _JOB.update(pages=pages, fold=fold, k=k, seed=seed, kw=kw, extra=list(extra),
                fold_of={p["id"]: q for p, q in zip(pages, fold)})
    if jobs > 1:
        with mp.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_fold_job, range(k), chunksize=1)
    else:
        results = [_fold_job(f) for f in range(k)]
    probs = [None] * len(pages)
    for te, pr in results:
        for i, x in zip(te, pr):
            probs[i] = x
    return probs


# ---------------------------------------------------------------- evaluation


def assemble(lines, keep) -> str:
    return "\n\n".join(l.text for l, k in zip(lines, keep) if k)


_COUNTS: dict = {}


def page_counts(score, pg, keep) -> tuple[float, float, float]:
    """score.doc_counts(gold, assembled text), memoised on (page, kept lines)."""
    key = (id(pg), bytes(bytearray(keep)))
    c = _COUNTS.get(key)
    if c is None:
        if "gold_sh" not in pg:
            pg["gold_sh"] = score.shingles(score.tokenize(pg["gold"]))
            pg["toks"] = [score.tokenize(l.text) for l in pg["lines"]]
        toks = [t for t, k in zip(pg["toks"], keep) if k for t in t]
        g, p = pg["gold_sh"], score.shingles(toks)
        tp = sum((g & p).values())
        fp = sum((p - g).values())
        fn = sum((g - p).values())
        total = tp + fp + fn
        c = (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)
        _COUNTS[key] = c
    return c


def evaluate(score, pages, probs, params) -> dict:
    out = {}
    for rend in RENDITIONS + ("both",):
        counts = []
        for pg, pr in zip(pages, probs):
            if rend != "both" and pg["rend"] != rend:
                continue
            counts.append(page_counts(score, pg, select_body(pg["lines"], pr, params)))
        if counts:
            out[rend] = score.aggregate(counts)
    return out


GRID = {
    "tau": [0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5],
    "tau_in": [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5],
    "tau_out": [0.5, 0.7, 0.8, 0.9, 0.95, 1.01],
    "power": [0.0, 0.5, 1.0],
}


def tune_select(score, pages, probs, start=None) -> dict:
    """Coordinate ascent over the region parameters (F1 over both renditions)."""
    params = dict(start or {"tau": 0.5, "tau_in": 0.3, "tau_out": 0.9, "power": 0.5})
    best = evaluate(score, pages, probs, params)["both"]["f1"]
    for _round in range(2):
        changed = False
        for name, values in GRID.items():
            for v in values:
                if v == params[name]:
                    continue
                trial = {**params, name: v}
                f1 = evaluate(score, pages, probs, trial)["both"]["f1"]
                if f1 > best + 1e-6:
                    best, params, changed = f1, trial, True
        if not changed:
            break
    return params


def folds_by_page(pages, k: int, seed: int) -> list[int]:
    ids = sorted({p["id"] for p in pages})
    rng = np.random.default_rng(seed)
    rng.shuffle(ids)
    fold_of = {pid: i % k for i, pid in enumerate(ids)}
    return [fold_of[p["id"]] for p in pages]


# training settings of the shipped model (cv_pipeline.py uses the same)
DEFAULTS = {"n_trees": 400, "depth": 5, "lr": 0.1, "augment": "both", "aug_weight": 1.0}


def fmt(m: dict) -> str:
    return f"F1 {m['f1']:.3f}  P {m['precision']:.3f}  R {m['recall']:.3f}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", default=str(BENCH))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--trees", type=int, default=DEFAULTS["n_trees"])
    ap.add_argument("--depth", type=int, default=DEFAULTS["depth"])
    ap.add_argument("--lr", type=float, default=DEFAULTS["lr"])
    ap.add_argument("--augment", choices=AUGMENT, default=DEFAULTS["augment"],
                    help="clean-page training copies of the gold bodies (see clean_pages)")
    ap.add_argument("--aug-weight", type=float, default=DEFAULTS["aug_weight"],
                    help="page weight of an augmented page (a scraped page weighs 1)")
    ap.add_argument("--jobs", type=int, default=2, help="processes for the CV folds")
    ap.add_argument("--cv-only", "--no-write", dest="no_write", action="store_true", help="do not write the model")
    ap.add_argument("--tune-select", action="store_true",
                    help="tune the select_body parameters (nested: per fold on the other folds' pages)")
    ap.add_argument("--dump", help="pickle pages and OOF probabilities here (analysis)")
    ap.add_argument("--out", default=str(MODEL_PATH))
    args = ap.parse_args(argv)
    bench = Path(args.bench)
    score = load_score(bench)
    kw = dict(n_trees=args.trees, depth=args.depth, lr=args.lr)

    t0 = time.time()
    pages = load_pages(bench)
    extra = clean_pages(bench, args.augment)
    for pg in extra:
        pg["weight"] = args.aug_weight
    n_lines = sum(len(p["lines"]) for p in pages)
    print(f"{len(pages)} page renditions, {n_lines} lines, {len(FEATURES)} features, "
          f"+{len(extra)} clean pages (augment={args.augment}, weight {args.aug_weight}) ({time.time() - t0:.1f}s)")
    k = args.folds
    fold = folds_by_page(pages, k, args.seed)

    t0 = time.time()
    oof = cross_validate(pages, fold, k, args.seed, args.jobs, extra=extra, **kw)
    print(f"{k}-fold CV trained ({time.time() - t0:.0f}s)")
    y = np.concatenate([p["y"] for p in pages])
    acc = float(((np.concatenate(oof) >= 0.5) == (y > 0.5)).mean())
    print(f"  line accuracy (p >= 0.5): {acc:.4f}")
    if args.tune_select:
        # select_body parameters for held-out fold f are tuned on the out-of-fold probabilities of the
        # other folds' pages (the test pages' own labels never choose their parameters)
        fold_params = []
        for f in range(k):
            others = [i for i, q in enumerate(fold) if q != f]
            fold_params.append(tune_select(score, [pages[i] for i in others], [oof[i] for i in others]))
            print(f"  fold {f}: select_body {fold_params[f]}")
        params = tune_select(score, pages, oof)
    else:
        fold_params = [DEFAULT_SELECT] * k
        params = DEFAULT_SELECT
    counts = {r: [] for r in RENDITIONS + ("both",)}
    for i, pg in enumerate(pages):
        c = page_counts(score, pg, select_body(pg["lines"], oof[i], fold_params[fold[i]]))
        counts[pg["rend"]].append(c)
        counts["both"].append(c)
    res = {r: score.aggregate(c) for r, c in counts.items()}
    what = "tuned per fold on the other folds" if args.tune_select else f"fixed {DEFAULT_SELECT}"
    print(f"{k}-fold CV grouped by page (seed {args.seed}), score.py metric on the assembled text, "
          f"select_body {what}:")
    for r in RENDITIONS + ("both",):
        print(f"  {r:8s} {fmt(res[r])}")
    if args.dump:
        import pickle

        with open(args.dump, "wb") as f:
            pickle.dump((pages, oof, params), f)

    if not args.no_write:
        t0 = time.time()
        model = fit(pages + extra, seed=args.seed, **kw)
        out = {
            "format": "oblivious-trees-v1",
            "trained_on": "dev set (181 pages x browser/bs4 renditions)",
            "train_args": {**kw, "folds": k, "seed": args.seed, "augment": args.augment,
                           "aug_weight": args.aug_weight},
            "cv": {r: {m: round(v, 4) for m, v in res[r].items()} for r in res},
            "select": params,
            "model": model.to_dict(),
        }
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(out, f, separators=(",", ":"))
        print(f"wrote {args.out} ({Path(args.out).stat().st_size / 1024:.0f} KiB, {time.time() - t0:.0f}s); "
              f"select_body {params}")
    return res


if __name__ == "__main__":
    main()
