"""`newsprism bench analysis --data FILE`: articles/s of the analysis stage on real articles.

FILE is any JSONL whose records carry `text` (PolNeAR, AllSides, BASIL, ECB+) or `text1`/`text2`
(SemEval pairs). Model and gazetteer loading are timed apart, as a one-off cost per process.
"""

from __future__ import annotations

import json
import resource
import time
from collections.abc import Iterator
from itertools import islice

import click

from ..analyze import analyze_text
from ..analyze.gazetteer import get_gazetteer
from ..analyze.nlp import get_pipeline
from ..eval.common import read_jsonl


def _texts(path: str) -> Iterator[tuple[str, str | None]]:
    for rec in read_jsonl(path):
        for text_key, lang_key in (("text", "language"), ("text1", "lang1"), ("text2", "lang2")):
            if isinstance(rec.get(text_key), str) and rec[text_key].strip():
                yield rec[text_key], rec.get(lang_key)


@click.command("analysis")
@click.option("--data", required=True, type=click.Path(), help="JSONL with a `text` (or text1/text2) field.")
@click.option("--limit", default=300, show_default=True, help="How many articles to time.")
def command(data: str, limit: int) -> None:
    """Analysis speed (entities, quotes, places, dates) in articles/s and words/s."""
    texts = list(islice(_texts(data), limit))
    started = time.perf_counter()
    get_pipeline("en"), get_gazetteer()
    load_s = time.perf_counter() - started
    analyze_text(texts[0][0], texts[0][1])  # warm caches outside the timing
    failures, started = 0, time.perf_counter()
    for text, language in texts:
        try:
            analyze_text(text, language)
        except Exception:  # counted, not fatal: the benchmark measures the batch as ingest would run it
            failures += 1
    seconds = time.perf_counter() - started
    words = sum(len(t.split()) for t, _ in texts)
    click.echo(json.dumps({
        "task": "bench-analysis", "articles": len(texts), "failures": failures, "words": words,
        "seconds": round(seconds, 2), "articles_per_s": round(len(texts) / seconds, 2),
        "words_per_s": round(words / seconds), "load_s": round(load_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))
