"""Features for a batch of articles, and clustering them in one run (evaluators, re-clustering)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Sequence

import numpy as np

from ..analyze.language import detect_language
from ..embed import Encoder, get_encoder
from .cluster import ClusterSettings, Features, cluster_batch, settings_for_encoder
from .embeddings import FileVectorCache, VectorCache, article_embedding_text, embed_texts
from .features import TermSpace, latest_year, terms_for, word_terms

__all__ = ["CorpusArticle", "day_number", "corpus_features", "cluster_corpus", "language_codes"]


@dataclass
class CorpusArticle:
    id: str
    text: str
    title: str | None = None
    published: str | None = None
    language: str | None = None
    analysis: dict[str, Any] = field(default_factory=dict)

    @property
    def full_text(self) -> str:
        return f"{self.title}\n{self.text}" if self.title else self.text


def day_number(published: str | None) -> float:
    """Days since 1970 for an ISO date or datetime; nan when unknown or unreadable."""
    try:
        return float(date.fromisoformat(str(published)[:10]).toordinal() - 719163)
    except (TypeError, ValueError):
        return float("nan")


def corpus_features(articles: Sequence[CorpusArticle], cache: VectorCache | None = None,
                    encoder: Encoder | None = None) -> Features:
    cache = cache if cache is not None else FileVectorCache()
    encoder = encoder or get_encoder()
    embed = embed_texts([article_embedding_text(a.title, a.text) for a in articles], cache, encoder)
    entity = TermSpace().fit_transform([terms_for(a.full_text, a.analysis) for a in articles])
    words = TermSpace(min_df=2).fit_transform([word_terms(a.full_text) for a in articles])
    days = np.array([day_number(a.published) for a in articles])
    titled = [i for i, a in enumerate(articles) if a.title and a.title.strip()]
    title = embed.copy()
    if titled:
        title[titled] = embed_texts([articles[i].title or "" for i in titled], cache, encoder)
    languages = language_codes([a.language or detect_language(a.text) for a in articles])
    years = np.array([latest_year(a.full_text) for a in articles])
    return Features(embed, entity, words, days, title, languages, years)


def language_codes(languages: Sequence[str | None]) -> np.ndarray:
    codes: dict[str, int] = {}
    return np.array([codes.setdefault(lang, len(codes)) if lang else -1 for lang in languages])


def cluster_corpus(articles: Sequence[CorpusArticle], settings: ClusterSettings | None = None,
                   cache: VectorCache | None = None, encoder: Encoder | None = None) -> np.ndarray:
    """Story labels for the articles in one run; `settings` default to those calibrated for the encoder."""
    encoder = encoder or get_encoder()
    return cluster_batch(corpus_features(articles, cache, encoder), settings or settings_for_encoder(encoder.name))
