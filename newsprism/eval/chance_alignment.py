"""`newsprism eval chance-alignment --data FILE`: how many of the fact matrix's alignments are chance, on real
multi-outlet stories that carry no alignment labels (BASIL, AllSides, any JSONL with `id`, `story`, `text`).

The fact matrix aligns two claims when their score clears a threshold and each is near the other's best
match (compare/facts.py `aligned_edges`). Two reports of one story share a topic, so some of those alignments
pair claims that say different things about it. Without labels their share is estimated with hard
negatives: each article is also aligned with the most similar article of another story (by its mean claim
vector), where every alignment is chance. The chance alignments per article pair, scaled to the number of
same-story pairs, estimate how many same-story alignments are chance; `est_precision` is one minus that
share, overall and per score band. It errs both ways: another story is less alike than a second report of
the same one, which leaves chance alignments uncounted (the estimate runs high); stories on related events
share facts (BASIL has several on Clinton's emails, and two on one congressman that give the same figure),
and AllSides repeats events under two ids, which counts true alignments as chance (it runs low). Few
stories give few close negatives: run it on a whole file.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from collections import defaultdict
from itertools import islice
from typing import Any

import click
import numpy as np

from ..compare.align import core_text, word_vectors
from ..compare.claims import Claim, claims_of
from ..compare.core import align_claims, analyze_if_available
from ..compare.facts import FACT_THRESHOLD
from ..embed import DEFAULT_ENCODER, get_encoder
from ..errors import DataFormatError
from ..model import Article
from ..stories.embeddings import FileVectorCache, embed_texts
from .common import emit_metrics, read_jsonl, write_predictions

__all__ = ["BANDS", "hard_negatives", "band_counts", "command"]

# Lower edges of the score bands reported (alignments start at FACT_THRESHOLD).
BANDS = (FACT_THRESHOLD, 0.75, 0.8, 0.85, 0.9)


def _load(path: str, limit: int | None) -> tuple[list[Article], list[str]]:
    stories: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in read_jsonl(path, required=("id", "story", "text")):
        stories[str(rec["story"])].append(rec)
    articles, labels = [], []
    for story, recs in islice(stories.items(), limit):
        for r in recs:
            articles.append(Article(id=str(r["id"]), text=str(r["text"] or ""), source=path, title=r.get("title"),
                                    outlet=r.get("outlet"), published=r.get("date") or r.get("published"),
                                    language=r.get("language") or "en"))
            labels.append(story)
    if len(set(labels)) < 2:
        raise DataFormatError("too-few-stories", f"{path}: fewer than two stories, so there is no other story to "
                              "draw hard negatives from.", "Give a JSONL file of articles (id, story, text) from "
                              "two or more stories, each with two or more articles.")
    return articles, labels


def hard_negatives(means: np.ndarray, labels: list[str]) -> list[tuple[int, int]]:
    """For each article, the most similar article (row of unit `means`) of another story; each pair once."""
    sims = means @ means.T
    same = np.array(labels)[:, None] == np.array(labels)[None, :]
    sims[same] = -np.inf
    pairs = {tuple(sorted((i, int(np.argmax(sims[i]))))) for i in range(len(labels)) if np.isfinite(sims[i]).any()}
    return sorted(pairs)  # type: ignore[arg-type]


def band_counts(scores: list[float]) -> list[int]:
    edges = list(BANDS) + [np.inf]
    return [sum(lo <= s < hi for s in scores) for lo, hi in zip(edges, edges[1:])]


def _estimate(same: int, chance: float) -> float | None:
    return round(max(0.0, 1.0 - chance / same), 4) if same else None


@click.command("chance-alignment")
@click.option("--data", required=True, type=click.Path(),
              help="JSONL articles with id, story and text (e.g. basil/dev.jsonl), two or more per story.")
@click.option("--predictions", type=click.Path(), help="Write every alignment (same-story and hard-negative) as JSONL.")
@click.option("--limit", type=int, default=None, help="Only the first N stories of the file.")
def command(data: str, predictions: str | None, limit: int | None) -> None:
    """Share of the fact matrix's alignments that are chance, estimated with hard negatives (no labels)."""
    started = time.perf_counter()
    articles, labels = _load(data, limit)
    by_story: dict[str, list[int]] = defaultdict(list)
    for i, story in enumerate(labels):
        by_story[story].append(i)
    same_pairs = [p for members in by_story.values() for p in itertools.combinations(members, 2)]
    if not same_pairs:
        raise DataFormatError("no-story-pairs", f"{data}: no story has two articles.",
                              "Give two or more articles per story.")
    for a in articles:
        analyze_if_available(a)  # the entity names the alignment score reads, as comparisons have them
    claims = [claims_of(a, 0) for a in articles]
    encoder = get_encoder(DEFAULT_ENCODER)
    flat = [c for cs in claims for c in cs]
    vectors = embed_texts([core_text(c.text) for c in flat], FileVectorCache(), encoder)
    rows, offset = [], 0
    for cs in claims:
        rows.append(vectors[offset:offset + len(cs)])
        offset += len(cs)
    means = np.vstack([r.mean(0) if len(r) else np.zeros(vectors.shape[1], np.float32) for r in rows])
    means /= np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-9)
    negative_pairs = hard_negatives(means, labels)
    words = word_vectors(encoder)
    scores: dict[str, list[float]] = {"same": [], "negative": []}
    out = []
    for kind, pairs in (("same", same_pairs), ("negative", negative_pairs)):
        for i, j in pairs:
            if not claims[i] or not claims[j]:
                continue
            pair_claims: list[Claim] = claims[i] + [dataclasses.replace(c, article=1) for c in claims[j]]
            edges = align_claims([articles[i], articles[j]], pair_claims, np.vstack([rows[i], rows[j]]), words)
            for a, b, s in edges:
                scores[kind].append(s)
                out.append({"kind": kind, "a": articles[i].id, "b": articles[j].id, "a_claim": a.index,
                            "b_claim": b.index, "score": round(s, 4), "a_text": a.text, "b_text": b.text})
    write_predictions(predictions, out)
    scale = len(same_pairs) / max(1, len(negative_pairs))
    same_bands, negative_bands = band_counts(scores["same"]), band_counts(scores["negative"])
    bands = {f"{lo:.2f}+": {"same": s, "negative": n, "est_precision": _estimate(s, n * scale)}
             for lo, s, n in zip(BANDS, same_bands, negative_bands)}
    emit_metrics({"task": "chance-alignment", "articles": len(articles), "stories": len(by_story),
                  "same_story_pairs": len(same_pairs), "negative_pairs": len(negative_pairs),
                  "same_story_alignments": len(scores["same"]), "negative_alignments": len(scores["negative"]),
                  "alignments_per_pair": {"same": round(len(scores["same"]) / len(same_pairs), 3),
                                          "negative": round(len(scores["negative"]) / max(1, len(negative_pairs)), 3)},
                  "est_precision": _estimate(len(scores["same"]), len(scores["negative"]) * scale),
                  "bands": bands, "seconds": round(time.perf_counter() - started, 1)})
