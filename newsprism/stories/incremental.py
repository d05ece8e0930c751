"""Incremental story assignment: each new article joins the most similar story or starts one.

The score of an article against a story is the mean of its combined similarity with the story's
members (the average-linkage criterion the batch clustering uses), computed from per-story sums of
member vectors, so it costs one dot product per candidate story whatever the story's size. Candidate
stories come from the nearest earlier articles in an HNSW index (faiss), so the cost per article
grows with log(articles), not with the number of stories. A near duplicate (MinHash LSH) joins its
original's story and syndication group outright. IDF weights are those known when an article arrives;
`newsprism cluster` recomputes everything from scratch.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter, deque
from dataclasses import dataclass, field

import numpy as np

from .cluster import DEFAULT_SETTINGS, ClusterSettings, rescale_cosine
from .wire import NearDuplicateIndex, same_source

__all__ = ["ArticleSignals", "Assignment", "StoryState", "StoryIndex"]

# Terms kept per story sum: the heaviest ones carry the overlap; the rest cost memory at 100k articles.
MAX_STORY_TERMS = 400
# Terms kept per article (hashed) to score it against later arrivals for the density correction.
MAX_ARTICLE_TERMS = 40
# The corpus-average density that the correction is relative to: the mean over this many latest arrivals
# that had earlier neighbours; no correction until MIN_DENSITIES of them are known.
DENSITY_WINDOW = 200
MIN_DENSITIES = 10


@dataclass
class ArticleSignals:
    id: str
    embed: np.ndarray
    entity: list[str]
    words: list[str]
    minhash: np.ndarray
    day: float = float("nan")
    agencies: list[str] = field(default_factory=list)
    outlet: str | None = None
    language: str | None = None
    year: float = float("nan")  # latest year the text mentions


@dataclass
class Assignment:
    article_id: str
    story: int
    score: float
    new_story: bool
    syndication_group: str


@dataclass
class StoryState:
    embed_sum: np.ndarray
    entity_sum: Counter = field(default_factory=Counter)
    words_sum: Counter = field(default_factory=Counter)
    count: int = 0
    first_day: float = float("nan")
    last_day: float = float("nan")
    members: list[int] = field(default_factory=list)  # article numbers in the index
    language: str | None = None  # of the first member: word overlap means little across languages
    years: tuple[float, float] = (float("nan"), float("nan"))
    density_sum: float = 0.0  # sum of the members' neighbourhood densities

    def add(self, embed: np.ndarray, entity: dict[str, float], words: dict[str, float], day: float,
            year: float) -> None:
        self.embed_sum += embed
        self.entity_sum.update(entity)
        self.words_sum.update(words)
        for bag in (self.entity_sum, self.words_sum):
            if len(bag) > 2 * MAX_STORY_TERMS:
                kept = dict(bag.most_common(MAX_STORY_TERMS))
                bag.clear()
                bag.update(kept)
        self.count += 1
        if not math.isnan(day):
            self.first_day = day if math.isnan(self.first_day) else min(self.first_day, day)
            self.last_day = day if math.isnan(self.last_day) else max(self.last_day, day)
        if not math.isnan(year):
            low, high = self.years
            self.years = (year if math.isnan(low) else min(low, year), year if math.isnan(high) else max(high, year))


@dataclass(frozen=True)
class _Density:
    """An arriving article's neighbourhood density (see ClusterSettings.w_local)."""

    value: float  # the recent mean when the article has no earlier neighbours
    known: bool
    mean: float  # over the latest DENSITY_WINDOW arrivals with neighbours
    applies: bool  # enough densities are known to correct scores


