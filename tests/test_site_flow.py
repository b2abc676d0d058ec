"""Site boilerplate in the flow (issue 9): the first pass learns a site's chrome across the dump,
the cleaning pass removes it; the statistics persist between runs when asked."""

from __future__ import annotations

import json
import pytest

from benchmarks._shared import shingle_f1
from benchmarks.synthetic import SITE_CHROME_PROSE, one_site_dump
from flows.cleanup import clean_flow
from flows.sitestats import BOILERPLATE_FILE, SAMPLE_PER_SITE, STORE_FILE, SiteStore, count_batch_fn
from flows.sources import ReadOptions, plan_batches
from cleaners.corpus import SiteStats, line_key


def write_dump(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({"id": r["id"], "url": r["url"], "text": r["text"]}) + "\n")


def records(out):
    return [json.loads(l) for p in sorted((out / "documents").glob("*.jsonl")) for l in p.open()]


@pytest.fixture(scope="module")
def dump():
    return one_site_dump(150)


def test_one_site_dump_through_the_flow(tmp_path, dump, prefect_harness):
    src = tmp_path / "dump.jsonl"
    write_dump(src, dump)
    out = tmp_path / "out"
    report = clean_flow([str(src)], str(out), batch_size=40)
    assert report["documents"]["out"] == 150
    assert report["site_boilerplate"]["sites_with_boilerplate"] == 1
    gold = {r["id"]: r["body"] for r in dump}
    recs = records(out)
    assert len(recs) == 150
    for rec in recs:
        for chrome in SITE_CHROME_PROSE:
            assert chrome not in rec["text"]
    mean_f1 = sum(shingle_f1(r["text"], gold[r["id"]]) for r in recs) / len(recs)
    assert mean_f1 >= 0.97
    assert report["removed"]["site-boilerplate"] >= 3 * 150
    assert (out / BOILERPLATE_FILE).is_file()


def test_switched_off_keeps_the_prose_chrome(tmp_path, dump, prefect_harness):
    src = tmp_path / "dump.jsonl"
    write_dump(src, dump[:20])
    report = clean_flow([str(src)], str(tmp_path / "out"), site_boilerplate=False)
    assert "site-boilerplate" not in report["removed"]
    assert any(SITE_CHROME_PROSE[0] in r["text"] for r in records(tmp_path / "out"))


def test_statistics_persist_and_recognise_the_first_page_of_the_next_dump(tmp_path, dump, prefect_harness):
    out = tmp_path / "out"
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    write_dump(first, dump[:60])
    clean_flow([str(first)], str(out), keep_site_stats=True, append=True)
    stats = SiteStore(out / STORE_FILE).load(SiteStats())
    assert stats.sites["valley-gazette.example"].pages == SAMPLE_PER_SITE  # one batch: a sample of the site's 60 pages
    # The next dump holds a single page of the site: its chrome is known from the stored statistics.
    write_dump(second, dump[60:61])
    report = clean_flow([str(second)], str(out), keep_site_stats=True, append=True)
    assert report["removed"]["site-boilerplate"] >= 3
    recs = records(out)
    assert len(recs) == 61  # the first run's records are kept (append)
    assert SiteStore(out / STORE_FILE).load(SiteStats()).sites["valley-gazette.example"].pages == SAMPLE_PER_SITE + 1


def test_first_pass_counts_a_bounded_sample_of_each_site_per_batch(tmp_path, dump):
    """Per batch, the first SAMPLE_PER_SITE pages of each site are counted; a site with fewer
    pages has all of them counted; the chrome is found in the sample."""
    src = tmp_path / "dump.jsonl"
    other = [dict(r, id=f"o{i}", url=r["url"].replace("valley-gazette", "hill-post")) for i, r in enumerate(dump[:5])]
    write_dump(src, dump[:100] + other)
    [batch] = plan_batches([str(src)], batch_size=500).batches
    stats = count_batch_fn(batch, ReadOptions())
    assert stats.sites["valley-gazette.example"].pages == SAMPLE_PER_SITE
    assert stats.sites["hill-post.example"].pages == 5
    chrome = stats.boilerplate("https://valley-gazette.example/x")
    assert all(line_key(line) in chrome for line in SITE_CHROME_PROSE)
    assert count_batch_fn(batch, ReadOptions(), per_site=1000).sites["valley-gazette.example"].pages == 100


def test_first_pass_counts_only_sites_with_enough_pages(tmp_path, dump, prefect_harness, monkeypatch):
    """Planning counts each site's text pages; sites with fewer than SiteStats.min_site_pages
    can never get boilerplate, so their pages are not counted, and a dump of such sites has no
    first pass at all. The output is the same as when every page is counted."""
    import flows.sitestats as sitestats

    calls = []
    real = sitestats.count_batch_fn

    def spy(batch, read_options, per_site=SAMPLE_PER_SITE, sites=None):
        calls.append(sites)
        return real(batch, read_options, per_site, sites)

    monkeypatch.setattr(sitestats, "count_batch_fn", spy)
    few = [dict(r, id=f"s{i}", url=r["url"].replace("valley-gazette", f"site{i // 2}")) for i, r in enumerate(dump[:20])]
    src = tmp_path / "few.jsonl"
    write_dump(src, few)
    assert plan_batches([str(src)], batch_size=500).site_pages == {f"site{k}.example": 2 for k in range(10)}
    report = clean_flow([str(src)], str(tmp_path / "few"))
    assert calls == [] and report["site_boilerplate"]["sites_with_boilerplate"] == 0

    mixed = tmp_path / "mixed.jsonl"
    write_dump(mixed, dump[:30] + few)
    report = clean_flow([str(mixed)], str(tmp_path / "mixed"))
    assert calls == [frozenset({"valley-gazette.example"})]
    assert report["site_boilerplate"]["sites_with_boilerplate"] == 1
    import flows.cleanup as cleanup

    monkeypatch.setattr(cleanup, "sites_to_count", lambda site_pages, min_pages: None)  # count every site
    again = clean_flow([str(mixed)], str(tmp_path / "all"))
    assert calls[-1] is None and again["site_boilerplate"]["sites_with_boilerplate"] == 1
    assert records(tmp_path / "mixed") == records(tmp_path / "all")
