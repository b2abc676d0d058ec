"""The first pass of a run: learn each site's boilerplate lines across the dump (issue 9).

`count_batch_fn` reads one batch and counts the lines of a sample of its text pages per site (8-byte
keys, see `cleaners.corpus`), `count_batches_fn` a run of batches (one task); the flow merges the counts, optionally with the statistics kept from earlier
runs (`SiteStore`, a small SQLite file in the output's state folder), and writes the keys that are
boilerplate on each site to `state/site-boilerplate.json`, which every cleaning task loads once.

Only text pages are counted and cleaned this way: in HTML the extractor already drops the chrome.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import orjson

from cleaners.corpus import SiteStats, site_of
from flows.sinks import write_json
from flows.sources import Batch, RawDocument, ReadOptions, read_batch

STATE = "state"
BOILERPLATE_FILE = f"{STATE}/site-boilerplate.json"
STORE_FILE = f"{STATE}/sites.sqlite"


# Pages of one site counted per batch. A site's chrome is on most of its pages, so a sample finds
# it as surely as every page would (a line counts when on >= 30% of the pages counted), and the
# first pass then costs a bounded amount per site and batch instead of a share of every page.
SAMPLE_PER_SITE = 32


def count_batch_fn(
    batch: Batch, read_options: ReadOptions, per_site: int = SAMPLE_PER_SITE, sites: frozenset[str] | None = None
) -> SiteStats:
    """Line counts per site of one batch's text pages: the first `per_site` pages of each site
    in the batch (in input order, so the same for every run of the same batch); only pages of
    `sites` when given."""
    stats = SiteStats()
    counted: dict[str | None, int] = {}
    for item in read_batch(batch, read_options):
        if isinstance(item, RawDocument) and item.kind == "text" and item.url:
            site = site_of(item.url)
            if (sites is None or site in sites) and counted.get(site, 0) < per_site:
                counted[site] = counted.get(site, 0) + 1
                stats.observe(item.url, item.content)
    return stats


def count_batches_fn(batches: list[Batch], read_options: ReadOptions, sites: frozenset[str] | None = None) -> SiteStats:
    """`count_batch_fn` over several batches, merged (each batch sampled as on its own)."""
    stats = SiteStats()
    for batch in batches:
        stats.merge(count_batch_fn(batch, read_options, sites=sites))
    return stats


def sites_to_count(site_pages: dict[str, int], min_pages: int) -> frozenset[str]:
    """The sites with enough text pages in a run for boilerplate to be learned from them: counting
    the others' pages could never give them any (`SiteStats.min_site_pages`)."""
    return frozenset(site for site, n in site_pages.items() if site is not None and n >= min_pages)


def boilerplate_table(stats: SiteStats) -> dict[str, list[int]]:
    """site -> sorted boilerplate keys, for the sites with enough pages and any boilerplate."""
    table = {}
    for site in sorted(stats.sites):
        keys = stats.boilerplate("//" + site)
        if keys:
            table[site] = sorted(keys)
    return table


def write_boilerplate(root: Path, table: dict[str, list[int]]) -> str:
    path = root / BOILERPLATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    write_json(path, table)
    return str(path)


class Boilerplate:
    """What a cleaning task knows of the sites' boilerplate (loaded once per task)."""

    def __init__(self, path: str | None):
        self.table: dict[str, frozenset[int]] = {}
        if path and Path(path).is_file():
            raw = orjson.loads(Path(path).read_bytes())
            self.table = {site: frozenset(keys) for site, keys in raw.items()}

    def for_url(self, url: str | None) -> frozenset[int]:
        if not self.table:
            return frozenset()
        return self.table.get(site_of(url) or "", frozenset())


class SiteStore:
    """Per-site line statistics kept between scheduled runs: (site, key, count) rows in SQLite."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def load(self, into: SiteStats) -> SiteStats:
        if self.path.is_file():
            with sqlite3.connect(self.path) as db:
                into.load_rows(db.execute("SELECT site, key, count FROM lines"))
        return into

    def save(self, stats: SiteStats) -> None:
        """Replace the stored statistics with `stats` (written to a new file, then renamed)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        with sqlite3.connect(tmp) as db:
            db.execute("CREATE TABLE lines (site TEXT NOT NULL, key INTEGER NOT NULL, count INTEGER NOT NULL)")
            db.executemany("INSERT INTO lines VALUES (?, ?, ?)", stats.rows())
        db.close()
        tmp.replace(self.path)
