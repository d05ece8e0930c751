"""`newsprism eval entity-overlap --data FILE`: entities in every language, measured against SemEval-2022
Task 8's `Entities` judgements.

No corpus here labels entities outside English, but SemEval's annotators rated, for each article pair,
how much the two articles share their people, places and organisations (`Entities`, 1 = the same ... 4 =
none in common). The better the entities found in each article, the better the overlap of the two
articles' entity names (Jaccard of the case-folded canonical names) follows that rating. Metric: Pearson
correlation of that overlap with the negated gold `Entities`, overall and per language pair; plus, per
language, the mean number of entities per article and the share of articles with none. Languages without
a spaCy pipeline measure the fallback (capitalised names and the gazetteer).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from itertools import islice
from typing import Any

import click
import numpy as np

from ..analyze import analyze_text
from ..errors import DataFormatError
from .common import emit_metrics, read_jsonl, write_predictions
from .similarity import by_language_pair, pearson

__all__ = ["entity_names", "command"]

# Dates and numbers are not what the `Entities` rating is about.
KINDS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "MISC"})


def entity_names(text: str, language: str) -> set[str]:
    """The case-folded canonical names of the entities the analysis finds in `text`."""
    entities = analyze_text(text, language)["entities"]["entities"]
    return {unicodedata.normalize("NFKC", e["name"]).casefold() for e in entities if e.get("type") in KINDS}


def _rating(record: dict[str, Any], path: str) -> float:
    try:
        return float(record["Entities"])
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFormatError("bad-record", f"{path}: pair {record.get('pair_id')!r} has no numeric `Entities` "
                              "rating.", "Give SemEval-2022 Task 8 records (Entities from 1 to 4).") from exc


@click.command("entity-overlap")
@click.option("--data", required=True, type=click.Path(), help="JSONL in the SemEval-2022 Task 8 format.")
@click.option("--predictions", type=click.Path(), help="Write {pair_id, overlap, names1, names2} per pair.")
@click.option("--limit", type=int, default=None, help="Only the first N pairs.")
def command(data: str, predictions: str | None, limit: int | None) -> None:
    """Pearson of the articles' entity-name overlap with SemEval's Entities rating, per language pair."""
    cache: dict[tuple[str, str], set[str]] = {}
    pairs, overlap, gold, rows = [], [], [], []
    counts: dict[str, list[int]] = defaultdict(list)
    for record in islice(read_jsonl(data, required=("pair_id", "lang1", "lang2", "text1", "text2")), limit):
        rating = _rating(record, data)
        names = []
        for k in ("1", "2"):
            key = (str(record["lang" + k]), str(record["text" + k]))
            if key not in cache:
                cache[key] = entity_names(key[1], key[0]) if key[1].strip() else set()
                counts[key[0]].append(len(cache[key]))
            names.append(cache[key])
        union = names[0] | names[1]
        overlap.append(len(names[0] & names[1]) / len(union) if union else 0.0)
        gold.append(-rating)
        pairs.append(f"{record['lang1']}-{record['lang2']}")
        rows.append({"pair_id": record["pair_id"], "overlap": round(overlap[-1], 4),
                     "names1": sorted(names[0]), "names2": sorted(names[1])})
    if not rows:
        raise DataFormatError("empty", f"{data}: no pairs to score.", "Give SemEval-2022 Task 8 JSONL records.")
    write_predictions(predictions, rows)
    pred, target = np.array(overlap), np.array(gold)
    emit_metrics({"task": "entity-overlap", "pairs": len(rows), "pearson": pearson(pred, target),
                  "by_language_pair": by_language_pair(pairs, pred, target),
                  "entities_per_article": {lang: {"articles": len(n), "mean": round(float(np.mean(n)), 2),
                                                  "share_with_none": round(sum(1 for x in n if not x) / len(n), 4)}
                                           for lang, n in sorted(counts.items())}})
