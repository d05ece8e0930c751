"""`newsprism bench compare`: seconds to compare one story of N real articles (ECB+ by default).

The encoder is loaded and warmed up on another story first: the figure is the comparison itself, as a
server or a second CLI call sees it. The target is under 5 s for 10 articles on a 2-core machine.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections import defaultdict
from pathlib import Path

import click

from ..analyze.sentences import split_sentences
from ..compare import compare_articles
from ..embed import DEFAULT_ENCODER, get_encoder
from ..errors import DataFormatError
from ..eval.common import read_jsonl
from ..model import Article

DEFAULT_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ecbplus" / "dev.jsonl"


def story_articles(path: str | Path, size: int) -> tuple[list[Article], list[Article]]:
    """The longest story (by text) with at least `size` articles (its `size` longest), and another for warm-up."""
    stories: dict[str, list[Article]] = defaultdict(list)
    for rec in read_jsonl(path, required=("id", "text")):
        text = str(rec["text"])
        stories[str(rec.get("story") or "all")].append(
            Article(id=str(rec["id"]), text=text, source=str(rec["id"]), outlet=str(rec.get("outlet") or rec["id"][:8]),
                    sentences=split_sentences(text)))
    big = sorted((sorted(arts, key=lambda a: -len(a.text))[:size] for arts in stories.values() if len(arts) >= size),
                 key=lambda arts: -sum(len(a.text) for a in arts))
    if not big:
        raise DataFormatError("too-small", f"{path}: no story has {size} articles.", "Use --size with a smaller number.")
    warm = next((a for a in stories.values() if a is not big[0] and len(a) >= 2), big[0])
    return big[0][:size], warm[:2]


@click.command("compare")
@click.option("--data", type=click.Path(), default=str(DEFAULT_DATA), show_default=True,
              help="JSONL with id, text and story (ecbplus, basil or allsides format).")
@click.option("--size", default=10, show_default=True, help="Articles in the story.")
@click.option("--rounds", default=3, show_default=True)
def command(data: str, size: int, rounds: int) -> None:
    """Seconds to compare a story of --size real articles (target: < 5 s for 10)."""
    articles, warm = story_articles(data, size)
    compare_articles(warm, encoder=get_encoder(DEFAULT_ENCODER))
    timings, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        comparison = compare_articles(articles)
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    click.echo(json.dumps({
        "task": "bench-compare", "articles": len(articles), "claims": len(comparison.claims),
        "facts": len(comparison.facts), "rounds": rounds, "seconds_best": round(min(timings), 3),
        "seconds_worst": round(max(timings), 3), "target_seconds": 5.0,
        # CPU seconds over all threads: on a shared machine the wall time also counts other people's jobs.
        "cpu_seconds_best": round(min(cpu), 3), "load_average_1min": round(os.getloadavg()[0], 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
