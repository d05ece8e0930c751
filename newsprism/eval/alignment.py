"""`newsprism eval alignment --data FILE`: cross-article sentence alignment on the ECB+ format.

Scored pairs (as ../shared/data/README.md defines them): two sentences from different articles of the
same story, both carrying at least one event id; gold = they share an id. The sentences are taken as the
file gives them (`n` and `text`) and scored as comparisons score claims (`core_text`: without a phrase
that only sets the scene of a statement). Reports ROC AUC and average precision of the scores and precision/
recall/F1 of the `aligned` decisions (score >= the calibrated threshold). `--fit` refits the logistic
weights and the threshold on the file and prints them (how align.py's constants were obtained), and adds
grouped cross-validation by story (`cv_*`) to the metrics.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import click
import numpy as np

from ..compare.align import (ALIGN_THRESHOLD, BIAS, FEATURES, STEM_FEATURES, WEIGHTS, Signals, WordVectors,
                             core_text, feature_matrix, score_pairs, signals_of, word_vectors)
from ..compare.claims import Claim
from ..embed import DEFAULT_ENCODER, get_encoder
from ..errors import DataFormatError
from ..model import Article
from .common import emit_metrics, prf, read_jsonl, write_predictions

__all__ = ["ScoredSentence", "load_stories", "story_pairs", "roc_auc", "average_precision", "grouped_cv", "command"]


@dataclass
class ScoredSentence:
    article: str
    n: int
    text: str
    events: frozenset[str]
    signals: Signals


def _scored_sentences(record: dict[str, Any]) -> list[ScoredSentence]:
    article = Article(id=str(record["id"]), text=str(record.get("text") or ""), source="ecbplus")
    out = []
    for i, s in enumerate(record.get("sentences") or []):
        if not isinstance(s, dict) or "n" not in s or "text" not in s:
            raise DataFormatError("bad-record", f"article {record['id']}: sentence {i} lacks `n` or `text`.",
                                  "Each sentence must be {n, text, events[]}.")
        events = frozenset(str(e) for e in s.get("events") or [])
        if events:
            claim = Claim(0, i, i, 0, len(s["text"]), str(s["text"]))
            out.append(ScoredSentence(article.id, int(s["n"]), claim.text, events, signals_of(article, claim)))
    return out


def load_stories(path: str) -> dict[str, list[list[ScoredSentence]]]:
    """story -> one list of scored sentences per article (articles without any are left out)."""
    stories: dict[str, list[list[ScoredSentence]]] = defaultdict(list)
    for rec in read_jsonl(path, required=("id", "story", "sentences")):
        sentences = _scored_sentences(rec)
        if sentences:
            stories[str(rec["story"])].append(sentences)
    if not stories:
        raise DataFormatError("empty", f"{path}: no sentence carries an event id, so there is nothing to score.",
                              "Use a file in the ecbplus format (sentences with `events`).")
    return stories


def story_pairs(articles: list[list[ScoredSentence]], vectors: dict[int, np.ndarray], words: WordVectors
                ) -> Iterator[tuple[ScoredSentence, ScoredSentence, np.ndarray]]:
    for a, b in itertools.combinations(articles, 2):
        va = np.vstack([vectors[id(s)] for s in a])
        vb = np.vstack([vectors[id(s)] for s in b])
        feats = feature_matrix(va, vb, [s.signals for s in a], [s.signals for s in b], words)
        for i, j in itertools.product(range(len(a)), range(len(b))):
            yield a[i], b[j], feats[i, j]


def roc_auc(scores: np.ndarray, gold: np.ndarray) -> float:
    """Mann-Whitney AUC with average ranks for ties."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    for f, c in zip(first, counts):
        ranks[order[f:f + c]] = f + (c + 1) / 2
    pos = int(gold.sum())
    neg = len(gold) - pos
    return float((ranks[gold].sum() - pos * (pos + 1) / 2) / (pos * neg)) if pos and neg else 0.0


def average_precision(scores: np.ndarray, gold: np.ndarray) -> float:
    order = np.argsort(-scores, kind="mergesort")
    hits = gold[order].astype(float)
    precision_at = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((precision_at * hits).sum() / hits.sum()) if hits.sum() else 0.0


def fit_logistic(features: np.ndarray, gold: np.ndarray, steps: int = 3000) -> tuple[np.ndarray, float]:
    """Plain gradient-descent logistic regression on standardised features, returned in raw units."""
    mean, std = features.mean(0), features.std(0) + 1e-9
    x = np.c_[(features - mean) / std, np.ones(len(features))]
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        w -= x.T @ (p - gold) / len(gold)
    raw = w[:-1] / std
    return raw, float(w[-1] - (raw * mean).sum())


