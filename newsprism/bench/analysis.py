"""`newsprism bench analysis --data FILE`: articles/s of the analysis stage on real articles.

FILE is any JSONL whose records carry `text` (PolNeAR, AllSides, BASIL, ECB+) or `text1`/`text2`
(SemEval pairs). Model and gazetteer loading are timed apart, as a one-off cost per process. The peer in
the same run is spaCy itself: the same texts parsed by the same pipeline, paragraph by paragraph as the
analysis parses them, and nothing else (`parse_only_*`); `parse_share` is the part of the analysis time
that parsing takes.
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
from ..analyze.language import detect_language
from ..analyze.nlp import get_pipeline, parse_text
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
    languages = [language or detect_language(text) or "en" for text, language in texts]
    started = time.perf_counter()
    for (text, _), language in zip(texts, languages):
        try:
            parse_text(text, language)
        except Exception:  # as above: the parse failed, and the analysis counted it
            pass
    parse_seconds = time.perf_counter() - started
    words = sum(len(t.split()) for t, _ in texts)
    click.echo(json.dumps({
        "task": "bench-analysis", "articles": len(texts), "failures": failures, "words": words,
        "seconds": round(seconds, 2), "articles_per_s": round(len(texts) / seconds, 2),
        "words_per_s": round(words / seconds), "load_s": round(load_s, 2),
        "parse_only_seconds": round(parse_seconds, 2),
        "parse_only_articles_per_s": round(len(texts) / parse_seconds, 2),
        "parse_share": round(parse_seconds / seconds, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))