class _IDF:
    """Document frequencies as articles arrive; idf as scikit-learn's smooth idf."""

    def __init__(self) -> None:
        self.df: Counter = Counter()
        self.docs = 0

    def weights(self, terms: list[str]) -> dict[str, float]:
        self.docs += 1
        counts = Counter(terms)
        self.df.update(counts.keys())
        raw = {t: (1 + math.log(c)) * (math.log((1 + self.docs) / (1 + self.df[t])) + 1) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        return {t: v / norm for t, v in raw.items()}


def _gap(value: float, low: float, high: float) -> float:
    """Distance of a value from a range; 0 when either is unknown."""
    if math.isnan(value) or math.isnan(low):
        return 0.0
    return max(low - value, value - high, 0.0)


def _dot(a: dict[str, float], b: Counter) -> float:
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _hashed(weights: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """The heaviest terms of an article as sorted (crc32 key, weight) arrays: compact for 100k articles."""
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ARTICLE_TERMS]
    pairs = sorted((zlib.crc32(t.encode("utf-8")), v) for t, v in top)
    return np.array([k for k, _ in pairs], dtype=np.int64), np.array([v for _, v in pairs], dtype=np.float32)


def _hashed_dots(a: tuple[np.ndarray, np.ndarray], others: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Dot products of one hashed term vector with several, in one vectorised pass."""
    if not others or a[0].size == 0:
        return np.zeros(len(others))
    keys = np.concatenate([o[0] for o in others])
    vals = np.concatenate([o[1] for o in others])
    owner = np.repeat(np.arange(len(others)), [o[0].size for o in others])
    pos = np.minimum(np.searchsorted(a[0], keys), a[0].size - 1)
    contrib = np.where(a[0][pos] == keys, vals * a[1][pos], 0.0)
    return np.bincount(owner, weights=contrib, minlength=len(others))


class StoryIndex:
    def __init__(self, settings: ClusterSettings = DEFAULT_SETTINGS, dim: int = 512, candidates: int = 20) -> None:
        import faiss

        faiss.omp_set_num_threads(1)  # one thread: the same arrivals always give the same stories
        self.settings = settings
        self.candidates = candidates
        self.index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        self.index.hnsw.efSearch = 64
        self.entity_idf, self.words_idf = _IDF(), _IDF()
        self.duplicates = NearDuplicateIndex()
        self.article_story: list[int] = []
        self.article_ids: list[str] = []
        self.article_agencies: list[list[str]] = []
        self.groups: list[str] = []
        self.article_terms: list[tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]] = []
        self.article_meta: list[tuple[float, float, str | None]] = []  # day, year, language
        self.recent_density: deque = deque(maxlen=DENSITY_WINDOW)
        self.stories: dict[int, StoryState] = {}
        self.next_story = 1  # story ids start at 1, as after a re-clustering

    def _story_score(self, story: StoryState, embed: np.ndarray, entity: dict[str, float],
                     words: dict[str, float], a: ArticleSignals, density: _Density) -> float:
        s = self.settings
        # the mean cosine with the members, rescaled, then summed again as the term dot products are
        emb = rescale_cosine(float(story.embed_sum @ embed) / story.count, s) * story.count
        cross = bool(a.language and story.language and a.language != story.language)
        score = (s.w_embed * emb + s.w_entity * _dot(entity, story.entity_sum)
                 + s.w_words * (emb if cross else _dot(words, story.words_sum))) / story.count
        score -= s.day_penalty * max(0.0, _gap(a.day, story.first_day, story.last_day) - s.day_window) + (
            s.year_penalty * min(3.0, max(0.0, _gap(a.year, *story.years) - 1.0)))
        if density.applies:
            score -= s.w_local * ((density.value + story.density_sum / story.count) / 2 - density.mean)
        return score

    def _density(self, embed: np.ndarray, terms, a: ArticleSignals, nearest: list[int]) -> _Density:
        """The article's density and the recent mean; one with no earlier neighbours counts as average."""
        mean = sum(self.recent_density) / len(self.recent_density) if self.recent_density else 0.0
        value = self._neighbourhood_density(embed, terms, a, nearest) if self.settings.w_local else None
        return _Density(mean if value is None else value, value is not None, mean,
                        bool(self.settings.w_local) and len(self.recent_density) >= MIN_DENSITIES)

    def _nearest(self, embed: np.ndarray) -> list[int]:
        if self.index.ntotal == 0:
            return []
        _, found = self.index.search(embed[None, :].astype(np.float32), min(self.candidates, self.index.ntotal))
        return [int(i) for i in found[0] if i >= 0]

    def _neighbourhood_density(self, embed: np.ndarray, terms, a: ArticleSignals, nearest: list[int]) -> float | None:
        """Mean raw score of the article with its local_k best-scoring earlier neighbours (as the batch
        clustering's density, over the neighbours' heaviest terms); None when it has no neighbours."""
        if not nearest:
            return None
        s = self.settings
        emb = rescale_cosine(self.index.reconstruct_batch(np.asarray(nearest, dtype=np.int64)) @ embed, s)
        meta = [self.article_meta[i] for i in nearest]
        cross = np.array([bool(a.language and m[2] and a.language != m[2]) for m in meta])
        entity = _hashed_dots(terms[0], [self.article_terms[i][0] for i in nearest])
        words = np.where(cross, emb, _hashed_dots(terms[1], [self.article_terms[i][1] for i in nearest]))
        raw = s.w_embed * emb + s.w_entity * entity + s.w_words * words
        gap = np.abs(a.day - np.array([m[0] for m in meta], dtype=float))
        raw -= np.where(np.isnan(gap), 0.0, s.day_penalty * np.maximum(0.0, gap - s.day_window))
        ygap = np.abs(a.year - np.array([m[1] for m in meta], dtype=float))
        raw -= np.where(np.isnan(ygap), 0.0, s.year_penalty * np.minimum(3.0, np.maximum(0.0, ygap - 1.0)))
        return float(np.sort(np.maximum(raw, 0.0))[::-1][:s.local_k].mean())  # floored as in the batch

    def _duplicate_of(self, a: ArticleSignals) -> int | None:
        for key in self.duplicates.candidates(a.minhash):
            i = int(key)
            if same_source(a.minhash, self.duplicates.hashes[key], a.agencies, self.article_agencies[i]):
                return i
        return None

    def _group_in_story(self, a: ArticleSignals, story: int) -> str:
        for i in self.stories[story].members:
            if same_source(a.minhash, self.duplicates.hashes[str(i)], a.agencies, self.article_agencies[i]):
                return self.groups[i]
        return a.id

    def add(self, a: ArticleSignals) -> Assignment:
        embed = np.asarray(a.embed, dtype=np.float32)
        entity, words = self.entity_idf.weights(a.entity), self.words_idf.weights(a.words)
        terms = (_hashed(entity), _hashed(words))
        nearest = self._nearest(embed)
        density = self._density(embed, terms, a, nearest)
        original = self._duplicate_of(a)
        if original is not None:
            story, score, group = self.article_story[original], 1.0, self.groups[original]
        else:
            candidates = sorted({self.article_story[i] for i in nearest})
            scored = [(self._story_score(self.stories[sid], embed, entity, words, a, density), -sid)
                      for sid in candidates]
            score, neg = max(scored) if scored else (-1.0, 0)
            story = -neg if score >= self.settings.threshold else -1
            group = a.id
        new = story < 0
        if new:
            story, self.next_story = self.next_story, self.next_story + 1
            self.stories[story] = StoryState(np.zeros_like(embed), language=a.language)
        elif original is None:
            group = self._group_in_story(a, story)
        return self._commit(a, embed, entity, words, terms, density, story, max(score, 0.0) if not new else 1.0,
                            new, group)

    def _commit(self, a: ArticleSignals, embed: np.ndarray, entity: dict[str, float], words: dict[str, float],
                terms, density: _Density, story: int, score: float, new: bool, group: str) -> Assignment:
        number = len(self.article_ids)
        self.stories[story].add(embed, entity, words, a.day, a.year)
        self.stories[story].density_sum += density.value
        self.article_terms.append(terms)
        self.article_meta.append((a.day, a.year, a.language))
        if density.known:
            self.recent_density.append(density.value)
        self.stories[story].members.append(number)
        self.index.add(embed[None, :])
        self.duplicates.add(str(number), a.minhash)
        self.article_story.append(story)
        self.article_ids.append(a.id)
        self.article_agencies.append(list(a.agencies))
        self.groups.append(group)
        return Assignment(a.id, story, round(score, 4), new, group)

    def restore(self, a: ArticleSignals, story: int, group: str) -> None:
        """Replay an assignment made earlier (rebuilding the index from the store)."""
        embed = np.asarray(a.embed, dtype=np.float32)
        entity, words = self.entity_idf.weights(a.entity), self.words_idf.weights(a.words)
        if story not in self.stories:
            self.stories[story] = StoryState(np.zeros_like(embed), language=a.language)
        self.next_story = max(self.next_story, story + 1)
        terms = (_hashed(entity), _hashed(words))
        density = self._density(embed, terms, a, self._nearest(embed))
        self._commit(a, embed, entity, words, terms, density, story, 1.0, False, group)
