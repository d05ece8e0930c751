"""`newsprism eval stories --data FILE`: story clustering on the ecbplus and allsides-triplets formats.

Each record has `id`, `story` and `text` (allsides adds `title`; a `date` or `published` field is used
when present). All articles of the file are clustered in one run, from text (and dates) only: ids, line
order and the `story` field serve only to score. Metrics: B-cubed precision/recall/F1 over articles
and pairwise precision/recall/F1.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Hashable, Sequence

import click

from ..embed import get_encoder
from ..errors import DataFormatError
from ..stories.corpus import CorpusArticle, cluster_corpus
from .common import emit_metrics, prf, read_jsonl, write_predictions

__all__ = ["bcubed", "pairwise", "detect_format", "load_articles", "command"]


def bcubed(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1, averaged over items."""
    both = Counter(zip(gold, pred))
    gold_size, pred_size = Counter(gold), Counter(pred)
    n = len(gold)
    if n == 0:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    p = sum(both[(g, q)] / pred_size[q] for g, q in zip(gold, pred)) / n
    r = sum(both[(g, q)] / gold_size[g] for g, q in zip(gold, pred)) / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _pairs(sizes: Counter) -> int:
    return sum(c * (c - 1) // 2 for c in sizes.values())


def pairwise(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict[str, float]:
    """Precision/recall/F1 over the article pairs put in one story."""
    tp = _pairs(Counter(zip(gold, pred)))
    return prf(tp, _pairs(Counter(pred)) - tp, _pairs(Counter(gold)) - tp)


def detect_format(record: dict[str, Any]) -> str:
    if "sentences" in record:
        return "ecbplus"
    if "date" in record or "published" in record:
        return "dated-stories"  # e.g. BASIL: the dates take part in the clustering
    if "title" in record:
        return "allsides-triplets"
    return "stories"


def load_articles(path: str) -> tuple[str, list[CorpusArticle], list[str]]:
    records = list(read_jsonl(path, required=("id", "story", "text")))
    if not records:
        raise DataFormatError("empty", f"{path}: no records.", "Give a JSONL file with id, story and text.")
    articles = [CorpusArticle(id=str(r["id"]), text=r["text"] or "", title=r.get("title"),
                              published=r.get("published") or r.get("date")) for r in records]
    return detect_format(records[0]), articles, [str(r["story"]) for r in records]


@click.command("stories")
@click.option("--data", required=True, type=click.Path(), help="JSONL in the ecbplus or allsides-triplets format.")
@click.option("--predictions", type=click.Path(), help="Write {id, story_pred} per article as JSONL.")
@click.option("--encoder", envvar="NEWSPRISM_ENCODER", default=None, metavar="NAME",
              help="Embedding model (default: the offline multilingual USE); the clustering settings follow it.")
def command(data: str, predictions: str | None, encoder: str | None) -> None:
    """Story clustering: B-cubed and pairwise P/R/F1, all articles in one clustering run."""
    fmt, articles, gold = load_articles(data)
    model = get_encoder(encoder)
    labels = cluster_corpus(articles, encoder=model)
    write_predictions(predictions, ({"id": a.id, "story_pred": int(l)} for a, l in zip(articles, labels)))
    emit_metrics({"task": "stories", "format": fmt, "encoder": model.name, "articles": len(articles),
                  "gold_stories": len(set(gold)), "predicted_stories": len(set(labels)),
                  "bcubed": bcubed(gold, list(labels)), "pairwise": pairwise(gold, list(labels))})
