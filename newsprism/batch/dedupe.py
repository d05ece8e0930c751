"""Syndication groups at scale: MinHash band keys are grouped through the engine's shuffle; only
articles that share a band are compared, never all pairs, and the comparison happens in the reducer,
which returns each bucket's verified groups as star links (a driver collecting every candidate pair ran
out of memory at 200k articles: a family of 24 copies is 276 pairs in each of 21 bands)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path

import numpy as np

from .executor import Executor
from .tables import read_table

__all__ = ["NEAR_DUPLICATE", "BUCKET_ALL_PAIRS", "near_duplicate_links", "syndication_groups", "UnionFind"]

# Estimated Jaccard of word 5-shingles at which two texts are one text re-posted (the incremental
# wire-copy rule: re-posts score > 0.8, edited re-posts 0.5-0.7, independent reports < 0.05).
NEAR_DUPLICATE = 0.5
# A band shared by more articles than this is a big wire-copy family: comparing each member with the
# first is enough for the groups and keeps the work linear in the bucket size.
BUCKET_ALL_PAIRS = 50


def _emit_bands(path: str) -> Iterable[tuple[str, tuple[str, np.ndarray]]]:
    """(band key, (article id, MinHash signature)) for every band of every article of one unit: the
    signature travels with the key so the reducer verifies its bucket's pairs where they meet."""
    bands = read_table(Path(path), ["band", "article_id"])
    articles = read_table(Path(path).with_name("articles.parquet"), ["id", "minhash"])
    signature = {i: np.asarray(m, dtype=np.uint64) for i, m in zip(articles.column("id").to_pylist(),
                                                                   articles.column("minhash").to_pylist())}
    return [(band, (article_id, signature[article_id])) for band, article_id in
            zip(bands.column("band").to_pylist(), bands.column("article_id").to_pylist())]


def _bucket_links(_band: Hashable, members: list[tuple[str, np.ndarray]]) -> list[tuple[str, str]]:
    """The verified near duplicates of one band bucket as links (first id of a group, other id): pairs
    at estimated Jaccard >= NEAR_DUPLICATE are joined, then each group is reported as a star, so a big
    wire-copy family costs as many links as members, not members squared."""
    by_id = dict(members)  # an exact repeat of an article in a later unit carries the same id
    ids = sorted(by_id)
    if len(ids) < 2:
        return []
    sigs = np.stack([by_id[i] for i in ids])
    uf = UnionFind()
    if len(ids) > BUCKET_ALL_PAIRS:  # a big family: each member is compared with the first
        close = np.flatnonzero((sigs == sigs[0]).mean(axis=1) >= NEAR_DUPLICATE)
        pairs = [(0, int(j)) for j in close if j]
    else:
        same = (sigs[:, None, :] == sigs[None, :, :]).mean(axis=2) >= NEAR_DUPLICATE
        pairs = [(int(a), int(b)) for a, b in zip(*np.nonzero(np.triu(same, 1)))]
    for a, b in pairs:
        uf.union(ids[a], ids[b])
    return [(uf.find(i), i) for i in ids if uf.find(i) != i]


def near_duplicate_links(executor: Executor, band_parts: Sequence[str]) -> set[tuple[str, str]]:
    """Verified near-duplicate links over all units, grouped by band key through the engine's shuffle."""
    return set(executor.group_reduce(list(band_parts), _emit_bands, _bucket_links))


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while x != root:
            self.parent[x], x = root, self.parent.get(x, x)
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def syndication_groups(links: Iterable[tuple[str, str]], order: dict[str, int]) -> dict[str, str]:
    """article id -> the id heading its group (its first article in manifest order), for verified links."""
    uf = UnionFind()
    for a, b in links:
        if a in order and b in order:
            uf.union(a, b)
    members: dict[str, list[str]] = {}
    for article_id in order:
        members.setdefault(uf.find(article_id), []).append(article_id)
    head = {root: min(ids, key=order.__getitem__) for root, ids in members.items()}
    return {article_id: head[uf.find(article_id)] for article_id in order}
