"""`newsprism eval similarity --data FILE`: SemEval-2022 Task 8 multilingual news article similarity.

Records: `pair_id`, `lang1`, `lang2`, `text1`, `text2`, `Overall` (1 = very similar ... 4 = not similar).
Metric: Pearson correlation of the predicted score with the negated gold `Overall`, overall and per
language pair (plus all cross-language pairs together). `--fit` refits the regression on the file, prints
the weights and adds 5-fold cross-validated Pearson (`cv_*`): what the weights give on unseen pairs.
"""

from __future__ import annotations

from collections import defaultdict

import click
import numpy as np

from ..errors import DataFormatError
from ..stories.embeddings import FileVectorCache
from ..stories.similarity import FEATURES, fit_weights, pair_features, score_features
from .common import emit_metrics, read_jsonl, write_predictions

__all__ = ["pearson", "by_language_pair", "command"]


def pearson(pred: np.ndarray, gold: np.ndarray) -> float | None:
    if len(pred) < 3 or np.std(pred) == 0 or np.std(gold) == 0:
        return None
    return round(float(np.corrcoef(pred, gold)[0, 1]), 4)


def by_language_pair(pairs: list[str], pred: np.ndarray, gold: np.ndarray) -> dict[str, dict[str, object]]:
    rows: dict[str, list[int]] = defaultdict(list)
    for i, lp in enumerate(pairs):
        rows[lp].append(i)
        a, b = lp.split("-", 1)
        if a != b:
            rows["cross-language"].append(i)
    return {lp: {"pairs": len(ix), "pearson": pearson(pred[ix], gold[ix])} for lp, ix in sorted(rows.items())}


def cross_validated(features: np.ndarray, gold: np.ndarray, folds: int = 5) -> np.ndarray:
    """Out-of-fold predictions: each pair scored by weights fitted without its fold."""
    fold = np.random.default_rng(0).permutation(len(gold)) % folds
    out = np.zeros(len(gold))
    for k in range(folds):
        weights, intercept = fit_weights(features[fold != k], gold[fold != k])
        out[fold == k] = score_features(features[fold == k], weights, intercept)
    return out


def _overall(record: dict[str, object], path: str) -> float:
    try:
        return float(record["Overall"])  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise DataFormatError("bad-record", f"{path}: pair {record.get('pair_id')!r} has a non-numeric Overall "
                              f"({record['Overall']!r}).", "Overall must be a number from 1 to 4.") from exc


@click.command("similarity")
@click.option("--data", required=True, type=click.Path(), help="JSONL in the SemEval-2022 Task 8 format.")
@click.option("--predictions", type=click.Path(), help="Write {pair_id, score} per pair as JSONL.")
@click.option("--fit", is_flag=True, help="Refit the regression on this file; report it and cross-validated Pearson.")
def command(data: str, predictions: str | None, fit: bool) -> None:
    """Article-pair similarity: Pearson with the negated gold Overall, overall and per language pair."""
    records = list(read_jsonl(data, required=("pair_id", "text1", "text2", "Overall")))
    if not records:
        raise DataFormatError("empty", f"{data}: no pairs.", "Give a JSONL file of SemEval-2022 Task 8 pairs.")
    gold = -np.array([_overall(r, data) for r in records])  # a bad record fails before any encoding
    features = pair_features([(r["text1"] or "", r["text2"] or "") for r in records], FileVectorCache())
    langs = [f"{r.get('lang1') or '?'}-{r.get('lang2') or '?'}" for r in records]
    cv: dict[str, object] = {}
    if fit:
        weights, intercept = fit_weights(features, gold)
        click.echo(f"fitted weights {np.round(weights, 4).tolist()} intercept {intercept:.4f} "
                   f"(features {list(FEATURES)}, then their squares)")
        out_of_fold = cross_validated(features, gold)
        cv = {"cv_pearson": pearson(out_of_fold, gold), "cv_by_language_pair": by_language_pair(langs, out_of_fold, gold)}
        scores = score_features(features, weights, intercept)
    else:
        scores = score_features(features)
    write_predictions(predictions, ({"pair_id": r["pair_id"], "score": round(float(s), 5)}
                                    for r, s in zip(records, scores)))
    emit_metrics({"task": "similarity", "pairs": len(records), "pearson": pearson(scores, gold),
                  "by_language_pair": by_language_pair(langs, scores, gold), **cv})
