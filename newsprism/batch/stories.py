"""Story clustering in a batch: articles blocked into time windows, each window clustered as one task.

Within a window the stories package's clustering runs (nearest-neighbour candidates, then the same
average-linkage rules as `newsprism cluster`), fed the vectors the batch already computed so no text is
embedded twice.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["WINDOW_ARTICLES", "time_windows", "cluster_window", "story_id"]

# Articles per clustering task. A window is cut only between two days, once it holds this many: a few
# thousand keep one task to about a minute on one core (AllSides-sized blocks), while a busy week of a
# national crawl still stays whole, so a story is split only where the stream is cut.
WINDOW_ARTICLES = 4000


def time_windows(records: list[dict[str, Any]], size: int = WINDOW_ARTICLES) -> dict[str, list[dict[str, Any]]]:
    """Consecutive days in windows of about `size` articles (named first..last day); undated apart."""
    windows: dict[str, list[dict[str, Any]]] = {}
    dated = sorted((r for r in records if _day(r)), key=_day)
    current: list[dict[str, Any]] = []
    for record in dated:
        if len(current) >= size and _day(record) != _day(current[-1]):
            windows[f"{_day(current[0])}..{_day(current[-1])}"] = current
            current = []
        current.append(record)
    if current:
        windows[f"{_day(current[0])}..{_day(current[-1])}"] = current
    undated = [r for r in records if not _day(r)]
    if undated:
        windows["undated"] = undated
    return windows


def _day(record: dict[str, Any]) -> str:
    published = record.get("published") or ""
    return published[:10] if len(published) >= 10 and published[4] == "-" else ""


def story_id(members: list[str]) -> str:
    return "s-" + min(members)


def cluster_window(task: tuple[str, list[dict[str, Any]]]) -> tuple[str, list[list[str]]]:
    """(window, stories as sorted lists of article ids) for the records of one window."""
    window, records = task
    labels = _labels(records) if len(records) > 1 else np.zeros(len(records), dtype=int)
    groups: dict[int, list[str]] = {}
    for record, label in zip(records, labels):
        groups.setdefault(int(label), []).append(record["id"])
    return window, sorted(sorted(g) for g in groups.values())


def _labels(records: list[dict[str, Any]]) -> np.ndarray:
    from ..embed import get_encoder
    from ..model import content_id
    from ..stories.corpus import CorpusArticle, cluster_corpus
    from ..stories.embeddings import MemoryVectorCache, article_embedding_text

    vectors: dict[str, np.ndarray] = {}
    for r in records:
        vectors[content_id(article_embedding_text(r["title"], r["text"]))] = np.asarray(r["vector"], np.float32)
        if r["title"] and r["title"].strip():
            vectors[content_id(r["title"])] = np.asarray(r["title_vector"], np.float32)
    encoder = get_encoder(records[0].get("model"))  # the batch's encoder: its vectors and its settings
    cache = MemoryVectorCache()
    cache.put_vectors(encoder.name, vectors)
    articles = [CorpusArticle(r["id"], r["text"], r["title"], r["published"], r["language"]) for r in records]
    return cluster_corpus(articles, cache=cache, encoder=encoder)
