"""Syndication groups at scale: MinHash band keys are grouped through the engine's shuffle; only
articles that share a band are compared, never all pairs."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path

import numpy as np

from .executor import Executor
from .tables import read_table

__all__ = ["NEAR_DUPLICATE", "BUCKET_ALL_PAIRS", "candidate_pairs", "syndication_groups", "UnionFind"]

# Estimated Jaccard of word 5-shingles at which two texts are one text re-posted (the incremental
# wire-copy rule: re-posts score > 0.8, edited re-posts 0.5-0.7, independent reports < 0.05).
NEAR_DUPLICATE = 0.5
# A band shared by more articles than this is a big wire-copy family: linking each member to the
# first is enough for the groups and keeps the pairs linear in the bucket size.
BUCKET_ALL_PAIRS = 50


def _emit_bands(path: str) -> Iterable[tuple[str, str]]:
    table = read_table(Path(path), ["band", "article_id"])
    return zip(table.column("band").to_pylist(), table.column("article_id").to_pylist())


def _bucket_pairs(_band: Hashable, ids: list[str]) -> list[tuple[str, str]]:
    members = sorted(set(ids))
    if len(members) < 2:
        return []
    if len(members) > BUCKET_ALL_PAIRS:
        return [(members[0], m) for m in members[1:]]
    return [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]


def candidate_pairs(executor: Executor, band_parts: Sequence[str]) -> set[tuple[str, str]]:
    return set(executor.group_reduce(list(band_parts), _emit_bands, _bucket_pairs))


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


def syndication_groups(pairs: Iterable[tuple[str, str]], signatures: dict[str, np.ndarray],
                       order: dict[str, int]) -> dict[str, str]:
    """article id -> the id heading its group (its first article in manifest order), for verified pairs."""
    uf = UnionFind()
    for a, b in pairs:
        if a in signatures and b in signatures and float(np.mean(signatures[a] == signatures[b])) >= NEAR_DUPLICATE:
            uf.union(a, b)
    members: dict[str, list[str]] = {}
    for article_id in order:
        members.setdefault(uf.find(article_id), []).append(article_id)
    head = {root: min(ids, key=order.__getitem__) for root, ids in members.items()}
    return {article_id: head[uf.find(article_id)] for article_id in order}
