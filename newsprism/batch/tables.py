"""Parquet tables of a batch: their schemas, per-file parts, and loading the final tables into a store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ..model import Article, Rejected

__all__ = ["SCHEMAS", "FINAL_TABLES", "write_table", "read_table", "part_path", "load_into_store"]

_STR = pa.string()
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([("id", _STR), ("source", _STR), ("url", _STR), ("outlet", _STR), ("title", _STR),
                           ("published", _STR), ("language", _STR), ("raw_hash", _STR), ("text", _STR),
                           ("data", _STR), ("file_key", _STR), ("position", pa.int64()),
                           ("minhash", pa.list_(pa.uint64()))]),
    "sentences": pa.schema([("article_id", _STR), ("n", pa.int32()), ("start", pa.int32()), ("end", pa.int32()),
                            ("paragraph", pa.int32()), ("text", _STR)]),
    "entities": pa.schema([("article_id", _STR), ("entity", _STR), ("name", _STR), ("label", _STR),
                           ("text", _STR), ("start", pa.int32()), ("end", pa.int32())]),
    "quotes": pa.schema([("article_id", _STR), ("text", _STR), ("kind", _STR), ("speaker", _STR),
                         ("speaker_id", _STR), ("cue", _STR), ("start", pa.int32()), ("end", pa.int32()),
                         ("speakers", _STR),  # every speaker of a joint statement, 'A and B'; else `speaker`
                         ("channel", _STR)]),  # where the outlet had the words from ('according to CNN': 'CNN')
    "places": pa.schema([("article_id", _STR), ("name", _STR), ("text", _STR), ("start", pa.int32()),
                         ("end", pa.int32()), ("lat", pa.float64()), ("lon", pa.float64()), ("country", _STR),
                         ("geonameid", pa.int64())]),
    "embeddings": pa.schema([("article_id", _STR), ("model", _STR), ("vector", pa.list_(pa.float32())),
                             ("title_vector", pa.list_(pa.float32()))]),
    "bands": pa.schema([("band", _STR), ("article_id", _STR)]),
    "rejected": pa.schema([("source", _STR), ("stage", _STR), ("reason", _STR), ("message", _STR),
                           ("raw_hash", _STR), ("sample", _STR)]),
    "stories": pa.schema([("story", _STR), ("article_id", _STR), ("syndication_group", _STR), ("window", _STR)]),
}
FINAL_TABLES = ("articles", "sentences", "entities", "quotes", "places", "embeddings", "stories", "rejected")


def part_path(out: str | Path, file_key: str, table: str) -> Path:
    return Path(out) / "parts" / file_key / f"{table}.parquet"


def write_table(path: Path, table: str, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]), tmp, compression="zstd")
    tmp.replace(path)  # a killed run never leaves a half-written part that looks complete


def read_table(path: Path, columns: list[str] | None = None) -> pa.Table:
    return pq.read_table(path, columns=columns)


def _rows(path: Path, columns: list[str] | None = None, batch: int = 2000) -> Iterator[dict[str, Any]]:
    for record_batch in pq.ParquetFile(path).iter_batches(batch_size=batch, columns=columns):
        yield from record_batch.to_pylist()


def load_into_store(out: str | Path, store: Any, vectors: bool = True) -> dict[str, int]:
    """Add the final tables of a batch to a store: articles (with their story as an analysis payload),
    rejected inputs, and article vectors in the store's vector index."""
    tables = Path(out) / "tables"
    story_of = {r["article_id"]: r for r in _rows(tables / "stories.parquet")}
    added = 0
    for row in _rows(tables / "articles.parquet", ["id", "text", "data"]):
        article = Article.from_dict({**json.loads(row["data"]), "text": row["text"]})
        story = story_of.get(article.id)
        if story:
            article.analysis["batch_story"] = {"version": "1", "story": story["story"],
                                               "syndication_group": story["syndication_group"]}
        added += store.add_article(article)
    rejected = 0
    for row in _rows(tables / "rejected.parquet"):
        store.add_rejected(Rejected(**row))
        rejected += 1
    indexed = 0
    if vectors:
        indexed = _load_vectors(tables / "embeddings.parquet", store)
    return {"articles_added": added, "rejected": rejected, "vectors": indexed}


def _load_vectors(path: Path, store: Any) -> int:
    from ..store.vectors import open_vector_index

    index = None
    count = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=5000, columns=["article_id", "vector"]):
        ids = batch.column("article_id").to_pylist()
        if not ids:
            continue
        matrix = np.asarray(batch.column("vector").to_pylist(), dtype=np.float32)
        index = index or open_vector_index(store, matrix.shape[1])
        index.add(ids, matrix)
        count += len(ids)
    return count
