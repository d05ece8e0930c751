"""Story clustering in a batch: articles blocked by time window, each window clustered as one task.

Within a window the stories package's clustering runs (nearest-neighbour candidates, then the same
average-linkage rules as `newsprism cluster` and the incremental path), fed the vectors the batch
already computed so no text is embedded twice.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np

__all__ = ["window_of", "cluster_window", "FALLBACK_SIMILARITY", "story_id"]

# Only used while the stories package is not installed: cosine of title+lead vectors above which two
# articles are linked (not tuned; a stand-in so the batch still groups obvious copies and rewrites).
FALLBACK_SIMILARITY = 0.8
NEIGHBOURS = 10


def window_of(published: str | None) -> str:
    """ISO year-week of the date, or "undated": reports of one event fall in one or two such windows."""
    try:
        year, week, _ = date.fromisoformat(str(published)[:10]).isocalendar()
    except (TypeError, ValueError):
        return "undated"
    return f"{year}-W{week:02d}"


def story_id(members: list[str]) -> str:
    return "s-" + min(members)


def cluster_window(task: tuple[str, list[dict[str, Any]]]) -> tuple[str, list[list[str]]]:
    """(window, stories as sorted lists of article ids) for the records of one window."""
    window, records = task
    if len(records) == 1:
        return window, [[records[0]["id"]]]
    try:
        labels = _stories_package_labels(records)
    except ImportError:
        labels = _fallback_labels(records)
    groups: dict[int, list[str]] = {}
    for record, label in zip(records, labels):
        groups.setdefault(int(label), []).append(record["id"])
    return window, sorted(sorted(g) for g in groups.values())


def _stories_package_labels(records: list[dict[str, Any]]) -> np.ndarray:
    from ..embed import get_encoder
    from ..model import content_id
    from ..stories.corpus import CorpusArticle, cluster_corpus
    from ..stories.embeddings import MemoryVectorCache, article_embedding_text

    cache = MemoryVectorCache()
    model = get_encoder().name
    vectors: dict[str, np.ndarray] = {}
    for r in records:
        vectors[content_id(article_embedding_text(r["title"], r["text"]))] = np.asarray(r["vector"], np.float32)
        if r["title"] and r["title"].strip():
            vectors[content_id(r["title"])] = np.asarray(r["title_vector"], np.float32)
    cache.put_vectors(model, vectors)
    articles = [CorpusArticle(r["id"], r["text"], r["title"], r["published"], r["language"]) for r in records]
    return cluster_corpus(articles, cache=cache)


def _fallback_labels(records: list[dict[str, Any]]) -> np.ndarray:
    import faiss

    from .dedupe import UnionFind

    matrix = np.ascontiguousarray(np.asarray([r["vector"] for r in records], dtype=np.float32))
    index = faiss.IndexFlatIP(matrix.shape[1])
    index.add(matrix)
    scores, rows = index.search(matrix, min(NEIGHBOURS, len(records)))
    uf = UnionFind()
    ids = [r["id"] for r in records]
    for i, (row_scores, row_ids) in enumerate(zip(scores, rows)):
        for s, j in zip(row_scores, row_ids):
            if j >= 0 and j != i and s >= FALLBACK_SIMILARITY:
                uf.union(ids[i], ids[j])
    roots: dict[str, int] = {}
    return np.array([roots.setdefault(uf.find(x), len(roots)) for x in ids])
