"""`newsprism bench extraction --data DIR`: pages/s for extraction + cleaning, beside trafilatura alone.

Both run in the same process on the same pages, interleaved per round, so machine noise hits both.
"""

from __future__ import annotations

import json
import resource
import time

import click

from ..eval.extraction import extract_for_benchmark, load_benchmark


@click.command("extraction")
@click.option("--data", required=True, type=click.Path(), help="Folder with ground-truth.json and html/.")
@click.option("--rounds", default=3, show_default=True, help="Timed passes over all pages per extractor.")
@click.option("--limit", type=int, default=None)
def command(data: str, rounds: int, limit: int | None) -> None:
    """Extraction + cleaning speed (pages/s) beside trafilatura alone."""
    pages = load_benchmark(data)[:limit]
    for key, html, _, url in pages[:5]:  # warm up imports and caches outside the timing
        extract_for_benchmark(html, url, "newsprism")
    timings: dict[str, list[float]] = {"newsprism": [], "trafilatura": []}
    for _ in range(rounds):
        for name in timings:
            start = time.perf_counter()
            for key, html, _, url in pages:
                extract_for_benchmark(html, url, name)
            timings[name].append(time.perf_counter() - start)
    result = {
        "task": "bench-extraction",
        "pages": len(pages),
        "rounds": rounds,
        **{f"{name}_pages_per_s": round(len(pages) / min(t), 2) for name, t in timings.items()},
        "newsprism_vs_trafilatura": round(min(timings["trafilatura"]) / min(timings["newsprism"]), 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    click.echo(json.dumps(result))
