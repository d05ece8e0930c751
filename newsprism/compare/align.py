"""Cross-article alignment scores: embedding cosine plus lexical, name and number overlap, calibrated.

The score of two claims is a logistic model over a handful of signals. The multilingual encoder carries
paraphrase and translation; word overlap carries the event trigger ("lift sanctions", "released a
patch"), which sentence embeddings of same-topic news blur together; shared names and numbers carry the
participants. A soft word match (every content word's best counterpart on the other side, by the same
multilingual encoder applied to single words, BERTScore-style) meets synonyms and translations
("restrictions"/"sanctions", "Beschränkungen"/"restrictions") that stems miss. (Where a claim sits
would help on ECB+, whose annotators marked the lead's main event: ROC AUC 0.78 cross-validated with the
sentence positions, against 0.75 without; it is left out, since it would push down every fact that two
outlets report further down their articles.)

The weights and the decision threshold were fitted on ECB+ dev (../shared/data/ecbplus/dev.jsonl,
43,919 cross-article sentence pairs) with `newsprism eval alignment --fit`, which also reports the
cross-validated figures (folds by story) that say how they carry to unseen stories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ..model import Article
from ..stories.embeddings import MemoryVectorCache, embed_texts
from .claims import Claim

__all__ = ["Signals", "signals_of", "core_text", "feature_matrix", "score_pairs", "stem", "stems_of", "content_words",
           "WordVectors", "word_vectors", "soft_word_match", "weights_for", "ALIGN_THRESHOLD", "FEATURES", "STEM_FEATURES"]

FEATURES = ("cosine", "stem_jaccard", "shared_stems", "shared_names", "shared_numbers", "both_numbers",
            "soft_words")
# The features that compare surface word forms: meaningless across languages.
STEM_FEATURES = ("stem_jaccard", "shared_stems")
# Logistic weights (on the raw features above) and bias, fitted on ECB+ dev; see the module docstring.
WEIGHTS = np.array([0.507, -0.493, 0.24, -0.3, 0.966, -0.202, 9.525], dtype=np.float32)
BIAS = -5.755
# Across languages shared word forms mean nothing, so the stem features get no weight: the same logistic
# refitted on ECB+ dev without them (`--fit` prints both; ROC AUC 0.767 there, 0.753 cross-validated,
# against 0.770 / 0.754 with them: the soft word match carries what the stems did, across languages too).
CROSS_LANGUAGE_WEIGHTS = np.array([0.797, 0.0, 0.0, -0.18, 0.992, -0.188, 11.797], dtype=np.float32)
CROSS_LANGUAGE_BIAS = -6.839
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


@lru_cache(maxsize=32)
def _stop_words(language: str | None) -> frozenset[str]:
    """English function words, plus spaCy's stop list for the claim's language when spaCy has one."""
    words = set(_STOP)
    code = (language or "en").split("-")[0].lower()
    if code != "en":
        try:
            from spacy.util import get_lang_class

            words |= {w.lower() for w in get_lang_class(code).Defaults.stop_words}
        except Exception:  # an unknown language code: English function words only
            pass
    return frozenset(words)


def content_words(text: str, language: str | None = None) -> frozenset[str]:
    """Lowercased words of three letters or more, function words and numbers left out."""
    stop = _stop_words(language)
    return frozenset(w.lower() for w in _WORD.findall(text)
                     if len(w) > 2 and not w[0].isdigit() and w.lower() not in stop)


@dataclass(frozen=True)
class Signals:
    stems: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[str]
    words: frozenset[str] = frozenset()  # content words, for the soft match


def _entity_names(article: Article, claim: Claim) -> set[str]:
    payload = article.analysis.get("entities") or {}
    names = set()
    for entity in payload.get("entities", []):
        for m in entity.get("mentions", []):
            if m.get("start", -1) < claim.end and m.get("end", -1) > claim.start:
                names.add(str(entity.get("id") or entity.get("name")).lower())
    return names


# Where and when someone spoke ('Speaking at a joint news conference in Sochi, Putin said ...', 'Dvorkovich,
# speaking after Putin held talks with Erdogan, said ...'): the same scene opens many claims of one story,
# and would align claims that share nothing else. Alignment reads the claim without it; the claim itself,
# its evidence span, keeps it.
_SCENE = r"(?:speaking|addressing|talking|writing|testifying|appearing)"
_SCENE_LEAD = re.compile(rf"^{_SCENE}\b[^,]{{0,200}},\s*", re.I)
_SCENE_INSIDE = re.compile(rf",\s*{_SCENE}\b[^,]{{0,200}},", re.I)


def core_text(text: str) -> str:
    """The claim without a participial phrase that sets the scene of a statement (kept when little would be
    left)."""
    core = _SCENE_INSIDE.sub(",", _SCENE_LEAD.sub("", text))
    return core if len(core.split()) >= 4 else text


def signals_of(article: Article, claim: Claim) -> Signals:
    text = core_text(claim.text)
    stems = {stem(w) for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 1
             and not w[0].isdigit()}
    names = _entity_names(article, claim) or {n.lower() for n in _NAME.findall(text)}
    numbers = {n.replace(",", "") for n in _NUMBER.findall(text)}
    return Signals(frozenset(stems), frozenset(names), frozenset(numbers), content_words(text, article.language))


class WordVectors:
    """Single-word embeddings from the sentence encoder, memoised (`embed_texts` over a memory cache): a
    story's vocabulary is encoded once. Past `limit` words the memo starts afresh; a lookup running
    meanwhile keeps reading the one it started with."""

    def __init__(self, encoder: Any, limit: int = 200_000) -> None:
        self.encoder = encoder
        self.limit = limit
        self.cache = MemoryVectorCache()

    def lookup(self, words: list[str]) -> np.ndarray:
        if len(self.cache.data) > self.limit:
            self.cache = MemoryVectorCache()
        return embed_texts(words, self.cache, self.encoder)


@lru_cache(maxsize=4)
def word_vectors(encoder: Any) -> WordVectors:
    """One memo of word vectors per encoder, shared by every comparison in the process."""
    return WordVectors(encoder)


def _stacked(signals: list[Signals], vectors: WordVectors, weight: dict[str, float] | None
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """All claims' word vectors in one matrix, each claim's first row, its total word weight and every
    row's weight (1 without `weight`). A claim without content words gets one zero row: it matches
    nothing."""
    words = [sorted(s.words) for s in signals]
    flat = [w for ws in words for w in ws]
    matrix = vectors.lookup(flat)
    rows, row_weights, offset = [], [], 0
    for ws in words:
        if ws:
            rows.append(matrix[offset:offset + len(ws)])
            row_weights.append(np.array([weight.get(w, 1.0) if weight else 1.0 for w in ws], np.float32))
            offset += len(ws)
        else:
            rows.append(np.zeros((1, matrix.shape[1]), np.float32))
            row_weights.append(np.ones(1, np.float32))
    counts = np.array([len(r) for r in rows])
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    flat_weights = np.concatenate(row_weights)
    return np.vstack(rows), starts, np.add.reduceat(flat_weights, starts), flat_weights


def soft_word_match(sig_a: list[Signals], sig_b: list[Signals], vectors: WordVectors,
                    weight: dict[str, float] | None = None) -> np.ndarray:
    """(len(sig_a), len(sig_b)): the F-measure of each side's mean best word cosine against the other,
    each word counted by `weight` (e.g. its IDF; 1 where absent)."""
    if not sig_a or not sig_b:
        return np.zeros((len(sig_a), len(sig_b)), np.float32)
    wa, starts_a, total_a, weights_a = _stacked(sig_a, vectors, weight)
    wb, starts_b, total_b, weights_b = _stacked(sig_b, vectors, weight)
    sims = wa @ wb.T
    best_in_b = np.maximum.reduceat(sims, starts_b, axis=1) * weights_a[:, None]
    recall = np.add.reduceat(best_in_b, starts_a, axis=0) / total_a[:, None]
    best_in_a = np.maximum.reduceat(sims, starts_a, axis=0) * weights_b[None, :]
    precision = np.add.reduceat(best_in_a, starts_b, axis=1) / total_b[None, :]
    total = recall + precision
    return np.divide(2 * recall * precision, total, out=np.zeros_like(total), where=total > 0)


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
                   sig_b: list[Signals], words: WordVectors) -> np.ndarray:
    """(len(sig_a), len(sig_b), len(FEATURES)): the features of every claim pair, as matrix products."""
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
        soft_word_match(sig_a, sig_b, words),
    ], axis=-1).astype(np.float32)


def weights_for(language_a: str | None, language_b: str | None) -> tuple[np.ndarray, float]:
    """The same-language model, or the cross-language one when both languages are known and differ."""
    if language_a and language_b and language_a.split("-")[0] != language_b.split("-")[0]:
        return CROSS_LANGUAGE_WEIGHTS, CROSS_LANGUAGE_BIAS
    return WEIGHTS, BIAS


def score_pairs(features: np.ndarray, weights: np.ndarray = WEIGHTS, bias: float = BIAS) -> np.ndarray:
    """Probability-like alignment scores in [0, 1] for a (..., len(FEATURES)) feature array."""
    return 1.0 / (1.0 + np.exp(-(features @ weights + bias)))
