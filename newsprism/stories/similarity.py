"""How similar two news articles are, across languages: for SemEval-2022 Task 8 style pairs.

Ten signals: the whole-text embedding cosine, TF-IDF overlap of entity-like terms, three
sentence-level views from cached sentence embeddings (mean best-match alignment, the headline /
first sentences, the three best sentence matches) and a soft match of the lead's key words (the 20
most frequent content words of the first 600 characters, each met by its best counterpart through
the multilingual encoder and weighted by its IDF over the scored leads: names, places and event words
carry across languages where whole-text embeddings blur); then the whole-text cosine and the three
sentence views again from a second multilingual encoder, e5-small, whose errors differ from the USE's
(it lifts cross-language pairs most). They are combined by a small quadratic regression (each signal
and its square: the gold scale saturates at both ends). `newsprism eval similarity --fit` refits it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Sequence

import numpy as np

from ..analyze.language import detect_language
from ..analyze.sentences import split_sentences
from ..compare.align import Signals, content_words, soft_word_match, word_vectors
from ..embed import DEFAULT_ENCODER, E5_ENCODER, get_encoder
from .embeddings import VectorCache, embed_texts
from .features import TermSpace, entity_terms

__all__ = ["FEATURES", "pair_features", "score_features", "lead_words", "fit_weights"]

FEATURES = ("text_cosine", "entity_overlap", "sentence_alignment", "first_sentence_cosine", "top3_sentence_cosine",
            "lead_word_match", "e5_text_cosine", "e5_sentence_alignment", "e5_first_sentence_cosine",
            "e5_top3_sentence_cosine")
# Least squares against the negated gold `Overall` of semeval2022-task8/dev.jsonl (796 pairs), i.e.
# fitted on dev (the ten signals, then their squares) by `newsprism eval similarity --fit`, which prints
# the 5-fold cross-validated Pearson: 0.765 overall, 0.852 en-en, 0.760 de-en (USE signals alone:
# 0.740 / 0.840 / 0.731; over ten fold seeds the de-en figure ranges 0.748-0.767). Signs alternate and
# some weights are large because the two encoders' views overlap; only the sum matters (ridge
# shrinkage, tried at 0.1-30, lowered the cross-validated de-en Pearson).
WEIGHTS = np.array([-4.0096, 1.6891, 3.3637, 0.0059, -0.2568, 7.753, -22.6408, -110.426, 11.7848, 94.7378,
                    5.8758, -2.4838, -5.3311, -0.5913, 0.619, -5.5285, 17.8352, 58.7055, -3.1226, -52.5219])
INTERCEPT = 1.6310
# The lead's key words: how much of the article and how many words (a sweep on dev over 300-1500
# characters and 10-50 words put the best cross-language correlation at 400-800 characters, 15-20 words).
LEAD_CHARS = 600
LEAD_WORDS = 20
_LETTERS = re.compile(r"[^\W\d_]{3,}")


def lead_words(text: str) -> frozenset[str]:
    """The LEAD_WORDS most frequent content words of the lead, in the lead's own language's terms."""
    lead = text[:LEAD_CHARS]
    content = content_words(lead, detect_language(lead))
    counts = Counter(w.lower() for w in _LETTERS.findall(lead))
    return frozenset([w for w, _ in counts.most_common() if w in content][:LEAD_WORDS])


def _sentences(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)] or [text or "-"]


def _sentence_views(sa: np.ndarray, sb: np.ndarray) -> tuple[float, float, float]:
    """Mean best-match alignment, first-sentence cosine and the three best pairs of two sentence matrices."""
    sims = sa @ sb.T
    alignment = (sims.max(axis=1).mean() + sims.max(axis=0).mean()) / 2
    return float(alignment), float(sims[0, 0]), float(np.sort(sims.ravel())[-3:].mean())


def pair_features(pairs: Sequence[tuple[str, str]], cache: VectorCache) -> np.ndarray:
    """(len(pairs), len(FEATURES)) features in the order of FEATURES."""
    if not pairs:
        return np.zeros((0, len(FEATURES)))
    texts = list(dict.fromkeys(t for pair in pairs for t in pair))
    split = {t: _sentences(t) for t in texts}
    bounds = np.cumsum([0] + [len(split[t]) for t in texts])
    encoders = get_encoder(DEFAULT_ENCODER), get_encoder(E5_ENCODER)  # the weights are fitted on these two
    cosines, views = [], []
    for encoder in encoders:
        left = embed_texts([a for a, _ in pairs], cache, encoder)
        right = embed_texts([b for _, b in pairs], cache, encoder)
        cosines.append(np.einsum("ij,ij->i", left, right))
        flat = embed_texts([s for t in texts for s in split[t]], cache, encoder)  # one batched pass
        matrix = {t: flat[bounds[i]:bounds[i + 1]] for i, t in enumerate(texts)}
        views.append(np.array([_sentence_views(matrix[a], matrix[b]) for a, b in pairs]))
    n = len(pairs)
    terms = TermSpace().fit_transform([entity_terms(a) for a, _ in pairs] + [entity_terms(b) for _, b in pairs])
    entity = np.asarray(terms[:n].multiply(terms[n:]).sum(axis=1)).ravel()
    words = word_vectors(encoders[0])
    leads = {t: Signals(frozenset(), frozenset(), frozenset(), lead_words(t)) for pair in pairs for t in pair}
    # Key words that many of the scored leads share ("government", "year") say little: IDF over the leads.
    df = Counter(w for lead in leads.values() for w in lead.words)
    idf = {w: math.log((len(leads) + 1) / (c + 1)) + 1.0 for w, c in df.items()}
    lead_match = [float(soft_word_match([leads[a]], [leads[b]], words, idf)[0, 0]) for a, b in pairs]
    return np.column_stack([cosines[0], entity, views[0], lead_match, cosines[1], views[1]])


def _design(features: np.ndarray) -> np.ndarray:
    return np.hstack([features, features ** 2])


def fit_weights(features: np.ndarray, gold: np.ndarray) -> tuple[np.ndarray, float]:
    """Least squares of `gold` (higher = more similar) on the features and their squares."""
    x = np.c_[_design(features), np.ones(len(features))]
    w = np.linalg.lstsq(x, gold, rcond=None)[0]
    return w[:-1], float(w[-1])


def score_features(features: np.ndarray, weights: np.ndarray = WEIGHTS, intercept: float = INTERCEPT) -> np.ndarray:
    """Higher = more similar (on the scale of the negated SemEval Overall: about -4 .. -1)."""
    return _design(features) @ weights + intercept
