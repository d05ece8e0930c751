"""`newsprism bench stories`: incremental story assignment on a stream of 100,000 articles.

The stream repeats real articles (AllSides and ECB+ from ../shared/data) with controlled
perturbations: copy k of an article is a different event of the same kind, i.e. its embedding gets
Gaussian noise, its entity-like terms a copy-specific suffix, its MinHash signature copy-specific bits
and its date a copy-specific offset. Embeddings of the real texts are computed once (cached under
.cache/), so the timing is of assignment. Reports articles/s per slice of the stream, the number of
stories at each point, peak memory and how the cost per article grows with the number of stories
(the log-log slope: 0 = flat, 1 = linear per article, i.e. quadratic overall).
"""

from __future__ import annotations

import json
import math
import resource
import time
from pathlib import Path

import click
import numpy as np

from ..embed import Encoder, get_encoder
from ..eval.common import read_jsonl
from ..stories.cluster import settings_for_encoder
from ..stories.corpus import day_number
from ..stories.embeddings import FileVectorCache, article_embedding_text, embed_texts
from ..stories.features import entity_terms, latest_year, word_terms
from ..stories.incremental import ArticleSignals, StoryIndex
from ..stories.wire import credited_agencies, minhash

__all__ = ["command", "real_signals", "perturbed_stream"]

NOISE = 0.02  # per-dimension noise on unit vectors: cosine with the original ~0.9
DEFAULT_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def real_signals(data: Path, limit: int | None = None, encoder: Encoder | None = None) -> list[ArticleSignals]:
    rows = []
    for name in ("allsides-triplets/dev.jsonl", "ecbplus/dev.jsonl"):
        if (data / name).is_file():
            rows += list(read_jsonl(data / name, required=("id", "text")))
    rows = rows[:limit]
    vectors = embed_texts([article_embedding_text(r.get("title"), r["text"]) for r in rows], FileVectorCache(), encoder)
    out = []
    for r, v in zip(rows, vectors):
        full = f"{r.get('title') or ''}\n{r['text']}"
        out.append(ArticleSignals(id=str(r["id"]), embed=v, entity=entity_terms(full), words=word_terms(full),
                                  minhash=minhash(r["text"]), day=day_number(r.get("date")) if r.get("date")
                                  else 18000.0, agencies=credited_agencies(r["text"]), year=latest_year(full)))
    return out


def perturbed_stream(real: list[ArticleSignals], total: int, seed: int = 7):
    rng = np.random.default_rng(seed)
    for j in range(total):
        base, copy = real[j % len(real)], j // len(real)
        if copy == 0:
            yield base
            continue
        embed = base.embed + rng.normal(0.0, NOISE, base.embed.shape).astype(np.float32)
        yield ArticleSignals(id=f"{base.id}~{copy}", embed=embed / np.linalg.norm(embed),
                             entity=[f"{t}~{copy}" for t in base.entity], words=base.words,
                             minhash=base.minhash ^ np.uint64(copy * 0x9E3779B9 % 2**32),
                             day=base.day + 30.0 * copy, agencies=base.agencies, year=base.year)


def _slope(stories: list[int], per_article_s: list[float]) -> float | None:
    points = [(math.log(s), math.log(t)) for s, t in zip(stories, per_article_s) if s > 0 and t > 0]
    if len(points) < 3:
        return None
    x, y = np.array(points).T
    return round(float(np.polyfit(x, y, 1)[0]), 3)


@click.command("stories")
@click.option("--articles", default=100_000, show_default=True, help="Length of the stream.")
@click.option("--slices", default=10, show_default=True, help="Report throughput per this many slices.")
@click.option("--real", "real_limit", type=int, default=None, help="Repeat only the first N real articles.")
@click.option("--data", type=click.Path(), default=str(DEFAULT_DATA), show_default=True,
              help="Folder with allsides-triplets/ and ecbplus/ (the real articles to repeat).")
def command(articles: int, slices: int, real_limit: int | None, data: str) -> None:
    """Incremental story assignment: articles/s, peak memory, cost growth with the number of stories."""
    encoder = get_encoder()  # $NEWSPRISM_ENCODER: the story encoder, with the settings calibrated for it
    real = real_signals(Path(data), limit=min(articles, real_limit or articles), encoder=encoder)
    if not real:
        raise click.ClickException(f"no real articles under {data}. Point --data at ../shared/data.")
    index = StoryIndex(settings_for_encoder(encoder.name), dim=encoder.dim)
    step = max(1, articles // slices)
    points, elapsed, start = [], 0.0, time.perf_counter()
    for i, sig in enumerate(perturbed_stream(real, articles), 1):
        index.add(sig)
        if i % step == 0 or i == articles:
            now = time.perf_counter()
            points.append({"articles": i, "stories": len(index.stories),
                           "articles_per_s": round(min(step, i - (points[-1]["articles"] if points else 0))
                                                   / (now - start), 1)})
            elapsed += now - start
            start = now
    per_article = [1 / p["articles_per_s"] for p in points]
    click.echo(json.dumps({
        "task": "bench-stories", "encoder": encoder.name, "articles": articles, "real_articles": len(real),
        "stories": len(index.stories),
        "assign_articles_per_s": round(articles / elapsed, 1), "slices": points,
        "cost_growth_loglog_slope": _slope([p["stories"] for p in points], per_article),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))
