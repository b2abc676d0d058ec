"""scrapeclean's orchestration: the only package that knows Prefect.

    sources.py   readers: files, JSONL(.gz), WARC -> RawDocument stream; batch planning
    sinks.py     writers: atomic JSONL shards, rejects, manifest, report
    cleanup.py   the one-off flow: plan batches -> clean_batch tasks -> report
    cli.py       `scrapeclean clean ...`
"""

import os

# Prefect reads its settings from the environment when it is first imported. Telemetry is off
# unless the user asked for it: these defaults must be set before anything imports prefect, and
# every module of this package is imported through here.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
