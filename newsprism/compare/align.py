"""Cross-article alignment scores: embedding cosine plus lexical, name and number overlap, calibrated.

The score of two claims is a logistic model over a handful of signals. The multilingual encoder carries
paraphrase and translation; word overlap carries the event trigger ("lift sanctions", "released a
patch"), which sentence embeddings of same-topic news blur together; shared names and numbers carry the
participants. The weights and the decision threshold were fitted on ECB+ dev (../shared/data/ecbplus/
dev.jsonl, 43,919 cross-article sentence pairs) with `newsprism eval alignment --fit`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..model import Article
from .claims import Claim

__all__ = ["Signals", "signals_of", "pair_features", "feature_matrix", "score_pairs", "stem", "stems_of",
           "weights_for", "ALIGN_THRESHOLD", "FEATURES", "Context", "context_of"]

FEATURES = ("cosine", "stem_jaccard", "shared_stems", "shared_names", "shared_numbers", "both_numbers",
            "row_margin", "col_margin", "lead_min", "lead_max", "cross_min", "cross_max", "early", "leads_cosine")
# Logistic weights (on the raw features above) and bias, fitted on all of ECB+ dev (43,919 pairs, in-sample
# ROC AUC 0.780); grouped 5-fold cross-validation by story gives 0.755 (0.749 for the six pair features
# alone), which is what to expect on unseen stories.
WEIGHTS = np.array([0.409, 3.641, 0.352, -0.351, 0.887, -0.121, 0.401, 0.228, -0.139, -0.838, 1.158, 0.467,
                    1.764, -0.127], dtype=np.float32)
BIAS = -1.966
# Across languages shared words mean nothing, so the stem features get no weight: the same logistic
# refitted on ECB+ dev without them (ROC AUC 0.752 there, against 0.780 with them).
CROSS_LANGUAGE_WEIGHTS = np.array([4.053, 0.0, 0.0, 0.002, 0.915, -0.168, 0.154, -0.086, -0.079, -0.993, 0.339,
                                   0.148, 1.949, -0.016], dtype=np.float32)
CROSS_LANGUAGE_BIAS = -2.199
# The `aligned` decision: best F1 on ECB+ dev.
ALIGN_THRESHOLD = 0.353

_STOP = frozenset("""the a an of to in on and or for with at by from is was were be been being has have had
that this it its as he she they his her their said says say will would but are after into over about who
whom which than then there these those also more most other some such only can could may might our out up
what when where while your you we i not no new one two before during since just very all any both each
""".split())
_WORD = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*", re.UNICODE)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'-]*[a-z][\w'-]*", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to meet "released"/"releases", "restrictions"/"restriction"."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def stems_of(text: str) -> set[str]:
    """Every word of `text` stemmed (stop words kept): the view the negation check compares."""
    return {stem(w) for w in _WORD.findall(text)}


@dataclass(frozen=True)
class Signals:
    stems: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[str]


def _entity_names(article: Article, claim: Claim) -> set[str]:
    payload = article.analysis.get("entities") or {}
    names = set()
    for entity in payload.get("entities", []):
        for m in entity.get("mentions", []):
            if m.get("start", -1) < claim.end and m.get("end", -1) > claim.start:
                names.add(str(entity.get("id") or entity.get("name")).lower())
    return names


def signals_of(article: Article, claim: Claim) -> Signals:
    text = claim.text
    stems = {stem(w) for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 1
             and not w[0].isdigit()}
    names = _entity_names(article, claim) or {n.lower() for n in _NAME.findall(text)}
    numbers = {n.replace(",", "") for n in _NUMBER.findall(text)}
    return Signals(frozenset(stems), frozenset(names), frozenset(numbers))


def pair_features(cosine: float, a: Signals, b: Signals) -> list[float]:
    shared = a.stems & b.stems
    union = a.stems | b.stems
    both_numbers = bool(a.numbers and b.numbers)
    return [cosine, len(shared) / len(union) if union else 0.0, min(len(shared), 6),
            min(len(a.names & b.names), 4), float(bool(a.numbers & b.numbers)), float(both_numbers)]


def _incidence(sets_a: list[frozenset[str]], sets_b: list[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    vocab = {w: k for k, w in enumerate(set().union(*sets_a, *sets_b))}
    ma = np.zeros((len(sets_a), max(1, len(vocab))), dtype=np.float32)
    mb = np.zeros((len(sets_b), max(1, len(vocab))), dtype=np.float32)
    for m, sets in ((ma, sets_a), (mb, sets_b)):
        for i, items in enumerate(sets):
            m[i, [vocab[w] for w in items]] = 1.0
    return ma, mb


def _shared(sets_a: list[frozenset[str]], sets_b: list[frozenset[str]]) -> np.ndarray:
    ma, mb = _incidence(sets_a, sets_b)
    return ma @ mb.T


@dataclass(frozen=True)
class Context:
    """What an article is about, for scoring its sentences: its lead (title or first sentence) and the mean
    of all its sentence vectors, both L2-normalised, and the position of each scored sentence."""
    lead: np.ndarray
    centroid: np.ndarray
    positions: np.ndarray


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / max(float(np.linalg.norm(v)), 1e-12)).astype(np.float32)


def context_of(all_vectors: np.ndarray, positions: np.ndarray, lead: np.ndarray | None = None) -> Context:
    """The context of an article from the vectors of all its sentences (in order) and its lead's vector
    (the first sentence when there is no title)."""
    if len(all_vectors) == 0:
        zero = np.zeros(all_vectors.shape[1] if all_vectors.ndim == 2 else 1, np.float32)
        return Context(zero, zero, np.asarray(positions, np.float32))
    first = all_vectors[0] if lead is None else lead
    return Context(_unit(first), _unit(all_vectors.mean(0)), np.asarray(positions, np.float32))


def _context_features(cos: np.ndarray, va: np.ndarray, vb: np.ndarray, ca: Context, cb: Context) -> list[np.ndarray]:
    """Article-level signals: most sentences of two reports of one event mention that event, so a sentence
    close to its own article's lead and to the other article as a whole, early in its text, and the best
    match of its counterpart, is likely about the shared event."""
    row_best = cos.max(axis=1, keepdims=True) if cos.size else cos
    col_best = cos.max(axis=0, keepdims=True) if cos.size else cos
    lead_a, lead_b = (va @ ca.lead)[:, None], (vb @ cb.lead)[None, :]
    cross_a, cross_b = (va @ cb.centroid)[:, None], (vb @ ca.centroid)[None, :]
    early_a = (1.0 / (1.0 + ca.positions))[:, None]
    early_b = (1.0 / (1.0 + cb.positions))[None, :]
    return [cos - row_best, cos - col_best, np.minimum(lead_a, lead_b), np.maximum(lead_a, lead_b),
            np.minimum(cross_a, cross_b), np.maximum(cross_a, cross_b), early_a + early_b,
            np.broadcast_to(np.asarray(ca.lead @ cb.lead, np.float32), cos.shape)]


def feature_matrix(vectors_a: np.ndarray, vectors_b: np.ndarray, sig_a: list[Signals],
                   sig_b: list[Signals], ctx_a: Context | None = None, ctx_b: Context | None = None) -> np.ndarray:
    """(len(sig_a), len(sig_b), len(FEATURES)): `pair_features` and the context features for every pair,
    computed as matrix products. Without contexts, the given vectors stand for their whole articles."""
    ctx_a = ctx_a or context_of(vectors_a, np.arange(len(vectors_a)))
    ctx_b = ctx_b or context_of(vectors_b, np.arange(len(vectors_b)))
    cos = vectors_a @ vectors_b.T
    shared = _shared([s.stems for s in sig_a], [s.stems for s in sig_b])
    size_a = np.array([len(s.stems) for s in sig_a], dtype=np.float32)[:, None]
    size_b = np.array([len(s.stems) for s in sig_b], dtype=np.float32)[None, :]
    union = size_a + size_b - shared
    has_a = np.array([bool(s.numbers) for s in sig_a], dtype=np.float32)[:, None]
    has_b = np.array([bool(s.numbers) for s in sig_b], dtype=np.float32)[None, :]
    return np.stack([
        cos,
        np.divide(shared, union, out=np.zeros_like(shared), where=union > 0),
        np.minimum(shared, 6),
        np.minimum(_shared([s.names for s in sig_a], [s.names for s in sig_b]), 4),
        (_shared([s.numbers for s in sig_a], [s.numbers for s in sig_b]) > 0).astype(np.float32),
        has_a * has_b,
        *_context_features(cos, vectors_a, vectors_b, ctx_a, ctx_b),
    ], axis=-1).astype(np.float32)


def weights_for(language_a: str | None, language_b: str | None) -> tuple[np.ndarray, float]:
    """The same-language model, or the cross-language one when both languages are known and differ."""
    if language_a and language_b and language_a.split("-")[0] != language_b.split("-")[0]:
        return CROSS_LANGUAGE_WEIGHTS, CROSS_LANGUAGE_BIAS
    return WEIGHTS, BIAS


def score_pairs(features: np.ndarray, weights: np.ndarray = WEIGHTS, bias: float = BIAS) -> np.ndarray:
    """Probability-like alignment scores in [0, 1] for a (..., len(FEATURES)) feature array."""
    return 1.0 / (1.0 + np.exp(-(features @ weights + bias)))
