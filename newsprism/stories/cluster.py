"""Story clustering over articles: average-linkage on a combined similarity, blocked for scale.

The similarity of two articles mixes the embedding cosine (what the article is about, across
languages) with TF-IDF cosines over entity-like terms and content words (which event: the places,
names and numbers that a report of a similar but different event lacks), minus a penalty when their
dates are far apart. Average linkage with a threshold needs no story count. Only pairs that an
approximate-nearest-neighbour search proposes are scored, and average linkage runs inside the
connected components of the thresholded graph, so cost grows near-linearly with the number of
articles, not quadratically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

__all__ = ["ClusterSettings", "Features", "pair_scores", "block_scores", "cluster_batch", "neighbours",
           "rescale_cosine", "settings_for_encoder", "DEFAULT_SETTINGS", "E5_SETTINGS"]


@dataclass(frozen=True)
class ClusterSettings:
    """Weights and threshold of the combined similarity. Defaults: see DEFAULT_SETTINGS."""

    # Calibrated on ecbplus/dev.jsonl and allsides-triplets/dev.jsonl together (grid over weights and
    # threshold; of near-equal F1 settings, the one that merges fewest different events). With the
    # density correction below: B-cubed F1 0.959 / precision 0.958 and 0.784 / 0.829 there (0.889 and
    # 0.738 without it). Shared words decide which event; between articles in different languages the
    # words' weight moves to the cross-lingual embedding.
    w_embed: float = 0.15
    w_entity: float = 0.15
    w_words: float = 0.7
    w_title: float = 0.0
    threshold: float = 0.3
    neighbours: int = 30  # candidate articles per article from the ANN search
    day_window: float = 3.0  # reports of one event rarely lie further apart than this ...
    day_penalty: float = 0.05  # ... and similarity drops by this much per day beyond it
    # The latest year an article mentions is a lower bound on when it was written: reports whose latest
    # years lie two or more apart are rarely about one event (ECB+ pairs a 2008 with a 2013 IE patch).
    year_penalty: float = 0.05
    linkage: str = "average"
    attach_threshold: float = 0.0  # a lone article joins its best story at this (lower) mean score; 0: off
    # Neighbourhood density correction (as CSLS does for cross-lingual word retrieval): an article whose
    # nearest neighbours all score high sits in a crowded topic (a long-running crisis, a beat with
    # template-like reports), where a high score says less about being the same event. Each pair's score
    # drops by w_local times how far the pair's mean density (mean score with its local_k best candidates)
    # lies above the corpus average, and rises as much for articles in sparse neighbourhoods. Densities are
    # of scores floored at 0, so date penalties (unbounded below) cannot swamp the average.
    w_local: float = 1.0
    local_k: int = 10
    # The cosine two unrelated articles get from the encoder (0 for an isotropic one): cosines are rescaled
    # to (cos - embed_baseline) / (1 - embed_baseline) so the weights mean the same for every encoder.
    embed_baseline: float = 0.0
    version: str = "2"


DEFAULT_SETTINGS = ClusterSettings()
# For multilingual-e5-small (opt-in, `--encoder multilingual-e5-small`; about 4-5x the USE's encoding time
# on this 2-core machine). Its cosines are anisotropic: two unrelated AllSides articles score about 0.82,
# hence the baseline; its cosine then tells events apart better than the USE's (an AllSides article's
# nearest article is in its own story 73 % of the time against 64 %), so it takes more of the weight.
# Calibrated on ECB+, all of AllSides and three AllSides slices of 200-600 stories, for a gain at every
# size (the best setting for all of AllSides alone, 0.822, loses to the USE on the slices): B-cubed F1
# 0.805 on AllSides (0.784 with the USE), 0.954 on ECB+ (0.959), +0.014 to +0.019 on the slices.
E5_SETTINGS = ClusterSettings(w_embed=0.4, w_entity=0.15, w_words=0.45, threshold=0.33, embed_baseline=0.8)


def settings_for_encoder(name: str | None) -> ClusterSettings:
    """The settings calibrated for the encoder called `name` (the defaults for any other)."""
    from ..embed import E5_ENCODER

    return E5_SETTINGS if name == E5_ENCODER else DEFAULT_SETTINGS


# Dense average linkage costs O(block^2) memory and time; bigger components are split at a higher cut.
MAX_BLOCK = 1500
BLOCK_STEP = 0.02


@dataclass
class Features:
    """Per-article signals, row-aligned: normalised embeddings, TF-IDF rows, day numbers (nan: unknown)."""

    embed: np.ndarray
    entity: sparse.csr_matrix
    words: sparse.csr_matrix
    days: np.ndarray = field(default_factory=lambda: np.zeros(0))
    title: np.ndarray | None = None  # headline embeddings; the text's where an article has no headline
    language: np.ndarray | None = None  # a code per article, -1 where unknown
    years: np.ndarray | None = None  # latest year mentioned in the text, nan where none
    density: np.ndarray | None = None  # mean raw score with the local_k best candidates (set by clustering)
    density_mean: float = 0.0

    def __post_init__(self) -> None:
        if self.days.size != self.embed.shape[0]:
            self.days = np.full(self.embed.shape[0], np.nan)
        if self.title is None:
            self.title = self.embed
        if self.years is None or self.years.size != self.embed.shape[0]:
            self.years = np.full(self.embed.shape[0], np.nan)
        if self.language is None or self.language.size != self.embed.shape[0]:
            self.language = np.full(self.embed.shape[0], -1)

    def __len__(self) -> int:
        return int(self.embed.shape[0])


def _day_penalty(days_a: np.ndarray, days_b: np.ndarray, s: ClusterSettings) -> np.ndarray:
    gap = np.abs(days_a - days_b)
    return np.where(np.isnan(gap), 0.0, s.day_penalty * np.maximum(0.0, gap - s.day_window))


def _year_penalty(years_a: np.ndarray, years_b: np.ndarray, s: ClusterSettings) -> np.ndarray:
    gap = np.abs(years_a - years_b)
    return np.where(np.isnan(gap), 0.0, s.year_penalty * np.minimum(3.0, np.maximum(0.0, gap - 1.0)))


def rescale_cosine(cosine: Any, s: ClusterSettings) -> Any:
    """An embedding cosine on the scale the weights assume: 0 for unrelated articles (see embed_baseline)."""
    return (cosine - s.embed_baseline) / (1.0 - s.embed_baseline) if s.embed_baseline else cosine


def _cross_language(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a >= 0) & (b >= 0) & (a != b)


def _sparse_rowdot(m: sparse.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray(m[a].multiply(m[b]).sum(axis=1)).ravel()


def pair_scores(f: Features, a: np.ndarray, b: np.ndarray, s: ClusterSettings) -> np.ndarray:
    """Combined similarity of the article pairs (a[i], b[i])."""
    emb = rescale_cosine(np.einsum("ij,ij->i", f.embed[a], f.embed[b]), s)
    title = rescale_cosine(np.einsum("ij,ij->i", f.title[a], f.title[b]), s) if s.w_title else 0.0
    words = np.where(_cross_language(f.language[a], f.language[b]), emb, _sparse_rowdot(f.words, a, b))
    score = s.w_embed * emb + s.w_title * title + s.w_entity * _sparse_rowdot(f.entity, a, b) + s.w_words * words
    score = score - _day_penalty(f.days[a], f.days[b], s) - _year_penalty(f.years[a], f.years[b], s)
    if f.density is not None and s.w_local:
        score = score - s.w_local * ((f.density[a] + f.density[b]) / 2 - f.density_mean)
    return score


def block_scores(f: Features, rows: np.ndarray, s: ClusterSettings) -> np.ndarray:
    """Combined similarity between all articles of `rows` (a dense square matrix)."""
    emb = rescale_cosine(f.embed[rows] @ f.embed[rows].T, s)
    ent = f.entity[rows] @ f.entity[rows].T
    lang = f.language[rows]
    words = np.where(_cross_language(lang[:, None], lang[None, :]), emb, (f.words[rows] @ f.words[rows].T).toarray())
    title = rescale_cosine(f.title[rows] @ f.title[rows].T, s) if s.w_title else 0.0
    score = s.w_embed * emb + s.w_title * title + s.w_entity * ent.toarray() + s.w_words * words
    years = f.years[rows]
    score = (score - _day_penalty(f.days[rows][:, None], f.days[rows][None, :], s)
             - _year_penalty(years[:, None], years[None, :], s))
    if f.density is not None and s.w_local:
        d = f.density[rows]
        score = score - s.w_local * ((d[:, None] + d[None, :]) / 2 - f.density_mean)
    return score


def neighbours(embed: np.ndarray, k: int) -> np.ndarray:
    """Indices of each row's k nearest rows by cosine: exact up to 20k rows, HNSW beyond."""
    import faiss

    n, dim = embed.shape
    k = min(k + 1, n)
    index = faiss.IndexFlatIP(dim) if n <= 20_000 else faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
    if isinstance(index, faiss.IndexHNSWFlat):
        index.hnsw.efSearch = max(64, 2 * k)
    index.add(np.ascontiguousarray(embed, dtype=np.float32))
    _, found = index.search(np.ascontiguousarray(embed, dtype=np.float32), k)
    return found


