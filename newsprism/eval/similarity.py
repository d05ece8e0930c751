"""`newsprism eval similarity --data FILE`: SemEval-2022 Task 8 multilingual news article similarity.

Records: `pair_id`, `lang1`, `lang2`, `text1`, `text2`, `Overall` (1 = very similar ... 4 = not similar).
Metric: Pearson correlation of the predicted score with the negated gold `Overall`, overall and per
language pair (plus all cross-language pairs together).
"""

from __future__ import annotations

from collections import defaultdict

import click
import numpy as np

from ..errors import DataFormatError
from ..stories.embeddings import FileVectorCache
from ..stories.similarity import similarity_scores
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


def _overall(record: dict[str, object], path: str) -> float:
    try:
        return float(record["Overall"])  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise DataFormatError("bad-record", f"{path}: pair {record.get('pair_id')!r} has a non-numeric Overall "
                              f"({record['Overall']!r}).", "Overall must be a number from 1 to 4.") from exc


@click.command("similarity")
@click.option("--data", required=True, type=click.Path(), help="JSONL in the SemEval-2022 Task 8 format.")
@click.option("--predictions", type=click.Path(), help="Write {pair_id, score} per pair as JSONL.")
def command(data: str, predictions: str | None) -> None:
    """Article-pair similarity: Pearson with the negated gold Overall, overall and per language pair."""
    records = list(read_jsonl(data, required=("pair_id", "text1", "text2", "Overall")))
    if not records:
        raise DataFormatError("empty", f"{data}: no pairs.", "Give a JSONL file of SemEval-2022 Task 8 pairs.")
    scores = similarity_scores([(r["text1"] or "", r["text2"] or "") for r in records], FileVectorCache())
    write_predictions(predictions, ({"pair_id": r["pair_id"], "score": round(float(s), 5)}
                                    for r, s in zip(records, scores)))
    gold = -np.array([_overall(r, data) for r in records])
    langs = [f"{r.get('lang1') or '?'}-{r.get('lang2') or '?'}" for r in records]
    emit_metrics({"task": "similarity", "pairs": len(records), "pearson": pearson(scores, gold),
                  "by_language_pair": by_language_pair(langs, scores, gold)})