def best_threshold(scores: np.ndarray, gold: np.ndarray) -> float:
    candidates = np.unique(np.round(scores, 3))
    f1 = [2 * (gold & (scores >= t)).sum() / ((scores >= t).sum() + gold.sum()) for t in candidates]
    return float(candidates[int(np.argmax(f1))])


def grouped_cv(features: np.ndarray, gold: np.ndarray, groups: np.ndarray, folds: int = 5) -> dict[str, float]:
    """Out-of-fold scores with folds by story (no story both fitted and scored): ROC AUC, AP and the F1 of
    each fold's own fitted threshold, i.e. what `--fit`'s weights should give on unseen stories."""
    names = np.unique(groups)
    fold_of = {g: k % folds for k, g in enumerate(np.random.default_rng(0).permutation(names))}
    fold = np.array([fold_of[g] for g in groups])
    scores, decided = np.zeros(len(gold)), np.zeros(len(gold), bool)
    for k in range(folds):
        train, test = fold != k, fold == k
        if not train.any() or not test.any():
            continue
        w, b = fit_logistic(features[train], gold[train])
        threshold = best_threshold(score_pairs(features[train], w, b), gold[train])
        scores[test] = score_pairs(features[test], w, b)
        decided[test] = scores[test] >= threshold
    tp = int((decided & gold).sum())
    return {"cv_roc_auc": round(roc_auc(scores, gold), 4), "cv_average_precision": round(average_precision(scores, gold), 4),
            **{f"cv_{k}": v for k, v in prf(tp, int((decided & ~gold).sum()), int((~decided & gold).sum())).items()}}


def _encode(stories: dict[str, list[list[ScoredSentence]]]) -> dict[int, np.ndarray]:
    sentences = [s for arts in stories.values() for art in arts for s in art]
    vectors = get_encoder(DEFAULT_ENCODER).encode([core_text(s.text) for s in sentences])
    return {id(s): v for s, v in zip(sentences, vectors)}


@click.command("alignment")
@click.option("--data", required=True, type=click.Path(), help="ECB+-format JSONL (e.g. ecbplus/dev.jsonl).")
@click.option("--predictions", type=click.Path(), help="Write every scored pair as JSONL.")
@click.option("--fit", is_flag=True, help="Refit the weights and threshold on this file and report them.")
def command(data: str, predictions: str | None, fit: bool) -> None:
    """Sentence alignment across articles of a story: ROC AUC, AP, P/R/F1 of `aligned`."""
    stories = load_stories(data)
    vectors = _encode(stories)
    words = word_vectors(get_encoder(DEFAULT_ENCODER))
    rows, feats, gold, groups = [], [], [], []
    for story, articles in stories.items():
        for a, b, f in story_pairs(articles, vectors, words):
            rows.append({"story": story, "a": a.article, "a_n": a.n, "b": b.article, "b_n": b.n})
            feats.append(f)
            gold.append(bool(a.events & b.events))
            groups.append(story)
    x, y = np.array(feats), np.array(gold)
    weights, bias, threshold = WEIGHTS, BIAS, ALIGN_THRESHOLD
    cv: dict[str, float] = {}
    if fit:
        cv = grouped_cv(x, y, np.array(groups))
        weights, bias = fit_logistic(x, y)
        threshold = best_threshold(score_pairs(x, weights, bias), y)
        click.echo(f"fitted weights {np.round(weights, 3).tolist()} bias {bias:.3f} threshold {threshold:.3f} "
                   f"(features {list(FEATURES)})")
        # The cross-language model: the same fit with the surface-form features held at zero.
        surface = [FEATURES.index(f) for f in STEM_FEATURES]
        x_cross = x.copy()
        x_cross[:, surface] = 0.0
        cw, cb = fit_logistic(x_cross, y)
        cw[surface] = 0.0
        cross_cv = grouped_cv(x_cross, y, np.array(groups))
        click.echo(f"cross-language weights {np.round(cw, 3).tolist()} bias {cb:.3f} "
                   f"(ROC AUC {roc_auc(score_pairs(x_cross, cw, cb), y):.4f}, cv {cross_cv['cv_roc_auc']})")
    scores = score_pairs(x, weights, bias)
    decided = scores >= threshold
    write_predictions(predictions, ({**r, "score": round(float(s), 4), "aligned": bool(d)}
                                    for r, s, d in zip(rows, scores, decided)))
    tp = int((decided & y).sum())
    emit_metrics({"task": "alignment", "pairs": len(y), "positives": int(y.sum()), "threshold": threshold,
                  "roc_auc": round(roc_auc(scores, y), 4), "average_precision": round(average_precision(scores, y), 4),
                  "cosine_roc_auc": round(roc_auc(x[:, 0], y), 4),
                  "feature_roc_auc": {f: round(roc_auc(x[:, k], y), 4) for k, f in enumerate(FEATURES)},
                  **prf(tp, int((decided & ~y).sum()), int((~decided & y).sum())), **cv})