def local_density(a: np.ndarray, scores: np.ndarray, n: int, k: int) -> np.ndarray:
    """Mean of each article's k best raw scores among its candidate pairs (a[i] scored scores[i]);
    0 for an article with no candidates."""
    out = np.zeros(n)
    if a.size == 0:
        return out
    order = np.lexsort((-scores, a))  # by article, best score first
    a, scores = a[order], scores[order]
    starts = np.flatnonzero(np.r_[True, a[1:] != a[:-1]])
    rank = np.arange(a.size) - np.repeat(starts, np.diff(np.r_[starts, a.size]))
    top = rank < k
    sums = np.bincount(a[top], weights=scores[top], minlength=n)
    counts = np.bincount(a[top], minlength=n)
    np.divide(sums, counts, out=out, where=counts > 0)
    return out


def _candidate_graph(f: Features, s: ClusterSettings) -> sparse.csr_matrix:
    n = len(f)
    found = neighbours(f.embed, s.neighbours)
    a = np.repeat(np.arange(n), found.shape[1])
    b = found.ravel()
    keep = (b >= 0) & (a != b)
    a, b = a[keep], b[keep]
    f.density = None
    scores = pair_scores(f, a, b, s)
    if s.w_local:
        # Scores below zero (far apart in time) are floored: they say "no competitor", however far.
        f.density = local_density(a, np.maximum(scores, 0.0), n, s.local_k)
        f.density_mean = float(f.density.mean()) if n else 0.0
        scores = scores - s.w_local * ((f.density[a] + f.density[b]) / 2 - f.density_mean)
    ok = scores >= s.threshold
    # Edge weights are the scores, floored just above zero so no kept edge reads as a missing one.
    return sparse.coo_matrix((np.maximum(scores[ok], 1e-6), (a[ok], b[ok])), shape=(n, n)).tocsr()


