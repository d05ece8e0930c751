"""Vector search beside a store: a faiss file (SQLite, or PostgreSQL without pgvector) and pgvector."""

from __future__ import annotations

import json

import numpy as np
import pytest

from newsprism.embed import get_encoder
from newsprism.store import open_store
from newsprism.store.vectors import FaissIndex, open_vector_index

from .conftest import DATA, pg_database_url


@pytest.fixture(scope="module")
def vectors() -> tuple[list[str], np.ndarray, list[dict]]:
    with open(DATA / "basil" / "dev.jsonl", encoding="utf-8") as fh:
        records = [json.loads(line) for _, line in zip(range(24), fh)]
    matrix = get_encoder().encode([f"{r['title']}\n{r['text'][:2000]}" for r in records])
    return [r["id"] for r in records], matrix, records


def _check_index(index, ids, matrix, records) -> None:
    index.add(ids, matrix)
    assert len(index) == len(ids)
    for i in range(len(ids)):
        assert index.search(matrix[i], 1)[0][0] == ids[i]
    # the nearest other article of a BASIL article is most often one of its story's two other reports
    same = 0
    for i, r in enumerate(records):
        best = next(x for x, _ in index.search(matrix[i], 3) if x != ids[i])
        same += next(s["story"] for s in records if s["id"] == best) == r["story"]
    assert same >= len(ids) * 0.6
    index.add(ids[:2], matrix[:2])  # re-adding replaces, never duplicates
    assert len(index) == len(ids)


def test_faiss_file_beside_a_sqlite_store(tmp_path, vectors):
    store = open_store(str(tmp_path / "s.db"))
    index = open_vector_index(store, matrix_dim := vectors[1].shape[1])
    assert index.kind == "faiss" and str(index.path).startswith(str(tmp_path / "s.db"))
    _check_index(index, *vectors)
    reopened = FaissIndex(index.path, matrix_dim)
    assert reopened.search(vectors[1][3], 1)[0][0] == vectors[0][3]


def test_pgvector_and_faiss_fallback_on_postgres(tmp_path, pg_server, vectors):
    store = open_store(pg_database_url(pg_server, "vectors"))
    try:
        index = open_vector_index(store, vectors[1].shape[1])
        assert index.kind == "pgvector"
        _check_index(index, *vectors)
        fallback = open_vector_index(store, vectors[1].shape[1], path=tmp_path / "pg.faiss")
        assert fallback.kind == "faiss"
        _check_index(fallback, *vectors)
        ids, matrix, _ = vectors
        assert [x for x, _ in index.search(matrix[5], 5)] == [x for x, _ in fallback.search(matrix[5], 5)]
    finally:
        store.close()
