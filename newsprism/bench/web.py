"""`newsprism bench web`: load test of the web app on loopback with a store of N real articles.

Builds the store once (AllSides, BASIL and ECB+ articles from ../shared/data, perturbed copies to reach
N), clusters it into stories, starts `newsprism serve` in a subprocess on 127.0.0.1 and sends a bounded
number of requests from a few client threads: story pages (the expensive ones: a comparison on first
view, cached after), the story list, and article pages. Prints latency percentiles, requests/s and errors.
"""

from __future__ import annotations

import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Iterator

import click

from ..model import RawPage

SOURCES = [("allsides-triplets", "dev.jsonl"), ("basil", "dev.jsonl"), ("ecbplus", "dev.jsonl")]


def _records(data: Path) -> list[dict[str, Any]]:
    out = []
    for folder, name in SOURCES:
        path = data / folder / name
        if path.is_file():
            with path.open(encoding="utf-8") as fh:
                out.extend(json.loads(line) for line in fh if line.strip())
    return out


def _pages(records: list[dict[str, Any]], n: int, seed: int = 13) -> Iterator[RawPage]:
    """The real articles, then perturbed copies (a sentence dropped, another outlet) until n."""
    rng = random.Random(seed)
    for i in range(n):
        rec = records[i % len(records)]
        # AllSides and ECB+ records name no outlet: spread them over 40 pretend outlets.
        text, outlet = rec["text"], rec.get("outlet") or f"Outlet {sum(map(ord, rec['id'])) % 40:02d}"
        if i >= len(records):  # a different text every time: a sentence dropped, or a word when too short
            sentences = text.split(". ")
            if len(sentences) > 3:
                del sentences[rng.randrange(1, len(sentences))]
                text = ". ".join(sentences)
            elif len(text.split(" ")) > 2:
                words = text.split(" ")
                del words[rng.randrange(1, len(words))]
                text = " ".join(words)
            else:
                text = f"{text} ({i})"
            outlet = f"{outlet} copy {i // len(records)}"
        yield RawPage(source=f"bench:{i}", kind="text", content=text, title=rec.get("title"), outlet=outlet,
                      published=rec.get("date"))


def build_store(db: str, data: Path, n: int) -> dict[str, float]:
    from ..pipeline import ingest_pages
    from ..stories.service import recluster
    from ..store import open_store

    store = open_store(db)
    started = time.perf_counter()
    ingest_pages(_pages(_records(data), n), store, analyze=False)
    ingested = time.perf_counter()
    recluster(store)
    clustered = time.perf_counter()
    store.close()
    return {"ingest_s": round(ingested - started, 1), "cluster_s": round(clustered - ingested, 1)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else 0.0


@click.command("web")
@click.option("--data", default="../shared/data", type=click.Path(), show_default=True)
@click.option("--articles", "n", default=10_150, show_default=True,
              help="Articles to generate; identical texts are stored once (the corpora hold ~100), "
                   "so the report gives the number stored.")
@click.option("--requests", "total", default=600, show_default=True, help="Requests to send (bounded).")
@click.option("--stories", "n_stories", default=60, show_default=True, help="Distinct story pages requested.")
@click.option("--clients", default=4, show_default=True, help="Concurrent client threads.")
@click.option("--db", "db_path", default=None, help="Reuse a store built earlier (skips building).")
def command(data: str, n: int, total: int, n_stories: int, clients: int, db_path: str | None) -> None:
    """Story page p95 latency and requests/s against `newsprism serve` on loopback."""
    import httpx

    workdir = Path(tempfile.mkdtemp(prefix="newsprism-bench-web-"))
    db = db_path or str(workdir / "bench.db")
    build = {} if db_path else build_store(db, Path(data), n)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "newsprism.present.cli", "--db", db, "serve", "--port",
                               str(port), "--token", "bench"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env={**os.environ, "NEWSPRISM_LOG": "error"})
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(300):
                try:
                    client.get("/stories.json?limit=1")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            stories = client.get(f"/stories.json?limit={n_stories}").json()["stories"]
            stored = client.get("/stories.json?limit=1").json()["articles"]
            articles = client.get("/articles.json?limit=200").json()["articles"]
        paths = ([f"/story/{s['id']}" for s in stories] * (total // max(1, len(stories)) + 1))[: int(total * 0.7)]
        paths += ["/stories"] * int(total * 0.1)
        paths += [f"/article/{a['id']}" for a in articles] * (total // max(1, len(articles)) + 1)
        paths = paths[:total]
        random.Random(5).shuffle(paths)
        seen: set[str] = set()

        def hit(path: str) -> tuple[str, float, int, bool]:
            cold = path.startswith("/story/") and path not in seen
            seen.add(path)
            start = time.perf_counter()
            with httpx.Client(base_url=base, timeout=120) as c:
                status = c.get(path).status_code
            return path, time.perf_counter() - start, status, cold

        started = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            results = list(pool.map(hit, paths))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    story_lat = [r[1] for r in results if r[0].startswith("/story/")]
    warm = [r[1] for r in results if r[0].startswith("/story/") and not r[3]]
    errors = sum(1 for r in results if r[2] >= 400)
    click.echo(json.dumps({
        "task": "bench-web", "articles_stored": stored, "stories_requested": len(stories),
        "requests": len(results), "clients": clients, "errors": errors,
        "requests_per_s": round(len(results) / elapsed, 1),
        "story_p50_ms": round(statistics.median(story_lat) * 1000, 1) if story_lat else None,
        "story_p95_ms": round(_percentile(story_lat, 0.95) * 1000, 1),
        "story_warm_p95_ms": round(_percentile(warm, 0.95) * 1000, 1),
        "story_max_ms": round(max(story_lat) * 1000, 1) if story_lat else None,
        "all_p95_ms": round(_percentile([r[1] for r in results], 0.95) * 1000, 1),
        **build,
    }))
