"""`newsprism eval entity-overlap --data FILE`: entities and places in every language, measured against
SemEval-2022 Task 8's `Entities` and `Geography` judgements.

No corpus here labels entities or places outside English, but SemEval's annotators rated, for each article
pair, how much the two articles share their people, places and organisations (`Entities`, 1 = the same ...
4 = none in common) and how close the places they report are (`Geography`). The better the entities found
in each article, the better the overlap of the two articles' entity names (Jaccard of the case-folded
canonical names) follows the first rating; the better the places, the better the overlap of their resolved
places (Jaccard of GeoNames ids, each place's country counted too: 'Warsaw' and 'Poland' share a country)
follows the second. Metrics: Pearson correlation of each overlap with the negated rating, overall and per
language pair; plus, per language, the mean number of entities (and places) per article and the share of
articles with none. Languages without a spaCy pipeline measure the fallback (capitalised names, declined
place names and the gazetteer's names in scripts without capitals).
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

__all__ = ["names_and_places", "command"]

# Dates and numbers are not what the `Entities` rating is about.
KINDS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "MISC"})


def names_and_places(text: str, language: str) -> tuple[set[str], set[str]]:
    """The case-folded canonical names of the entities the analysis finds in `text`, and its places: GeoNames
    ids (names where a place has none) and 'country:XX' for each place's country."""
    result = analyze_text(text, language)
    entities = result["entities"]["entities"]
    places = result["places"]["places"]
    return ({unicodedata.normalize("NFKC", e["name"]).casefold() for e in entities if e.get("type") in KINDS},
            {str(p.get("geonameid") or p["name"]) for p in places} |
            {f"country:{p['country']}" for p in places if p.get("country")})


def _rating(record: dict[str, Any], path: str, field: str) -> float:
    try:
        return float(record[field])
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFormatError("bad-record", f"{path}: pair {record.get('pair_id')!r} has no numeric `{field}` "
                              "rating.", f"Give SemEval-2022 Task 8 records ({field} from 1 to 4).") from exc


def _jaccard(a: set[str], b: set[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def _per_language(counts: dict[str, list[int]]) -> dict[str, dict[str, float]]:
    return {lang: {"articles": len(n), "mean": round(float(np.mean(n)), 2),
                   "share_with_none": round(sum(1 for x in n if not x) / len(n), 4)}
            for lang, n in sorted(counts.items())}


@click.command("entity-overlap")
@click.option("--data", required=True, type=click.Path(), help="JSONL in the SemEval-2022 Task 8 format.")
@click.option("--predictions", type=click.Path(), help="Write {pair_id, overlap, names1, names2, "
              "place_overlap, places1, places2} per pair.")
@click.option("--limit", type=int, default=None, help="Only the first N pairs.")
def command(data: str, predictions: str | None, limit: int | None) -> None:
    """Pearson of the articles' entity-name overlap with SemEval's Entities rating, and of their place
    overlap with its Geography rating, per language pair."""
    cache: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    pairs, overlap, place_overlap, gold, gold_geo, rows = [], [], [], [], [], []
    counts: dict[str, list[int]] = defaultdict(list)
    place_counts: dict[str, list[int]] = defaultdict(list)
    for record in islice(read_jsonl(data, required=("pair_id", "lang1", "lang2", "text1", "text2")), limit):
        rating, geography = _rating(record, data, "Entities"), _rating(record, data, "Geography")
        found = []
        for k in ("1", "2"):
            key = (str(record["lang" + k]), str(record["text" + k]))
            if key not in cache:
                cache[key] = names_and_places(key[1], key[0]) if key[1].strip() else (set(), set())
                counts[key[0]].append(len(cache[key][0]))
                place_counts[key[0]].append(sum(1 for p in cache[key][1] if not p.startswith("country:")))
            found.append(cache[key])
        (names1, places1), (names2, places2) = found
        overlap.append(_jaccard(names1, names2))
        place_overlap.append(_jaccard(places1, places2))
        gold.append(-rating)
        gold_geo.append(-geography)
        pairs.append(f"{record['lang1']}-{record['lang2']}")
        rows.append({"pair_id": record["pair_id"], "overlap": round(overlap[-1], 4),
                     "names1": sorted(names1), "names2": sorted(names2),
                     "place_overlap": round(place_overlap[-1], 4), "places1": sorted(places1),
                     "places2": sorted(places2)})
    if not rows:
        raise DataFormatError("empty", f"{data}: no pairs to score.", "Give SemEval-2022 Task 8 JSONL records.")
    write_predictions(predictions, rows)
    pred, target = np.array(overlap), np.array(gold)
    geo_pred, geo_target = np.array(place_overlap), np.array(gold_geo)
    emit_metrics({"task": "entity-overlap", "pairs": len(rows), "pearson": pearson(pred, target),
                  "by_language_pair": by_language_pair(pairs, pred, target),
                  "entities_per_article": _per_language(counts),
                  "geography": {"pearson": pearson(geo_pred, geo_target),
                                "by_language_pair": by_language_pair(pairs, geo_pred, geo_target),
                                "places_per_article": _per_language(place_counts)}})
