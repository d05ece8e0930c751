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
           "weights_for", "ALIGN_THRESHOLD", "FEATURES"]

FEATURES = ("cosine", "stem_jaccard", "shared_stems", "shared_names", "shared_numbers", "both_numbers")
# Logistic weights (on the raw features above) and bias, fitted on ECB+ dev; see the module docstring.
WEIGHTS = np.array([1.757, 4.01, 0.354, -0.327, 0.906, -0.166], dtype=np.float32)
BIAS = -1.339
# Across languages shared words mean nothing, so the stem features get no weight: the same logistic
# refitted on ECB+ dev without them (ROC AUC 0.724 there, against 0.761 with them).
CROSS_LANGUAGE_WEIGHTS = np.array([4.596, 0.0, 0.0, 0.045, 0.971, -0.238], dtype=np.float32)
CROSS_LANGUAGE_BIAS = -1.585
# The `aligned` decision: best F1 on ECB+ dev.
ALIGN_THRESHOLD = 0.333

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


def feature_matrix(vectors_a: np.ndarray, vectors_b: np.ndarray, sig_a: list[Signals],
                   sig_b: list[Signals]) -> np.ndarray:
    """(len(sig_a), len(sig_b), len(FEATURES)): `pair_features` for every pair, computed as matrix products."""
    shared = _shared([s.stems for s in sig_a], [s.stems for s in sig_b])
    size_a = np.array([len(s.stems) for s in sig_a], dtype=np.float32)[:, None]
    size_b = np.array([len(s.stems) for s in sig_b], dtype=np.float32)[None, :]
    union = size_a + size_b - shared
    has_a = np.array([bool(s.numbers) for s in sig_a], dtype=np.float32)[:, None]
    has_b = np.array([bool(s.numbers) for s in sig_b], dtype=np.float32)[None, :]
    return np.stack([
        vectors_a @ vectors_b.T,
        np.divide(shared, union, out=np.zeros_like(shared), where=union > 0),
        np.minimum(shared, 6),
        np.minimum(_shared([s.names for s in sig_a], [s.names for s in sig_b]), 4),
        (_shared([s.numbers for s in sig_a], [s.numbers for s in sig_b]) > 0).astype(np.float32),
        has_a * has_b,
    ], axis=-1).astype(np.float32)


def weights_for(language_a: str | None, language_b: str | None) -> tuple[np.ndarray, float]:
    """The same-language model, or the cross-language one when both languages are known and differ."""
    if language_a and language_b and language_a.split("-")[0] != language_b.split("-")[0]:
        return CROSS_LANGUAGE_WEIGHTS, CROSS_LANGUAGE_BIAS
    return WEIGHTS, BIAS


def score_pairs(features: np.ndarray, weights: np.ndarray = WEIGHTS, bias: float = BIAS) -> np.ndarray:
    """Probability-like alignment scores in [0, 1] for a (..., len(FEATURES)) feature array."""
    return 1.0 / (1.0 + np.exp(-(features @ weights + bias)))
