"""Cross-validated score of the whole plain-text pipeline (`cleaners.clean_text`), not just the line model.

    .venv/bin/python benchmarks/cv_pipeline.py                    # 5-fold pipeline CV, shipped training settings
    .venv/bin/python benchmarks/cv_pipeline.py --augment none     # without the clean-page augmentation
    .venv/bin/python benchmarks/cv_pipeline.py --idempotence      # also count pages where cleaning twice changes the text
    .venv/bin/python benchmarks/cv_pipeline.py --dump /tmp/oof    # also write the out-of-fold outputs (error analysis)
    .venv/bin/python benchmarks/cv_pipeline.py --models /tmp/oof/models.json   # no training: seconds

The line model is trained on the dev set, so `benchmarks/dev_text.py` (which runs the shipped
model over the same pages) is an in-sample score. Here, for each of the 5 page-grouped folds of
`benchmarks/train_linemodel.py` (same fold assignment and seeds), a model is trained on the other
four folds (`train_linemodel.fit`, the same training pages and augmentation the shipped model
uses) and the full `clean_text(text, url=url)` runs on the held-out pages of both renditions with
that model swapped in (`cleaners.linemodel.use_model`). The outputs of all 181 pages are scored
with the benchmark's `score.py` `evaluate`. The line-level CV of train_linemodel.py (kept lines
of `select_body` alone, same models) is printed for reference.

Runtime (200 trees): 1-2.5 min of training per fold (two folds at a time with --jobs 2) plus a few
seconds of cleaning; ~5-6 min in all on 2 idle cores (~14 min when the cores are shared).
400 trees (the default now) take about twice as long.

Measured (text.py as of commit aa830a1, select_body DEFAULT_SELECT, 200 trees):
    --augment none   browser F1 0.923 (P 0.935 R 0.911)   bs4 F1 0.898 (P 0.920 R 0.876)
    --augment both   browser F1 0.933 (P 0.926 R 0.940)   bs4 F1 0.906 (P 0.916 R 0.896)
    (re-measured at commit e0e88a9: the same to three decimals, P 0.927; 0 / 181 not idempotent per rendition)
With the stop marker that lets the article go on below an inline "Read more" box (region.py,
commit 7dc21cc) and 400 trees (the shipped settings; 5-20 min on 2 shared cores):
    --augment both   browser F1 0.940 (P 0.931 R 0.949)   bs4 F1 0.914 (P 0.922 R 0.906)
and with a prose paragraph joined from fragments no longer taken for the byline/dateline that
one of its fragments looks like (text._header):
    --augment both   browser F1 0.940 (P 0.931 R 0.949)   bs4 F1 0.915 (P 0.922 R 0.908)
    (--idempotence: 0 / 181 not idempotent per rendition)
and with a comments marker ending the body once 100 kept words lie above it (region.py; the
comments below a short article can outweigh it; --models with that run's models.json, since
the change does not touch what the training sees):
    --augment both   browser F1 0.944 (P 0.938 R 0.949)   bs4 F1 0.919 (P 0.929 R 0.908)
    (--idempotence: 0 / 181 not idempotent per rendition; a full run gives the same figures)
and with a later kept line that repeats the kept text above it, its paragraphs joined otherwise,
dropped (linemodel.select_body; --models with the full run's models.json, then a full run at
commit a773451, the same to three decimals, ~5-8 min on 2 shared cores):
    --augment both   browser F1 0.944 (P 0.939 R 0.949)   bs4 F1 0.921 (P 0.933 R 0.908)
    (line-level CV browser 0.930, bs4 0.908 -> 0.910; 0 / 181 not idempotent per rendition)
and with the furniture added since (teaser boxes inside the article whole, teaser cards, about
boxes, labelled captions, comment-count lines, more languages) and the joiner no longer joining
a teaser heading or comment opener to the line below (which changes the training lines, so the
fold models are retrained): full runs at three commits of that work gave browser 0.947 / 0.946
/ 0.951 and bs4 0.928 / 0.923 / 0.918; the last, at commit bf5c313 (and, with its models, the
same at 1b295a1):
    --augment both   browser F1 0.951 (P 0.949 R 0.953)   bs4 F1 0.918 (P 0.932 R 0.905)
    (line-level CV browser 0.930, bs4 0.906; 0 / 181 not idempotent per rendition)

`--models FILE` (a dump's `models.json`) skips the training and cleans each held-out page with
the fold model saved there: the same figures as a full run as long as nothing the training
sees has changed since the dump (the lines as `train_linemodel.make_page` makes them: split_lines,
join_fragments, line_features; the labels; the training settings), e.g. after a change to the
region, header or settle steps of `clean_text`. A change to what the training sees needs a full run.

`--dump DIR` writes what error analysis needs: the out-of-fold outputs (`browser.jsonl`,
`bs4.jsonl`, records {"id", "text"} that score.py reads), `pages.tsv` (per page and rendition
F1/P/R), `lines.pkl` (each page's lines, labels and out-of-fold line probabilities) and
`models.json` (each fold's model and the fold of every page, to re-run the pipeline on held-out
pages without retraining).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import pickle
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).absolute().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import train_linemodel as tl  # noqa: E402
from benchmarks._shared import read_jsonl  # noqa: E402
from cleaners import clean_text  # noqa: E402
from cleaners.linemodel import DEFAULT_SELECT, use_model  # noqa: E402

_JOB: dict = {}


def _fold(f: int) -> dict:
    """Train on the other folds; clean the held-out pages with the full pipeline."""
    j = _JOB
    train = [p for p, q in zip(j["train"], j["train_fold"]) if q != f]
    t0 = time.time()
    if j["saved"] is not None:  # --models: the fold's model of an earlier run
        model = j["saved"][f]
    else:
        model = tl.fit(train, seed=j["seed"] + f, **j["kw"])
    t_fit = time.time() - t0
    held = {pid for pid, q in j["fold_of"].items() if q == f}
    preds: dict[str, dict[str, str]] = {r: {} for r in tl.RENDITIONS}
    unstable: dict[str, list[str]] = {r: [] for r in tl.RENDITIONS}
    t0 = time.time()
    with use_model(model, j["params"]):
        for rend in tl.RENDITIONS:
            for row in j["raw"][rend]:
                if row["id"] not in held:
                    continue
                out = clean_text(row["text"], url=row.get("url")).text
                preds[rend][row["id"]] = out
                if j["idempotence"] and clean_text(out, url=row.get("url")).text != out:
                    unstable[rend].append(row["id"])
    t_clean = time.time() - t0
    # line-level reference: select_body alone on the held-out pages (train_linemodel's CV number)
    line_probs = {i: model.predict(j["pages"][i]["x"]) for i, q in enumerate(j["page_fold"]) if q == f}
    return {"fold": f, "model": model.to_dict(), "preds": preds, "unstable": unstable, "line_probs": line_probs,
            "t_fit": t_fit, "t_clean": t_clean, "n_train": len(train)}


def run(bench: Path, augment: str, aug_weight: float, folds: int, seed: int, jobs: int, kw: dict,
        params: dict, idempotence: bool, saved: dict | None = None) -> dict:
    score = tl.load_score(bench)
    t0 = time.time()
    pages = tl.load_pages(bench)
    aug = tl.clean_pages(bench, augment)
    for pg in aug:
        pg["weight"] = aug_weight
    page_fold = tl.folds_by_page(pages, folds, seed)
    fold_of = {p["id"]: q for p, q in zip(pages, page_fold)}
    if saved is not None:
        if saved["fold_of"] != fold_of:
            sys.exit("--models: the saved run has another fold assignment (folds, seed or pages differ)")
        saved = {int(f): tl.TreeModel.from_dict(m) for f, m in saved["models"].items()}
    raw = {r: read_jsonl(bench / f"scraped-{r}.jsonl") for r in tl.RENDITIONS}
    gold = read_jsonl(bench / "gold.jsonl")
    print(f"{len(pages)} page renditions + {len(aug)} clean pages (augment={augment}, weight {aug_weight}); "
          f"prepared in {time.time() - t0:.0f}s", flush=True)

    _JOB.update(pages=pages, page_fold=page_fold, train=pages + aug,
                train_fold=page_fold + [fold_of[p["id"]] for p in aug], fold_of=fold_of, raw=raw,
                seed=seed, kw=kw, params=params, idempotence=idempotence, saved=saved)
    t0 = time.time()
    if jobs > 1:
        with mp.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_fold, range(folds), chunksize=1)
    else:
        results = [_fold(f) for f in range(folds)]
    for r in results:
        how = "saved model (--models)" if saved is not None else f"trained on {r['n_train']} pages in {r['t_fit']:.0f}s"
        print(f"  fold {r['fold']}: {how}, cleaned in {r['t_clean']:.1f}s", flush=True)
    print(f"{folds} folds in {time.time() - t0:.0f}s", flush=True)

    preds = {r: {} for r in tl.RENDITIONS}
    unstable = {r: [] for r in tl.RENDITIONS}
    probs = [None] * len(pages)
    for r in results:
        for rend in tl.RENDITIONS:
            preds[rend].update(r["preds"][rend])
            unstable[rend] += r["unstable"][rend]
        for i, p in r["line_probs"].items():
            probs[i] = p
    res = {}
    for rend in tl.RENDITIONS:
        metrics, _rows = score.evaluate(gold, preds[rend])
        line = score.aggregate([tl.page_counts(score, pg, tl.select_body(pg["lines"], probs[i], params))
                                       for i, pg in enumerate(pages) if pg["rend"] == rend])
        res[rend] = {"pipeline": metrics, "line": line, "unstable": sorted(unstable[rend])}
    res["preds"] = preds
    res["models"] = {r["fold"]: r["model"] for r in results}
    res["fold_of"] = fold_of
    res["lines"] = [{"id": pg["id"], "rend": pg["rend"], "lines": [l.text for l in pg["lines"]],
                     "y": pg["y"], "p": probs[i]} for i, pg in enumerate(pages)]
    return res


def dump(res: dict, out: Path, bench: Path) -> None:
    """Out-of-fold outputs, one `<rendition>.jsonl` of {"id", "text"} per rendition (score.py reads
    them), and `pages.tsv`: per page and rendition the score.py P/R/F1 of that output."""
    score = tl.load_score(bench)
    gold = read_jsonl(bench / "gold.jsonl")
    out.mkdir(parents=True, exist_ok=True)
    rows = ["id\trend\tf1\tprecision\trecall\tgold_tokens\tout_tokens"]
    for rend, preds in res["preds"].items():
        with open(out / f"{rend}.jsonl", "w", encoding="utf-8") as f:
            for pid, text in preds.items():
                f.write(json.dumps({"id": pid, "text": text}, ensure_ascii=False) + "\n")
        for g in gold:
            tp, fp, fn = score.doc_counts(g["body"], preds.get(g["id"], ""))
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            rows.append(f"{g['id']}\t{rend}\t{f1:.4f}\t{p:.4f}\t{r:.4f}\t{len(score.tokenize(g['body']))}\t"
                        f"{len(score.tokenize(preds.get(g['id'], '')))}")
    (out / "pages.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with open(out / "lines.pkl", "wb") as f:  # the line model's out-of-fold probabilities and labels
        pickle.dump(res["lines"], f)
    with open(out / "models.json", "w", encoding="utf-8") as f:  # each fold's model and its held-out page ids
        json.dump({"fold_of": res["fold_of"], "models": res["models"]}, f)


def table(res: dict, idempotence: bool) -> str:
    out = ["rendition  pipeline CV F1      P      R   | line-level CV F1      P      R"
           + ("  | not idempotent" if idempotence else "")]
    for rend in tl.RENDITIONS:
        r = res[rend]
        m, l = r["pipeline"], r["line"]
        row = (f"{rend:9s}  {m['f1']:16.3f} {m['precision']:6.3f} {m['recall']:6.3f}   | "
               f"{l['f1']:16.3f} {l['precision']:6.3f} {l['recall']:6.3f}")
        if idempotence:
            row += f"  | {len(r['unstable'])} / {m['docs']}"
        out.append(row)
    return "\n".join(out)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", default=str(tl.BENCH))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--trees", type=int, default=tl.DEFAULTS["n_trees"])
    ap.add_argument("--depth", type=int, default=tl.DEFAULTS["depth"])
    ap.add_argument("--lr", type=float, default=tl.DEFAULTS["lr"])
    ap.add_argument("--augment", choices=tl.AUGMENT, default=tl.DEFAULTS["augment"],
                    help="clean-page training copies (see train_linemodel.clean_pages)")
    ap.add_argument("--aug-weight", type=float, default=tl.DEFAULTS["aug_weight"],
                    help="page weight of an augmented page (a scraped page weighs 1)")
    ap.add_argument("--jobs", type=int, default=2, help="processes (one fold each)")
    ap.add_argument("--idempotence", action="store_true", help="clean each output again and count changes")
    ap.add_argument("--dump", help="write the out-of-fold outputs and per-page scores to this folder")
    ap.add_argument("--models", help="a dump's models.json: clean with its fold models instead of training")
    args = ap.parse_args(argv)
    kw = dict(n_trees=args.trees, depth=args.depth, lr=args.lr)
    res = run(Path(args.bench), args.augment, args.aug_weight, args.folds, args.seed, args.jobs, kw,
              dict(DEFAULT_SELECT), args.idempotence,
              json.loads(Path(args.models).read_text(encoding="utf-8")) if args.models else None)
    print(f"{args.folds}-fold CV grouped by page (seed {args.seed}), {kw}, augment={args.augment} "
          f"(weight {args.aug_weight}), select_body {DEFAULT_SELECT}; score.py evaluate over all pages:")
    print(table(res, args.idempotence))
    if args.dump:
        dump(res, Path(args.dump), Path(args.bench))
        print(f"out-of-fold outputs and per-page scores in {args.dump}")
    if args.idempotence:
        for rend in tl.RENDITIONS:
            r = res[rend]
            if r["unstable"]:
                print(f"  {rend} not idempotent: {', '.join(i[:12] for i in r['unstable'][:10])}")
    return res


if __name__ == "__main__":
    main()