def _groups(labels: np.ndarray) -> list[np.ndarray]:
    order = np.argsort(labels, kind="stable")
    return np.split(order, np.flatnonzero(np.diff(labels[order])) + 1)


def _blocks(graph: sparse.csr_matrix, rows: np.ndarray, cut: float) -> list[np.ndarray]:
    """Connected components of the graph's edges >= cut; a component too big for a dense average linkage
    is split again at a higher cut (topic-wide chains of loosely related reports break first)."""
    sub = graph[rows][:, rows].tocsr()
    sub.data[sub.data < cut] = 0
    sub.eliminate_zeros()
    _, component = connected_components(sub, directed=False)
    out: list[np.ndarray] = []
    for part in _groups(component):
        if part.size > MAX_BLOCK:
            out.extend(_blocks(graph, rows[part], cut + BLOCK_STEP))
        else:
            out.append(rows[part])
    return out


def _average_linkage(f: Features, rows: np.ndarray, s: ClusterSettings) -> np.ndarray:
    if rows.size == 1:
        return np.zeros(1, dtype=int)
    dist = 1.0 - block_scores(f, rows, s)
    np.fill_diagonal(dist, 0.0)
    dist = np.maximum((dist + dist.T) / 2, 0.0)
    tree = linkage(squareform(dist, checks=False), method=s.linkage)
    return fcluster(tree, t=1.0 - s.threshold, criterion="distance") - 1


def cluster_batch(f: Features, s: ClusterSettings = DEFAULT_SETTINGS) -> np.ndarray:
    """A story label per article (0..k-1, numbered by first appearance); deterministic for one input."""
    n = len(f)
    if n == 0:
        return np.zeros(0, dtype=int)
    graph = _candidate_graph(f, s)
    labels = np.full(n, -1)
    next_label = 0
    for rows in _blocks(graph, np.arange(n), s.threshold):
        local = _average_linkage(f, rows, s)
        labels[rows] = local + next_label
        next_label += int(local.max()) + 1
    if s.attach_threshold:
        labels = _attach_singletons(f, labels, s)
    return _renumber(labels)


def _attach_singletons(f: Features, labels: np.ndarray, s: ClusterSettings) -> np.ndarray:
    """Short reports share few words with anything; one that fits an existing story better than any
    other joins it when its mean score with that story's members reaches attach_threshold."""
    sizes = np.bincount(labels)
    found = neighbours(f.embed, s.neighbours)
    members_of = {int(labels[g[0]]): g for g in _groups(labels)}
    out = labels.copy()
    for i in np.flatnonzero(sizes[labels] == 1):
        candidates = sorted({int(labels[j]) for j in found[i] if j >= 0 and j != i and sizes[labels[j]] > 1})
        best, best_score = -1, s.attach_threshold
        for label in candidates:
            members = members_of[label]
            score = float(pair_scores(f, np.full(members.size, i), members, s).mean())
            if score >= best_score:
                best, best_score = label, score
        if best >= 0:
            out[i] = best
    return out


def _renumber(labels: np.ndarray) -> np.ndarray:
    order: dict[int, int] = {}
    return np.array([order.setdefault(int(x), len(order)) for x in labels])
