"""`newsprism bench batch`: articles/s per stage, peak memory and growth with size for `newsprism batch`,
in-process and on a Dask LocalCluster of worker processes.

The corpus is real (AllSides leads by default); sizes beyond the file are made of perturbed copies (one
sentence dropped, a date in a 26-week span, so there are time windows and near-duplicate families as in
a crawl), written at run time to a temporary folder as JSONL files of `--per-file` records.
"""

from __future__ import annotations

import json
import math
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import click

from ..batch.executor import DaskExecutor, make_executor
from ..batch.run import run_batch

SPAN_DAYS = 182


def _load(path: str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [{"title": r.get("title"), "text": r["text"]} for r in rows if r.get("text")]


def _perturbed(record: dict[str, Any], copy: int, serial: int) -> dict[str, Any]:
    day = 738000 + serial % SPAN_DAYS  # ordinal days in 2021-2022
    from datetime import date

    out = {"title": record["title"], "published": date.fromordinal(day).isoformat(), "text": record["text"]}
    if copy:
        sentences = out["text"].split(". ")
        if len(sentences) > 2:
            del sentences[copy % len(sentences)]
        out["text"] = ". ".join(sentences) + f" (update {copy})"
    return out


def _write_corpus(records: list[dict[str, Any]], size: int, per_file: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for start in range(0, size, per_file):
        name = f"part{start // per_file:05d}.jsonl"
        with open(folder / name, "w", encoding="utf-8") as fh:
            for serial in range(start, min(size, start + per_file)):
                record = records[serial % len(records)]
                fh.write(json.dumps(_perturbed(record, serial // len(records), serial)) + "\n")
        names.append(name)
    manifest = folder / "manifest.txt"
    manifest.write_text("\n".join(names) + "\n", encoding="utf-8")
    return manifest


def _peak_mb(executor: Any) -> dict[str, float]:
    peaks = {"driver": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if isinstance(executor, DaskExecutor):
        per_worker = executor.client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        peaks.update({f"worker{i}": v for i, v in enumerate(per_worker.values())})
    return {k: round(v, 1) for k, v in peaks.items()}


def _growth(rows: list[dict[str, Any]]) -> dict[str, float | None]:
    """Exponent b of time ~ size^b between the smallest and largest size of each engine (1 = linear)."""
    out: dict[str, float | None] = {}
    for engine in {r["engine"] for r in rows}:
        mine = sorted((r for r in rows if r["engine"] == engine), key=lambda r: r["size"])
        if len(mine) > 1 and mine[0]["seconds"] > 0:
            a, b = mine[0], mine[-1]
            out[engine] = round(math.log(b["seconds"] / a["seconds"]) / math.log(b["size"] / a["size"]), 3)
        else:
            out[engine] = None
    return out


@click.command("batch")
@click.option("--data", default="../shared/data/allsides-triplets/dev.jsonl", show_default=True,
              type=click.Path(exists=True, dir_okay=False), help="JSONL of real articles (text, title).")
@click.option("--sizes", default="10000,50000,200000", show_default=True, help="Comma-separated article counts.")
@click.option("--engines", default="local,dask", show_default=True)
@click.option("--workers", default=2, show_default=True, help="Dask worker processes.")
@click.option("--per-file", default=1000, show_default=True, help="Articles per input file (the unit of work).")
@click.option("--analyze/--no-analyze", default=True, show_default=True,
              help="Include the analysis stage (spaCy entities, quotes, places, dates), the slowest stage.")
def command(data: str, sizes: str, engines: str, workers: int, per_file: int, analyze: bool) -> None:
    """Batch throughput (articles/s per stage), peak memory and growth with size, as JSON."""
    records = _load(data)
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsprism-bench-batch-") as tmp:
        for size in (int(s) for s in sizes.split(",")):
            manifest = _write_corpus(records, size, per_file, Path(tmp) / f"in{size}")
            for engine in engines.split(","):
                executor = make_executor(engine, workers=workers)
                try:
                    start = time.perf_counter()
                    report = run_batch(manifest, Path(tmp) / f"out{size}-{engine}", executor,
                                       db=str(Path(tmp) / f"store{size}-{engine}.db"), analyze=analyze)
                    seconds = time.perf_counter() - start
                    peak = _peak_mb(executor)
                finally:
                    executor.close()
                rows.append({"engine": engine, "size": size, "seconds": round(seconds, 2),
                             "articles": report["articles"], "articles_per_s": report["articles_per_s"],
                             "wall_seconds": report["wall_seconds"], "worker_seconds": report["worker_seconds"],
                             "syndication_groups": report["syndication_groups"], "stories": report["stories"],
                             "peak_rss_mb": peak})
                click.echo(json.dumps(rows[-1]), err=True)
    click.echo(json.dumps({"task": "bench-batch", "corpus": Path(data).name, "source_articles": len(records),
                           "workers": workers, "per_file": per_file, "analyze": analyze, "runs": rows,
                           "growth_exponent": _growth(rows)}))
