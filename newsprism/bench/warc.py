"""`newsprism bench warc --data DIR`: pages/s for WARC ingest (read, clean, store), and for reading alone.

The WARC is written at run time, in a temporary folder, from the article-extraction-benchmark pages,
one gzipped response record per page, as Common Crawl News stores them.
"""

from __future__ import annotations

import json
import resource
import tempfile
import time
from pathlib import Path

import click

from ..eval.extraction import load_benchmark
from ..ingest.pages import SourceReport, store_page
from ..ingest.warc import iter_warc, write_warc
from ..model import RawPage, Rejected
from ..pipeline import process
from ..store import SQLiteStore


def _read_all(path: Path) -> int:
    return sum(1 for item in iter_warc(path) if not isinstance(item, Rejected))


def _ingest_all(path: Path, db: Path) -> SourceReport:
    report = SourceReport()
    with SQLiteStore(db) as store:
        for item in iter_warc(path):
            if isinstance(item, Rejected):
                report.reject(store, item)
            else:
                store_page(item, store, report)
    return report


@click.command("warc")
@click.option("--data", default="../shared/data/article-extraction-benchmark", show_default=True,
              type=click.Path(), help="Folder with ground-truth.json and html/ (the pages to archive).")
@click.option("--rounds", default=2, show_default=True, help="Timed ingest passes, each into a fresh store.")
@click.option("--limit", type=int, default=None, help="Only the first N pages.")
def command(data: str, rounds: int, limit: int | None) -> None:
    """WARC ingest speed (pages/s): reading records, and reading + cleaning + storing."""
    pages = load_benchmark(data)[:limit]
    with tempfile.TemporaryDirectory(prefix="newsprism-bench-warc-") as tmp:
        warc = Path(tmp) / "bench.warc.gz"
        write_warc(warc, [(url or f"https://bench.example/{key}.html", html.encode("utf-8"))
                          for key, html, _, url in pages])
        for _, html, _, url in pages[:5]:  # warm up imports and models outside the timing
            process(RawPage(source="warm-up", kind="html", content=html, url=url))
        start = time.perf_counter()
        read = _read_all(warc)
        read_s = time.perf_counter() - start
        timings, report = [], SourceReport()
        for n in range(rounds):
            start = time.perf_counter()
            report = _ingest_all(warc, Path(tmp) / f"round{n}.db")
            timings.append(time.perf_counter() - start)
        result = {
            "task": "bench-warc",
            "pages": len(pages),
            "warc_mb": round(warc.stat().st_size / 1e6, 2),
            "rounds": rounds,
            "read_pages_per_s": round(read / read_s, 1),
            "ingest_pages_per_s": round(len(pages) / min(timings), 2),
            "added": len(report.added),
            "duplicates": report.duplicates,
            "rejected": len(report.rejected),
            "rejected_by_reason": report.as_dict()["rejected_by_reason"],
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
    click.echo(json.dumps(result))
